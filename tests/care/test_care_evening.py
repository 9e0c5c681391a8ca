"""The evening summaries: when they run, and that every elder gets one (a quiet day needs no model)."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from assistant.care.evening import seconds_until, write_day_summaries
from assistant.care.summary import summary_request
from assistant.storage.conversations import Conversations, FamilyTurn
from assistant.storage.db import Database, DatabaseThread
from assistant.storage.household import ElderProfile, Households

TZ = dt.timezone(dt.timedelta(hours=8))


def test_seconds_until_the_next_evening() -> None:
    assert seconds_until("20:00", dt.datetime(2026, 1, 1, 19, 30, tzinfo=TZ)) == 1800
    assert seconds_until("20:00", dt.datetime(2026, 1, 1, 20, 0, tzinfo=TZ)) == 86400
    assert seconds_until("08:15", dt.datetime(2026, 1, 1, 20, 0, tzinfo=TZ)) == 12 * 3600 + 15 * 60


def test_every_elder_gets_a_quiet_day_summary_without_a_model(tmp_path: Path) -> None:
    async def run() -> int:
        dbt = DatabaseThread(Database(tmp_path / "a.db"))
        try:
            homes = Households(dbt.db)
            homes.add_elder(1, ElderProfile(display_name="王秀英", address="王奶奶"))
            homes.add_elder(1, ElderProfile(display_name="Tom", language="en"))
            return await write_day_summaries(dbt, None, "2026-01-31")
        finally:
            await dbt.aclose()

    assert asyncio.run(run()) == 2
    with Database(tmp_path / "a.db") as db:
        talks, homes = Conversations(db), Households(db)
        texts = [talks.summaries(e.user_id)[0]["text"] for e in homes.all_elders()]
    assert texts == ["安静的一天：王奶奶没有和助手说话。", "A quiet day: Tom did not talk to the assistant."]


def test_hidden_turns_never_reach_the_model() -> None:
    turns = [
        FamilyTurn(
            id=1,
            at=0,
            source="ws",
            hidden=False,
            question="今天几号",
            answer="一号",
            heard="一号",
            interrupted=False,
            photo=False,
        ),
        FamilyTurn(
            id=2,
            at=0,
            source="ws",
            hidden=True,
            question="",
            answer="",
            heard="",
            interrupted=False,
            photo=False,
        ),
    ]
    prompt = summary_request("王奶奶", "2026-01-31", turns, "zh").messages[1].content
    assert "今天几号" in prompt and "1 段老人要求保密" in prompt and prompt.count("问") == 1
