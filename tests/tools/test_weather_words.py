"""The day and the place the router gives the weather tool for colloquial wordings (pure logic)."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.pipeline.unknowable import topic_of
from assistant.tools.router import route


@pytest.mark.parametrize(
    ("said", "day", "city"),
    [
        ("后天上海有雨吗，我要坐车过去", 2, "上海"),  # 有雨吗 asks the forecast
        ("成都这礼拜会不会下雪", 0, "成都"),  # 这礼拜 is no part of the place
        ("今儿个外头冷吗", 0, None),  # 今儿个 is no place
        ("我闺女在深圳，那边这两天热不热", 0, "深圳"),  # the place named before 那边
        ("儿子在老家，那边明天冷不冷", 1, None),  # 老家 is no place the forecast knows
        ("重庆后天是晴天还是阴天", 2, "重庆"),
        ("明早起雾吗", 1, None),  # 明早 is tomorrow
        ("What's the weather in Guangzhou on Sunday?", 0, "Guangzhou"),
        ("Is it going to snow in Harbin tomorrow?", 1, "Harbin"),
        ("Is it cold in New York today?", 0, "New York"),
    ],
)
def test_the_forecast_gets_the_day_and_place_said(said: str, day: int, city: str | None) -> None:
    call = route(said)
    assert call is not None and call.name == "weather", said
    args: dict[str, Any] = call.args
    assert (args["day"], args.get("city")) == (day, city)


def test_weather_in_this_week_is_not_sunday() -> None:
    """"这礼拜天气咋样": 礼拜 then 天气, not 礼拜天."""
    call = route("这礼拜天气咋样")
    assert call is not None and "weekday" not in call.args
    sunday = route("礼拜天会下雨吗")
    assert sunday is not None and sunday.args["weekday"] == 6


@pytest.mark.parametrize(("said", "topic"), [("女足昨天踢得怎么样", "sports"), ("昨晚上女排赢了没", "sports"),
                                             ("How much is the pension going up this year?", "pension")])
def test_results_and_pensions_are_not_made_up(said: str, topic: str) -> None:
    assert topic_of(said) == topic


def test_wake_me_up_sets_a_reminder() -> None:
    call = route("Wake me up in half an hour.")
    assert call is not None and call.name == "reminders" and call.args["action"] == "set"


@pytest.mark.parametrize("said", ["今儿晚上阳台的衣服要不要收", "夜里会不会上冻", "明早下霜吗",
                                  "明天出门用带雨伞吗", "外头要不要打伞",
                                  "Will it rain over the next few days?"])
def test_the_night_the_washing_and_the_umbrella_needed_ask_the_forecast(said: str) -> None:
    call = route(said)
    assert call is not None and call.name == "weather", said


@pytest.mark.parametrize("said", ["家里还有雨伞吗", "我的雨伞落在公交车上了", "雨衣放在哪个柜子里",
                                  "帮我想想雨伞坏了能不能修"])
def test_the_umbrella_as_a_thing_is_no_forecast_question(said: str) -> None:
    call = route(said)
    assert call is None or call.name != "weather", said


@pytest.mark.parametrize(
    ("said", "span"),
    [
        ("这两天冷不冷", {"day": 0, "days": 2}),
        ("过几天会下雪吗", {"day": 1, "days": 3}),  # 过几天: from tomorrow
        ("最近几天天气咋样", {"day": 0, "days": 4}),
        ("这礼拜天气咋样", {"week": True}),  # 礼拜 then 天气: the rest of this week
        ("未来一周气温咋样", {"day": 0, "days": 7}),  # and no place called 未来一周
        ("礼拜天会下雨吗", {"weekday": 6}),  # a named day is one day
    ],
)
def test_several_days_are_asked_as_a_span(said: str, span: dict[str, Any]) -> None:
    call = route(said)
    assert call is not None and call.name == "weather", said
    assert {key: call.args.get(key) for key in span} == span and "city" not in call.args
    assert "days" not in call.args or "weekday" not in call.args

