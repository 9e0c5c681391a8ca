"""Twilio calls whose media stream was already opened, kept a day in the database.

Twilio signs its webhook requests but puts no time in the signature, so a captured request can be
sent again at any later time and would get a fresh stream ticket. Each CallSid may open one stream:
:meth:`UsedCalls.claim` records it (and says whether it was new), and the record outlives a server
restart. Records older than ``keep_s`` are dropped.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from assistant.storage.db import Database

KEEP_USED_CALLS_S = 86400.0


class UsedCalls:
    def __init__(self, db: Database, *, clock: Callable[[], float] = time.time,
                 keep_s: float = KEEP_USED_CALLS_S) -> None:
        self.db = db
        self._clock = clock
        self._keep_s = keep_s

    def claim(self, call_sid: str) -> bool:
        """Record that ``call_sid`` opened its stream; False if it already had (within ``keep_s``)."""
        now = self._clock()
        with self.db.write() as conn:
            conn.execute("DELETE FROM used_call_sids WHERE used_at < ?", (now - self._keep_s,))
            inserted = conn.execute("INSERT INTO used_call_sids (call_sid, used_at) VALUES (?, ?)"
                                    " ON CONFLICT DO NOTHING",
                                    (call_sid, now)).rowcount
        return inserted == 1

    def used(self, call_sid: str) -> bool:
        """Whether ``call_sid`` opened a stream within ``keep_s``."""
        with self.db.read() as conn:
            row = conn.execute("SELECT 1 FROM used_call_sids WHERE call_sid = ? AND used_at >= ?",
                               (call_sid, self._clock() - self._keep_s)).fetchone()
        return row is not None
