"""Presence across gateways in the database (storage/presence.py), on SQLite and PostgreSQL: which
gateway holds an elder's app, and a handed-over care prompt that is taken or expired exactly once,
also when the holder and the sender race with two connections."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from assistant.storage.db import Database
from assistant.storage.jobs import JobStore
from assistant.storage.presence import KEEP_S, PresenceStore

NOW = 1_800_000_000.0


@pytest.fixture
def elders(db: Database) -> tuple[int, int]:
    return db.ensure_user("王奶奶").id, db.ensure_user("李爷爷").id


def _job(db: Database, user_id: int, due_at: float = NOW) -> int:
    job = JobStore(db).add(kind="reminder", user_id=user_id, due_at=due_at, now=NOW)
    assert job is not None
    return job.id


def test_holders_are_fresh_other_gateways(db: Database, elders: tuple[int, int]) -> None:
    wang, li = elders
    store = PresenceStore(db)
    store.publish("gw-a", [wang], now=NOW)
    store.publish("gw-b", [wang, li], now=NOW + 2)
    assert store.holders(wang, now=NOW + 3, fresh_s=15) == ["gw-b", "gw-a"]  # freshest first
    assert store.holders(wang, now=NOW + 3, fresh_s=15, exclude="gw-b") == ["gw-a"]
    assert store.holders(wang, now=NOW + 16, fresh_s=15) == ["gw-b"]  # gw-a stopped beating
    store.publish("gw-b", [li], now=NOW + 4)  # her session on gw-b closed
    assert store.holders(wang, now=NOW + 5, fresh_s=15) == ["gw-a"]
    assert store.holders(li, now=NOW + 5, fresh_s=15) == ["gw-b"]
    store.publish("gw-b", [], now=NOW + 5)  # gw-b shut down cleanly
    assert store.holders(li, now=NOW + 5, fresh_s=15) == []


def test_a_stopped_gateways_rows_and_old_handoffs_are_pruned(db: Database, elders: tuple[int, int]) -> None:
    wang, _ = elders
    store = PresenceStore(db)
    store.publish("dead", [wang], now=NOW)
    [old] = store.hand_over(["dead"], user_id=wang, job_id=_job(db, wang), prompt={"text": "x"}, now=NOW,
                            expires_at=NOW + 5)
    store.publish("alive", [wang], now=NOW + KEEP_S + 10)
    with db.read() as conn:
        gateways = [r[0] for r in conn.execute("SELECT gateway FROM app_presence")]
        handoffs = conn.execute("SELECT COUNT(*) FROM care_handoffs WHERE id = ?", (old,)).fetchone()[0]
    assert gateways == ["alive"] and handoffs == 0


def test_a_handoff_is_taken_once_and_marks_the_job_reached_on_the_app(
        db: Database, elders: tuple[int, int]) -> None:
    wang, li = elders
    store, jobs = PresenceStore(db), JobStore(db)
    job_id = _job(db, wang)
    pcm = bytes(range(256)) * 10
    prompt = {"kind": "message", "text": "儿子给您留了言：", "recording": {"rate": 16000}}
    ids = store.hand_over(["gw-b"], user_id=wang, job_id=job_id, now=NOW, expires_at=NOW + 5, audio=pcm,
                          prompt=prompt)
    store.hand_over(["gw-c"], user_id=li, job_id=_job(db, li), prompt={"text": "别人的"}, now=NOW,
                    expires_at=NOW + 5)
    [waiting] = store.waiting("gw-b", now=NOW + 1)
    assert waiting.id == ids[0] and waiting.user_id == wang and waiting.job_id == job_id
    assert waiting.prompt["text"] == "儿子给您留了言：" and waiting.audio == pcm
    assert jobs.get(job_id).last_channel == ""  # type: ignore[union-attr]
    assert store.take(waiting.id, now=NOW + 1)
    assert not store.take(waiting.id, now=NOW + 1) and not store.expire(waiting.id)
    assert store.states(ids) == {waiting.id: "taken"} and store.waiting("gw-b", now=NOW + 1) == []
    assert jobs.get(job_id).last_channel == "app"  # type: ignore[union-attr]


def test_an_expired_handoff_is_never_taken(db: Database, elders: tuple[int, int]) -> None:
    wang, _ = elders
    store = PresenceStore(db)
    job_id = _job(db, wang)
    [late] = store.hand_over(["gw-b"], user_id=wang, job_id=job_id, prompt={}, now=NOW, expires_at=NOW + 5)
    assert store.expire(late)  # the sender gave up first
    assert not store.take(late, now=NOW + 1) and store.waiting("gw-b", now=NOW + 1) == []
    [stale] = store.hand_over(["gw-b"], user_id=wang, job_id=job_id, prompt={}, now=NOW, expires_at=NOW + 5)
    assert store.waiting("gw-b", now=NOW + 6) == []  # past its time: not even offered (the sender died)
    assert not store.take(stale, now=NOW + 6)
    assert JobStore(db).get(job_id).last_channel == ""  # type: ignore[union-attr]
    assert [h.state for h in store.for_job(job_id)] == ["expired", "waiting"]


@pytest.fixture
def two(db_url: str) -> Iterator[tuple[Database, Database]]:
    with Database(db_url) as a, Database(db_url) as b:
        yield a, b


def test_take_and_expire_racing_on_two_connections_one_wins(
        two: tuple[Database, Database]) -> None:
    sender, holder = two
    wang = sender.ensure_user("王奶奶").id
    job_id = _job(sender, wang)
    wins: list[tuple[bool, bool]] = []
    for _ in range(12):
        [handoff] = PresenceStore(sender).hand_over(["gw-b"], user_id=wang, job_id=job_id, prompt={}, now=NOW,
                                                    expires_at=NOW + 5)
        barrier = threading.Barrier(2)

        def take(h: int = handoff, together: threading.Barrier = barrier) -> bool:
            together.wait()
            return PresenceStore(holder).take(h, now=NOW + 1)

        def expire(h: int = handoff, together: threading.Barrier = barrier) -> bool:
            together.wait()
            return PresenceStore(sender).expire(h)

        with ThreadPoolExecutor(2) as pool:
            taken, expired = pool.submit(take), pool.submit(expire)
            wins.append((taken.result(), expired.result()))
    assert all(t != e for t, e in wins), wins  # exactly one of the two, every time
