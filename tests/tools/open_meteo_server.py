"""A real local HTTP server (Starlette on uvicorn, 127.0.0.1) that speaks Open-Meteo's JSON.

``/v1/search`` is the geocoding API, ``/v1/forecast`` the forecast API, with the real field names
(``results[].latitude``, ``current.temperature_2m``, ``daily.weather_code``, ...). Prefix the
path with ``/slow`` to delay every answer by ``slow_s``, or ``/broken`` for HTTP 500.
"""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

PLACES = {
    "北京": {
        "id": 1816670,
        "name": "北京市",
        "latitude": 39.9075,
        "longitude": 116.39723,
        "elevation": 49.0,
        "feature_code": "PPLC",
        "country_code": "CN",
        "admin1_id": 2038349,
        "timezone": "Asia/Shanghai",
        "population": 18960744,
        "country_id": 1814991,
        "country": "中国",
        "admin1": "北京市",
    },
    "london": {
        "id": 2643743,
        "name": "London",
        "latitude": 51.50853,
        "longitude": -0.12574,
        "elevation": 25.0,
        "feature_code": "PPLC",
        "country_code": "GB",
        "timezone": "Europe/London",
        "country": "United Kingdom",
        "admin1": "England",
    },
}


# Seven days from Monday 30 November 2026, as Open-Meteo gives them; ``forecast_days`` cuts them.
DAILY: dict[str, list[Any]] = {
    "time": ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05",
             "2026-12-06"],
    "weather_code": [2, 61, 0, 3, 71, 1, 2],
    "temperature_2m_max": [9.6, 6.2, 4.9, 5.5, 1.2, 3.8, 7.0],
    "temperature_2m_min": [-1.3, 1.8, -4.6, -2.0, -6.3, -5.1, 0.4],
    "precipitation_probability_max": [3, 85, 0, 10, 70, 5, 20],
}


def forecast_payload(latitude: float, longitude: float, days: int = 7) -> dict[str, Any]:
    return {
        "latitude": latitude,
        "longitude": longitude,
        "generationtime_ms": 0.07,
        "utc_offset_seconds": 28800,
        "timezone": "Asia/Shanghai",
        "timezone_abbreviation": "GMT+8",
        "elevation": 49.0,
        "current_units": {
            "time": "iso8601",
            "interval": "seconds",
            "temperature_2m": "°C",
            "weather_code": "wmo code",
            "wind_speed_10m": "km/h",
        },
        "current": {
            "time": "2026-11-30T15:45",
            "interval": 900,
            "temperature_2m": 7.4,
            "weather_code": 2,
            "wind_speed_10m": 9.7,
        },
        "daily_units": {
            "time": "iso8601",
            "weather_code": "wmo code",
            "temperature_2m_max": "°C",
            "temperature_2m_min": "°C",
            "precipitation_probability_max": "%",
        },
        "daily": {name: values[:days] for name, values in DAILY.items()},
    }


class OpenMeteoServer:
    def __init__(self, *, slow_s: float = 5.0) -> None:
        self.slow_s = slow_s
        self.hits: list[str] = []
        app = Starlette(
            routes=[
                Route("/{mode:path}/v1/search", self.search),
                Route("/v1/search", self.search),
                Route("/{mode:path}/v1/forecast", self.forecast),
                Route("/v1/forecast", self.forecast),
            ]
        )
        self._server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off")
        )
        self._thread = threading.Thread(target=self._server.run, name="open-meteo", daemon=True)

    @property
    def root(self) -> str:
        port = self._server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def start(self) -> None:
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the Open-Meteo test server did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)

    async def _mode(self, request: Request) -> JSONResponse | None:
        mode = request.path_params.get("mode", "")
        self.hits.append(f"{mode}:{request.url.path.rsplit('/', 1)[-1]}")
        if mode == "slow":
            await asyncio.sleep(self.slow_s)
        if mode == "broken":
            return JSONResponse({"error": True, "reason": "Internal error"}, status_code=500)
        if request.query_params.get("format", "json") != "json" and request.url.path.endswith("search"):
            return JSONResponse({"error": True, "reason": "only json"}, status_code=400)
        return None

    async def search(self, request: Request) -> JSONResponse:
        failed = await self._mode(request)
        if failed is not None:
            return failed
        place = PLACES.get(request.query_params.get("name", "").lower())
        return JSONResponse(
            {"results": [place], "generationtime_ms": 0.6} if place else {"generationtime_ms": 0.4}
        )

    async def forecast(self, request: Request) -> JSONResponse:
        failed = await self._mode(request)
        if failed is not None:
            return failed
        try:
            latitude = float(request.query_params["latitude"])
            longitude = float(request.query_params["longitude"])
            days = int(request.query_params.get("forecast_days", "7"))
        except (KeyError, ValueError):
            return JSONResponse(
                {"error": True, "reason": "Parameter 'latitude' is required"}, status_code=400
            )
        if not 0 <= days <= 16:
            return JSONResponse({"error": True, "reason": "Forecast days is invalid. Allowed range 0 to 16."},
                                status_code=400)
        return JSONResponse(forecast_payload(latitude, longitude, days))
