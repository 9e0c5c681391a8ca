"""The forecast said aloud: one day ("北京市明天小雨，2到6度"), or several days in one short summary
("北京市从今天到星期四，明天、星期四有雨；气温-6到10度，星期四最冷。"), from Open-Meteo's daily
fields. Pure logic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from assistant.tools.base import ToolContext, ToolResult
from assistant.tools.clock import WEEKDAYS_EN, WEEKDAYS_ZH

# WMO weather interpretation codes (Open-Meteo's ``weather_code``).
WMO_ZH = {
    0: "晴",
    1: "晴间多云",
    2: "多云",
    3: "阴",
    45: "有雾",
    48: "有雾",
    51: "毛毛雨",
    53: "毛毛雨",
    55: "毛毛雨",
    56: "冻毛毛雨",
    57: "冻毛毛雨",
    61: "小雨",
    63: "中雨",
    65: "大雨",
    66: "冻雨",
    67: "冻雨",
    71: "小雪",
    73: "中雪",
    75: "大雪",
    77: "小雪",
    80: "阵雨",
    81: "阵雨",
    82: "大阵雨",
    85: "阵雪",
    86: "大阵雪",
    95: "雷阵雨",
    96: "雷阵雨伴有冰雹",
    99: "雷阵雨伴有冰雹",
}
WMO_EN = {
    0: "clear",
    1: "mostly clear",
    2: "partly cloudy",
    3: "overcast",
    45: "foggy",
    48: "foggy",
    51: "drizzly",
    53: "drizzly",
    55: "drizzly",
    56: "freezing drizzle",
    57: "freezing drizzle",
    61: "light rain",
    63: "rain",
    65: "heavy rain",
    66: "freezing rain",
    67: "freezing rain",
    71: "light snow",
    73: "snow",
    75: "heavy snow",
    77: "snow grains",
    80: "showers",
    81: "showers",
    82: "heavy showers",
    85: "snow showers",
    86: "heavy snow showers",
    95: "thunderstorms",
    96: "thunderstorms with hail",
    99: "thunderstorms with hail",
}
_WET = {51, 53, 55, 56, 57, 61, 63, 65, 66, 67, 80, 81, 82, 95, 96, 99}
_SNOW = {71, 73, 75, 77, 85, 86}
_DAY_ZH = ("今天", "明天", "后天")
_DAY_EN = ("today", "tomorrow", "the day after tomorrow")


class MalformedForecast(Exception):
    """The forecast lacks a field or a day asked for."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Day:
    offset: int  # days from today
    code: int
    high: int
    low: int
    chance: int | None  # the chance of rain, in percent

    @property
    def snowy(self) -> bool:
        return self.code in _SNOW

    @property
    def wet(self) -> bool:
        return self.code in _WET or (self.chance is not None and self.chance >= 50 and not self.snowy)


def forecast_day(data: Mapping[str, Any], offset: int) -> Day:
    """Day ``offset`` of Open-Meteo's ``daily`` block."""
    try:
        daily = data["daily"]
        rain = daily.get("precipitation_probability_max") or []
        return Day(
            offset=offset,
            code=int(daily["weather_code"][offset]),
            high=round(float(daily["temperature_2m_max"][offset])),
            low=round(float(daily["temperature_2m_min"][offset])),
            chance=int(rain[offset]) if len(rain) > offset and rain[offset] is not None else None,
        )
    except (KeyError, IndexError, TypeError, ValueError):
        raise MalformedForecast(f"no day {offset} in the forecast") from None


def day_zh(offset: int, today: date) -> str:
    """"今天", "明天", "后天", then the weekday ("星期六"; "下星期一" once past this Sunday)."""
    if offset < len(_DAY_ZH):
        return _DAY_ZH[offset]
    weekday = today.weekday() + offset
    return ("下" if weekday > 6 else "") + WEEKDAYS_ZH[weekday % 7]


