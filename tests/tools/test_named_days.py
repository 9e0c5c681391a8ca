"""Named days from lunar-python's tables said by their whole or short name, days no table names, and the
days off of a festival (pure logic, no models): from the words through the router to the clock's answer.
Each answer pinned at the fixed now of ``test_festival_words.py``."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from test_festival_words import _answer


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("世界读书日是哪天", "离世界读书日还有144天，是2027年4月23日，星期五，农历三月十七。"),
        ("爱眼日是几号", "离全国爱眼日还有188天，是2027年6月6日，星期日，农历五月初二。"),  # 全国 left out
        # the library's other day on a festival's date (国庆节 too)
        ("国际老年人日是哪天", "离国际老年人日还有305天，是2027年10月1日，星期五，农历九月初二。"),
        ("老年节是哪天", "离重阳节还有312天，是2027年10月8日，星期五，农历九月初九。"),
    ],
)
def test_a_day_the_library_names(said: str, expected: str) -> None:
    assert _answer(said) == expected


@pytest.mark.parametrize("said", ["狂欢节是几号", "黄道吉日是哪天", "结婚纪念日是哪天", "音乐节是什么时候"])
def test_a_day_no_table_names_gets_no_date(said: str) -> None:
    answer = _answer(said)
    assert "我不知道" in answer and "月" not in answer.replace("日历", ""), answer


@pytest.mark.parametrize(
    ("said", "expected"),
    [
        ("重阳节放假吗", "明年重阳节是2027年10月8日，星期五。它不是全体放假的法定节日。"),
        ("妇女节放假吗", "明年妇女节是2027年3月8日，星期一。它不是全体放假的法定节日，按规定妇女放假半天。"),
        ("今年清明放了几天假", "今年清明节是2026年4月5日，星期日，已经过了。"
                          "按国务院的放假通知，4月4日到4月6日放假，共3天。"),
        ("除夕放假吗", "明年除夕是2027年2月5日，星期五。放几天假、怎么调休，要看国务院每年发的放假通知，"
                   "2027年的我这里还没有，您留意一下新闻，或者问问家里人。"),
    ],
)
def test_days_off(said: str, expected: str) -> None:
    assert _answer(said) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [((2026, 12, 24), "今天是农历冬月十六，是平安夜。"), ((2027, 3, 9), "今天是农历二月初二，是龙抬头。"),
     ((2027, 10, 29), "今天是农历十月初一，是寒衣节。")],
)
def test_today_names_its_named_day(day: tuple[int, int, int], expected: str) -> None:
    assert _answer("今天是什么节", now=datetime(*day, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))) == expected


def test_days_off_asked_during_them_are_these() -> None:
    now = datetime(2026, 10, 3, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert _answer("国庆放几天假", now=now) == ("今年国庆节是2026年10月1日，星期四。"
                                           "按国务院的放假通知，10月1日到10月7日放假，共7天；"
                                           "9月20日、10月10日调休上班。")
