"""Outbound phone calls: who was called and why, how far the call got, and what the elder answered.

A row is written before Twilio is asked to place the call (status ``queued``), so that a call the
API never took is still recorded: ``failed`` with the last error (the family console shows it as
未送达). ``placed``: Twilio accepted it (``call_sid`` set); ``answered``: its media stream opened;
``completed``: the stream ended. ``reply`` is what the elder said to a reminder (``done`` or
``snooze``), with their words in ``reply_text``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Literal

from assistant.errors import StorageError
from assistant.storage.db import Database
from assistant.storage.sql import Connection, Row

Purpose = Literal["reminder", "checkin", "family"]
CallStatus = Literal["queued", "placed", "answered", "failed", "completed"]
PURPOSES = ("reminder", "checkin", "family")
STATUS_LABELS = {"queued": "拨号中", "placed": "已拨出", "answered": "已接听", "failed": "未送达",
                 "completed": "已通话"}


@dataclass(frozen=True, slots=True, kw_only=True)
class OutboundCall:
    id: int
    user_id: int | None  # the elder the call is about (for a family call: the elder in trouble)
    purpose: Purpose
    ref_id: int | None  # the reminder's or check-in's id
    to_number: str
    opening: str  # the call's first turn
    status: CallStatus
    call_sid: str
    attempts: int
    last_error: str
    reply: str  # "done" | "snooze" | ""
    reply_text: str
    created_at: float
    updated_at: float

    @property
    def label(self) -> str:
        """The status as the family console shows it."""
        return STATUS_LABELS[self.status]


def _row(row: Row) -> OutboundCall:
    return OutboundCall(**{key: row[key] for key in row.keys()})


class OutboundCalls:
    """Synchronous; call it through :class:`assistant.storage.db.DatabaseThread` from asyncio code."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, *, user_id: int | None, purpose: Purpose, to_number: str, opening: str,
            ref_id: int | None = None) -> OutboundCall:
        if purpose not in PURPOSES:
            raise StorageError(f"unknown call purpose {purpose!r}", code="bad_call")
        if not to_number.strip() or not opening.strip():
            raise StorageError("an outbound call needs a number and something to say", code="bad_call")
        now = time.time()
        with self.db.write() as conn:
            cur = conn.execute(
                "INSERT INTO outbound_calls (user_id, purpose, ref_id, to_number, opening, created_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (user_id, purpose, ref_id, to_number.strip(), opening.strip(), now, now))
            return self._one(conn, int(cur.lastrowid or 0))

    def get(self, call_id: int) -> OutboundCall | None:
        with self.db.read() as conn:
            row = conn.execute("SELECT * FROM outbound_calls WHERE id = ?", (call_id,)).fetchone()
        return None if row is None else _row(row)

    def for_user(self, user_id: int, *, limit: int = 50) -> list[OutboundCall]:
        """The latest calls about ``user_id``, newest first."""
        with self.db.read() as conn:
            rows = conn.execute("SELECT * FROM outbound_calls WHERE user_id = ? ORDER BY id DESC LIMIT ?",
                                (user_id, limit)).fetchall()
        return [_row(r) for r in rows]

    def attempt(self, call_id: int, *, error: str = "", call_sid: str = "") -> OutboundCall:
        """One request to Twilio: placed (with its CallSid) or, with ``error``, still queued."""
        with self.db.write() as conn:
            if call_sid:
                conn.execute("UPDATE outbound_calls SET attempts = attempts + 1, status = 'placed',"
                             " call_sid = ?, last_error = '', updated_at = ? WHERE id = ?",
                             (call_sid, time.time(), call_id))
            else:
                conn.execute("UPDATE outbound_calls SET attempts = attempts + 1, last_error = ?,"
                             " updated_at = ? WHERE id = ?", (error[:300], time.time(), call_id))
            return self._one(conn, call_id)

    def set_status(self, call_id: int, status: CallStatus) -> OutboundCall:
        with self.db.write() as conn:
            conn.execute("UPDATE outbound_calls SET status = ?, updated_at = ? WHERE id = ?",
                         (status, time.time(), call_id))
            return self._one(conn, call_id)

    def set_reply(self, call_id: int, reply: str, text: str) -> OutboundCall:
        with self.db.write() as conn:
            conn.execute("UPDATE outbound_calls SET reply = ?, reply_text = ?, updated_at = ? WHERE id = ?",
                         (reply, text[:200], time.time(), call_id))
            return self._one(conn, call_id)

    @staticmethod
    def _one(conn: Connection, call_id: int) -> OutboundCall:
        row = conn.execute("SELECT * FROM outbound_calls WHERE id = ?", (call_id,)).fetchone()
        if row is None:
            raise StorageError(f"no outbound call {call_id}", code="unknown_call")
        return _row(row)
