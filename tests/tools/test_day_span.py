"""A day counted from today in a date question ("三天后是几号", "三个月后", "ten days ago"): the router
places it and the clock says which day it is, never today's date (pure logic, fixed now)."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from assistant.tools.base import ToolContext
from assistant.tools.clock import ClockTool
from assistant.tools.day_span import add_months, day_span
from assistant.tools.router import route

NOW = datetime(2026, 12, 2, 9, 40, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize(("said", "span"), [
    ("再过三天是几号？", {"day_offset": 3}),
    ("三天后是几号？", {"day_offset": 3}),
    ("过两天是星期几？", {"day_offset": 2}),
    ("十天以后是几月几号？", {"day_offset": 10}),
    ("一百天之后是哪天？", {"day_offset": 100}),
    ("再过一个星期是几号？", {"day_offset": 7}),
    ("两个礼拜后是星期几", {"day_offset": 14}),
    ("十天前是几号？", {"day_offset": -10}),
    ("半个月后是几号", {"day_offset": 15}),
    ("一个半月以后是几号", {"day_offset": 45}),
    ("三个月后是几号？", {"month_offset": 3}),
    ("一个月以前是几号", {"month_offset": -1}),
    ("一年后的今天是星期几", {"month_offset": 12}),
    ("What's the date in ten days?", {"day_offset": 10}),
    ("What day was it two weeks ago?", {"day_offset": -14}),
    ("What is the date a month from now?", {"month_offset": 1}),
])
def test_a_span_from_today_is_read(said: str, span: dict[str, int]) -> None:
    assert day_span(said) == span


@pytest.mark.parametrize("said", ["前三天是几号", "这三天天气怎么样", "三天三夜", "最近三天", "每三天吃一次",
                                  "半天后", "下周三是几号", "三天打鱼两天晒网", "In my days"])
def test_a_count_that_places_no_day_is_no_span(said: str) -> None:
    assert day_span(said) is None


def _clock(said: str, language: str = "zh") -> str:
    call = route(said)
    assert call is not None and call.name == "clock", (said, call)
    result = asyncio.run(ClockTool().run(call.args, ToolContext(user_key="", now=NOW, language=language)))
    return result.text


@pytest.mark.parametrize(("said", "answer"), [
    ("再过三天是几号？", "3天后是2026年12月5日，星期六"),
    ("十天前是几号？", "10天前是2026年11月22日，星期日"),
    ("一百天后是哪天？", "100天后是2027年3月12日，星期五"),
    ("三个月后是几号？", "3个月后是2027年3月2日，星期二"),
    ("一年后的今天是星期几？", "1年后是2027年12月2日，星期四"),
    ("三天后农历是多少？", "3天后是农历十月廿七"),
])
def test_the_clock_says_the_counted_day(said: str, answer: str) -> None:
    assert _clock(said).startswith(answer)


def test_english_says_the_span_and_the_date() -> None:
    assert _clock("What's the date in ten days?", "en") == "In 10 days it is Saturday, December 12, 2026."


def test_today_and_named_days_are_as_before() -> None:
    assert _clock("今天几号？").startswith("今天是2026年12月2日")
    assert _clock("明天星期几？").startswith("明天是2026年12月3日")
    assert _clock("下周三是几号？").startswith("下星期三是2026年12月9日")


def test_months_keep_the_day_or_take_the_months_last() -> None:
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2026, 12, 2), -12) == date(2025, 12, 2)
    assert add_months(date(2026, 12, 2), 3) == date(2027, 3, 2)
