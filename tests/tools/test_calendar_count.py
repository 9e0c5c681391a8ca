"""The calendar counts (calendar_ask.py, calendar_count.py) at other days than the probes' fixed now: a
Sunday, a leap year, the year's last day, a date already past this year (pure logic, no models)."""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from test_calendar_probe import clock_answer

from assistant.tools.calendar_ask import calendar_ask_args, chinese_number

ZONE = ZoneInfo("Asia/Shanghai")


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9, 0, tzinfo=ZONE)


@pytest.mark.parametrize("today", [date(2027, 3, 7), date(2028, 2, 10), date(2026, 12, 31), date(2027, 1, 4)])
def test_the_counts_follow_the_calendar(today: date) -> None:
    now = _at(today)
    monday = today - timedelta(days=today.weekday())
    last_sunday = monday - timedelta(days=1)
    said = clock_answer("上个星期天是几号？", "zh", now) or ""
    assert f"{last_sunday.month}月{last_sunday.day}日" in said
    left = (date(today.year, 12, 31) - today).days
    assert f"还剩{left}天" in (clock_answer("今年还剩多少天？", "zh", now) or "")
    february = calendar.monthrange(today.year, 2)[1]
    assert f"有{february}天" in (clock_answer("今年二月有几天", "zh", now) or "")
    leap = "不是闰年" if not calendar.isleap(today.year) else "是闰年"
    assert leap in (clock_answer("今年是闰年吗", "zh", now) or "")
    saturday = (5 - today.weekday()) % 7
    weekend = clock_answer("还有几天到周末", "zh", now) or ""
    assert f"还有{saturday}天" in weekend if saturday else "今天就是" in weekend


def test_a_date_already_past_is_the_coming_one() -> None:
    now = _at(date(2026, 12, 2))
    assert "30天" in (clock_answer("离1月1号还有几天", "zh", now) or "")
    assert "2027年1月18日是星期一" in (clock_answer("1月18号是星期几", "zh", now) or "")


def test_a_day_the_month_lacks_is_said_so() -> None:
    now = _at(date(2026, 12, 2))
    assert "没有29号" in (clock_answer("明年2月29号是星期几", "zh", now) or "")
    assert "2028年2月29日是星期二" in (clock_answer("2028年2月29号是星期几", "zh", now) or "")


def test_two_weeks_off_and_the_month_end() -> None:
    now = _at(date(2026, 12, 2))
    assert "12月16日" in (clock_answer("下下周三是几号", "zh", now) or "")
    assert "11月20日" in (clock_answer("上上周五是几号", "zh", now) or "")
    assert "还有29天" in (clock_answer("还有几天到月底", "zh", now) or "")
    assert "还剩29天" in (clock_answer("这个月还有几天", "zh", now) or "")
    assert clock_answer("今年春节还有几天", "zh", now) == clock_answer("春节还有几天", "zh", now)


def test_this_weeks_day_may_be_past_or_today() -> None:
    sunday = _at(date(2026, 12, 6))
    assert "11月30日" in (clock_answer("这周一是几号", "zh", sunday) or "")
    assert "就是今天" in (clock_answer("这个星期天是几号", "zh", sunday) or "")


@pytest.mark.parametrize(("said", "number"), [("十五", 15), ("二十", 20), ("三十一", 31), ("十", 10),
                                              ("二零二七", 2027)])
def test_chinese_numbers(said: str, number: int) -> None:
    assert chinese_number(said) == number


@pytest.mark.parametrize("said", ["上个星期天我去医院复查了", "二月份去海南好吗", "闰年出生的人怎么过生日",
                                  "这个月有几天假", "下个星期天是不是13号", "农历八月十五要吃月饼",
                                  "离春节还有几天"])
def test_no_calendar_count_for_other_sentences(said: str) -> None:
    assert calendar_ask_args(said) is None


@pytest.mark.parametrize("heard", ["今天是几月9号，星期几。", "今天是几月底号，星期几。", "今天几月8号？"])
def test_todays_date_misheard_with_a_day_number_is_still_todays(heard: str) -> None:
    # the eval heard "今天是几月几号，星期几？" so; it got the 9th's or the month end's weekday
    assert calendar_ask_args(heard) is None
