"""Per-turn bookkeeping: timings (for the metrics message) and what the user actually heard."""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.llm.base import Usage
from assistant.pipeline.outbox import Outbox
from assistant.protocol.messages import AudioOut

if TYPE_CHECKING:
    from assistant.asr.base import Transcript
    from assistant.llm.prompt import History
    from assistant.pipeline.reply import ReplyRun
    from assistant.protocol.messages import ServerEvent
    from assistant.vision.service import Photo

HELD_EVENTS = 64  # a speculative turn runs at most this far ahead of its commit


def now() -> float:
    return time.monotonic()


@dataclass(slots=True, kw_only=True)
class TurnMetrics:
    """Timings of one turn, all in milliseconds, measured inside the server."""

    source: str = "voice"  # voice | text | photo | repeat
    speech_end_wall: float | None = None  # wall (monotonic) time the user's speech ended in the input
    endpoint_wall: float | None = None  # when the end of turn was decided
    asr_ms: float | None = None
    asr_done_wall: float | None = None  # when the transcript was ready
    asr_audio_s: float | None = None
    llm_start_wall: float | None = None
    llm_first_token_wall: float | None = None
    llm_done_wall: float | None = None
    tts_first_start_wall: float | None = None
    first_audio_wall: float | None = None
    tokens: int = 0
    prompt_tokens: int = 0
    llm_backend: str = ""
    preemptive: bool = False
    audio_out_s: float = 0.0
    tts_chars: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        def ms(a: float | None, b: float | None) -> float | None:
            return None if a is None or b is None else round((b - a) * 1000.0, 1)

        start = self.endpoint_wall if self.endpoint_wall is not None else self.llm_start_wall
        out: dict[str, Any] = {
            "source": self.source,
            "vad_ms": ms(self.speech_end_wall, self.endpoint_wall),
            "asr_ms": None if self.asr_ms is None else round(self.asr_ms, 1),
            # the part of ASR the user waits for: a speculative turn's ASR runs in the pause
            "asr_visible_ms": None if self.asr_done_wall is None or self.endpoint_wall is None
            else max(0.0, round((self.asr_done_wall - self.endpoint_wall) * 1000.0, 1)),
            "llm_first_token_ms": ms(self.llm_start_wall, self.llm_first_token_wall),
            "tts_first_audio_ms": ms(self.tts_first_start_wall, self.first_audio_wall),
            "voice_to_voice_ms": ms(self.speech_end_wall, self.first_audio_wall),
            "endpoint_to_audio_ms": ms(start, self.first_audio_wall),
            "llm_total_ms": ms(self.llm_start_wall, self.llm_done_wall),
            "completion_tokens": self.tokens,
            "prompt_tokens": self.prompt_tokens,
            "llm_backend": self.llm_backend,
            "preemptive": self.preemptive,
            "audio_out_s": round(self.audio_out_s, 3),
            "tts_chars": self.tts_chars,
        }
        if self.asr_audio_s and self.asr_ms is not None:
            out["asr_rtf"] = round(self.asr_ms / 1000.0 / self.asr_audio_s, 3)
        if self.llm_first_token_wall is not None and self.llm_done_wall is not None and self.tokens > 1:
            span = self.llm_done_wall - self.llm_first_token_wall
            out["llm_tokens_per_s"] = round((self.tokens - 1) / span, 1) if span > 0 else None
        out.update(self.extra)
        return out


@dataclass(slots=True)
class SpokenLog:
    """The clauses of one reply in the order sent, to work out what the listener heard."""

    clauses: list[tuple[str, float]] = field(default_factory=list)  # (text, seconds)
    first_audio_wall: float | None = None
    confirmed_clauses: int | None = None  # set by transports that learn playback (Twilio marks)

    def add(self, text: str, seconds: float) -> None:
        if self.first_audio_wall is None:
            self.first_audio_wall = now()
        self.clauses.append((text, seconds))

    @property
    def seconds(self) -> float:
        return sum(s for _, s in self.clauses)

    def playing_until(self) -> float:
        """Monotonic time at which the client will have played everything sent so far."""
        return (self.first_audio_wall or now()) + self.seconds

    def heard_text(self, at: float | None = None) -> str:
        """The reply text up to the point the listener has heard, cut mid-clause proportionally."""
        if self.first_audio_wall is None:
            return ""
        if self.confirmed_clauses is not None:
            return "".join(t for t, _ in self.clauses[: self.confirmed_clauses])
        played = max(0.0, (at if at is not None else now()) - self.first_audio_wall)
        out: list[str] = []
        for text, seconds in self.clauses:
            if played >= seconds:
                out.append(text)
                played -= seconds
                continue
            if seconds > 0 and played > 0:
                out.append(text[: int(len(text) * played / seconds)])
            break
        return "".join(out)


