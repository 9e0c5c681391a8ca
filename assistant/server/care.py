"""The care loop in the server: the scheduler's task, the elder's open app as its first channel,
the app's button, and escalation to the family through the alerts (assistant/care/).

Other channels plug in here: ``state.care.kinds.reminders.channels.append(("call", place_call))``
adds an outbound call after the app; ``state.care.scheduler.register("checkin", handler, …)`` adds a
job kind (see :mod:`assistant.care.scheduler`).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.care.delivery import CareKinds, CarePrompt, addressee, missed_summary, register_builtin
from assistant.care.prompts import Reply, ack_reply
from assistant.care.scheduler import Scheduler, answer
from assistant.errors import AssistantError
from assistant.pipeline.session import Session
from assistant.protocol.messages import CareAnswerIn, CareClosedOut, CarePromptOut
from assistant.server.access import resolve_user_id
from assistant.server.family import recorded_note
from assistant.storage.household import Households
from assistant.storage.jobs import Job, JobStore
from assistant.storage.messages import Messages
from assistant.storage.outbound import OutboundCalls

if TYPE_CHECKING:
    from assistant.server.state import AppState

log = logging.getLogger(__name__)

IDLE_WAIT_S = 20.0  # a prompt waits this long for the elder's current exchange to end


@dataclass(slots=True)
class CareRuntime:
    scheduler: Scheduler
    kinds: CareKinds
    store: JobStore
    task: asyncio.Task[None] | None = None
    speaking: set[asyncio.Task[None]] = field(default_factory=set)

    async def aclose(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
        for task in list(self.speaking):
            task.cancel()
        await self.scheduler.aclose()


class AppPresence:
    """:class:`assistant.care.delivery.Presence` over the server's live ``/ws`` sessions."""

    def __init__(self, state: AppState, runtime: CareRuntime | None = None) -> None:
        self.state = state
        self.runtime = runtime

    async def sessions_of(self, user_id: int) -> list[Session]:
        storage = self.state.storage
        if storage is None:
            return []
        found = []
        for session in list(self.state.sessions):
            if session.options.transport == "ws" and \
                    await resolve_user_id(storage, session.options.user_id) == user_id:
                found.append(session)
        return found

    async def push(self, user_id: int, prompt: CarePrompt) -> bool:
        """Speak on her sessions here; with several gateways, also on those that hold her app
        (:mod:`assistant.care.relay`): then True only once one of them took it."""
        sessions = await self.sessions_of(user_id)
        self.speak_on(sessions, prompt)
        relay = self.state.presence
        if relay is None:
            return bool(sessions)
        return await relay.hand_over(user_id, prompt, wait=not sessions) or bool(sessions)

    def speak_on(self, sessions: list[Session], prompt: CarePrompt) -> None:
        for session in sessions:
            task = asyncio.create_task(self._speak(session, prompt), name=f"care-say:{prompt.job_id}")
            if self.runtime is not None:
                self.runtime.speaking.add(task)
                task.add_done_callback(self.runtime.speaking.discard)

    async def _speak(self, session: Session, prompt: CarePrompt) -> None:
        """Announce (chime, screen), wait for a quiet moment, then speak the prompt as a reply."""
        try:
            await session.outbox.put(CarePromptOut(job_id=prompt.job_id, kind=prompt.kind, text=prompt.text,
                                                   answerable=prompt.answerable, late=prompt.late))
            await asyncio.sleep(self.state.settings.care.chime_s)
            loop = asyncio.get_running_loop()
            end = loop.time() + IDLE_WAIT_S
            while not session.idle and loop.time() < end:  # noqa: ASYNC110 - no event for "idle"
                await asyncio.sleep(0.1)
            await session.say(prompt.text if prompt.recording is None else await asyncio.to_thread(
                recorded_note, prompt.text, prompt.recording, prompt.language, session.engines.output_rate),
                repeatable=True)  # "再说一遍" says the reminder or the message again
        except asyncio.CancelledError:
            raise
        except Exception:  # a closed session: the job's retries apply
            log.exception("could not speak care job %d in session %s", prompt.job_id, session.id)


def start_care(state: AppState) -> CareRuntime | None:
    """Build the scheduler with the built-in kinds and start its loop (None when ``care.enabled`` is off)."""
    settings, storage = state.settings.care, state.storage
    if not settings.enabled or storage is None:
        return None
    households = Households(storage.db)

    async def escalate(job: Job) -> int | None:
        if state.alerts is None:
            return None
        who = await addressee(storage.thread.run, households, job.user_id)
        calls = (await storage.thread.run(OutboundCalls(storage.db).for_ref, "reminder", job.id)
                 if job.kind == "reminder" else [])  # what became of its calls ("打了2次电话：无人接听。")
        return await state.alerts.notify(user_id=job.user_id, name=who.name, kind=f"missed_{job.kind}",
                                         category=job.kind, text=str(job.payload.get("text", job.kind)),
                                         headline=missed_summary(who.name, job, calls))

    store = JobStore(storage.db)
    scheduler = Scheduler(storage.thread.run, store, settings, escalate=escalate)
    presence = AppPresence(state)
    runtime = CareRuntime(scheduler=scheduler, store=store,
                          kinds=register_builtin(scheduler, storage.thread.run, households,
                                                 Messages(storage.db), presence))
    presence.runtime = runtime
    if settings.fire_jobs:  # else another gateway fires them; this one still speaks and answers them
        runtime.task = asyncio.create_task(scheduler.loop(), name="care-scheduler")
    return runtime


async def answer_button(state: AppState, session: Session, message: CareAnswerIn) -> bool:
    """The app's button: acknowledge or snooze ``message.job_id`` for this session's elder, confirm it
    (``reminder_closed``, and "好的，记下了。"). False: that reminder is not waiting for this elder."""
    care, storage = state.care, state.storage
    if care is None or storage is None:
        return False
    reply = Reply(kind="snooze" if message.answer == "snooze" else "ack")
    try:
        user_id = await resolve_user_id(storage, session.options.user_id)
        job = await answer(storage.thread.run, care.store, state.settings.care, user_id=user_id, reply=reply,
                           channel="button", now=time.time(), job_id=message.job_id)
    except AssistantError as exc:
        log.error("could not record the answer to care job %d: %s", message.job_id, exc.message)
        return False
    if job is None:
        return False
    await session.outbox.put(CareClosedOut(job_id=job.id,
                                           state="snoozed" if reply.kind == "snooze" else "acknowledged"))
    language = "en" if session.language == "en" else "zh"
    await session.say(ack_reply(reply, language=language, snooze_s=state.settings.care.snooze_s))
    return True
