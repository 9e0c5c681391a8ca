"""The family's changes to an elder's reminders: edit, pause, resume and delete.

Same ``reminders`` table as the voice tool (:mod:`assistant.storage.reminders`) and the care
scheduler. Every method takes the household: a reminder of another household's elder behaves exactly
like one that does not exist (``StorageError`` code ``unknown_reminder``). Each change is one
transaction: all or nothing.
"""

from __future__ import annotations

import time
from datetime import datetime

from assistant.errors import StorageError
from assistant.storage.db import Database
from assistant.storage.reminders import MAX_TEXT, REPEATS, Reminder, _row, next_due
from assistant.storage.sql import Connection


def _elder_reminder(conn: Connection, household_id: int, reminder_id: int) -> Reminder:
    row = conn.execute(
        "SELECT r.* FROM reminders r JOIN members m ON m.user_id = r.user_id"
        " WHERE r.id = ? AND m.household_id = ? AND m.role = 'elder' AND r.cancelled_at IS NULL",
        (reminder_id, household_id),
    ).fetchone()
    if row is None:
        raise StorageError(f"no such reminder: {reminder_id}", code="unknown_reminder")
    return _row(row)


def _reread(conn: Connection, reminder_id: int) -> Reminder:
    return _row(conn.execute("SELECT * FROM reminders WHERE id = ?", (reminder_id,)).fetchone())


class FamilyReminders:
    """Thread-safe (it only uses the :class:`Database`)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, household_id: int, reminder_id: int) -> Reminder:
        with self.db.read() as conn:
            return _elder_reminder(conn, household_id, reminder_id)

    def edit(self, household_id: int, reminder_id: int, *, text: str, due: datetime, repeat: str,
             weekday: int | None) -> Reminder:
        """New text and time (``due``: aware, in the elder's zone); it fires next at ``due``. A paused
        reminder stays paused."""
        if not text.strip() or len(text) > MAX_TEXT or repeat not in REPEATS:
            raise ValueError(f"a reminder needs a text of 1..{MAX_TEXT} characters and a known repeat")
        zone = getattr(due.tzinfo, "key", "UTC")
        with self.db.write() as conn:
            _elder_reminder(conn, household_id, reminder_id)
            conn.execute(
                "UPDATE reminders SET text = ?, due_at = ?, repeat = ?, weekday = ?, time_of_day = ?,"
                " timezone = ?, last_fired_at = NULL WHERE id = ?",
                (text.strip(), due.timestamp(), repeat, weekday, due.strftime("%H:%M"), zone, reminder_id),
            )
            return _reread(conn, reminder_id)

    def pause(self, household_id: int, reminder_id: int, *, paused: bool) -> Reminder:
        """Pause, or resume: a repeating reminder resumes at its next time; a one-off whose time
        passed while paused is refused (``time_passed``): set a new time instead."""
        now = time.time()
        with self.db.write() as conn:
            reminder = _elder_reminder(conn, household_id, reminder_id)
            if paused:
                conn.execute("UPDATE reminders SET paused_at = COALESCE(paused_at, ?) WHERE id = ?",
                             (now, reminder_id))
                return _reread(conn, reminder_id)
            due = reminder.due_at
            if reminder.paused_at is not None and due <= now:
                following = next_due(reminder, now)
                if following is None:
                    raise StorageError("this reminder's time has passed; set a new time", code="time_passed")
                due = following
            conn.execute("UPDATE reminders SET paused_at = NULL, due_at = ? WHERE id = ?", (due, reminder_id))
            return _reread(conn, reminder_id)

    def delete(self, household_id: int, reminder_id: int) -> Reminder:
        """Cancel it (the row stays, with ``cancelled_at``, as the voice tool's cancellations do)."""
        with self.db.write() as conn:
            _elder_reminder(conn, household_id, reminder_id)
            conn.execute("UPDATE reminders SET cancelled_at = ? WHERE id = ?", (time.time(), reminder_id))
            return _reread(conn, reminder_id)
