"""The phone line and the daily check-in in the care loop (:mod:`assistant.server.care`).

* Reminders: when the elder's app is not open, the reminder is the first turn of an outbound call to
  the elder's first phone number (channel ``call``, after ``app``). "吃了" / "等一会儿再提醒我" on the
  call answers the job (ack channel ``call``). A call Twilio never took (after its retries) does not
  count as reaching the elder: the job's own retries and escalation apply; nor does one that Twilio's
  StatusCallback says was busy or not answered (:mod:`assistant.server.call_status`).
* Check-ins (job kind ``checkin``): ``PUT /api/checkins/plan`` schedules the next one
  (:func:`schedule_checkin`), and each one, when it fires, the following day's. It calls the elder
  (channel "call") or speaks on the open app ("app"), asks its questions, stores the answers and the
  summary and acknowledges the job; ``tries`` attempts without an answer, ``care.retry_interval_s``
  apart, alert the family (the scheduler's escalation, "missed_checkin").
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING

from assistant.care.checkin import CheckinDialogue, CheckinPlan
from assistant.care.checkin_call import call_for_checkin, dialogue_for
from assistant.care.delivery import CarePrompt, Channel
from assistant.care.outbound import OutboundCaller
from assistant.care.prompts import Reply
from assistant.care.scheduler import Firing, Outcome, answer
from assistant.errors import AssistantError
from assistant.server.care import AppPresence
from assistant.server.family import member_of
from assistant.storage.checkins import Checkin, Checkins
from assistant.storage.jobs import Job, JobStore, RetryPolicy
from assistant.storage.outbound import OutboundCall, OutboundCalls
from assistant.tools.registry import local_zone

if TYPE_CHECKING:
    from assistant.server.state import AppState

log = logging.getLogger(__name__)

CHECKIN_TEXT = "每日问候"  # how a check-in is named in the family's alert


def attach_calls(state: AppState) -> None:
    """Add the call channel (with a Twilio line) and the check-in kind to the running care loop."""
    if state.care is None or state.storage is None:
        return
    if state.caller is not None:
        state.care.kinds.reminders.channels.append(("call", _reminder_call(state, state.caller)))
    state.care.scheduler.register("checkin", CheckinKind(state), needs_answer=True)


async def elder_number(state: AppState, user_id: int) -> str:
    member = await member_of(state.storage, str(user_id))
    return member.profile.phones[0] if member is not None and member.profile.phones else ""


def _reminder_call(state: AppState, caller: OutboundCaller) -> Channel:
    async def place(job: Job, prompt: CarePrompt) -> bool:
        number = await elder_number(state, job.user_id)
        if not number:
            return False
        record = await caller.call_elder(user_id=job.user_id, to=number, purpose="reminder",
                                         opening=prompt.text, ref_id=job.id)
        return await still_out(state, record)

    return place


async def still_out(state: AppState, record: OutboundCall) -> bool:
    """Twilio took the call and has not (yet) said that it reached nobody (busy, no-answer, …)."""
    if record.status != "placed" or state.storage is None:
        return False
    now = await state.storage.thread.run(OutboundCalls(state.storage.db).get, record.id)
    return now is not None and now.status != "failed"


async def answer_job(state: AppState, *, user_id: int, job_id: int, snooze: bool,
                     channel: str = "call") -> None:
    """The elder answered (on a call, or on the app): acknowledge (or snooze) the care job it was about."""
    if state.care is None or state.storage is None:
        return
    try:
        await answer(state.storage.thread.run, state.care.store, state.settings.care, user_id=user_id,
                     reply=Reply(kind="snooze" if snooze else "ack"), channel=channel, now=time.time(),
                     job_id=job_id)
    except AssistantError as exc:
        log.error("could not record the answer to care job %d: %s", job_id, exc.message)


async def schedule_checkin(state: AppState, user_id: int, plan: CheckinPlan, *,
                           after: float | None = None) -> Job | None:
    """The elder's next check-in job (none while the plan is off, or without the care loop)."""
    if state.care is None or not plan.enabled:
        return None
    due = plan.next_time(time.time() if after is None else after, local_zone(state.settings.tools.timezone))
    policy = RetryPolicy(retries=plan.tries - 1, retry_interval_s=state.settings.care.retry_interval_s)
    job: Job | None = await state.care.scheduler.add("checkin", user_id=user_id, due_at=due, policy=policy,
                                                     payload={"at": plan.at, "text": CHECKIN_TEXT})
    return job


