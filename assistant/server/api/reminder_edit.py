"""``/api/reminders/{id}``: the family edits, pauses, resumes and deletes an elder's reminder (one
the elder set by voice, or the family in the console). Answers as ``GET /api/reminders`` lists them.
Another household's reminder is answered like one that does not exist (404 ``unknown_reminder``).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse

from assistant.server.api.common import caller_of, family_of, json_body, path_id, text_field
from assistant.server.api.reminders import body_schedule, reminder_json
from assistant.storage.family_reminders import FamilyReminders
from assistant.storage.jobs import JobStore
from assistant.storage.reminders import MAX_TEXT, Reminder


async def _answer(request: Request, reminder: Reminder) -> JSONResponse:
    fam = family_of(request)
    jobs = await fam.storage.thread.run(JobStore(fam.storage.db).latest, "reminder", [reminder.id])
    return JSONResponse(reminder_json(reminder, jobs.get(reminder.id)))


async def edit_reminder(request: Request) -> JSONResponse:
    """PUT: new ``text`` and time (``time``, ``repeat``, ``date``, ``weekday``, as for POST)."""
    caller = await caller_of(request)
    reminder_id = path_id(request, "reminder_id")
    body = await json_body(request)
    text = text_field(body, "text", max_chars=MAX_TEXT, required=True)
    fam = family_of(request)
    reminders = FamilyReminders(fam.storage.db)
    current = await fam.storage.thread.run(reminders.get, caller.household_id, reminder_id)
    when = await body_schedule(request, fam, current.user_id, body)
    edited = await fam.storage.thread.run(
        lambda: reminders.edit(caller.household_id, reminder_id, text=text, due=when.due, repeat=when.repeat,
                               weekday=when.weekday)
    )
    return await _answer(request, edited)


async def pause_reminder(request: Request) -> JSONResponse:
    return await _set_paused(request, paused=True)


async def resume_reminder(request: Request) -> JSONResponse:
    return await _set_paused(request, paused=False)


async def _set_paused(request: Request, *, paused: bool) -> JSONResponse:
    caller = await caller_of(request)
    reminder_id = path_id(request, "reminder_id")
    fam = family_of(request)
    reminders = FamilyReminders(fam.storage.db)
    changed = await fam.storage.thread.run(
        lambda: reminders.pause(caller.household_id, reminder_id, paused=paused)
    )
    return await _answer(request, changed)


async def delete_reminder(request: Request) -> JSONResponse:
    caller = await caller_of(request)
    reminder_id = path_id(request, "reminder_id")
    fam = family_of(request)
    reminders = FamilyReminders(fam.storage.db)
    gone = await fam.storage.thread.run(reminders.delete, caller.household_id, reminder_id)
    return await _answer(request, gone)
