"""State that every gateway must see the same way, kept in the database: sliding-window rate limits
and claims on timed jobs. With one SQLite file this changes nothing visible (the limits now also
survive a restart); with PostgreSQL behind several gateways a guesser gets no more tries by being
spread over them, and the evening's summaries are written once, not once per gateway.

Both are exact across gateways: each check-and-count is one write transaction, and writers are
serialised (see :mod:`assistant.storage.db`).
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable

from assistant.storage.db import Database
from assistant.storage.sql import Connection

KEEP_CLAIMS_S = 30 * 86400.0


class RateLog:
    """Events per key in a sliding window, for one ``scope`` (e.g. ``"pair_fail"``).

    Old events are pruned as new ones come, so the table holds at most the last ``window_s`` of
    events (bounded by the rate at which they can be made, which the limit itself caps per key).
    """

    def __init__(self, db: Database, scope: str, *, limit: int, window_s: float,
                 clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self.scope = scope
        self.limit = limit
        self.window_s = window_s
        self._clock = clock

    def count(self, key: str, now: float | None = None) -> int:
        now = self._clock() if now is None else now
        with self.db.read() as conn:
            row = conn.execute("SELECT COUNT(*) FROM rate_events WHERE scope = ? AND key = ? AND at > ?",
                               (self.scope, key, now - self.window_s)).fetchone()
        return int(row[0])

    def blocked(self, key: str, now: float | None = None) -> bool:
        return self.count(key, now) >= self.limit

    def add(self, *keys: str, now: float | None = None) -> None:
        """Count one event for each key."""
        now = self._clock() if now is None else now
        with self.db.write() as conn:
            self._prune(conn, now)
            conn.executemany("INSERT INTO rate_events (scope, key, at) VALUES (?, ?, ?)",
                             [(self.scope, key, now) for key in keys])

    def hit(self, key: str, now: float | None = None) -> bool:
        """Count one event unless the key is at its limit; False (nothing counted) when it is."""
        now = self._clock() if now is None else now
        with self.db.write() as conn:
            self._prune(conn, now)
            row = conn.execute("SELECT COUNT(*) FROM rate_events WHERE scope = ? AND key = ? AND at > ?",
                               (self.scope, key, now - self.window_s)).fetchone()
            if int(row[0]) >= self.limit:
                return False
            conn.execute("INSERT INTO rate_events (scope, key, at) VALUES (?, ?, ?)", (self.scope, key, now))
        return True

    def _prune(self, conn: Connection, now: float) -> None:
        conn.execute("DELETE FROM rate_events WHERE scope = ? AND at <= ?", (self.scope, now - self.window_s))


def gateway_name() -> str:
    """Who claimed a job, for the logs: host name and process id."""
    return f"{socket.gethostname()}:{os.getpid()}"


class JobClaims:
    """``claim(name, slot)``: True for exactly one caller per (job, slot) across every gateway."""

    def __init__(self, db: Database, *, owner: str = "", clock: Callable[[], float] = time.time) -> None:
        self.db = db
        self.owner = owner or gateway_name()
        self._clock = clock

    def claim(self, name: str, slot: str) -> bool:
        now = self._clock()
        with self.db.write() as conn:
            conn.execute("DELETE FROM job_claims WHERE claimed_at < ?", (now - KEEP_CLAIMS_S,))
            inserted = conn.execute(
                "INSERT INTO job_claims (name, slot, claimed_by, claimed_at) VALUES (?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING", (name, slot, self.owner, now)).rowcount
        return inserted == 1

    def holder(self, name: str, slot: str) -> str | None:
        with self.db.read() as conn:
            row = conn.execute("SELECT claimed_by FROM job_claims WHERE name = ? AND slot = ?",
                               (name, slot)).fetchone()
        return None if row is None else str(row[0])
