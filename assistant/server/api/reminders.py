"""``/api/reminders`` and ``/api/alerts``: an elder's reminders with whether each was acknowledged,
new ones from the family (a malformed schedule is refused with its reason, nothing saved), and the
alerts sent to the family with how far each got (``failed`` shows as 未送达)."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from starlette.requests import Request
from starlette.responses import JSONResponse

from assistant.care.schedule import Schedule, ScheduleError, parse_moment, parse_schedule
from assistant.server.api.common import (
    ApiError,
    Family,
    caller_of,
    family_of,
    int_param,
    json_body,
    queried_elder,
    text_field,
)
from assistant.storage.alerts import AlertStore
from assistant.storage.jobs import Job, JobStore
from assistant.storage.profile import UserSettings
from assistant.storage.reminders import MAX_TEXT, NewReminder, Reminder, ReminderStore
from assistant.tools.registry import local_zone


def _iso(at: float | None, zone: ZoneInfo) -> str | None:
    return None if at is None else datetime.fromtimestamp(at, zone).isoformat(timespec="seconds")


def status_of(reminder: Reminder, job: Job | None) -> str:
    """``scheduled`` (next time not yet come), ``waiting`` (spoken, no answer yet), ``acknowledged``,
    ``escalated`` (family alerted), ``missed``, ``cancelled``, ``paused`` (by the family)."""
    if reminder.cancelled_at is not None:
        return "cancelled"
    if reminder.paused_at is not None:
        return "paused"
    if job is None:
        return "scheduled"
    if job.state == "pending":
        return "waiting"
    if job.state == "done":
        return "scheduled"
    return job.state


def reminder_json(reminder: Reminder, job: Job | None) -> dict[str, Any]:
    zone = ZoneInfo(reminder.timezone)
    once_done = reminder.repeat == "once" and reminder.last_fired_at is not None
    return {
        "id": reminder.id, "elder_id": reminder.user_id, "text": reminder.text, "repeat": reminder.repeat,
        "weekday": reminder.weekday, "time": reminder.time_of_day, "timezone": reminder.timezone,
        "next_at": None if once_done or reminder.cancelled_at else _iso(reminder.due_at, zone),
        "status": status_of(reminder, job),
        "acknowledged": job is not None and job.state == "acknowledged",
        "acknowledged_at": _iso(job.ack_at, zone) if job else None,
        "ack_channel": job.ack_channel if job else "",
        "last_fired_at": _iso(job.due_at, zone) if job else None,
        "attempts": (job.attempts - (job.state == "escalated")) if job else 0,  # not the escalation's
        "delivered_by": job.last_channel if job else "",
        "paused": reminder.paused_at is not None,
        "date": datetime.fromtimestamp(reminder.due_at, zone).date().isoformat(),  # of the next time
    }


async def elder_zone(fam: Family, elder_id: int, default: str) -> ZoneInfo:
    name = await fam.storage.thread.run(UserSettings(fam.storage.db).get, elder_id, "timezone", "")
    try:
        return ZoneInfo(str(name)) if name else local_zone(default)
    except (ValueError, KeyError):
        return local_zone(default)


async def list_reminders(request: Request) -> JSONResponse:
    """``?elder_id=``: that elder's reminders (cancelled ones too), with the latest one's answer."""
    fam, elder = await queried_elder(request)

    def load() -> list[dict[str, Any]]:
        with fam.storage.db.read() as conn:
            ids = [r[0] for r in conn.execute("SELECT id FROM reminders WHERE user_id = ? ORDER BY"
                                              " cancelled_at IS NOT NULL, due_at, id LIMIT 200",
                                              (elder.user_id,))]
        store = ReminderStore(fam.storage.db)
        jobs = JobStore(fam.storage.db).latest("reminder", ids)
        return [reminder_json(r, jobs.get(r.id)) for r in (store.get(i) for i in ids) if r is not None]

    return JSONResponse({"elder_id": elder.user_id, "reminders": await fam.storage.thread.run(load)})


MAX_RETRIES = 10  # what the family console may set


def _retries(body: dict[str, Any]) -> tuple[int | None, float | None]:
    retries, minutes = body.get("retries"), body.get("retry_interval_min")
    if retries is not None and (isinstance(retries, bool) or not isinstance(retries, int)
                                or not 0 <= retries <= MAX_RETRIES):
        raise ApiError(400, "bad_field", f"retries must be a whole number 0..{MAX_RETRIES}")
    if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int | float)
                                or not 1 <= minutes <= 240):
        raise ApiError(400, "bad_field", "retry_interval_min must be 1..240 minutes")
    return retries, None if minutes is None else float(minutes) * 60.0


async def add_reminder(request: Request) -> JSONResponse:
    caller = await caller_of(request)
    body = await json_body(request)
    fam = family_of(request)
    run = fam.storage.thread.run
    elder = await run(fam.households.elder, caller.household_id, int_param(body.get("elder_id"), "elder_id"))
    text = text_field(body, "text", max_chars=MAX_TEXT, required=True)
    retries, interval = _retries(body)
    when = await body_schedule(request, fam, elder.user_id, body)
    new = NewReminder(user_id=elder.user_id, text=text, due=when.due, repeat=when.repeat,
                      weekday=when.weekday, source_text="(family console)", retries=retries,
                      retry_interval_s=interval)  # one write: a job made from it at once keeps its retries
    added = await run(ReminderStore(fam.storage.db).add, new)
    return JSONResponse(reminder_json(added, None), status_code=201)


async def body_schedule(request: Request, fam: Family, elder_id: int, body: dict[str, Any]) -> Schedule:
    """A reminder's ``time``, ``repeat``, ``date`` and ``weekday`` on the elder's clock (a new one or an
    edited one); ApiError 400 with the reason."""
    zone = await elder_zone(fam, elder_id, request.app.state.assistant.settings.tools.timezone)
    try:
        return parse_schedule(time_text=body.get("time"), repeat=body.get("repeat", "once"),
                              date_text=body.get("date"), weekday=body.get("weekday"), zone=zone,
                              now=datetime.now(zone))
    except ScheduleError as exc:
        raise ApiError(400, exc.code, exc.message, reason=exc.reason) from exc


async def delivery_time(request: Request, fam: Family, elder_id: int, value: Any) -> float | None:
    """``deliver_at`` of a message (None: at the next turn); ApiError 400 with the reason."""
    if value in (None, ""):
        return None
    zone = await elder_zone(fam, elder_id, request.app.state.assistant.settings.tools.timezone)
    try:
        return parse_moment(value, zone=zone, now=datetime.now(zone))
    except ScheduleError as exc:
        raise ApiError(400, exc.code, exc.message, reason=exc.reason) from exc


async def list_alerts(request: Request) -> JSONResponse:
    """``?elder_id=``: the alerts about that elder, newest first, each with its deliveries."""
    fam, elder = await queried_elder(request)
    alerts = await fam.storage.thread.run(AlertStore(fam.storage.db).list_for_user, elder.user_id)
    return JSONResponse({"elder_id": elder.user_id, "alerts": [
        {**dataclasses.asdict(a), "delivered": a.status == "delivered",
         "label": {"failed": "未送达", "delivered": "已送达", "partly_delivered": "部分送达",
                   "pending": "发送中", "no_channel": "未设置通知渠道"}.get(a.status, a.status)}
        for a in alerts]})
