"""Festivals named by their lunar date or in English, the next 节气, the year's animal and the date of a
named weekday (pure logic, no models):
from the words through the router to the clock's answer."""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from assistant.tools.base import ToolContext
from assistant.tools.clock import ClockTool
from assistant.tools.registry import check_arguments
from assistant.tools.router import route

NOW = datetime(2026, 11, 30, 15, 40, tzinfo=ZoneInfo("Asia/Shanghai"))


def _answer(said: str, language: str = "zh", now: datetime = NOW) -> str:
    call = route(said)
    assert call is not None and call.name == "clock", said
    clock = ClockTool()
    args = check_arguments(clock.spec.parameters, call.args)  # as a session runs it: unknown keys dropped
    return asyncio.run(clock.run(args, ToolContext(user_key="", now=now, language=language))).text


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("正月十五是礼拜几", "离元宵节还有82天，是2027年2月20日，星期六，农历正月十五。"),
        ("八月十五是几号", "离中秋节还有289天，是2027年9月15日，星期三，农历八月十五。"),
        ("小年是啥时候", "离小年还有61天，是2027年1月30日，星期六，农历腊月廿三。"
                       "南方很多地方是腊月廿四过小年，晚一天。"),
        ("腊八几时", "离腊八节还有46天，是2027年1月15日，星期五，农历腊月初八。"),
        ("下一个节气是啥",
         "今天是农历十月廿二，小雪节气（11月22日开始）。下一个节气是大雪，12月7日，还有7天。"),
    ],
)
def test_festival_dates_in_chinese(said: str, expected: str) -> None:
    assert _answer(said) == expected


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("When is the Lantern Festival?",
         "The Lantern Festival is in 82 days, on Saturday, February 20, 2027."),
        ("When is the Mid-Autumn Festival?", "The Mid-Autumn Festival is in 289 days, on Wednesday, "
                                             "September 15, 2027."),
    ],
)
def test_festival_dates_in_english_name_the_festival_in_english(said: str, expected: str) -> None:
    assert _answer(said, "en") == expected


def test_the_lunar_date_alone_does_not_add_the_next_term() -> None:
    assert _answer("今天阴历初几") == "今天是农历十月廿二。"


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("今年是啥属相", "今年是农历丙午年，马年。"),
        ("明年属什么", "明年是农历丁未年，羊年。"),
        ("去年是什么年来着", "去年是农历乙巳年，蛇年。"),
        ("我是一九四八年生的，属啥", "1948年是农历戊子年，属鼠；正月初一以前出生的，属猪。"),
        ("这礼拜五是几号", "星期五是2026年12月4日，星期五，农历十月廿六。"),
        ("下个星期一是几号", "下星期一是2026年12月7日，星期一，农历十月廿九，是大雪。"),
        ("今天是不是礼拜天", "今天是2026年11月30日，星期一，农历十月廿二。"),  # a check of today
    ],
)
def test_the_years_animal_and_a_named_weekdays_date(said: str, expected: str) -> None:
    assert _answer(said) == expected


def test_the_animal_of_a_person_is_not_guessed_and_english_names_the_animal() -> None:
    assert route("我属什么") is None  # the user's birth year is not known
    assert _answer("Which animal year is next year?", "en") == "Next year is the Year of the Goat in the " \
        "Chinese calendar."


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("下个月有什么节日？", "下个月的节日有：12月22日冬至，12月25日圣诞节。"),
        ("这个月还有啥节", "这个月没有节日了。最近的节日是冬至，2026年12月22日，星期二，还有22天。"),
        ("后年有没有闰月", "后年农历闰五月，从2028年6月23日起。"),
        ("今年端午是几号", "今年的端午节是6月19日，星期五，已经过了；下一个是2027年6月9日，星期三。"),
        ("今年的腊八是哪天", "离腊八节还有46天，是2027年1月15日，星期五，农历腊月初八。"),  # lunar year
        ("过年前还有几个周末", "春节是2027年2月6日，星期六，之前还有9个周末。"),
    ],
)
def test_the_festivals_of_a_span_a_leap_month_and_a_years_festival(said: str, expected: str) -> None:
    assert _answer(said) == expected


@pytest.mark.parametrize(
    "said",
    ["最近节日多，吃得有点多", "闰月出生的人怎么过生日", "孙媳妇怀孕第几周能查出男女", "化疗第几周最难受",
     "太阳从西边出来那天是几号", "猴年马月才能办完", "下辈子还想跟老伴做夫妻"],
)
def test_talk_about_festivals_weeks_and_days_that_never_come_is_not_the_clocks(said: str) -> None:
    assert route(said) is None


@pytest.mark.parametrize(
    ("said", "what"),
    [("离过年还有几个周末", "weekends"), ("离国庆还有多少个星期六", "weekends"),
     ("What festivals are coming up?", "festivals"), ("Which week of the year is this?", "week")],
)
def test_weekends_before_a_festival_upcoming_festivals_and_the_week_are_asked(said: str, what: str) -> None:
    call = route(said)
    assert call is not None and call.args["what"] == what
