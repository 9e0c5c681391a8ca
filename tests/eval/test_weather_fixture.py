"""The eval's local Open-Meteo server answers in Open-Meteo's format, and refuses what it would."""

from __future__ import annotations

import httpx

from assistant.config import load_settings
from assistant.eval.weather import FORECAST, OpenMeteoServer, weather_env


def test_geocoding_and_forecast() -> None:
    with OpenMeteoServer() as server:
        found = httpx.get(
            f"{server.url}/search", params={"name": "北京", "count": 1, "language": "zh"}
        ).json()
        assert found["results"][0]["name"] == "北京" and found["results"][0]["latitude"] > 39
        assert "results" not in httpx.get(f"{server.url}/search", params={"name": "火星城"}).json()
        data = httpx.get(
            f"{server.url}/forecast",
            params={
                "latitude": 39.9,
                "longitude": 116.4,
                "current": "temperature_2m,weather_code",
                "daily": "weather_code,temperature_2m_max,temperature_2m_min",
                "forecast_days": 3,
            },
        ).json()
        assert len(data["daily"]["time"]) == 3 and data["daily_units"]["temperature_2m_max"] == "°C"
        assert round(data["daily"]["temperature_2m_max"][0]) in FORECAST.temperatures
        assert round(data["current"]["temperature_2m"]) in FORECAST.temperatures
        bad = httpx.get(
            f"{server.url}/forecast", params={"latitude": 1, "longitude": 2, "daily": "sunshine_x"}
        )
        assert bad.status_code == 400 and bad.json()["error"] is True


def test_weather_env_only_for_builds_with_weather_settings() -> None:
    settings = load_settings(environ={})
    env = weather_env(settings, "http://127.0.0.1:1/v1")
    if hasattr(settings, "tools"):  # the build has the weather tool: the eval must reach it
        assert env == {
            "ASSISTANT_TOOLS__WEATHER_URL": "http://127.0.0.1:1/v1",
            "ASSISTANT_TOOLS__GEOCODING_URL": "http://127.0.0.1:1/v1",
        }
        assert load_settings(environ=env).tools.weather_url == "http://127.0.0.1:1/v1"
    else:
        assert env == {}
