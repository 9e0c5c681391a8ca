"""The weather from Open-Meteo (forecast and geocoding; no key), for the user's city.

The city is a per-user setting (``city``, set by the family), or named in the question. Places are
cached for a day and forecasts for ``cache_s`` (10 minutes by default); each request has a short
timeout. With no city, an unknown one, or the service down or slow, the answer says so in one short
honest sentence and states no weather at all.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from assistant.storage.db import DatabaseThread
from assistant.storage.household import Households
from assistant.storage.profile import UserSettings, resolve_user_id
from assistant.tools.base import ToolContext, ToolResult, ToolSpec, zh
from assistant.tools.city_names import readings

log = logging.getLogger(__name__)

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
_DAY_ZH = ("今天", "明天", "后天")


def days_to_weekday(today: int, weekday: int, *, next_week: bool = False, weekend: bool = False) -> int:
    """Days from ``today`` to ``weekday`` (0 Monday .. 6 Sunday) of this week or the next; at the
    weekend, "周末" is today."""
    if next_week:
        return (7 - today) + weekday  # to next Monday, then into that week
    if weekend and today >= 5:
        return 0
    return (weekday - today) % 7  # the coming one


FAR_DAY_ZH = "我只能查今天、明天和后天的天气，那天的天气，您到时候再问我。"
FAR_DAY_EN = ("I can only look up the weather for today, tomorrow and the day after; "
              "ask me again closer to the day.")
_DAY_EN = ("today", "tomorrow", "the day after tomorrow")
_PLACE_TTL_S = 86400.0

NO_CITY_ZH = "我现在查不到天气，家人可以在设置里填上您住的城市。"
NO_CITY_EN = "I can't look up the weather yet: your family can set your city in the settings."
DOWN_ZH = "我现在查不到天气，网络好像不通，请稍后再问我。"
DOWN_EN = "I can't look up the weather right now: the weather service isn't answering. Please ask me later."


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    name: str
    latitude: float
    longitude: float


class WeatherUnavailable(Exception):
    """The weather service failed, timed out or answered nonsense (the reason is for the log)."""


class WeatherTool:
    spec = ToolSpec(
        name="weather",
        description="查询天气预报（今天、明天、后天）。"
        "Weather forecast for today, tomorrow or the day after.",
        parameters={
            "type": "object",
            "properties": {
                "city": {"type": "string", "description": "城市名；不填就用用户设置的城市"},
                "day": {"type": "integer", "enum": [0, 1, 2], "description": "0 今天, 1 明天, 2 后天"},
            },
        },
        timeout_s=6.0,
    )

    def __init__(
        self,
        *,
        forecast_url: str,
        geocoding_url: str,
        database: DatabaseThread | None,
        timeout_s: float = 2.5,
        cache_s: float = 600.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._forecast_url = forecast_url.rstrip("/")
        self._geocoding_url = geocoding_url.rstrip("/")
        self._dbt = database
        self._timeout_s = timeout_s
        self._cache_s = cache_s
        self._transport = transport
        self._places: dict[str, tuple[float, Place | None]] = {}
        self._forecasts: dict[tuple[float, float], tuple[float, dict[str, Any]]] = {}
        self._client: httpx.AsyncClient | None = None
        self._client_loop: asyncio.AbstractEventLoop | None = None
        self.requests = 0  # HTTP requests made (for tests of the cache)

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def run(self, args: Mapping[str, Any], ctx: ToolContext) -> ToolResult:
        day = max(0, int(args.get("day") or 0))
        if args.get("weekday") is not None:
            day = days_to_weekday(ctx.now.weekday(), int(args["weekday"]),
                                  next_week=bool(args.get("next_week")), weekend=bool(args.get("weekend")))
        if day > 2:  # "周末会下雨吗" on a Tuesday: say so rather than read out another day's forecast
            return ToolResult(text=zh(ctx, FAR_DAY_ZH, FAR_DAY_EN), data={"reason": "too_far", "day": day},
                              ok=False)
        city = str(args.get("city") or "").strip() or await self._user_city(ctx)
        if not city:
            return ToolResult(text=zh(ctx, NO_CITY_ZH, NO_CITY_EN), data={"reason": "no_city"}, ok=False)
        try:
            place = await self._place(city, ctx.language)
            for known in readings(city) if place is None else ():
                place = await self._place(known, ctx.language)  # "伤海" heard for 上海
                if place is not None:
                    break
            if place is None:
                text = zh(
                    ctx,
                    f"我没有找到叫{city}的地方，查不到那里的天气。",
                    f"I couldn't find a place called {city}.",
                )
                return ToolResult(text=text, data={"reason": "unknown_city", "city": city}, ok=False)
            forecast = await self._forecast(place)
            return _spoken(place, forecast, day, ctx)
        except WeatherUnavailable as exc:
            log.warning("weather for %r unavailable: %s", city, exc)
            return ToolResult(text=zh(ctx, DOWN_ZH, DOWN_EN), data={"reason": "unavailable"}, ok=False)

    async def _user_city(self, ctx: ToolContext) -> str:
        if self._dbt is None:
            return ""
        dbt = self._dbt
        user_id = await dbt.run(resolve_user_id, dbt.db, ctx.user_key)
        city = await dbt.run(UserSettings(dbt.db).get, user_id, "city", "")
        if not city:  # the city the family set in the console (members.city)
            member = await dbt.run(Households(dbt.db).member, user_id)
            city = member.profile.city if member is not None else ""
        return str(city or "")

    def _http(self) -> httpx.AsyncClient:
        loop = asyncio.get_running_loop()
        if self._client is None or self._client_loop is not loop:
            self._client = httpx.AsyncClient(
                timeout=httpx.Timeout(self._timeout_s), transport=self._transport, follow_redirects=False
            )
            self._client_loop = loop
        return self._client

    async def _get(self, url: str, params: Mapping[str, Any]) -> dict[str, Any]:
        self.requests += 1
        try:
            async with asyncio.timeout(self._timeout_s):
                response = await self._http().get(url, params=dict(params))
        except (TimeoutError, httpx.TimeoutException):
            raise WeatherUnavailable(f"no answer from {url} within {self._timeout_s:g} s") from None
        except httpx.HTTPError as exc:
            raise WeatherUnavailable(f"{url}: {type(exc).__name__}") from None
        if response.status_code != 200:
            raise WeatherUnavailable(f"{url}: HTTP {response.status_code}")
        try:
            data = response.json()
        except ValueError:
            raise WeatherUnavailable(f"{url}: not JSON") from None
        if not isinstance(data, dict) or data.get("error"):
            raise WeatherUnavailable(f"{url}: {str(data)[:120]}")
        return data

    async def _place(self, city: str, language: str) -> Place | None:
        key = city.lower()
        cached = self._places.get(key)
        if cached is not None and time.monotonic() - cached[0] < _PLACE_TTL_S:
            return cached[1]
        data = await self._get(
            f"{self._geocoding_url}/search",
            {"name": city, "count": 1, "language": "en" if language == "en" else "zh", "format": "json"},
        )
        results = data.get("results") or []
        place = None
        if results and isinstance(results[0], dict):
            try:
                first = results[0]
                place = Place(
                    name=str(first.get("name") or city),
                    latitude=float(first["latitude"]),
                    longitude=float(first["longitude"]),
                )
            except (KeyError, TypeError, ValueError):
                raise WeatherUnavailable("geocoding: a result without coordinates") from None
        self._places[key] = (time.monotonic(), place)
        return place

    async def _forecast(self, place: Place) -> dict[str, Any]:
        key = (round(place.latitude, 3), round(place.longitude, 3))
        cached = self._forecasts.get(key)
        if cached is not None and time.monotonic() - cached[0] < self._cache_s:
            return cached[1]
        data = await self._get(
            f"{self._forecast_url}/forecast",
            {
                "latitude": place.latitude,
                "longitude": place.longitude,
                "current": "temperature_2m,weather_code,wind_speed_10m",
                "daily": "weather_code,temperature_2m_max,temperature_2m_min,precipitation_probability_max",
                "timezone": "auto",
                "forecast_days": 3,
            },
        )
        self._forecasts[key] = (time.monotonic(), data)
        return data


def _spoken(place: Place, data: Mapping[str, Any], day: int, ctx: ToolContext) -> ToolResult:
    try:
        daily = data["daily"]
        code = int(daily["weather_code"][day])
        high = round(float(daily["temperature_2m_max"][day]))
        low = round(float(daily["temperature_2m_min"][day]))
        rain = daily.get("precipitation_probability_max") or []
        chance = int(rain[day]) if len(rain) > day and rain[day] is not None else None
        current = data.get("current") or {}
        now_temp = (
            round(float(current["temperature_2m"])) if day == 0 and "temperature_2m" in current else None
        )
    except (KeyError, IndexError, TypeError, ValueError):
        raise WeatherUnavailable("forecast: missing or malformed fields") from None
    sky_zh, sky_en = WMO_ZH.get(code, "天气多变"), WMO_EN.get(code, "changeable")
    if ctx.language == "en":
        text = f"{_DAY_EN[day].capitalize()} in {place.name}: {sky_en}, {low} to {high} degrees"
        text += (f", {now_temp} degrees now" if now_temp is not None else "") + "."
        if chance is not None and chance >= 50:
            text += " Take an umbrella."
    else:
        text = f"{place.name}{_DAY_ZH[day]}{sky_zh}，{low}到{high}度"
        text += f"，现在{now_temp}度" if now_temp is not None else ""
        text += (f"，下雨的可能是百分之{chance}" if chance is not None and chance >= 30 else "") + "。"
        if (chance is not None and chance >= 50) or code in _WET:
            text += "出门记得带伞。"
        elif low <= 5:
            text += "天冷，注意保暖。"
    return ToolResult(
        text=text,
        data={
            "city": place.name,
            "day": day,
            "weather_code": code,
            "high": high,
            "low": low,
            "precipitation_probability": chance,
            "temperature_now": now_temp,
        },
        grounded=frozenset({"weather"}),
    )
