"""Tools through the real server (0.5B LLM, real models, real websocket): the date, a reminder and
the weather, and two requests in one turn."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

import pytest

from assistant.client.conversation import Conversation, Reply
from assistant.storage.db import Database
from assistant.storage.reminders import ReminderStore
from assistant.tools.clock import WEEKDAYS_ZH
from assistant.tools.registry import local_zone
from assistant.tools.weather import NO_CITY_ZH
from tests.conftest import ServerInfo, speak


async def _ask_text(server: ServerInfo, *questions: str) -> list[Reply]:
    conv = await Conversation.open(server.ws, language="zh")
    replies: list[Reply] = []
    for i, question in enumerate(questions, start=1):
        await conv.send_json({"type": "text", "text": question})
        await conv.wait_for("metrics", count=i, timeout=120)
        replies.append(conv.replies[-2])
    await conv.close()
    return replies


def _reminder_ids(server: ServerInfo) -> set[int]:
    with Database(server.db_path) as db, db.read() as conn:
        return {int(row[0]) for row in conn.execute("SELECT id FROM reminders")}


def test_date_reminder_and_weather_by_text(server: ServerInfo) -> None:
    zone = local_zone()  # the server runs with the same (default) time zone setting
    earlier = _reminder_ids(server)  # the server is shared: other tests may have set reminders too
    before = datetime.now(zone)
    date_reply, remind_reply, list_reply, weather_reply = asyncio.run(
        _ask_text(server, "今天星期几？", "明天早上八点提醒我吃降压药", "我有哪些提醒？", "今天天气怎么样？")
    )
    after = datetime.now(zone)

    # The date comes from the server's clock, spoken, not from the model's imagination.
    assert date_reply.metrics.get("tool") == "clock" and date_reply.audio
    assert any(
        f"{d.month}月{d.day}日，{WEEKDAYS_ZH[d.weekday()]}" in date_reply.text for d in (before, after)
    ), date_reply.text

    assert remind_reply.metrics.get("tool") == "reminders" and remind_reply.audio
    assert remind_reply.text == "好的，明天早上8点提醒您吃降压药。"
    with Database(server.db_path) as db:
        user = db.find_user("tester")
        assert user is not None
        stored = [r for r in ReminderStore(db).list_active(user.id) if r.id not in earlier]
    assert [(r.text, r.repeat) for r in stored] == [("吃降压药", "once")], stored
    due = stored[0].due_local()
    assert (due.hour, due.minute) == (8, 0)
    assert due.date() in ((before + timedelta(days=1)).date(), (after + timedelta(days=1)).date())
    assert "吃降压药" in list_reply.text

    # No city is set for this user: one honest sentence, no temperature.
    assert weather_reply.text == NO_CITY_ZH and "度" not in weather_reply.text


def test_two_requests_in_one_typed_turn_are_both_answered(server: ServerInfo) -> None:
    earlier = _reminder_ids(server)
    both, with_llm = asyncio.run(_ask_text(server, "现在几点了？还有，明天早上九点提醒我去医院复查",
                                           "今天星期几，然后给我讲个笑话"))
    # pipeline/compound.py: the clock's answer, then the reminder said back, in one reply
    assert both.metrics.get("compound") == ["clock", "reminders"] and both.audio, both.metrics
    assert both.text.startswith("现在是") and both.text.endswith("9点提醒您去医院复查。"), both.text
    with Database(server.db_path) as db:
        user = db.find_user("tester")
        assert user is not None
        stored = [r.text for r in ReminderStore(db).list_active(user.id) if r.id not in earlier]
    assert stored == ["去医院复查"]
    # the LLM tells the joke after the clock's answer, which it was given
    assert with_llm.metrics.get("compound") == ["clock", "llm"], with_llm.metrics
    clock, joke = with_llm.text.split("。", 1)
    assert clock.startswith("今天是") and len(joke) > 3, with_llm.text


@pytest.fixture(scope="module")
def weekday_question(voices: Any) -> bytes:
    return speak(voices, "今天星期几？")


def test_spoken_date_question_is_answered_by_the_clock(server: ServerInfo, weekday_question: bytes) -> None:
    async def run() -> Conversation:
        conv = await Conversation.open(server.ws, language="zh")
        await conv.stream_audio(weekday_question)
        await conv.wait_for("metrics", timeout=90)
        await conv.close()
        return conv

    conv = asyncio.run(run())
    reply = conv.replies[0]
    now = datetime.now(local_zone())
    assert reply.metrics.get("tool") == "clock", (conv.transcripts, reply.text)
    assert WEEKDAYS_ZH[now.weekday()] in reply.text and reply.audio
    print(f"tool answer voice-to-voice: {reply.metrics.get('voice_to_voice_ms')} ms")


def test_questions_about_the_assistant_are_answered_in_code_and_an_emergency_wins(server: ServerInfo) -> None:
    abilities, family, emergency = asyncio.run(
        _ask_text(server, "你会干啥？", "我说的话我闺女能看到吗", "我摔倒了起不来，快给我儿子打电话"))
    assert abilities.metrics.get("selfhelp") == "abilities" and abilities.audio
    assert abilities.text.startswith("我能陪您聊天") and "外卖" not in abilities.text
    assert family.metrics.get("selfhelp") == "family_sees" and "这句话别告诉家人" in family.text
    for reply in (abilities, family):
        assert not reply.metrics.get("llm_backend") and not reply.metrics.get("prompt_tokens")  # no LLM
    assert emergency.metrics.get("emergency") and "selfhelp" not in emergency.metrics
    assert "一二零" in emergency.text and "家人" in emergency.text
