"""Outbound phone calls: who was called and why, how far the call got, and what the elder answered.

A row is written before Twilio is asked to place the call (status ``queued``), so that a call the
API never took is still recorded: ``failed`` with the last error (the family console shows it as
未送达). ``placed``: Twilio accepted it (``call_sid`` set); ``answered``: its media stream opened;
``completed``: the stream ended. ``reply`` is what the elder said to a reminder (``done`` or
``snooze``), with their words in ``reply_text``.

Twilio's StatusCallback (:mod:`assistant.server.call_status`) adds what became of the call on the
line: ``call_status`` (queued, ringing, in-progress, completed, busy, no-answer, failed, canceled),
``duration_s`` (CallDuration) and ``status_at``. It only moves forward (queued, ringing, in-progress,
then one final status): callbacks may come out of order. A call that ends busy, unanswered, failed or
canceled, or completed without our media stream ever opening (a call to the elder), is not
delivered: ``failed``.
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
LINE_STATUSES = ("queued", "ringing", "in-progress", "completed", "busy", "no-answer", "failed", "canceled")
FINAL_LINE_STATUSES = ("completed", "busy", "no-answer", "failed", "canceled")


def _line_rank(call_status: str) -> int:
    """How far a call has got: queued 1, ringing 2, in-progress 3, any final status 4."""
    return 4 if call_status in FINAL_LINE_STATUSES else LINE_STATUSES.index(call_status) + 1


LINE_OUTCOMES = {"no-answer": "无人接听", "busy": "占线", "failed": "呼叫失败", "canceled": "已取消"}


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
    call_status: str = ""  # Twilio's CallStatus, from its StatusCallback ("" before the first)
    duration_s: int | None = None  # CallDuration, once the call ended
    status_at: float | None = None  # when Twilio's last status came

    @property
    def connected(self) -> bool:
        """Our media stream opened (a call to the elder), or the family's call was answered."""
        return self.status in ("answered", "completed") or (
            self.purpose == "family" and self.call_status in ("in-progress", "completed"))

    @property
    def outcome(self) -> str:
        """What became of the call on the line, in Chinese ("" while Twilio has not said)."""
        if self.call_status == "completed":
            return f"已接通 {self.duration_s or 0} 秒" if self.connected else "接通后未连上助手"
        return LINE_OUTCOMES.get(self.call_status, "")

    @property
    def label(self) -> str:
        """The status as the family console shows it ("未送达：无人接听", "已接通 35 秒", …)."""
        outcome = self.outcome
        if not outcome:
            return STATUS_LABELS[self.status]
        return f"未送达：{outcome}" if self.status == "failed" else outcome


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

    def by_sid(self, call_sid: str) -> OutboundCall | None:
        """The call Twilio knows as ``call_sid`` (None: not one we placed)."""
        if not call_sid:
            return None
        with self.db.read() as conn:
            row = conn.execute("SELECT * FROM outbound_calls WHERE call_sid = ?", (call_sid,)).fetchone()
        return None if row is None else _row(row)

    def line_status(self, call_id: int, call_status: str, *, duration_s: int | None,
                    at: float) -> OutboundCall:
        """Record Twilio's status of the call (never over a final one); a final status that did not
        reach the elder (or the family) makes the call ``failed``."""
        if call_status not in LINE_STATUSES:
            raise StorageError(f"unknown call status {call_status!r}", code="bad_call_status")
        # Callbacks can arrive out of order: a status only moves forward (queued, ringing, in-progress,
        # then one final status), so a late "ringing" never replaces "in-progress".
        rank = " ".join(f"WHEN '{s}' THEN {_line_rank(s)}" for s in LINE_STATUSES)
        with self.db.write() as conn:
            conn.execute(f"UPDATE outbound_calls SET call_status = ?, duration_s = COALESCE(?, duration_s),"
                         f" status_at = ?, updated_at = ? WHERE id = ? AND (call_status IS NULL"
                         f" OR (CASE call_status {rank} ELSE 0 END) < ?)",
                         (call_status, duration_s, at, time.time(), call_id, _line_rank(call_status)))
            record = self._one(conn, call_id)
            ended = record.call_status in FINAL_LINE_STATUSES
            if ended and not record.connected and record.status != "failed":
                conn.execute("UPDATE outbound_calls SET status = 'failed', updated_at = ? WHERE id = ?",
                             (time.time(), call_id))
                record = self._one(conn, call_id)
            return record

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

    def for_ref(self, purpose: Purpose, ref_id: int) -> list[OutboundCall]:
        """The calls made for one care job (a reminder: the job's id) or check-in, oldest first."""
        with self.db.read() as conn:
            rows = conn.execute("SELECT * FROM outbound_calls WHERE purpose = ? AND ref_id = ? ORDER BY id",
                                (purpose, ref_id)).fetchall()
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
