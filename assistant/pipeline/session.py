"""The per-connection session: turn-taking, preemptive replies and barge-in.

Every transport (websocket, Twilio, AudioSocket) feeds the same Session and drains its Outbox.

Turn flow: VAD ``paused`` starts a *speculative* turn (ASR → LLM → TTS) whose events are held back;
VAD ``stopped`` (the real end of turn) commits it, or starts a fresh one if the audio changed. Speech
during a reply (or an ``interrupt``) cancels the reply task, drops its queued frames, sends
``interrupted`` and records in the history only what the listener heard.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.asr.base import ASR_RATE
from assistant.audio.pcm import pcm16_to_float32
from assistant.audio.resample import resample
from assistant.audio.vad import SpeechPaused, SpeechResumed, SpeechStopped, VadOptions
from assistant.audio.vad import SpeechStarted as VadStarted
from assistant.errors import AssistantError, ImageError
from assistant.pipeline import intents
from assistant.pipeline.engines import Engines
from assistant.pipeline.outbox import Outbox
from assistant.pipeline.photo import photo_plan
from assistant.pipeline.prefill import Prefiller
from assistant.pipeline.reply import ReplyPlan, ReplyRun, is_backend_error
from assistant.pipeline.turn import TurnMetrics, now
from assistant.protocol.messages import (
    AudioEnd,
    ErrorOut,
    Hangup,
    ImageIn,
    Interrupted,
    Metrics,
    ServerEvent,
    SpeechStarted,
    TranscriptOut,
)
from assistant.protocol.messages import (
    SpeechStopped as SpeechStoppedOut,
)

log = logging.getLogger(__name__)

ASR_PAD = int(0.2 * ASR_RATE)


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionOptions:
    input_rate: int = 16000
    language: str = "auto"
    speed: float = 1.15
    transport: str = "ws"
    user_id: str = ""
    device_id: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class TurnReport:
    """A finished (or interrupted) turn, for persistence and metrics."""

    session_id: str
    user_id: str
    device_id: str
    transport: str
    started_at: float  # epoch seconds: end of the user's speech, or the typed question
    user_text: str
    assistant_text: str
    heard_text: str
    interrupted: bool
    audio_in_s: float
    audio_out_s: float
    image: bool
    metrics: dict[str, Any]


TurnSink = Callable[[TurnReport], Awaitable[None]]


class _Turn:
    """One user turn in flight: possibly speculative (events held back until committed)."""

    def __init__(self, reply_id: int, audio_s: float, speculative: bool) -> None:
        self.reply_id = reply_id
        self.audio_s = audio_s
        self.committed = asyncio.Event()
        if not speculative:
            self.committed.set()
        self.held: list[ServerEvent] = []
        self.task: asyncio.Task[None] | None = None
        self.run: ReplyRun | None = None
        self.user_text = ""
        self.metrics = TurnMetrics(preemptive=speculative)
        self.started_epoch = time.time()
        self.image = False


class Session:
    def __init__(self, engines: Engines, outbox: Outbox, *, options: SessionOptions,
                 on_turn: TurnSink | None = None) -> None:
        self.id = uuid.uuid4().hex[:12]
        self.engines = engines
        self.outbox = outbox
        self.options = options
        self.language = options.language
        self._on_turn = on_turn
        turn = engines.settings.turn
        self._vad = engines.vad.stream(VadOptions(
            threshold=turn.vad_threshold, end_silence_ms=turn.end_silence_ms,
            min_speech_ms=turn.min_speech_ms, pause_ms=turn.pause_ms, preroll_ms=turn.preroll_ms,
            max_utterance_s=turn.max_utterance_s,
        ))
        self.history = engines.new_history()
        self._prefill = Prefiller(engines.prefill_model, self.history)
        self._turn: _Turn | None = None  # the turn being answered (or speculated)
        self._last: _Turn | None = None  # the last committed turn (for playback / barge-in)
        self._next_reply = 0
        self._fed_ms = 0.0
        self._carry = ""  # words of a reply cut off before it made a sound
        self._pending_photo: tuple[Any, float] | None = None  # (photo context, since)
        self._photo_timer: asyncio.Task[None] | None = None
        self.last_answer = ""
        self._closed = False

    # ---- input ---------------------------------------------------------------------------
    async def feed_pcm16(self, data: bytes) -> None:
        """Microphone audio at the client's rate. Raises ProtocolError on odd-length PCM."""
        audio = pcm16_to_float32(data)
        if self.options.input_rate != ASR_RATE:
            audio = resample(audio, self.options.input_rate, ASR_RATE)
        await self.feed_audio(audio)

    async def feed_audio(self, audio: np.ndarray) -> None:
        """Float32 audio at 16 kHz."""
        self._fed_ms += 1000.0 * audio.size / ASR_RATE
        for event in self._vad.feed(audio):
            await self._on_vad(event)

    async def _on_vad(self, event: object) -> None:
        if isinstance(event, VadStarted):
            await self._emit_control(SpeechStarted(at_ms=int(event.at_ms)))
            await self._barge_in(reason="speech")
            self._prefill.start(self._expected_language())
        elif isinstance(event, SpeechPaused):
            if self._turn is None and event.audio.size:
                self._start_turn(event.audio, event.at_ms, speculative=True)
        elif isinstance(event, SpeechResumed):
            await self._drop_speculative()
        elif isinstance(event, SpeechStopped):
            await self._emit_control(SpeechStoppedOut(at_ms=int(event.at_ms)))
            await self._end_of_turn(event.audio, event.at_ms)

    async def _end_of_turn(self, audio: np.ndarray, at_ms: float) -> None:
        spec = self._turn
        audio_s = audio.size / ASR_RATE
        if spec is not None and not spec.committed.is_set() and abs(spec.audio_s - audio_s) < 0.05:
            await self._commit(spec, at_ms)
            return
        await self._drop_speculative()
        turn = self._start_turn(audio, at_ms, speculative=False)
        turn.metrics.endpoint_wall = now()

    async def ask_text(self, text: str) -> None:
        await self._barge_in(reason="text")
        await self._drop_speculative()
        turn = self._new_turn(0.0, speculative=False)
        turn.metrics.source = "text"
        turn.metrics.endpoint_wall = now()
        turn.task = asyncio.create_task(self._answer(turn, text=text))

    async def ask_image(self, message: ImageIn) -> None:
        """A photo. With a question, answer now; without, wait for a spoken one (or default)."""
        try:
            photo = await self.engines.photos.load(message.data, message.mime)
        except ImageError as exc:
            await self._emit_control(ErrorOut(code=exc.code, message=exc.message))
            return
        await self._barge_in(reason="image")
        self._cancel_photo_timer()
        if message.text:
            self._pending_photo = None
            await self._photo_turn(photo, message.text)
            return
        self._pending_photo = (photo, now())
        wait = self.engines.settings.vision.question_wait_s
        self._photo_timer = asyncio.create_task(self._default_photo_question(wait))

    async def interrupt(self) -> None:
        await self._barge_in(reason="client")

    async def say(self, text: str) -> None:
        """Speak a fixed text (a greeting, "您还在吗？") as an interruptible reply; not stored as a turn."""
        await self._barge_in(reason="say")
        turn = self._new_turn(0.0, speculative=False)
        turn.metrics.source = "system"
        plan = ReplyPlan(reply_id=turn.reply_id, speed=self.options.speed, fixed_text=text)
        turn.task = asyncio.create_task(self._speak(turn, plan, record=False))

    async def repeat(self) -> None:
        """Repeat the last answer, more slowly (DTMF 0, or a "再说一遍" button)."""
        await self.ask_text("再说一遍" if self.language != "en" else "repeat that")

    def mark_heard(self, reply_id: int, clauses: int) -> None:
        """A transport learned that the first ``clauses`` clauses of ``reply_id`` have been played."""
        for turn in (self._turn, self._last):
            if turn is not None and turn.reply_id == reply_id and turn.run is not None:
                turn.run.spoken.confirmed_clauses = clauses

    @property
    def idle(self) -> bool:
        """Nobody is speaking and nothing is being answered."""
        return self._turn is None and not self.is_speaking() and not self._vad.speaking

    # ---- turns -----------------------------------------------------------------------------
    def _new_turn(self, audio_s: float, *, speculative: bool) -> _Turn:
        self._next_reply += 1
        turn = _Turn(self._next_reply, audio_s, speculative)
        self._turn = turn
        return turn

    def _start_turn(self, audio: np.ndarray, at_ms: float, *, speculative: bool) -> _Turn:
        turn = self._new_turn(audio.size / ASR_RATE, speculative=speculative)
        # at_ms is the end of speech in the input stream; the stream has been fed up to _fed_ms now.
        turn.metrics.speech_end_wall = now() - max(0.0, self._fed_ms - at_ms) / 1000.0
        turn.task = asyncio.create_task(self._answer(turn, audio=audio))
        return turn

    async def _commit(self, turn: _Turn, at_ms: float) -> None:
        turn.metrics.endpoint_wall = now()
        turn.metrics.speech_end_wall = now() - max(0.0, self._fed_ms - at_ms) / 1000.0
        held, turn.held = turn.held, []
        for event in held:
            await self.outbox.put(event)
        turn.committed.set()

    async def _drop_speculative(self) -> None:
        turn = self._turn
        if turn is not None and not turn.committed.is_set():
            self._turn = None
            await _cancel(turn.task)

    async def _emit_for(self, turn: _Turn, event: ServerEvent) -> None:
        if turn.committed.is_set():
            await self.outbox.put(event)
            return
        turn.held.append(event)
        if len(turn.held) > 64 or type(event).__name__ == "AudioOut":
            await turn.committed.wait()  # don't run far ahead of a turn that may be dropped

    async def _emit_control(self, event: ServerEvent) -> None:
        await self.outbox.put(event)

    async def _answer(self, turn: _Turn, *, audio: np.ndarray | None = None, text: str = "") -> None:
        """Transcribe (if needed), decide what to say, speak it, and record the turn."""
        try:
            if audio is not None:
                t0 = now()
                padded = np.pad(audio, ASR_PAD)  # a little silence each side helps Whisper on cut words
                result = await self.engines.asr.transcribe(padded, language=self.language)
                turn.metrics.asr_ms = (now() - t0) * 1000.0
                turn.metrics.asr_audio_s = result.audio_s
                text = result.text.strip()
                if intents.is_empty_utterance(text):
                    await turn.committed.wait()
                    await self._emit_for(turn, TranscriptOut(text="", final=True))
                    self._finish_silently(turn)
                    return
                if self.language == "auto" and result.language in ("zh", "en"):
                    turn.metrics.extra["language"] = result.language
            if self._carry:
                text = f"{self._carry}，{text}" if intents.is_chinese(text) else f"{self._carry} {text}"
            turn.user_text = text
            await self._emit_for(turn, TranscriptOut(text=text, final=True))
            plan = await self._plan(turn, text)
            await self._speak(turn, plan)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # one turn's failure never ends the session
            await self._turn_failed(turn, exc)

    async def _plan(self, turn: _Turn, text: str) -> ReplyPlan:
        speed = self.options.speed
        lang = self._reply_language(text)
        if intents.wants_repeat(text):
            turn.metrics.source = "repeat"
            body = self.last_answer or intents.nothing_to_repeat(lang)
            prefix = intents.repeat_prefix(lang) if self.last_answer else ""
            return ReplyPlan(reply_id=turn.reply_id, speed=min(2.0, speed * 1.2), fixed_text=prefix + body)
        if self._pending_photo is not None:
            photo, _since = self._pending_photo
            self._pending_photo = None
            self._cancel_photo_timer()
            turn.image = True
            return await photo_plan(self.engines, self.history, reply_id=turn.reply_id, photo=photo,
                                    question=text, speed=speed)
        await self._prefill.settle()
        request = self.engines.chat_request(self.history, text, language=lang)
        return ReplyPlan(reply_id=turn.reply_id, speed=speed, request=request)

    def _expected_language(self) -> str:
        """The next answer's likely language, before the question is known."""
        if self.language in ("zh", "en"):
            return self.language
        last = self._last.metrics.extra.get("language") if self._last is not None else None
        return last if last in ("zh", "en") else "zh"

    def _reply_language(self, text: str) -> str:
        if self.language in ("zh", "en"):
            return self.language
        return "zh" if intents.is_chinese(text) or not text else "en"

    async def _speak(self, turn: _Turn, plan: ReplyPlan, *, record: bool = True) -> None:
        run = ReplyRun(llm=self.engines.llm, tts=self.engines.tts.for_reply(),
                       emit=lambda e: self._emit_for(turn, e), plan=plan, metrics=turn.metrics)
        turn.run = run
        await run.run()
        await turn.committed.wait()
        await self.outbox.put(AudioEnd(reply_id=turn.reply_id))
        answer = run.text.strip()
        self._last = turn
        if self._turn is turn:
            self._turn = None
        if not record:
            return
        self._carry = ""
        self.history.add_user(turn.user_text)
        self.history.add_assistant(answer)
        self._prefill.start(self._expected_language())
        if answer:
            self.last_answer = answer if turn.metrics.source != "repeat" else self.last_answer
        await self._report(turn, answer, answer, interrupted=False)

    async def _report(self, turn: _Turn, answer: str, heard: str, *, interrupted: bool) -> None:
        figures = turn.metrics.as_dict()
        figures["interrupted"] = interrupted
        figures["audio_in_s"] = round(turn.audio_s, 3)
        if turn.run is not None:
            figures["cost_yuan"] = round(self.engines.cost_yuan(turn.run.usage), 6)
        await self.outbox.put(Metrics(turn=figures))
        log.info("turn session=%s reply=%d %s", self.id, turn.reply_id,
                 " ".join(f"{k}={v}" for k, v in figures.items() if v is not None))
        self.engines.observe(figures)
        if self._on_turn is not None and turn.user_text:
            await self._on_turn(TurnReport(
                session_id=self.id, user_id=self.options.user_id, device_id=self.options.device_id,
                transport=self.options.transport, started_at=turn.started_epoch,
                user_text=turn.user_text, assistant_text=answer, heard_text=heard,
                interrupted=interrupted, audio_in_s=turn.audio_s, audio_out_s=turn.metrics.audio_out_s,
                image=turn.image, metrics=figures))

    def _finish_silently(self, turn: _Turn) -> None:
        if self._turn is turn:
            self._turn = None

    async def _turn_failed(self, turn: _Turn, exc: Exception) -> None:
        """One backend failed: an ``error`` event, a short spoken apology, and the session goes on."""
        backend = is_backend_error(exc)
        if backend is None:
            log.exception("turn failed unexpectedly in session %s", self.id)
            code, message = "internal_error", "something went wrong while answering"
        else:
            log.warning("backend failed in session %s: %s", self.id, backend.message)
            code, message = backend.code, backend.message
        await turn.committed.wait()
        await self.outbox.put(ErrorOut(code=code, message=message))
        lang = self._reply_language(turn.user_text)
        plan = ReplyPlan(reply_id=turn.reply_id, speed=self.options.speed, fixed_text=intents.apology(lang))
        run = ReplyRun(llm=self.engines.llm, tts=self.engines.tts.for_reply(), emit=self.outbox.put, plan=plan,
                       metrics=TurnMetrics(source="apology"))
        with contextlib.suppress(AssistantError):
            await run.run()
        await self.outbox.put(AudioEnd(reply_id=turn.reply_id))
        if self._turn is turn:
            self._turn = None
        turn.metrics.extra["error"] = code
        turn.metrics.first_audio_wall = run.metrics.first_audio_wall
        await self._report(turn, run.text, run.text, interrupted=False)

    # ---- photos ----------------------------------------------------------------------------
    async def _photo_turn(self, photo: Any, question: str) -> None:
        await self._drop_speculative()
        turn = self._new_turn(0.0, speculative=False)
        turn.metrics.source = "photo"
        turn.metrics.endpoint_wall = now()
        turn.image = True
        turn.user_text = question

        async def run() -> None:
            try:
                await self._emit_for(turn, TranscriptOut(text=question, final=True))
                plan = await photo_plan(self.engines, self.history, reply_id=turn.reply_id, photo=photo,
                                        question=question, speed=self.options.speed)
                await self._speak(turn, plan)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                await self._turn_failed(turn, exc)

        turn.task = asyncio.create_task(run())

    async def _default_photo_question(self, wait_s: float) -> None:
        await asyncio.sleep(wait_s)
        if self._pending_photo is not None and self._turn is None and not self._vad.speaking:
            photo, _ = self._pending_photo
            self._pending_photo = None
            await self._photo_turn(photo, "这是什么？" if self.language != "en" else "What is this?")

    def _cancel_photo_timer(self) -> None:
        if self._photo_timer is not None and self._photo_timer is not asyncio.current_task():
            self._photo_timer.cancel()
        self._photo_timer = None

    # ---- barge-in --------------------------------------------------------------------------
    def is_speaking(self) -> bool:
        """A committed reply is being produced, or the client is still playing its audio."""
        turn = self._turn
        if turn is not None and turn.committed.is_set() and turn.task is not None and not turn.task.done():
            return True
        last = self._last
        return bool(last and last.run and last.run.spoken.first_audio_wall
                    and now() < last.run.spoken.playing_until())

    async def _barge_in(self, *, reason: str) -> None:
        turn = self._turn if (self._turn and self._turn.committed.is_set()) else None
        playing = self._last if (self._last and self.is_speaking()) else None
        if turn is None and playing is None:
            if reason != "speech":
                await self._drop_speculative()
            return
        target = turn or playing
        assert target is not None
        at = now()
        if turn is not None:
            self._turn = None
            if turn.task is not None:
                turn.task.cancel()  # takes effect at its next await; nothing more reaches the outbox
        await self.outbox.drop_reply(target.reply_id)
        await self.outbox.put(Interrupted(reply_id=target.reply_id))
        if turn is not None:
            await _cancel(turn.task)
        run = target.run
        heard = run.spoken.heard_text(at) if run else ""
        answer = run.text if run else ""
        if turn is None:
            if target.metrics.source != "system":
                self.history.cut_last_answer(heard)  # it was recorded in full when generation ended
        elif not heard and turn.user_text and turn.metrics.source == "voice":
            self._carry = turn.user_text  # the user had only paused; their next words continue it
        elif turn.user_text:
            self.history.add_user(turn.user_text)
            self.history.add_assistant(heard, interrupted=True)
        if heard:
            self.last_answer = answer
        self._last = None
        log.info("barge-in (%s) session=%s reply=%d heard=%r", reason, self.id, target.reply_id, heard[:40])
        if turn is not None:
            await self._report(turn, answer, heard, interrupted=True)

    async def shutdown(self) -> None:
        """The server is stopping: ask the transport to close the connection (1001 going away)."""
        await self.close()
        with contextlib.suppress(Exception):
            await self.outbox.put(Hangup(reason="server shutting down"))
        await self.outbox.close()

    async def close(self) -> None:
        """Cancel everything this session started. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self._cancel_photo_timer()
        for turn in (self._turn,):
            if turn is not None:
                await _cancel(turn.task)
        self._turn = None
        await self._prefill.close()


async def _cancel(task: asyncio.Task[None] | None) -> None:
    if task is None or task.done():
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):
        await asyncio.wait_for(asyncio.shield(task), timeout=2.0)
