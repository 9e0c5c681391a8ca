"""Pure logic: the words of the care loop (reminder text, answers recognised in code) and the
family console's schedules (refused with a reason)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from assistant.care.prompts import Reply, ack_reply, answer_of, reminder_text
from assistant.care.schedule import ScheduleError, parse_moment, parse_schedule

SH = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=SH)  # a Tuesday


@pytest.mark.parametrize("said", ["吃了", "吃过了", "好的", "知道了", "嗯，吃了。", "我已经吃了",
                                  "好的，谢谢", "OK", "I took it.", "Got it, thanks", "done"])
def test_acknowledgements(said: str) -> None:
    assert answer_of(said) == Reply(kind="ack")


@pytest.mark.parametrize(("said", "seconds"), [("等一会儿再提醒我", None), ("待会再提醒我吧", None),
                                               ("过二十分钟再提醒我", 1200.0), ("remind me later", None),
                                               ("Remind me in 5 minutes.", 300.0)])
def test_snoozes(said: str, seconds: float | None) -> None:
    assert answer_of(said) == Reply(kind="snooze", snooze_s=seconds)


@pytest.mark.parametrize("said", ["吃了吗", "我不想吃", "好的，那明天天气怎么样", "知道了什么",
                                  "今天吃了什么好吃的", "OK what time is it", ""])
def test_other_words_are_not_answers(said: str) -> None:
    assert answer_of(said) is None


def test_reminder_words() -> None:
    at8 = datetime(2026, 12, 1, 8, 0, tzinfo=SH)
    assert reminder_text(name="王奶奶", task="吃降压药", due=at8, language="zh") == \
        "王奶奶，八点了，该吃降压药了。吃了吗？"
    assert reminder_text(name="", task="给我女儿打电话", due=datetime(2026, 12, 1, 14, 30, tzinfo=SH),
                         language="zh") == "两点半了，该给您女儿打电话了。好了就跟我说一声“知道了”。"
    assert reminder_text(name="王奶奶", task="吃降压药", due=at8, language="zh", late=True) == \
        "王奶奶，刚才早上八点的提醒：该吃降压药了。吃了吗？"
    assert reminder_text(name="Mary", task="take my pills", due=at8, language="en") == \
        "Mary, it's 8:00 a.m. now. Time to take your pills. Have you done it?"
    assert ack_reply(Reply(kind="snooze"), language="zh", snooze_s=600) == "好的，十分钟后我再提醒您。"


def test_schedules() -> None:
    daily = parse_schedule(time_text="08:00", repeat="每天", zone=SH, now=NOW)
    assert daily.due == datetime(2026, 12, 2, 8, 0, tzinfo=SH) and daily.repeat == "daily"
    weekly = parse_schedule(time_text="09:30", repeat="weekly", weekday="周一", zone=SH, now=NOW)
    assert weekly.due == datetime(2026, 12, 7, 9, 30, tzinfo=SH) and weekly.weekday == 0
    once = parse_schedule(time_text="20:00", date_text="2026-12-03", zone=SH, now=NOW)
    assert once.due == datetime(2026, 12, 3, 20, 0, tzinfo=SH)
    assert parse_schedule(time_text="11:00", zone=SH, now=NOW).due == datetime(2026, 12, 1, 11, 0, tzinfo=SH)
    assert parse_moment("2026-12-01T18:00", zone=SH, now=NOW) == datetime(2026, 12, 1, 18, 0,
                                                                          tzinfo=SH).timestamp()


@pytest.mark.parametrize(("fields", "reason"), [
    ({"time_text": "25:00"}, "bad time"),
    ({"time_text": None}, "bad time"),
    ({"time_text": "08:00", "repeat": "weekly", "weekday": "周八"}, "unknown weekday"),
    ({"time_text": "08:00", "repeat": "weekly"}, "needs a weekday"),
    ({"time_text": "08:00", "weekday": "mon"}, "only a weekly"),
    ({"time_text": "08:00", "date_text": "2026-11-30"}, "already passed"),
    ({"time_text": "08:00", "date_text": "2026-13-01"}, "bad date"),
    ({"time_text": "08:00", "date_text": "2030-01-01"}, "a year ahead"),
    ({"time_text": "08:00", "repeat": 3}, "bad repeat"),
])
def test_bad_schedules_say_why(fields: dict[str, object], reason: str) -> None:
    with pytest.raises(ScheduleError, match=reason):
        parse_schedule(zone=SH, now=NOW, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["2026-12-01T09:00", "tomorrow", "", 5])
def test_bad_delivery_times(value: object) -> None:
    with pytest.raises(ScheduleError):
        parse_moment(value, zone=SH, now=NOW)
