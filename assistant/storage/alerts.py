"""Alerts to the family, and how far each one got on each channel.

An alert is written once, at once (before any delivery is tried), so that it is never lost even when
every channel is down; :mod:`assistant.care.alerts` then records each channel's outcome. The status of
an alert sums up its deliveries: ``delivered`` (all channels), ``partly_delivered``, ``failed`` (none;
the family console shows it as 未送达), ``no_channel`` (nothing configured), ``pending`` (in progress).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Literal

from assistant.errors import StorageError
from assistant.storage.db import Database

AlertStatus = Literal["pending", "delivered", "partly_delivered", "failed", "no_channel"]
DeliveryStatus = Literal["sending", "delivered", "failed"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Delivery:
    channel: str  # e.g. "wecom:qyapi.weixin.qq.com" (never the secret part of the URL)
    status: DeliveryStatus
    attempts: int
    last_error: str
    updated_at: float


@dataclass(frozen=True, slots=True, kw_only=True)
class AlertRecord:
    id: int
    user_id: int
    kind: str  # "emergency" (later: "missed_reminder", "missed_checkin")
    category: str  # for emergencies: "fall", "help", "chest", …
    text: str  # the words heard
    created_at: float  # seconds since the epoch
    status: AlertStatus
    household: str = ""  # the family group; set by the family console, empty until then
    session_id: str = ""
    deliveries: tuple[Delivery, ...] = field(default_factory=tuple)


class AlertStore:
    """Synchronous; call it through :class:`assistant.storage.db.DatabaseThread` from asyncio code."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, *, user_id: int, kind: str, category: str, text: str, created_at: float | None = None,
            session_id: str = "", household: str = "") -> AlertRecord:
        if not text.strip() or not kind:
            raise StorageError("an alert needs a kind and the words heard", code="bad_alert")
        at = time.time() if created_at is None else created_at
        with self._db.write() as conn:
            cur = conn.execute(
                "INSERT INTO alerts (user_id, household, kind, category, text, created_at, session_id)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (user_id, household, kind, category, text.strip(), at, session_id))
            alert_id = int(cur.lastrowid or 0)
        found = self.get(alert_id)
        assert found is not None
        return found

    def record_delivery(self, alert_id: int, channel: str, status: DeliveryStatus, *, attempts: int,
                        error: str = "") -> None:
        with self._db.write() as conn:
            conn.execute(
                "INSERT INTO alert_deliveries (alert_id, channel, status, attempts, last_error, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (alert_id, channel) DO UPDATE SET"
                " status = excluded.status, attempts = excluded.attempts, last_error = excluded.last_error,"
                " updated_at = excluded.updated_at",
                (alert_id, channel, status, attempts, error[:500], time.time()))

    def set_status(self, alert_id: int, status: AlertStatus) -> None:
        with self._db.write() as conn:
            conn.execute("UPDATE alerts SET status = ? WHERE id = ?", (status, alert_id))

    def get(self, alert_id: int) -> AlertRecord | None:
        with self._db.read() as conn:
            row = conn.execute("SELECT * FROM alerts WHERE id = ?", (alert_id,)).fetchone()
            if row is None:
                return None
            rows = conn.execute("SELECT * FROM alert_deliveries WHERE alert_id = ? ORDER BY id",
                                (alert_id,)).fetchall()
        deliveries = tuple(Delivery(channel=d["channel"], status=d["status"], attempts=d["attempts"],
                                    last_error=d["last_error"], updated_at=d["updated_at"]) for d in rows)
        return AlertRecord(id=row["id"], user_id=row["user_id"], kind=row["kind"], category=row["category"],
                           text=row["text"], created_at=row["created_at"], status=row["status"],
                           household=row["household"], session_id=row["session_id"], deliveries=deliveries)

    def list_for_user(self, user_id: int, *, limit: int = 50) -> list[AlertRecord]:
        with self._db.read() as conn:
            ids = [r["id"] for r in conn.execute(
                "SELECT id FROM alerts WHERE user_id = ? ORDER BY id DESC LIMIT ?", (user_id, limit))]
        return [a for a in (self.get(i) for i in ids) if a is not None]