async def checkin_job_of(state: AppState, checkin: Checkin) -> int | None:
    """The care job a check-in belongs to (same elder, its time)."""
    if state.care is None or state.storage is None:
        return None
    jobs: list[Job] = await state.storage.thread.run(state.care.store.for_user, checkin.user_id)
    return next((j.id for j in jobs if j.kind == "checkin" and j.due_at == checkin.started_at), None)


class CheckinKind:
    """The ``checkin`` job handler."""

    def __init__(self, state: AppState) -> None:
        self.state = state

    async def __call__(self, job: Job, firing: Firing) -> Outcome:
        state, storage = self.state, self.state.storage
        assert storage is not None
        run, store = storage.thread.run, Checkins(storage.db)
        try:
            plan = CheckinPlan.parse(await run(store.plan, job.user_id))
        except ValueError:
            return Outcome(done=True)
        if not plan.enabled or job.payload.get("at") != plan.at:  # switched off or moved since
            return Outcome(done=True)
        if firing.attempt == 1:
            await schedule_checkin(state, job.user_id, plan, after=job.due_at + 60)
        member = await member_of(storage, str(job.user_id))
        name, language = (member.spoken_name, member.profile.language) if member else ("", "zh")
        checkin: Checkin | None = await run(store.open_at, job.user_id, job.due_at)
        if checkin is None:  # the first try (a retry continues the open one)
            checkin = await run(store.start, job.user_id, plan.channel, at=job.due_at)
        assert checkin is not None

        async def answered() -> None:
            await answer_job(state, user_id=job.user_id, job_id=job.id, snooze=False, channel="app")

        number = await elder_number(state, job.user_id)
        zone = local_zone(state.settings.tools.timezone)
        if plan.channel == "call" and state.caller is not None and number:
            _, record = await call_for_checkin(run, store, state.caller, user_id=job.user_id, number=number,
                                               name=name, language=language, zone=zone, checkin=checkin)
            return Outcome(channel="call" if await still_out(state, record) else "")
        await run(store.tried, checkin.id)
        talk = await dialogue_for(run, store, checkin=checkin, name=name, language=language, zone=zone,
                                  then=answered)
        return Outcome(channel="app" if await self._on_app(job, talk.opening(), talk, language) else "")

    async def _on_app(self, job: Job, opening: str, script: CheckinDialogue, language: str) -> bool:
        """Ask on the elder's open app; its sessions wait for the answers (on another gateway, that
        gateway's: :func:`app_checkin_script`)."""
        presence = AppPresence(self.state, self.state.care)
        sessions = await presence.sessions_of(job.user_id)
        for session in sessions:
            session.script = script
        prompt = CarePrompt(job_id=job.id, kind="checkin", text=opening, language=language, answerable=False)
        return await presence.push(job.user_id, prompt)


async def app_checkin_script(state: AppState, job_id: int) -> CheckinDialogue | None:
    """The dialogue of check-in job ``job_id`` that another gateway handed to this one (the same
    questions: they are a pure function of the last answered check-in and the day)."""
    storage = state.storage
    assert storage is not None
    run, store = storage.thread.run, Checkins(storage.db)
    job: Job | None = await run(JobStore(storage.db).get, job_id)
    checkin: Checkin | None = None if job is None else await run(store.open_at, job.user_id, job.due_at)
    if job is None or checkin is None:
        return None
    member = await member_of(storage, str(job.user_id))
    name, language = (member.spoken_name, member.profile.language) if member else ("", "zh")

    async def answered() -> None:
        await answer_job(state, user_id=job.user_id, job_id=job.id, snooze=False, channel="app")

    return await dialogue_for(run, store, checkin=checkin, name=name, language=language,
                              zone=local_zone(state.settings.tools.timezone), then=answered)

