"""The care scheduler's jobs: one row per thing to do for an elder at a time.

A job is one occurrence: a reminder's 08:00 of Tuesday, one timed family message, one check-in.
Reminders and timed messages keep their own rows (``reminders``, ``messages``); when one falls due,
:meth:`JobStore.materialize` writes its job (``INSERT OR IGNORE`` on ``UNIQUE(kind, ref_id, due_at)``)
and moves a repeating reminder on to its next occurrence, in the same transaction, so that two
processes never create two jobs for one occurrence.

Attempts are claimed with a conditional UPDATE (:meth:`JobStore.claim`): only the process whose
UPDATE changed the row (``rowcount == 1``) runs that attempt. Claiming also moves ``next_at`` on by the
retry interval, so a process that dies mid-attempt leaves a job that is simply tried again then.

States: ``pending`` (to be tried at ``next_at``; with ``attempts > 0`` it was already tried and waits
for an acknowledgement), then one of ``acknowledged``, ``done`` (nothing to acknowledge, e.g. a
message spoken), ``escalated`` (retries used up, the family alerted), ``missed`` (found too late,
never spoken) or ``cancelled``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.storage.db import Database
from assistant.storage.reminders import _row as reminder_row
from assistant.storage.reminders import next_due
from assistant.storage.sql import Row

JobState = Literal["pending", "acknowledged", "done", "escalated", "missed", "cancelled"]
FINAL_STATES = ("acknowledged", "done", "escalated", "missed", "cancelled")


@dataclass(frozen=True, slots=True, kw_only=True)
class Job:
    id: int
    kind: str  # "reminder", "message", "checkin", … (see assistant.care.scheduler)
    user_id: int
    ref_id: int | None  # reminders.id / messages.id
    due_at: float  # the occurrence's own time (epoch seconds)
    next_at: float  # when the next attempt is due
    state: JobState
    attempts: int
    retries: int
    retry_interval_s: float
    payload: Mapping[str, Any] = field(default_factory=dict)
    last_attempt_at: float | None = None
    last_channel: str = ""  # "app", "call", "next_turn", "" (nobody reached)
    ack_at: float | None = None
    ack_channel: str = ""  # "voice", "button", "call", "app" (a check-in answered on the app)
    alert_id: int | None = None
    created_at: float = 0.0
    finished_at: float | None = None


def _job(row: Row) -> Job:
    return Job(id=row["id"], kind=row["kind"], user_id=row["user_id"], ref_id=row["ref_id"],
               due_at=row["due_at"], next_at=row["next_at"], state=row["state"], attempts=row["attempts"],
               retries=row["retries"], retry_interval_s=row["retry_interval_s"],
               payload=json.loads(row["payload"]), last_attempt_at=row["last_attempt_at"],
               last_channel=row["last_channel"], ack_at=row["ack_at"], ack_channel=row["ack_channel"],
               alert_id=row["alert_id"], created_at=row["created_at"], finished_at=row["finished_at"])


@dataclass(frozen=True, slots=True, kw_only=True)
class RetryPolicy:
    retries: int = 2
    retry_interval_s: float = 600.0


class JobStore:
    """Synchronous and thread-safe; from asyncio code call it through ``DatabaseThread.run``."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def add(self, *, kind: str, user_id: int, due_at: float, now: float, ref_id: int | None = None,
            payload: Mapping[str, Any] | None = None, policy: RetryPolicy = RetryPolicy()) -> Job | None:
        """A new pending job (a generic kind such as "checkin"); None if that occurrence exists.

        ``ref_id`` names what the job is about (default: the user): one job per kind, ref and time."""
        if not kind or not kind.replace("_", "").isalnum():
            raise ValueError(f"bad job kind {kind!r}")
        with self.db.write() as conn:
            cur = conn.execute(
                "INSERT INTO care_jobs (kind, user_id, ref_id, due_at, next_at, retries,"
                " retry_interval_s, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                (kind, user_id, user_id if ref_id is None else ref_id, due_at, due_at, policy.retries,
                 policy.retry_interval_s,
                 json.dumps(dict(payload or {}), ensure_ascii=False), now))
            if not cur.rowcount:
                return None
            return _job(conn.execute("SELECT * FROM care_jobs WHERE id = ?", (cur.lastrowid,)).fetchone())

    def get(self, job_id: int) -> Job | None:
        with self.db.read() as conn:
            row = conn.execute("SELECT * FROM care_jobs WHERE id = ?", (job_id,)).fetchone()
        return None if row is None else _job(row)

    def materialize(self, now: float, default: RetryPolicy) -> int:
        """Write the jobs of reminders and timed messages due by ``now``; returns how many are new.

        A repeating reminder moves on to its first occurrence after ``now`` (occurrences missed while
        the server was down make one job, the oldest, which the scheduler then marks missed or late).
        """
        made = 0
        with self.db.write() as conn:
            for row in conn.execute(
                    "SELECT * FROM reminders WHERE cancelled_at IS NULL AND paused_at IS NULL AND due_at <= ?"
                    " AND NOT (repeat = 'once' AND last_fired_at IS NOT NULL) ORDER BY due_at", (now,)
            ).fetchall():
                reminder = reminder_row(row)
                retries = default.retries if row["retries"] is None else row["retries"]
                interval = row["retry_interval_s"] or default.retry_interval_s
                payload = json.dumps({"text": reminder.text, "timezone": reminder.timezone,
                                      "repeat": reminder.repeat}, ensure_ascii=False)
                made += conn.execute(
                    "INSERT INTO care_jobs (kind, user_id, ref_id, due_at, next_at, retries,"
                    " retry_interval_s, payload, created_at) VALUES ('reminder', ?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT DO NOTHING",
                    (reminder.user_id, reminder.id, reminder.due_at, reminder.due_at, retries, interval,
                     payload, now)).rowcount
                following = next_due(reminder, max(now, reminder.due_at))
                conn.execute("UPDATE reminders SET last_fired_at = ?, due_at = COALESCE(?, due_at)"
                             " WHERE id = ?", (now, following, reminder.id))
            made += conn.execute(
                "INSERT INTO care_jobs (kind, user_id, ref_id, due_at, next_at, retries,"
                " retry_interval_s, payload, created_at)"
                " SELECT 'message', elder_id, id, deliver_at, deliver_at, 0, ?, '{}', ? FROM messages"
                " WHERE deliver_at IS NOT NULL AND deliver_at <= ? AND delivered_at IS NULL"
                " ON CONFLICT DO NOTHING",
                (default.retry_interval_s, now, now)).rowcount
        return made

    def due(self, now: float, limit: int = 50) -> list[Job]:
        """Pending jobs whose next attempt is due, oldest first."""
        with self.db.read() as conn:
            rows = conn.execute("SELECT * FROM care_jobs WHERE state = 'pending' AND next_at <= ?"
                                " ORDER BY next_at, id LIMIT ?", (now, limit)).fetchall()
        return [_job(r) for r in rows]

    def claim(self, job: Job, *, now: float, worker: str) -> bool:
        """Take attempt ``job.attempts + 1`` of ``job``: True for exactly one caller (conditional UPDATE)."""
        with self.db.write() as conn:
            return conn.execute(
                "UPDATE care_jobs SET attempts = attempts + 1, last_attempt_at = ?, next_at = ?,"
                " claimed_by = ? WHERE id = ? AND state = 'pending' AND attempts = ? AND next_at <= ?",
                (now, now + job.retry_interval_s, worker, job.id, job.attempts, now)).rowcount == 1

    def attempted(self, job_id: int, channel: str) -> None:
        """Record where the attempt reached the elder ("" when nobody was reached)."""
        with self.db.write() as conn:
            conn.execute("UPDATE care_jobs SET last_channel = ? WHERE id = ?", (channel, job_id))

    def unreached(self, job_id: int, channel: str) -> bool:
        """The attempt that went out on ``channel`` did not reach the elder after all (a call nobody
        answered): it counts as reaching nobody; its retries and escalation go on as scheduled."""
        with self.db.write() as conn:
            return conn.execute("UPDATE care_jobs SET last_channel = '' WHERE id = ? AND state = 'pending'"
                                " AND last_channel = ?", (job_id, channel)).rowcount == 1

    def finish(self, job_id: int, state: JobState, *, now: float, channel: str | None = None,
               alert_id: int | None = None) -> bool:
        """Move a pending job to a final state; False when it was no longer pending."""
        if state not in FINAL_STATES:
            raise ValueError(f"{state!r} is not a final state")
        with self.db.write() as conn:
            return conn.execute(
                "UPDATE care_jobs SET state = ?, finished_at = ?, last_channel = COALESCE(?, last_channel),"
                " alert_id = COALESCE(?, alert_id) WHERE id = ? AND state = 'pending'",
                (state, now, channel, alert_id, job_id)).rowcount == 1

    def answerable(self, user_id: int, *, now: float, window_s: float,
                   job_id: int | None = None) -> Job | None:
        """The reminder (or check-in) last put to ``user_id`` within ``window_s`` and not yet answered."""
        where = "user_id = ? AND state = 'pending' AND attempts > 0 AND last_attempt_at >= ?"
        params: list[object] = [user_id, now - window_s]
        if job_id is not None:
            where, params = where + " AND id = ?", [*params, job_id]
        with self.db.read() as conn:
            row = conn.execute(f"SELECT * FROM care_jobs WHERE {where} AND last_channel != ''"
                               " ORDER BY last_attempt_at DESC, id DESC LIMIT 1", params).fetchone()
        return None if row is None else _job(row)

    def acknowledge(self, job_id: int, *, now: float, channel: str) -> bool:
        with self.db.write() as conn:
            return conn.execute(
                "UPDATE care_jobs SET state = 'acknowledged', ack_at = ?, ack_channel = ?, finished_at = ?"
                " WHERE id = ? AND state = 'pending'", (now, channel, now, job_id)).rowcount == 1

    def snooze(self, job_id: int, *, now: float, snooze_s: float) -> bool:
        """Try again in ``snooze_s``, with the retries counted afresh."""
        with self.db.write() as conn:
            return conn.execute(
                "UPDATE care_jobs SET next_at = ?, attempts = 0, last_channel = '' WHERE id = ?"
                " AND state = 'pending'", (now + snooze_s, job_id)).rowcount == 1

    def latest(self, kind: str, ref_ids: Iterable[int]) -> dict[int, Job]:
        """For each of ``ref_ids``, its newest job of ``kind`` (for the family's view)."""
        ids = list(ref_ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        with self.db.read() as conn:
            rows = conn.execute(
                f"SELECT * FROM care_jobs WHERE kind = ? AND ref_id IN ({marks}) AND id IN"
                f" (SELECT MAX(id) FROM care_jobs WHERE kind = ? AND ref_id IN ({marks}) GROUP BY ref_id)",
                (kind, *ids, kind, *ids)).fetchall()
        return {r["ref_id"]: _job(r) for r in rows}

    def for_user(self, user_id: int, limit: int = 50) -> list[Job]:
        with self.db.read() as conn:
            rows = conn.execute("SELECT * FROM care_jobs WHERE user_id = ? ORDER BY id DESC LIMIT ?",
                                (user_id, limit)).fetchall()
        return [_job(r) for r in rows]
