"""A local weather source for the eval: an HTTP server that speaks Open-Meteo's forecast and
geocoding JSON (the real paths, parameters and field names), with one fixed forecast.

The eval points the server's weather tool at it (``tools.weather_url``, ``tools.geocoding_url``,
when this build has them), so that "北京今天天气怎么样？" has a real answer the scoring knows, and
anything else the answer states about the weather is invented. No network is used.
"""

from __future__ import annotations

import dataclasses
import json
import threading
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from assistant.eval.rules import Forecast

PLACES = {  # name -> (latitude, longitude, timezone)
    "北京": (39.9075, 116.39723, "Asia/Shanghai"),
    "beijing": (39.9075, 116.39723, "Asia/Shanghai"),
    "上海": (31.22222, 121.45806, "Asia/Shanghai"),
    "shanghai": (31.22222, 121.45806, "Asia/Shanghai"),
    "广州": (23.11667, 113.25, "Asia/Shanghai"),
    "guangzhou": (23.11667, 113.25, "Asia/Shanghai"),
    "杭州": (30.29365, 120.16142, "Asia/Shanghai"),
    "hangzhou": (30.29365, 120.16142, "Asia/Shanghai"),
}
DAILY: dict[str, list[float]] = {
    "weather_code": [1, 61, 3],
    "temperature_2m_max": [14.2, 9.1, 11.0],
    "temperature_2m_min": [4.1, 2.3, 3.4],
    "precipitation_probability_max": [10, 80, 20],
    "precipitation_sum": [0.0, 6.5, 0.2],
    "wind_speed_10m_max": [12.0, 18.5, 9.0],
}
CURRENT: dict[str, float] = {
    "temperature_2m": 8.3,
    "weather_code": 1,
    "wind_speed_10m": 9.4,
    "relative_humidity_2m": 55,
    "apparent_temperature": 6.0,
    "is_day": 1,
    "precipitation": 0.0,
}
UNITS = {
    "weather_code": "wmo code",
    "temperature_2m": "°C",
    "temperature_2m_max": "°C",
    "temperature_2m_min": "°C",
    "apparent_temperature": "°C",
    "precipitation_probability_max": "%",
    "precipitation_sum": "mm",
    "precipitation": "mm",
    "wind_speed_10m": "km/h",
    "wind_speed_10m_max": "km/h",
    "relative_humidity_2m": "%",
    "is_day": "",
}
# What an answer may say about this forecast: its temperatures (rounded) and its skies (WMO 1, 61, 3).
FORECAST = Forecast(
    temperatures=tuple(
        sorted(
            {float(round(v)) for k in ("temperature_2m_max", "temperature_2m_min") for v in DAILY[k]}
            | {float(round(CURRENT["temperature_2m"])), float(round(CURRENT["apparent_temperature"]))}
        )
    ),
    conditions=("晴", "少云", "多云", "阴", "小雨", "雨", "clear", "cloud", "overcast", "rain"),
    distinct=("小雨", "light rain", "drizzle"),
)


def _geocode(query: dict[str, list[str]]) -> dict[str, Any]:
    name = (query.get("name") or [""])[0].strip()
    place = PLACES.get(name.lower()) or PLACES.get(name.removesuffix("市"))
    if place is None:
        return {"generationtime_ms": 0.3}  # Open-Meteo leaves "results" out when nothing matches
    lat, lon, tz = place
    return {
        "results": [
            {
                "id": 1,
                "name": name,
                "latitude": lat,
                "longitude": lon,
                "elevation": 40.0,
                "feature_code": "PPLA",
                "country_code": "CN",
                "country": "中国",
                "timezone": tz,
            }
        ],
        "generationtime_ms": 0.4,
    }


def _forecast(query: dict[str, list[str]]) -> tuple[int, dict[str, Any]]:
    try:
        lat, lon = float(query["latitude"][0]), float(query["longitude"][0])
    except (KeyError, ValueError):
        return 400, {"error": True, "reason": "Parameter 'latitude' and 'longitude' must be set"}
    days = int((query.get("forecast_days") or ["3"])[0])
    today = datetime.now().date()
    out: dict[str, Any] = {
        "latitude": lat,
        "longitude": lon,
        "generationtime_ms": 0.5,
        "utc_offset_seconds": 28800,
        "timezone": "Asia/Shanghai",
        "timezone_abbreviation": "GMT+8",
        "elevation": 40.0,
    }
    for section, table in (("current", set(CURRENT)), ("daily", set(DAILY))):
        wanted = [v for v in ",".join(query.get(section, [])).split(",") if v]
        missing = [v for v in wanted if v not in table]
        if missing:
            return 400, {
                "error": True,
                "reason": f"Cannot initialize WeatherVariable from invalid String value {missing[0]}",
            }
        if not wanted:
            continue
        out[f"{section}_units"] = {"time": "iso8601", **{v: UNITS[v] for v in wanted}}
        if section == "current":
            out["current"] = {
                "time": datetime.now().strftime("%Y-%m-%dT%H:00"),
                "interval": 900,
                **{v: CURRENT[v] for v in wanted},
            }
        else:
            out["daily"] = {
                "time": [(today + timedelta(days=i)).isoformat() for i in range(days)],
                **{v: [DAILY[v][i % 3] for i in range(days)] for v in wanted},
            }
    return 200, out


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        if parts.path.endswith("/search"):
            status, body = 200, _geocode(query)
        elif parts.path.endswith("/forecast"):
            status, body = _forecast(query)
        else:
            status, body = 404, {"error": True, "reason": "Not Found"}
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        return


class OpenMeteoServer:
    """The fixture on 127.0.0.1 (a free port) in a daemon thread; use as a context manager."""

    def __init__(self) -> None:
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._httpd.serve_forever, name="eval-open-meteo", daemon=True)

    def __enter__(self) -> OpenMeteoServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


def weather_env(settings: Any, url: str) -> dict[str, str]:
    """The variables that point this build's weather tool at ``url`` ({} if it has no such settings)."""
    tools = getattr(settings, "tools", None)
    names = {f.name for f in dataclasses.fields(tools)} if dataclasses.is_dataclass(tools) else set()
    if not {"weather_url", "geocoding_url"} <= names:
        return {}
    return {"ASSISTANT_TOOLS__WEATHER_URL": url, "ASSISTANT_TOOLS__GEOCODING_URL": url}
