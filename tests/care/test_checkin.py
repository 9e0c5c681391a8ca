"""The daily check-in's dialogue, memory of the last one, plan and summary (pure logic)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from assistant.care.checkin import CheckinDialogue, CheckinPlan, complaint, follow_up, summarize

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _at(text: str) -> float:
    return datetime.fromisoformat(text).replace(tzinfo=SHANGHAI).timestamp()


async def test_dialogue_asks_each_question_then_lets_the_conversation_go_on() -> None:
    done: list[dict[str, str]] = []

    async def on_done(answers: dict[str, str]) -> None:
        done.append(answers)

    talk = CheckinDialogue(name="王奶奶", on_done=on_done)
    assert talk.opening() == "王奶奶您好，我来问候您一下。您昨晚睡得好吗？"
    assert await talk.reply("睡得还行", "zh") == "好的。今天吃饭了吗？"
    assert await talk.reply("吃了，喝的小米粥", "zh") == "好的。身上有没有哪里不舒服？"
    closing = await talk.reply("我腿有点疼", "zh")
    assert closing is not None and closing.startswith("谢谢您") and not talk.active
    assert done == [{"sleep": "睡得还行", "meal": "吃了，喝的小米粥", "pain": "我腿有点疼"}]
    assert await talk.reply("讲个故事吧", "zh") is None  # now a normal conversation


async def test_the_next_check_in_remembers_the_complaint() -> None:
    last = {"sleep": "还行", "meal": "吃了", "pain": "就是腿有点疼，别的还好"}
    ask = follow_up(last, _at("2026-11-29T09:00"), _at("2026-11-30T09:00"), SHANGHAI)
    assert ask == "您昨天说腿有点疼，今天好些了吗？"
    assert follow_up(last, _at("2026-11-25T09:00"), _at("2026-11-30T09:00"), SHANGHAI).startswith("您上次说")
    assert follow_up({"pain": "没有，都挺好"}, 0, 0, SHANGHAI) == ""
    assert follow_up(None, 0, 0, SHANGHAI) == ""

    async def on_done(answers: dict[str, str]) -> None:
        pass

    talk = CheckinDialogue(name="王奶奶", on_done=on_done, follow=ask)
    assert talk.opening().endswith("您昨天说腿有点疼，今天好些了吗？")
    assert await talk.reply("好多了", "zh") == "好的。您昨晚睡得好吗？"
    assert talk.answers == {"follow_up": "好多了"}


@pytest.mark.parametrize(("text", "expected"), [
    ("我腿有点疼", "腿有点疼"), ("没有", ""), ("都挺好的", ""), ("还好，不过头有点晕", "头有点晕"),
    ("my knee hurts", "my knee hurts"), ("", ""),
])
def test_complaint(text: str, expected: str) -> None:
    assert complaint(text) == expected


def test_summary_for_the_family() -> None:
    text = summarize("王奶奶", {"sleep": "没睡好，老醒", "meal": "吃了", "pain": "我腿有点疼"})
    assert text == "王奶奶今天：睡得不太好（“没睡好，老醒”）；吃过饭了；说腿有点疼。"
    assert summarize("", {}) == "老人今天：没有回答。"


def test_plan_is_checked_with_a_reason() -> None:
    plan = CheckinPlan.parse({"enabled": True, "at": "08:30", "channel": "app", "tries": 2})
    assert plan == CheckinPlan(enabled=True, at="08:30", channel="app", tries=2)
    assert CheckinPlan.parse({}) == CheckinPlan()  # off by default
    for bad, reason in (({"at": "25:00"}, "a time like"), ({"channel": "fax"}, "call or app"),
                        ({"tries": 0}, "1 to 10"), ({"tries": True}, "1 to 10"), ({"when": 1}, "unknown"),
                        ({"enabled": "yes"}, "true or false")):
        with pytest.raises(ValueError, match=reason):
            CheckinPlan.parse(bad)
    start = _at("2026-11-30T09:00")
    assert plan.next_time(start, SHANGHAI) == _at("2026-12-01T08:30")
    assert plan.next_time(_at("2026-11-30T08:00"), SHANGHAI) == _at("2026-11-30T08:30")
