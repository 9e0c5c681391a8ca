"""The day's 节气 and festival asked (pure logic, no models): "现在是什么节气" names the term in effect as
well as the next; "今天是什么节日" on a day with none says so and names the nearest; "今天是重阳节吗" is
answered yes or no from the calendar, never by the LLM; "平安夜是什么节" (what the day is) is the LLM's."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from test_calendar_probe import clock_answer

from assistant.tools.router import route

NOW = datetime(2026, 12, 2, 9, 40, tzinfo=ZoneInfo("Asia/Shanghai"))  # 农历十月廿四, 小雪 since 11月22日


def test_the_term_in_effect_and_the_next() -> None:
    assert clock_answer("现在是什么节气", "zh", NOW) == (
        "今天是农历十月廿四，小雪节气（11月22日开始）。下一个节气是大雪，12月7日，还有5天。")
    # on the day a term begins, that term is today's and the next one follows it
    on_the_day = datetime(2026, 12, 7, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    answer = clock_answer("今天什么节气", "zh", on_the_day) or ""
    assert answer == "今天是农历十月廿九，是大雪。下一个节气是冬至，12月22日，还有15天。"


@pytest.mark.parametrize("said", ["今天是什么节日", "今天过什么节", "现在是什么节庆？", "今天有什么节日吗"])
def test_no_festival_today_names_the_nearest(said: str) -> None:
    assert clock_answer(said, "zh", NOW) == ("今天是农历十月廿四，小雪节气，不是节日。"
                                             "最近的节日是冬至，12月22日，还有20天。")


def test_a_festival_today_is_named_without_more() -> None:
    eve = datetime(2026, 12, 24, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert clock_answer("今天是什么节日", "zh", eve) == "今天是农历冬月十六，是平安夜。"


@pytest.mark.parametrize(
    ("said", "expected"),
    [("今天是重阳节吗", "不是，今天不是重阳节。离重阳节还有310天，是2027年10月8日，星期五，农历九月初九。"),
     ("明天是不是冬至？", "不是，明天不是冬至。离冬至还有20天，是2026年12月22日，星期二，农历冬月十四。")],
)
def test_is_a_near_day_a_festival(said: str, expected: str) -> None:
    assert clock_answer(said, "zh", NOW) == expected
    eve = datetime(2026, 12, 23, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert clock_answer("明天是平安夜吗", "zh", eve) == "是的，明天就是平安夜。"
    assert clock_answer("is today christmas", "en", eve) in (None, "No, today isn't Christmas. "
                                                             "Christmas is in 2 days, on December 25.")


@pytest.mark.parametrize("said", ["平安夜是什么节", "春节是个什么节日", "今天是我生日吗",
                                  "今天是中秋节，我们吃月饼"])
def test_what_a_day_is_and_other_sentences_are_not_the_calendars(said: str) -> None:
    call = route(said)
    assert call is None or call.args.get("asked_day") is None


@pytest.mark.parametrize(
    ("said", "expected"),
    [("大雪节气是哪一天", "离大雪还有5天，是2026年12月7日，星期一，农历十月廿九。"),
     ("立春是什么时候", "离立春还有64天，是2027年2月4日，星期四，农历腊月廿八。"),  # not 春节
     ("今年立冬是几号", "今年的立冬是11月7日，星期六，已经过了；下一个是2027年11月7日，星期日。")],
)
def test_a_solar_terms_date(said: str, expected: str) -> None:
    assert clock_answer(said, "zh", NOW) == expected


@pytest.mark.parametrize("said", ["双十一是几号", "开学是哪天", "大雪天能出门吗", "小满是什么意思",
                                  "春天什么时候来", "一年有多少个节气", "今年有几个节气",
                                  "老同学聚会是农历哪一天"])
def test_the_date_of_something_that_is_no_day_is_not_today(said: str) -> None:
    assert route(said) is None
    assert clock_answer("今天是几号", "zh", NOW) == "今天是2026年12月2日，星期三，农历十月廿四。"


@pytest.mark.parametrize(
    ("said", "expected"),
    [("这个月十五是星期几", "12月15日是星期二。"), ("十二月二十五是礼拜几", "12月25日是星期五。"),
     ("三月八是星期几", "2027年3月8日是星期一。"),
     # a festival's lunar date said short stays the festival's; "二月二" inside "十二月二十五" is not 龙抬头
     ("八月十五是星期几", "离中秋节还有287天，是2027年9月15日，星期三，农历八月十五。"),
     ("九月九是几号", "离重阳节还有310天，是2027年10月8日，星期五，农历九月初九。"),
     ("今天是不是周末", "今天是2026年12月2日，星期三，农历十月廿四。")],
)
def test_a_day_said_bare_after_its_month(said: str, expected: str) -> None:
    assert clock_answer(said, "zh", NOW) == expected


@pytest.mark.parametrize(("said", "expected"), [("离下周一还有几天", "离下星期一还有5天。"),
                                                ("离下下周三还有几天", "离下下星期三还有14天。")])
def test_days_to_a_weekday_of_a_week_said(said: str, expected: str) -> None:
    assert clock_answer(said, "zh", NOW) == expected
