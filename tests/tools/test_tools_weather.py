"""The weather tool against a real local HTTP server that speaks Open-Meteo's JSON."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from open_meteo_server import OpenMeteoServer

from assistant.storage.db import Database, DatabaseThread
from assistant.storage.profile import UserSettings
from assistant.tools.base import ToolContext
from assistant.tools.registry import ToolRegistry
from assistant.tools.router import route
from assistant.tools.weather import DOWN_ZH, FAR_DAY_ZH, NO_CITY_ZH, WeatherTool

pytestmark = pytest.mark.asyncio(loop_scope="session")  # the clients close on the loop they ran on
NOW = datetime(2026, 11, 30, 15, 40, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(scope="module")
def meteo() -> Iterator[OpenMeteoServer]:
    server = OpenMeteoServer(slow_s=3.0)
    server.start()
    yield server
    server.stop()


@pytest.fixture
async def dbt(tmp_path: Path) -> AsyncIterator[DatabaseThread]:
    thread = DatabaseThread(Database(tmp_path / "w.db"))
    yield thread
    await thread.aclose()


_made: list[WeatherTool] = []


@pytest.fixture(autouse=True)
async def _close_clients() -> AsyncIterator[None]:
    yield
    while _made:
        await _made.pop().aclose()


def tool(
    root: str, dbt: DatabaseThread | None = None, *, cache_s: float = 600.0, timeout_s: float = 1.0
) -> WeatherTool:
    made = WeatherTool(
        forecast_url=f"{root}/v1",
        geocoding_url=f"{root}/v1",
        database=dbt,
        timeout_s=timeout_s,
        cache_s=cache_s,
    )
    _made.append(made)
    return made


def ctx(user_key: str = "", language: str = "zh") -> ToolContext:
    return ToolContext(user_key=user_key, now=NOW, language=language)


async def test_forecast_for_the_users_city(meteo: OpenMeteoServer, dbt: DatabaseThread) -> None:
    user = await dbt.run(dbt.db.ensure_user, "奶奶")
    await dbt.run(UserSettings(dbt.db).set, user.id, "city", "北京")
    weather = tool(meteo.root, dbt)
    today = await weather.run({}, ctx(str(user.id)))
    assert today.ok and today.grounded == frozenset({"weather"})
    assert today.text == "北京市今天多云，-1到10度，现在7度。天冷，注意保暖。"
    tomorrow = await weather.run({"day": 1}, ctx(str(user.id)))
    assert tomorrow.text == "北京市明天小雨，2到6度，下雨的可能是百分之85。出门记得带伞。"
    english = await weather.run({"city": "London"}, ctx(language="en"))
    assert english.text == "Today in London: partly cloudy, -1 to 10 degrees, 7 degrees now."


async def test_a_weekday_is_counted_from_today_and_a_day_past_the_forecast_is_said_plainly(
        meteo: OpenMeteoServer) -> None:
    weather = tool(meteo.root)  # NOW is a Monday; the forecast has seven days
    wednesday = await weather.run({"city": "北京", "weekday": 2}, ctx())
    assert wednesday.ok and wednesday.text.startswith("北京市后天"), wednesday.text
    friday = await weather.run({"city": "北京", "weekday": 4}, ctx())
    assert friday.text == "北京市星期五小雪，-6到1度，下雨的可能是百分之70。出门记得带伞。", friday.text
    assert friday.data["date"] == "2026-12-04"
    next_wednesday = await weather.run({"city": "北京", "weekday": 2, "next_week": True}, ctx())
    assert not next_wednesday.ok and next_wednesday.text == FAR_DAY_ZH and "度" not in next_wednesday.text
    assert not next_wednesday.grounded


async def test_several_days_are_said_in_one_summary(meteo: OpenMeteoServer) -> None:
    weather = tool(meteo.root)
    few = await weather.run({"city": "北京", "day": 0, "days": 4}, ctx())  # "这几天会下雨吗"
    assert few.ok and few.grounded == frozenset({"weather"})
    assert few.text == "北京市从今天到星期四，明天有雨；气温-5到10度，后天最冷。有雨的日子出门记得带伞。"
    assert [d["date"] for d in few.data["days"]] == ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03"]
    weekend = await weather.run({"city": "北京", "weekday": 5, "weekend": True}, ctx())
    assert weekend.text == "北京市从星期六到星期日，都没有雨雪；气温-5到7度，星期六最冷。天冷，注意保暖。"
    week = await weather.run({"city": "北京", "week": True}, ctx())  # "这礼拜": to Sunday
    assert len(week.data["days"]) == 7 and "星期五有雪" in week.text and "星期五最冷" in week.text
    after = await weather.run({"city": "London", "day": 1, "days": 3}, ctx(language="en"))  # "过两天"
    assert after.text == ("London from tomorrow to Thursday: rain tomorrow; -5 to 6 degrees, coldest the day "
                          "after tomorrow. Take an umbrella on the rainy days."), after.text


async def test_cached_for_ten_minutes(meteo: OpenMeteoServer) -> None:
    weather = tool(meteo.root)
    await weather.run({"city": "北京"}, ctx())
    await weather.run({"city": "北京", "day": 1}, ctx())
    assert weather.requests == 2  # one geocoding, one forecast
    short = tool(meteo.root, cache_s=0.05)
    await short.run({"city": "北京"}, ctx())
    await asyncio.sleep(0.1)
    await short.run({"city": "北京"}, ctx())
    assert short.requests == 3  # the place stays cached, the forecast expired


async def test_no_city_says_so_without_a_request(meteo: OpenMeteoServer, dbt: DatabaseThread) -> None:
    weather = tool(meteo.root, dbt)
    result = await weather.run({}, ctx())
    assert not result.ok and result.text == NO_CITY_ZH and weather.requests == 0
    assert not result.grounded


async def test_unknown_city_says_so(meteo: OpenMeteoServer) -> None:
    result = await tool(meteo.root).run({"city": "不存在市"}, ctx())
    assert not result.ok and "没有找到" in result.text and "度" not in result.text


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("where", ["down", "slow", "broken"])
async def test_service_down_slow_or_broken_is_an_honest_sentence(meteo: OpenMeteoServer, where: str) -> None:
    root = f"http://127.0.0.1:{_closed_port()}" if where == "down" else f"{meteo.root}/{where}"
    weather = tool(root, timeout_s=0.5)
    started = time.monotonic()
    result = await ToolRegistry([weather]).call("weather", {"city": "北京"}, ctx())
    assert time.monotonic() - started < 1.5
    assert not result.ok and result.text == DOWN_ZH and not result.grounded


@pytest.mark.parametrize("heard", ["北京晶天", "背景"])
async def test_a_city_heard_in_other_characters_or_run_on_is_still_found(meteo: OpenMeteoServer,
                                                                          heard: str) -> None:
    result = await tool(meteo.root).run({"city": heard}, ctx())
    assert result.ok and result.text.startswith("北京市今天"), result.text


@pytest.mark.parametrize(
    ("said", "start"),
    [
        ("北京这几天会下雨吗", "北京市从今天到星期四，明天有雨"),
        ("北京过两天会不会降温", "北京市从明天到星期四"),
        ("北京大后天是晴天还是阴天", "北京市星期四阴"),
        ("北京周末天气咋样", "北京市从星期六到星期日"),
        ("北京这个礼拜还会下雪不", "北京市从今天到星期日，明天有雨，星期五有雪"),
        ("北京下礼拜三冷不冷", FAR_DAY_ZH),  # nine days on: past the forecast
    ],
)
async def test_the_days_routed_reach_the_tool_through_the_registry(meteo: OpenMeteoServer, said: str,
                                                                    start: str) -> None:
    """The router's day arguments survive the registry's argument check (unknown keys are dropped)."""
    call = route(said)
    assert call is not None and call.name == "weather", said
    result = await ToolRegistry([tool(meteo.root)]).call("weather", call.args, ctx())
    assert result.text.startswith(start), result.text
