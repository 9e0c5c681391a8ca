"""The elder's short answers to a reminder or an offer, and the scripts that wait for them."""

from __future__ import annotations

import asyncio

import pytest

from assistant.care.replies import accepts_offer, reminder_reply
from assistant.care.scripts import OfferScript, ReminderScript


@pytest.mark.parametrize(("text", "expected"), [
    ("吃了", "done"), ("吃过了。", "done"), ("好的", "done"), ("知道了", "done"), ("嗯，已经吃了", "done"),
    ("I took it already", "done"), ("等一会儿再提醒我", "snooze"), ("待会儿再说", "snooze"),
    ("还没吃呢", "snooze"), ("remind me later", "snooze"), ("今天天气怎么样", None), ("", None),
])
def test_reminder_reply(text: str, expected: str | None) -> None:
    assert reminder_reply(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("好", True), ("打吧", True), ("快给我女儿打电话", True), ("yes please", True),
    ("不用了", False), ("别打了，我没事", False), ("我的腿好疼", None),
])
def test_accepts_offer(text: str, expected: bool | None) -> None:
    assert accepts_offer(text) is expected


async def test_reminder_script_records_one_answer() -> None:
    got: list[tuple[str, str]] = []

    async def on_reply(reply: str, text: str) -> None:
        got.append((reply, text))

    script = ReminderScript(on_reply)
    assert await script.reply("你是谁？", "zh") is None and script.active  # answered as usual; wait again
    assert await script.reply("吃过了", "zh") == "好的，记下了。"
    assert got == [("done", "吃过了")] and not script.active
    snooze = ReminderScript(on_reply)
    assert await snooze.reply("等一会儿再提醒我", "zh") == "好的，我过十分钟再提醒您。"
    unanswered = ReminderScript(on_reply)
    for text in ("你好", "讲个故事"):
        assert await unanswered.reply(text, "zh") is None
    assert not unanswered.active and len(got) == 2


async def test_offer_script_runs_the_action_in_the_background() -> None:
    started = asyncio.Event()

    async def call() -> None:
        started.set()

    script = OfferScript(call)
    assert await script.reply("打吧", "zh") == "好的，我这就给您家人打电话。"
    await asyncio.wait_for(started.wait(), 2)
    declined = OfferScript(call)
    assert await declined.reply("不用了", "en") == "All right. Call me any time."
    assert declined.accepted is False
