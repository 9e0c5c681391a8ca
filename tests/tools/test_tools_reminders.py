"""Reminders by voice against a real SQLite database; the registry's timeout and failure handling."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from assistant.config import load_settings
from assistant.pipeline.tooling import Toolbox
from assistant.storage.db import Database, DatabaseThread
from assistant.storage.profile import resolve_user_id
from assistant.storage.reminders import NewReminder, ReminderStore, next_due
from assistant.tools.base import ToolContext, ToolError, ToolResult, ToolSpec
from assistant.tools.registry import ToolRegistry
from assistant.tools.reminders import RemindersTool

ZONE = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 30, 15, 40, tzinfo=ZONE)


@pytest.fixture
async def dbt(tmp_path: Path) -> AsyncIterator[DatabaseThread]:
    thread = DatabaseThread(Database(tmp_path / "a.db"))
    yield thread
    await thread.aclose()


def ctx(language: str = "zh") -> ToolContext:
    return ToolContext(user_key="7", now=NOW, language=language)


async def test_set_list_and_cancel_by_voice(dbt: DatabaseThread) -> None:
    user = await dbt.run(dbt.db.ensure_user, "奶奶")
    tool = RemindersTool(dbt)
    me = ToolContext(user_key=str(user.id), now=NOW)
    first = await tool.run({"action": "set", "request": "明天早上八点提醒我吃降压药"}, me)
    assert first.ok and first.text == "好的，明天早上8点提醒您吃降压药。"
    assert "reminder" in first.grounded  # a reply may now say it will remind her (honesty_promise)
    second = await tool.run({"action": "set", "request": "每天晚上九点提醒我泡脚"}, me)
    assert second.text == "好的，每天晚上9点提醒您泡脚。"
    stored = await dbt.run(ReminderStore(dbt.db).list_active, user.id)
    assert [(r.text, r.repeat, r.time_of_day, r.timezone) for r in stored] == [
        ("泡脚", "daily", "21:00", "Asia/Shanghai"),
        ("吃降压药", "once", "08:00", "Asia/Shanghai"),
    ]
    assert stored[1].due_local() == datetime(2026, 12, 1, 8, 0, tzinfo=ZONE)

    listed = await tool.run({"action": "list"}, me)
    assert listed.text == "您有2个提醒：每天晚上9点，泡脚；明天早上8点，吃降压药。"
    cancelled = await tool.run({"action": "cancel", "request": "取消泡脚的提醒"}, me)
    assert cancelled.ok and "泡脚" in cancelled.text
    assert "reminder" in listed.grounded and "reminder" in cancelled.grounded
    left = await dbt.run(ReminderStore(dbt.db).list_active, user.id)
    assert [r.text for r in left] == ["吃降压药"]
    nothing = await tool.run({"action": "cancel", "request": "取消买菜的提醒"}, me)
    assert not nothing.ok and len(await dbt.run(ReminderStore(dbt.db).list_active, user.id)) == 1
    assert "reminder" not in nothing.grounded


@pytest.mark.parametrize(("said", "language", "expected"), [
    ("十分钟以后提醒我关火", "zh", "好的，10分钟后，也就是今天晚上7点10分，提醒您关火。"),
    ("一个半小时以后提醒我吃药", "zh", "好的，1个半小时后，也就是今天晚上8点半，提醒您吃药。"),
    ("remind me to turn off the stove in 10 minutes", "en",
     "OK, I'll remind you to turn off the stove in 10 minutes (today at 7:10 p.m.)."),
    ("remind me to take my pills at eight tomorrow morning", "en",
     "OK, I'll remind you to take your pills tomorrow at 8:00 a.m."),
    # a part of every day repeats daily, and keeps its half of the day ("every morning" had got
    # "every today at 8:00 p.m.")
    ("Remind me to take my pills every morning at 8.", "en",
     "OK, I'll remind you to take your pills every day at 8:00 a.m."),
    ("remind me each night at 9 to soak my feet", "en",
     "OK, I'll remind you to soak your feet every day at 9:00 p.m."),
    ("remind me every Sunday evening at 7 to call my sister", "en",
     "OK, I'll remind you to call your sister every Sunday at 7:00 p.m."),
])
async def test_a_reminder_is_confirmed_with_its_clock_time_and_when_soon_the_span_said(
        dbt: DatabaseThread, said: str, language: str, expected: str) -> None:
    user = await dbt.run(dbt.db.ensure_user, "奶奶")
    at_seven = datetime(2026, 11, 30, 19, 0, tzinfo=ZONE)
    evening = ToolContext(user_key=str(user.id), now=at_seven, language=language)
    result = await RemindersTool(dbt).run({"action": "set", "request": said}, evening)
    assert result.ok and result.text == expected, result.text


@pytest.mark.parametrize(
    "said", ["明天早上提醒我吃降压药", "明天二十五点提醒我吃药", "提醒我吃药", "明天早上八点提醒我"]
)
async def test_a_bad_time_or_no_task_asks_back_and_saves_nothing(dbt: DatabaseThread, said: str) -> None:
    result = await RemindersTool(dbt).run({"action": "set", "request": said}, ctx())
    assert not result.ok and result.text.endswith("？"), result.text
    assert "reminder" not in result.grounded  # nothing saved: a promise to remind stays a broken one
    with dbt.db.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM reminders").fetchone()[0] == 0
    if said == "明天早上提醒我吃降压药":
        assert result.text == "您是说明天早上8点吗？"


async def test_a_yes_after_the_question_stores_the_guess(tmp_path: Path) -> None:
    settings = load_settings(
        environ={}, overrides={"server": {"data_dir": str(tmp_path)}, "tools": {"timezone": "Asia/Shanghai"}}
    )
    toolbox = Toolbox.open(settings)
    try:
        tools = toolbox.session("")
        asked = await tools.answer("明天早上提醒我吃降压药", language="zh")
        assert asked is not None and asked[1].text.startswith("您是说明天早上8点")
        done = await tools.answer("是的", language="zh")
        assert done is not None and done[1].ok and "吃降压药" in done[1].text
        assert await tools.answer("是的", language="zh") is None  # the question was answered once
        dbt = toolbox.database
        assert dbt is not None
        user_id = await dbt.run(resolve_user_id, dbt.db, "")
        stored = await dbt.run(ReminderStore(dbt.db).list_active, user_id)
        assert [(r.text, r.time_of_day) for r in stored] == [("吃降压药", "08:00")]
    finally:
        toolbox.close()


def test_repeating_reminders_move_on(tmp_path: Path) -> None:
    with Database(tmp_path / "b.db") as db:
        user = db.ensure_user("u")
        store = ReminderStore(db)
        daily = store.add(
            NewReminder(user_id=user.id, text="泡脚", due=NOW.replace(hour=21, minute=0), repeat="daily")
        )
        fired = store.mark_fired(daily.id, daily.due_at + 5)
        assert fired.due_local() == datetime(2026, 12, 1, 21, 0, tzinfo=ZONE)
        weekly = store.add(
            NewReminder(
                user_id=user.id,
                text="复查",
                due=datetime(2026, 12, 7, 10, 30, tzinfo=ZONE),
                repeat="weekly",
                weekday=0,
            )
        )
        assert next_due(weekly, weekly.due_at) == (datetime(2026, 12, 14, 10, 30, tzinfo=ZONE)).timestamp()
        once = store.add(NewReminder(user_id=user.id, text="买菜", due=NOW + timedelta(hours=1)))
        store.mark_fired(once.id, once.due_at)
        assert [r.text for r in store.list_active(user.id)] == ["泡脚", "复查"]
        with pytest.raises(ValueError):
            store.add(NewReminder(user_id=user.id, text="", due=NOW))
        with pytest.raises(ValueError):
            store.add(NewReminder(user_id=user.id, text="x", due=NOW, repeat="weekly"))


class _Slow:
    spec = ToolSpec(
        name="slow", description="", parameters={"type": "object", "properties": {}}, timeout_s=0.2
    )

    async def run(self, args: Mapping[str, Any], ctx: ToolContext) -> ToolResult:
        await asyncio.sleep(5)
        return ToolResult(text="晴，二十度。")


class _Broken:
    spec = ToolSpec(
        name="broken",
        description="",
        parameters={"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]},
    )

    async def run(self, args: Mapping[str, Any], ctx: ToolContext) -> ToolResult:
        raise ToolError("the service is down")


async def test_a_tool_that_fails_or_times_out_gets_an_apology_and_no_value() -> None:
    registry = ToolRegistry([_Slow(), _Broken()])
    for name, args in (
        ("slow", {}),
        ("broken", {"n": 1}),
        ("broken", {}),
        ("broken", {"n": "x"}),
        ("nothing", {}),
    ):
        result = await registry.call(name, args, ctx())
        assert not result.ok and result.text == "抱歉，我现在查不到，请稍后再试。"
        assert not result.grounded


async def test_a_speculative_turn_saves_nothing_until_committed(tmp_path: Path) -> None:
    settings = load_settings(environ={}, overrides={"server": {"data_dir": str(tmp_path)}})
    toolbox = Toolbox.open(settings)
    try:
        tools = toolbox.session("")
        committed = asyncio.Event()
        task = asyncio.create_task(tools.answer("明天早上八点提醒我吃药", language="zh", committed=committed))
        await asyncio.sleep(0.2)
        dbt = toolbox.database
        assert dbt is not None
        with dbt.db.read() as conn:
            assert conn.execute("SELECT COUNT(*) FROM reminders").fetchone()[0] == 0
        task.cancel()  # the user went on talking: the speculative turn is dropped
        with pytest.raises(asyncio.CancelledError):
            await task
        with dbt.db.read() as conn:
            assert conn.execute("SELECT COUNT(*) FROM reminders").fetchone()[0] == 0
        committed.set()  # the real end of turn
        done = await tools.answer("明天早上八点提醒我吃药", language="zh", committed=committed)
        assert done is not None and done[1].ok
        # a question that only reads does not wait for the end of the turn
        listed = await tools.answer("我有哪些提醒？", language="zh", committed=asyncio.Event())
        assert listed is not None and "吃药" in listed[1].text
    finally:
        toolbox.close()
