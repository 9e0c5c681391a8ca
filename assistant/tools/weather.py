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
from assistant.tools.clock import days_to_weekday
from assistant.tools.weather_speech import MalformedForecast, spoken_day, spoken_span

log = logging.getLogger(__name__)

FORECAST_DAYS = 7  # today and the six days after it (Open-Meteo's daily forecast)


def days_asked(args: Mapping[str, Any], today: int) -> tuple[int, int]:
    """The first day (0 today) and how many days the weather ``args`` ask about, ``today`` being a
    weekday (0 Monday): one day, a weekday ("星期六"), the weekend (Saturday and Sunday), the rest of
    this week ("这礼拜"), or ``days`` from ``day`` ("这几天")."""
    first = max(0, int(args.get("day") or 0))
    if args.get("weekday") is not None:
        next_week, weekend = bool(args.get("next_week")), bool(args.get("weekend"))
        first = days_to_weekday(today, int(args["weekday"]), next_week=next_week, weekend=weekend)
        if weekend:  # to the Sunday of that weekend
            return first, days_to_weekday(today, 6, next_week=next_week) - first + 1
        return first, 1
    if args.get("week"):
        return first, max(1, 7 - today - first)
    return first, max(1, min(FORECAST_DAYS, int(args.get("days") or 1)))


FAR_DAY_ZH = "我只能查七天之内的天气，那天的天气，您过几天再问我。"
FAR_DAY_EN = "I can only look up the weather for the next seven days; ask me again closer to the day."
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
        description="查询天气预报（七天之内的某一天或者几天）。"
        "Weather forecast for a day or several days within the next seven.",
        parameters={
            "type": "object",
            "properties": {
                "city": {"type": "string", "description": "城市名；不填就用用户设置的城市"},
                "day": {"type": "integer", "minimum": 0, "maximum": 6,
                        "description": "0 今天, 1 明天, 2 后天 … 6"},
                "days": {"type": "integer", "minimum": 1, "maximum": 7,
                         "description": "从 day 起连着查几天，例如“这几天”是 4"},
                "weekday": {"type": "integer", "minimum": 0, "maximum": 6,
                            "description": "星期几（0 星期一 … 6 星期日），代替 day"},
                "next_week": {"type": "boolean", "description": "weekday 是下个星期的"},
                "weekend": {"type": "boolean", "description": "周末（星期六和星期日）"},
                "week": {"type": "boolean", "description": "这个星期剩下的几天"},
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
        day, count = days_asked(args, ctx.now.weekday())
        if day >= FORECAST_DAYS:  # "下礼拜天冷不冷": say so rather than read out another day's forecast
            return ToolResult(text=zh(ctx, FAR_DAY_ZH, FAR_DAY_EN), data={"reason": "too_far", "day": day},
                              ok=False)
        count = min(count, FORECAST_DAYS - day)
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
            if count > 1:
                return spoken_span(place.name, forecast, day, count, ctx)
            return spoken_day(place.name, forecast, day, ctx)
        except (WeatherUnavailable, MalformedForecast) as exc:
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
                "forecast_days": FORECAST_DAYS,
            },
        )
        self._forecasts[key] = (time.monotonic(), data)
        return data
