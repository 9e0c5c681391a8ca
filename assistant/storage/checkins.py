"""Daily check-ins: when each one started, how many tries it took, the elder's answers and the
family's summary; and each elder's check-in plan (``user_settings`` key ``checkin``)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any, Literal

from assistant.errors import StorageError
from assistant.storage.db import Database
from assistant.storage.sql import Connection, Row

CheckinStatus = Literal["open", "answered", "unanswered"]
PLAN_KEY = "checkin"


@dataclass(frozen=True, slots=True, kw_only=True)
class Checkin:
    id: int
    user_id: int
    channel: str  # "call" | "app"
    started_at: float
    status: CheckinStatus
    tries: int
    answers: dict[str, str]
    summary: str
    finished_at: float | None

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "channel": self.channel, "started_at": self.started_at, "status": self.status,
                "tries": self.tries, "answers": self.answers, "summary": self.summary,
                "finished_at": self.finished_at}


def _row(row: Row) -> Checkin:
    return Checkin(id=row["id"], user_id=row["user_id"], channel=row["channel"], started_at=row["started_at"],
                   status=row["status"], tries=row["tries"], answers=json.loads(row["answers"]),
                   summary=row["summary"], finished_at=row["finished_at"])


class Checkins:
    """Synchronous; call it through :class:`assistant.storage.db.DatabaseThread` from asyncio code."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def start(self, user_id: int, channel: str, *, at: float | None = None) -> Checkin:
        with self.db.write() as conn:
            cur = conn.execute("INSERT INTO checkins (user_id, channel, started_at) VALUES (?, ?, ?)",
                               (user_id, channel, time.time() if at is None else at))
            return self._one(conn, int(cur.lastrowid or 0))

    def tried(self, checkin_id: int) -> Checkin:
        with self.db.write() as conn:
            conn.execute("UPDATE checkins SET tries = tries + 1 WHERE id = ?", (checkin_id,))
            return self._one(conn, checkin_id)

    def finish(self, checkin_id: int, *, status: CheckinStatus, answers: dict[str, str] | None = None,
               summary: str = "", at: float | None = None) -> Checkin:
        with self.db.write() as conn:
            conn.execute("UPDATE checkins SET status = ?, answers = ?, summary = ?, finished_at = ?"
                         " WHERE id = ?",
                         (status, json.dumps(answers or {}, ensure_ascii=False), summary,
                          time.time() if at is None else at, checkin_id))
            return self._one(conn, checkin_id)

    def get(self, checkin_id: int) -> Checkin | None:
        with self.db.read() as conn:
            row = conn.execute("SELECT * FROM checkins WHERE id = ?", (checkin_id,)).fetchone()
        return None if row is None else _row(row)

    def open_at(self, user_id: int, started_at: float) -> Checkin | None:
        """The check-in of that time still open (a retry continues it)."""
        with self.db.read() as conn:
            row = conn.execute("SELECT * FROM checkins WHERE user_id = ? AND started_at = ?"
                               " AND status = 'open' ORDER BY id DESC LIMIT 1",
                               (user_id, started_at)).fetchone()
        return None if row is None else _row(row)

    def last_answered(self, user_id: int) -> Checkin | None:
        """The elder's latest answered check-in (what the next one remembers)."""
        with self.db.read() as conn:
            row = conn.execute("SELECT * FROM checkins WHERE user_id = ? AND status = 'answered'"
                               " ORDER BY id DESC LIMIT 1", (user_id,)).fetchone()
        return None if row is None else _row(row)

    def for_user(self, user_id: int, *, limit: int = 30) -> list[Checkin]:
        with self.db.read() as conn:
            rows = conn.execute("SELECT * FROM checkins WHERE user_id = ? ORDER BY id DESC LIMIT ?",
                                (user_id, limit)).fetchall()
        return [_row(r) for r in rows]

    def plan(self, user_id: int) -> dict[str, Any]:
        """The stored plan (raw JSON; :class:`assistant.care.checkin.CheckinPlan` checks it)."""
        with self.db.read() as conn:
            row = conn.execute("SELECT value FROM user_settings WHERE user_id = ? AND key = ?",
                               (user_id, PLAN_KEY)).fetchone()
        value = json.loads(row["value"]) if row is not None else {}
        return value if isinstance(value, dict) else {}

    def set_plan(self, user_id: int, plan: dict[str, Any]) -> None:
        with self.db.write() as conn:
            conn.execute("INSERT INTO user_settings (user_id, key, value) VALUES (?, ?, ?)"
                         " ON CONFLICT (user_id, key) DO UPDATE SET value = excluded.value",
                         (user_id, PLAN_KEY, json.dumps(plan, ensure_ascii=False)))

    @staticmethod
    def _one(conn: Connection, checkin_id: int) -> Checkin:
        row = conn.execute("SELECT * FROM checkins WHERE id = ?", (checkin_id,)).fetchone()
        if row is None:
            raise StorageError(f"no check-in {checkin_id}", code="unknown_checkin")
        return _row(row)
