"""Presence across gateways (care/relay.py) with two gateways' relays on one database (SQLite and a
real PostgreSQL server), each with its own connection: a reminder fired by gateway A's scheduler is
spoken once on the app that gateway B holds and recorded as reached on the app, and B's button
answers it; with B dead the job takes its usual retry path and B, back, never speaks it late; a
gateway without sessions does not touch the database."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from assistant.care import relay as relay_module
from assistant.care.delivery import CarePrompt, register_builtin
from assistant.care.prompts import Reply
from assistant.care.relay import PresenceRelay
from assistant.care.scheduler import Scheduler, answer
from assistant.config import CareSettings
from assistant.storage.db import Database, DatabaseThread
from assistant.storage.household import ElderProfile, Households
from assistant.storage.jobs import Job, JobStore
from assistant.storage.messages import Messages
from assistant.storage.presence import PresenceStore
from assistant.storage.reminders import NewReminder, ReminderStore
from assistant.storage.voice_messages import Recording

SH = ZoneInfo("Asia/Shanghai")


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "care.db")
    return str(request.getfixturevalue("postgres").new_database())


class Gateway:
    """One gateway's database connection and relay; ``open``: the elders whose app it holds."""

    def __init__(self, url: str, name: str, clock: Callable[[], float] = time.time) -> None:
        self.url = url
        self.dbt = DatabaseThread(Database(url))
        self.open: set[int] = set()
        self.said: list[tuple[int, CarePrompt]] = []
        self.calls = 0
        self.relay = PresenceRelay(self._run, PresenceStore(self.dbt.db), local_users=self._users,
                                   deliver=self._deliver, gateway=name, clock=clock)
        self.loop: asyncio.Task[None] | None = None

    async def _run(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        return await self.dbt.run(fn, *args, **kwargs)

    async def _users(self) -> set[int]:
        return set(self.open)

    async def _deliver(self, user_id: int, prompt: CarePrompt) -> None:
        self.said.append((user_id, prompt))

    def start(self) -> None:
        self.loop = asyncio.create_task(self.relay.loop())

    async def kill(self) -> None:
        """Stops dead: no heartbeat, no poll, its presence rows left behind."""
        if self.loop is not None:
            self.loop.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.loop
            self.loop = None


class Firing:
    """Gateway A's scheduler; its app channel is the relay alone (A holds none of her sessions)."""

    def __init__(self, gateway: Gateway) -> None:
        self.settings = CareSettings(retries=1, retry_interval_s=600)
        self.store = JobStore(gateway.dbt.db)
        self.scheduler = Scheduler(gateway.dbt.run, self.store, self.settings)

        class Elsewhere:
            async def push(self, user_id: int, prompt: CarePrompt) -> bool:
                return await gateway.relay.hand_over(user_id, prompt)

        db = gateway.dbt.db
        register_builtin(self.scheduler, gateway.dbt.run, Households(db), Messages(db), Elsewhere())


@pytest.fixture
async def gateways(db_url: str) -> AsyncIterator[tuple[Gateway, Gateway, int]]:
    a, b = Gateway(db_url, "gw-a"), Gateway(db_url, "gw-b")
    elder = Households(a.dbt.db).add_elder(1, ElderProfile(display_name="王秀兰", address="王奶奶")).user_id
    try:
        yield a, b, elder
    finally:
        for gateway in (a, b):
            await gateway.kill()
            await gateway.dbt.aclose()


def _remind(db: Database, user_id: int) -> int:
    due = datetime.fromtimestamp(time.time() - 1, SH)
    return ReminderStore(db).add(NewReminder(user_id=user_id, text="吃降压药", due=due)).id


def _job(store: JobStore, rid: int) -> Job:
    return store.latest("reminder", [rid])[rid]


async def _holding(gateway: Gateway, elder: int) -> None:
    gateway.open.add(elder)
    await gateway.relay.step()  # what its loop does within POLL_S of her session opening


async def test_a_reminder_fired_on_a_is_spoken_once_on_b_and_bs_button_answers_it(
        gateways: tuple[Gateway, Gateway, int]) -> None:
    a, b, elder = gateways
    firing = Firing(a)
    await _holding(b, elder)
    b.start()
    rid = _remind(a.dbt.db, elder)
    started = time.monotonic()
    assert len(await firing.scheduler.tick()) == 1
    took = time.monotonic() - started
    print(f"A's tick: fired, handed over, taken by B in {took:.2f} s")
    assert [(u, p.kind, p.answerable, p.job_id) for u, p in b.said] == [
        (elder, "reminder", True, _job(firing.store, rid).id)]
    text = b.said[0][1].text
    assert text.startswith("王奶奶，") and text.endswith("该吃降压药了。吃了吗？"), text
    job = _job(firing.store, rid)
    assert (job.state, job.attempts, job.last_channel) == ("pending", 1, "app")
    assert took < 2.0, took  # B polls every POLL_S (0.5 s); A looks every CHECK_S
    answered = await answer(b.dbt.run, JobStore(b.dbt.db), firing.settings, user_id=elder,
                            reply=Reply(kind="ack"), channel="button", now=time.time(), job_id=job.id)
    assert answered is not None and (answered.state, answered.ack_channel) == ("acknowledged", "button")
    await asyncio.sleep(relay_module.POLL_S * 3)
    assert len(b.said) == 1  # spoken once


async def test_with_the_holder_dead_the_job_takes_its_retry_path_and_is_never_spoken_late(
        gateways: tuple[Gateway, Gateway, int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(relay_module, "HANDOFF_WAIT_S", 1.0)
    a, b, elder = gateways
    firing = Firing(a)
    await _holding(b, elder)  # B beat a moment ago, then hangs: its row is still fresh
    rid = _remind(a.dbt.db, elder)
    started = time.time()
    await firing.scheduler.tick()
    job = _job(firing.store, rid)
    assert (job.state, job.attempts, job.last_channel) == ("pending", 1, "")  # nobody reached
    assert job.next_at >= started + 600  # tried again after retry_interval_s, then the family's alert
    assert [h.state for h in PresenceStore(a.dbt.db).for_job(job.id)] == ["expired"]
    await b.relay.step()  # B comes back: the expired prompt is not spoken
    assert b.said == []
    assert await answer(b.dbt.run, JobStore(b.dbt.db), firing.settings, user_id=elder,
                        reply=Reply(kind="ack"), channel="button", now=time.time(),
                        job_id=job.id) is None  # not waiting for an answer: it reached nobody


async def test_no_fresh_holder_no_handoff_and_no_wait(gateways: tuple[Gateway, Gateway, int]) -> None:
    a, _, elder = gateways
    stale = Gateway(a.url, "gw-old", clock=lambda: time.time() - relay_module.FRESH_S - 1)
    try:
        await _holding(stale, elder)  # its last heartbeat is older than FRESH_S
        prompt = CarePrompt(job_id=_job_id(a, elder), kind="reminder", text="该吃药了", language="zh",
                            answerable=True)
        started = time.monotonic()
        assert not await a.relay.hand_over(elder, prompt)
        assert time.monotonic() - started < 0.5
        assert PresenceStore(a.dbt.db).for_job(prompt.job_id) == []
    finally:
        await stale.dbt.aclose()


def _job_id(gateway: Gateway, elder: int) -> int:
    job = JobStore(gateway.dbt.db).add(kind="checkin", user_id=elder, due_at=time.time(), now=time.time())
    assert job is not None
    return job.id


async def test_a_recording_is_handed_over_whole(gateways: tuple[Gateway, Gateway, int]) -> None:
    a, b, elder = gateways
    await _holding(b, elder)
    b.start()
    recording = Recording(pcm=bytes(range(256)) * 64, rate=16000, duration_s=0.512)
    prompt = CarePrompt(job_id=_job_id(a, elder), kind="message", text="儿子给您留了言：", language="zh",
                        answerable=False, recording=recording)
    assert await a.relay.hand_over(elder, prompt)
    assert b.said == [(elder, prompt)]


async def test_a_gateway_without_sessions_does_not_touch_the_database(
        gateways: tuple[Gateway, Gateway, int]) -> None:
    a, b, elder = gateways
    for _ in range(5):
        await b.relay.step()
    assert b.calls == 0
    await _holding(b, elder)
    assert b.calls == 2  # published, then looked for prompts
    assert PresenceStore(a.dbt.db).holders(elder, now=time.time(), fresh_s=15) == ["gw-b"]
    await b.relay.step()
    assert b.calls == 3  # no change, heartbeat not due: only the look
    b.open.clear()
    await b.relay.step()
    await b.relay.step()
    assert b.calls == 4  # her session closed: its row removed once, then nothing
    assert PresenceStore(a.dbt.db).holders(elder, now=time.time(), fresh_s=15) == []
    await _holding(b, elder)
    await b.relay.leave()  # clean shutdown
    assert PresenceStore(a.dbt.db).holders(elder, now=time.time(), fresh_s=15) == []