@dataclass(frozen=True, slots=True, kw_only=True)
class TurnOutcome:
    """One turn as the session saw it when it ended."""

    reply_id: int
    user_text: str
    answer: str
    heard: str
    interrupted: bool
    audio_in_s: float
    started_at: float
    image: bool
    metrics: TurnMetrics
    usage: Usage | None
    photo: Photo | None = None  # the photo asked about (the family sees a thumbnail)


class Turn:
    """One turn in flight: possibly speculative (its events are held back until committed)."""

    def __init__(self, reply_id: int, audio_s: float, *, speculative: bool, source: str,
                 pause_at_ms: float | None = None) -> None:
        self.reply_id = reply_id
        self.pause_at_ms = pause_at_ms if speculative else None  # the VAD pause a speculative turn began at
        self.audio_s = audio_s
        self.committed = asyncio.Event()
        if not speculative:
            self.committed.set()
        self.held: list[ServerEvent] = []
        self.task: asyncio.Task[None] | None = None
        self.run: ReplyRun | None = None
        self.user_text = ""
        self.heard: Transcript | None = None  # the recogniser's words and confidence (None: typed)
        self.metrics = TurnMetrics(preemptive=speculative, source=source)
        self.started_epoch = time.time()
        self.image = False
        self.photo: Photo | None = None

    @property
    def repeatable(self) -> bool:
        """What "再说一遍" says again: an answer (not a repeat's, nor a system phrase like a greeting), or
        a phrase said ``repeatable`` (a reminder, a family's message)."""
        return self.metrics.source not in ("system", "repeat") or "repeatable" in self.metrics.extra

    def use_photo(self, photo: Photo) -> None:
        """This turn asks about ``photo``."""
        self.image = True
        self.photo = photo

    async def emit(self, event: ServerEvent, outbox: Outbox) -> None:
        """Send ``event`` of this turn: at once when committed, else held back until :meth:`commit`
        (a speculative reply waits there at its first audio, or after HELD_EVENTS events)."""
        if self.committed.is_set():
            await outbox.put(event)
            return
        self.held.append(event)
        if len(self.held) > HELD_EVENTS or isinstance(event, AudioOut):
            await self.committed.wait()  # don't run far ahead of a turn that may be dropped

    async def commit(self, outbox: Outbox) -> None:
        """Release the held events, then send the rest at once."""
        while self.held:  # the reply may add events while these are being put
            held, self.held = self.held, []
            for event in held:
                await outbox.put(event)
        self.committed.set()

    def outcome(self, answer: str, heard: str, *, interrupted: bool) -> TurnOutcome:
        return TurnOutcome(reply_id=self.reply_id, user_text=self.user_text, answer=answer, heard=heard,
                           interrupted=interrupted, audio_in_s=self.audio_s, started_at=self.started_epoch,
                           image=self.image, metrics=self.metrics, photo=self.photo,
                           usage=self.run.usage if self.run is not None else None)


def keep_heard(history: History, turn: Turn, heard: str, *, running: bool) -> str:
    """Record in ``history`` what was heard of ``turn``'s reply, cut by a barge-in.

    ``running``: the reply was still being produced (not yet in the history). Returns the words to
    carry into the user's next turn ("" for none): a voice turn cut before it made a sound was
    only a pause in the user's question."""
    if not running:
        if turn.metrics.source != "system":
            history.cut_last_answer(heard)  # it was recorded in full when generation ended
    elif not heard and turn.user_text and turn.metrics.source == "voice":
        return turn.user_text
    elif turn.user_text:
        history.add_user(turn.user_text)
        history.add_assistant(heard, interrupted=True)
    return ""


async def cancel_task(task: asyncio.Task[None] | None) -> None:
    """Cancel ``task`` and wait for it (at most 2 s); its errors are not ours to report."""
    if task is None or task.done():
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await asyncio.wait_for(asyncio.shield(task), timeout=2.0)