def day_en(offset: int, today: date) -> str:
    if offset < len(_DAY_EN):
        return _DAY_EN[offset]
    weekday = today.weekday() + offset
    return ("next " if weekday > 6 else "") + WEEKDAYS_EN[weekday % 7]


def spoken_day(place: str, data: Mapping[str, Any], offset: int, ctx: ToolContext) -> ToolResult:
    """One day's forecast, with the temperature now for today."""
    day = forecast_day(data, offset)
    current = data.get("current") or {}
    try:
        now_temp = round(float(current["temperature_2m"])) if offset == 0 and "temperature_2m" in current \
            else None
    except (TypeError, ValueError):
        raise MalformedForecast("current temperature") from None
    today = ctx.now.date()
    sky_zh, sky_en = WMO_ZH.get(day.code, "天气多变"), WMO_EN.get(day.code, "changeable")
    chance = day.chance
    if ctx.language == "en":
        text = f"{day_en(offset, today).capitalize()} in {place}: {sky_en}, {day.low} to {day.high} degrees"
        text += (f", {now_temp} degrees now" if now_temp is not None else "") + "."
        if chance is not None and chance >= 50:
            text += " Take an umbrella."
    else:
        text = f"{place}{day_zh(offset, today)}{sky_zh}，{day.low}到{day.high}度"
        text += f"，现在{now_temp}度" if now_temp is not None else ""
        text += (f"，下雨的可能是百分之{chance}" if chance is not None and chance >= 30 else "") + "。"
        if (chance is not None and chance >= 50) or day.code in _WET:
            text += "出门记得带伞。"
        elif day.low <= 5:
            text += "天冷，注意保暖。"
    return ToolResult(
        text=text,
        data={"city": place, "day": offset, "date": (today + timedelta(days=offset)).isoformat(),
              "weather_code": day.code, "high": day.high, "low": day.low,
              "precipitation_probability": chance, "temperature_now": now_temp},
        grounded=frozenset({"weather"}),
    )


def spoken_span(place: str, data: Mapping[str, Any], first: int, count: int, ctx: ToolContext) -> ToolResult:
    """Several days in one summary: which days have rain or snow, the range of temperatures, the
    coldest day."""
    days = [forecast_day(data, offset) for offset in range(first, first + count)]
    today = ctx.now.date()
    name = day_en if ctx.language == "en" else day_zh
    rainy = [name(d.offset, today) for d in days if d.wet]
    snowy = [name(d.offset, today) for d in days if d.snowy]
    low, high = min(d.low for d in days), max(d.high for d in days)
    coldest = name(min(days, key=lambda d: (d.low, d.high)).offset, today)
    first_name, last_name = name(days[0].offset, today), name(days[-1].offset, today)
    if ctx.language == "en":
        wet = "; ".join([*([f"rain {' and '.join(rainy)}"] if rainy else []),
                         *([f"snow {' and '.join(snowy)}"] if snowy else [])]) or "no rain or snow"
        text = (f"{place} from {first_name} to {last_name}: {wet}; {low} to {high} degrees, "
                f"coldest {coldest}.")
        text += " Take an umbrella on the rainy days." if rainy else ""
    else:
        wet = "，".join([*([f"{'、'.join(rainy)}有雨"] if rainy else []),
                        *([f"{'、'.join(snowy)}有雪"] if snowy else [])]) or "都没有雨雪"
        text = f"{place}从{first_name}到{last_name}，{wet}；气温{low}到{high}度，{coldest}最冷。"
        if rainy or snowy:
            text += "有雨雪的日子出门记得带伞，路滑慢点走。" if snowy else "有雨的日子出门记得带伞。"
        elif low <= 5:
            text += "天冷，注意保暖。"
    return ToolResult(
        text=text,
        data={"city": place, "days": [{"date": (today + timedelta(days=d.offset)).isoformat(),
                                       "weather_code": d.code, "high": d.high, "low": d.low,
                                       "precipitation_probability": d.chance} for d in days],
              "high": high, "low": low},
        grounded=frozenset({"weather"}),
    )
