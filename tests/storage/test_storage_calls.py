"""Twilio CallSids that opened a stream are remembered a day, across restarts."""

from __future__ import annotations

from assistant.storage.calls import UsedCalls
from assistant.storage.db import Database


def test_a_call_sid_opens_one_stream_for_a_day(db_url: str) -> None:
    now = [1_700_000_000.0]
    with Database(db_url) as db:
        calls = UsedCalls(db, clock=lambda: now[0])
        assert not calls.used("CA1")
        assert calls.claim("CA1")
        assert calls.used("CA1") and not calls.claim("CA1")
        now[0] += 3600  # an hour later (the old in-memory list forgot after 120 s)
        assert not calls.claim("CA1")
    with Database(db_url) as db:  # a restart
        calls = UsedCalls(db, clock=lambda: now[0])
        assert not calls.claim("CA1")
        assert calls.claim("CA2")
        now[0] += 86400 + 1
        assert not calls.used("CA1")
        assert calls.claim("CA1")  # a day on, the record is gone; the ticket has long expired anyway
        with db.read() as conn:
            rows = conn.execute("SELECT COUNT(*) FROM used_call_sids").fetchone()[0]
        assert rows == 1  # CA2 was pruned with it
