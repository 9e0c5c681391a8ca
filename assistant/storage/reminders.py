"""Reminders: what to remind a user of, and when (once, every day, or every week).

Times: ``due_at`` is the next moment the reminder fires (epoch seconds). Repeating reminders also
keep their wall-clock ``time_of_day`` ("21:00") and ``timezone`` (an IANA name), so that a
scheduler can compute the following occurrence across daylight-saving changes
(:func:`next_due`). A cancelled reminder keeps its row (``cancelled_at`` set) for the family's view;
a paused one (``paused_at`` set, by the family) does not fire until resumed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import DAILY, WEEKLY, rrule

from assistant.errors import StorageError
from assistant.storage.db import Database
from assistant.storage.sql import Row

REPEATS = ("once", "daily", "weekly")
MAX_TEXT = 200


@dataclass(frozen=True, slots=True, kw_only=True)
class Reminder:
    id: int
    user_id: int
    text: str  # what to do: "吃降压药"
    due_at: float  # the next time it fires (epoch seconds)
    repeat: str  # "once" | "daily" | "weekly"
    weekday: int | None  # 0 = Monday, for "weekly"
    time_of_day: str  # "08:00", wall clock in ``timezone``
    timezone: str  # IANA name, e.g. "Asia/Shanghai"
    source_text: str  # the user's words
    created_at: float
    last_fired_at: float | None = None
    cancelled_at: float | None = None
    paused_at: float | None = None  # paused by the family: it does not fire until resumed

    @property
    def active(self) -> bool:
        return self.cancelled_at is None

    def due_local(self) -> datetime:
        return datetime.fromtimestamp(self.due_at, ZoneInfo(self.timezone))


@dataclass(frozen=True, slots=True, kw_only=True)
class NewReminder:
    user_id: int
    text: str
    due: datetime  # aware
    repeat: str = "once"
    weekday: int | None = None
    source_text: str = ""
    retries: int | None = None  # its own retry policy; None: the server's care.retries / retry_interval_s
    retry_interval_s: float | None = None

    def check(self) -> None:
        if not self.text.strip() or len(self.text) > MAX_TEXT:
            raise ValueError(f"a reminder needs a text of 1..{MAX_TEXT} characters")
        if self.due.tzinfo is None or not hasattr(self.due.tzinfo, "key"):
            raise ValueError("a reminder's time must carry an IANA time zone (zoneinfo.ZoneInfo)")
        if self.repeat not in REPEATS:
            raise ValueError(f"repeat must be one of {', '.join(REPEATS)}")
        if (self.repeat == "weekly") != (self.weekday is not None) or (self.weekday or 0) not in range(7):
            raise ValueError("a weekly reminder needs a weekday 0..6, and only a weekly one")
        if self.retries is not None and self.retries < 0:
            raise ValueError("retries must be 0 or more")
        if self.retry_interval_s is not None and not self.retry_interval_s > 0:
            raise ValueError("retry_interval_s must be positive")


def _row(row: Row) -> Reminder:
    return Reminder(
        id=row["id"],
        user_id=row["user_id"],
        text=row["text"],
        due_at=row["due_at"],
        repeat=row["repeat"],
        weekday=row["weekday"],
        time_of_day=row["time_of_day"],
        timezone=row["timezone"],
        source_text=row["source_text"],
        created_at=row["created_at"],
        last_fired_at=row["last_fired_at"],
        cancelled_at=row["cancelled_at"],
        paused_at=row["paused_at"],
    )


def next_due(reminder: Reminder, after: float) -> float | None:
    """The first occurrence of a repeating reminder after ``after``; None for a one-off.

    The recurrence is a ``dateutil.rrule`` over the wall clock of the reminder's time zone, so that
    08:00 stays 08:00 across daylight-saving changes.
    """
    if reminder.repeat == "once":
        return None
    zone = ZoneInfo(reminder.timezone)
    hour, minute = (int(x) for x in reminder.time_of_day.split(":"))
    start = (datetime.fromtimestamp(after, zone) - timedelta(days=1)).replace(tzinfo=None, second=0,
                                                                              microsecond=0)
    weekly = reminder.repeat == "weekly" and reminder.weekday is not None
    rule = rrule(WEEKLY if weekly else DAILY, dtstart=start, byhour=hour, byminute=minute, bysecond=0,
                 byweekday=reminder.weekday if weekly else None)
    for moment in rule:
        stamp = moment.replace(tzinfo=zone).timestamp()
        if stamp > after:
            return stamp
    return None  # pragma: no cover - an rrule without an end never runs out


class ReminderStore:
    """Reminders in the database; every method is one transaction (see :class:`Database`)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, new: NewReminder) -> Reminder:
        """Store a reminder (all or nothing). Raises ValueError for bad fields."""
        new.check()
        zone = getattr(new.due.tzinfo, "key", "UTC")
        with self.db.write() as conn:
            cur = conn.execute(
                "INSERT INTO reminders (user_id, text, due_at, repeat, weekday, time_of_day, timezone,"
                " source_text, retries, retry_interval_s,"
                " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    new.user_id,
                    new.text.strip(),
                    new.due.timestamp(),
                    new.repeat,
                    new.weekday,
                    new.due.strftime("%H:%M"),
                    zone,
                    new.source_text[:MAX_TEXT],
                    new.retries,
                    new.retry_interval_s,
                    time.time(),
                ),
            )
            return _row(conn.execute("SELECT * FROM reminders WHERE id = ?", (cur.lastrowid,)).fetchone())

    def get(self, reminder_id: int) -> Reminder | None:
        with self.db.read() as conn:
            row = conn.execute("SELECT * FROM reminders WHERE id = ?", (reminder_id,)).fetchone()
        return None if row is None else _row(row)

    def list_active(self, user_id: int) -> list[Reminder]:
        """A user's reminders that are not cancelled (one-offs that already fired excluded), soonest first."""
        with self.db.read() as conn:
            rows = conn.execute(
                "SELECT * FROM reminders WHERE user_id = ? AND cancelled_at IS NULL AND paused_at IS NULL"
                " AND NOT (repeat = 'once' AND last_fired_at IS NOT NULL) ORDER BY due_at, id",
                (user_id,),
            ).fetchall()
        return [_row(r) for r in rows]

    def cancel(self, user_id: int, reminder_id: int) -> Reminder:
        """Cancel one of ``user_id``'s reminders. Raises StorageError(code="unknown_reminder")."""
        with self.db.write() as conn:
            done = conn.execute(
                "UPDATE reminders SET cancelled_at = ? WHERE id = ? AND user_id = ? AND cancelled_at IS NULL",
                (time.time(), reminder_id, user_id),
            ).rowcount
            if not done:
                raise StorageError(
                    f"no active reminder {reminder_id} for user {user_id}", code="unknown_reminder"
                )
            return _row(conn.execute("SELECT * FROM reminders WHERE id = ?", (reminder_id,)).fetchone())

    def due(self, before: float) -> list[Reminder]:
        """Active reminders due at or before ``before`` (for the scheduler of another issue)."""
        with self.db.read() as conn:
            rows = conn.execute(
                "SELECT * FROM reminders WHERE cancelled_at IS NULL AND paused_at IS NULL AND due_at <= ?"
                " AND NOT (repeat = 'once' AND last_fired_at IS NOT NULL) ORDER BY due_at",
                (before,),
            ).fetchall()
        return [_row(r) for r in rows]

    def mark_fired(self, reminder_id: int, at: float) -> Reminder:
        """Record a delivery; a repeating reminder moves on to its next occurrence."""
        with self.db.write() as conn:
            row = conn.execute("SELECT * FROM reminders WHERE id = ?", (reminder_id,)).fetchone()
            if row is None:
                raise StorageError(f"no reminder {reminder_id}", code="unknown_reminder")
            nxt = next_due(_row(row), at)
            conn.execute(
                "UPDATE reminders SET last_fired_at = ?, due_at = COALESCE(?, due_at) WHERE id = ?",
                (at, nxt, reminder_id),
            )
            return _row(conn.execute("SELECT * FROM reminders WHERE id = ?", (reminder_id,)).fetchone())
