"""Another country's or city's time (assistant/tools/world_clock.py; pure logic, no models): "美国现在几点"
is New York's and Los Angeles' time, never the user's own clock read out as America's."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from test_calendar_probe import clock_answer

from assistant.tools.router import route

WINTER = datetime(2026, 12, 2, 9, 40, tzinfo=ZoneInfo("Asia/Shanghai"))
SUMMER = datetime(2027, 7, 1, 21, 5, tzinfo=ZoneInfo("Asia/Shanghai"))  # daylight saving in the north


@pytest.mark.parametrize(
    ("said", "now", "expected"),
    [("美国现在几点", WINTER, "美国纽约现在是12月1日晚上8点40分，比这里晚13个小时；"
                            "洛杉矶现在是12月1日下午5点40分，比这里晚16个小时。"),
     ("我儿子在伦敦，那边几点了", WINTER, "伦敦现在是凌晨1点40分，比这里晚8个小时。"),
     ("我儿子在伦敦，那边几点了", SUMMER, "伦敦现在是下午2点5分，比这里晚7个小时。"),
     ("日本跟咱们差几个小时", WINTER, "日本现在是上午10点40分，比这里快1个小时。"),
     ("澳大利亚现在是白天还是晚上", WINTER, "悉尼现在是中午12点40分，比这里快3个小时。"),
     ("印度现在几点", WINTER, "印度现在是早上7点10分，比这里晚2.5个小时。")],
)
def test_the_time_there(said: str, now: datetime, expected: str) -> None:
    assert clock_answer(said, "zh", now) == expected


def test_in_english() -> None:
    assert clock_answer("what time is it in new york", "en", WINTER) == (
        "In New York it's 8:40 p.m. on Tuesday, 13 hours behind you.")


@pytest.mark.parametrize("said", ["美国人几点睡觉", "美国感恩节是几号", "现在几点", "我想去日本旅游",
                                  "tell us what time it is"])
def test_other_questions_keep_their_route(said: str) -> None:
    call = route(said)
    assert call is None or "place" not in call.args
