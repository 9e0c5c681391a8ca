"""The built-in job kinds: reminders and timed family messages, and the family alert for escalation.

What the care loop needs from above is two small protocols that the server implements and hands in:

* :class:`Presence` ("say this to elder X on their open app now"): ``push`` returns False when the
  elder has no open session;
* more :data:`Channel` s, tried in order after the app (the outbound call: ``("call", place_call)``),
  appended to :attr:`ReminderKind.channels`.

A reminder goes to the first channel that reaches the elder; when none does, the job stays pending
and its retries and escalation apply as if it had been spoken. A timed message is spoken on the open
app (a recorded one: its preface, then the recording) and marked delivered; with the app closed it is
left for the elder's next turn (``next_turn``).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from assistant.care.prompts import clock_zh, reminder_text
from assistant.care.scheduler import DbRun, Firing, Outcome, Scheduler
from assistant.errors import AssistantError
from assistant.storage.household import Households
from assistant.storage.jobs import Job
from assistant.storage.messages import Messages, voice_preface
from assistant.storage.outbound import OutboundCall
from assistant.storage.voice_messages import Recording, VoiceMessages

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class CarePrompt:
    """One thing to say to the elder now, and whether the app shows the "吃了 / 知道了" button."""

    job_id: int
    kind: str  # "reminder", "message", "checkin"
    text: str  # spoken, and shown large
    language: str
    answerable: bool  # show the acknowledge button (and a "later" one)
    late: bool = False
    recording: Recording | None = None  # a family member's voice message, played after ``text``


class Presence(Protocol):
    async def push(self, user_id: int, prompt: CarePrompt) -> bool:
        """Show and speak ``prompt`` on the elder's open app; False when no session is open."""
        ...


Channel = Callable[[Job, CarePrompt], Awaitable[bool]]  # True: the elder was reached


@dataclass(frozen=True, slots=True, kw_only=True)
class Addressee:
    name: str  # the 称呼 ("王奶奶"), else the name
    language: str


class ReminderKind:
    """The ``reminder`` handler: the app first, then each extra channel."""

    def __init__(self, run: DbRun, households: Households, presence: Presence) -> None:
        self._run = run
        self._households = households
        self.channels: list[tuple[str, Channel]] = [("app", _pusher(presence))]

    async def __call__(self, job: Job, firing: Firing) -> Outcome:
        who = await addressee(self._run, self._households, job.user_id)
        zone = ZoneInfo(str(job.payload.get("timezone") or "UTC"))
        prompt = CarePrompt(job_id=job.id, kind="reminder", language=who.language, answerable=True,
                            late=firing.late,
                            text=reminder_text(name=who.name, task=str(job.payload.get("text", "")),
                                               due=datetime.fromtimestamp(job.due_at, zone),
                                               language=who.language, late=firing.late))
        for name, channel in self.channels:
            try:
                if await channel(job, prompt):
                    return Outcome(channel=name)
            except AssistantError as exc:  # one channel down: try the next
                log.warning("reminder %d: channel %s failed: %s", job.id, name, exc.message)
        return Outcome()


def _pusher(presence: Presence) -> Channel:
    async def push(job: Job, prompt: CarePrompt) -> bool:
        return await presence.push(job.user_id, prompt)

    return push


class MessageKind:
    """The ``message`` handler: a family message with a delivery time."""

    def __init__(self, run: DbRun, households: Households, messages: Messages, presence: Presence) -> None:
        self._run = run
        self._households = households
        self._messages = messages
        self._voices = VoiceMessages(messages.db)
        self._presence = presence

    async def __call__(self, job: Job, firing: Firing) -> Outcome:
        message = await self._run(self._messages.get, job.ref_id or 0)
        if message is None or message.delivered_at is not None:
            return Outcome(channel="", done=True)
        language = (await addressee(self._run, self._households, job.user_id)).language
        recording = (await self._run(self._voices.recordings, [message.id])).get(message.id)
        text = message.spoken(language) if recording is None else voice_preface(message.author, language)
        prompt = CarePrompt(job_id=job.id, kind="message", text=text, language=language, answerable=False,
                            recording=recording)
        if await self._presence.push(job.user_id, prompt):
            await self._run(self._messages.mark_delivered, [message.id], None)
            return Outcome(channel="app", done=True)
        return Outcome(channel="next_turn", done=True)  # Messages.pending() has it from now on


async def addressee(run: DbRun, households: Households, user_id: int) -> Addressee:
    member = await run(households.member, user_id)
    if member is None:
        return Addressee(name="", language="zh")
    return Addressee(name=member.spoken_name if member.role == "elder" else "",
                     language=member.profile.language)


@dataclass(slots=True)
class CareKinds:
    """The built-in kinds, registered on a scheduler; ``reminders.channels`` takes more channels."""

    reminders: ReminderKind
    messages: MessageKind


def register_builtin(scheduler: Scheduler, run: DbRun, households: Households, messages: Messages,
                     presence: Presence) -> CareKinds:
    kinds = CareKinds(reminders=ReminderKind(run, households, presence),
                      messages=MessageKind(run, households, messages, presence))
    scheduler.register("reminder", kinds.reminders, needs_answer=True)
    scheduler.register("message", kinds.messages, needs_answer=False)
    return kinds


def missed_summary(name: str, job: Job, calls: Sequence[OutboundCall] = ()) -> str:
    """The family's alert text for a reminder nobody acknowledged (with what became of its calls)."""
    zone = ZoneInfo(str(job.payload.get("timezone") or "UTC"))
    due = datetime.fromtimestamp(job.due_at, zone)
    who = name or "老人"
    return (f"【提醒未确认】{who}{due:%m月%d日}{clock_zh(due)}的提醒“{job.payload.get('text', '')}”"
            f"已提醒{job.attempts}次，一直没有确认。{calls_note(calls)}请家人尽快联系看看。")


def calls_note(calls: Sequence[OutboundCall]) -> str:
    """"打了2次电话：无人接听。" when the job's calls reached nobody ("" otherwise)."""
    outcomes = [c.outcome for c in calls if c.status == "failed" and c.outcome]
    if not outcomes:
        return ""
    return f"打了{len(calls)}次电话：{'、'.join(dict.fromkeys(outcomes))}。"
