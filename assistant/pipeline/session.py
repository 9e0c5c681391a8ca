"""The per-connection session: runs the turn-taking of :mod:`assistant.pipeline.floor`.

Every transport feeds one Session and drains its Outbox. VAD events and client requests become
:class:`~assistant.pipeline.floor.Floor` events; its actions: a turn is one task (ASR → LLM → TTS)
whose events are held while speculative; a commit releases them, a drop cancels the task; a barge-in
cuts the reply, drops its frames, sends ``interrupted`` and keeps only what was heard in the history.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections.abc import Callable, Coroutine
from typing import Any

import numpy as np

from assistant.asr.base import ASR_RATE
from assistant.audio.vad import SpeechPaused, SpeechResumed, SpeechStopped
from assistant.audio.vad import SpeechStarted as VadStarted
from assistant.errors import ImageError
from assistant.llm.base import ChatRequest
from assistant.llm.prompt import History
from assistant.pipeline import endpoint, floor, intents, notes
from assistant.pipeline.emergency import AlertSink, emergency_plan
from assistant.pipeline.engines import Engines
from assistant.pipeline.failure import apologise
from assistant.pipeline.intake import AudioIntake, Fed
from assistant.pipeline.options import SessionOptions
from assistant.pipeline.outbox import Outbox
from assistant.pipeline.photo import PhotoWait, photo_plan
from assistant.pipeline.prefill import Prefiller
from assistant.pipeline.reply import ReplyPlan, ReplyRun
from assistant.pipeline.report import Reporter
from assistant.pipeline.report import TurnReport as TurnReport
from assistant.pipeline.report import TurnSink as TurnSink
from assistant.pipeline.script import Script, scripted_plan
from assistant.pipeline.tooling import plan_text_turn, user_now
from assistant.pipeline.turn import Turn, cancel_task, keep_heard, now
from assistant.protocol.messages import (
    AudioEnd,
    ErrorOut,
    Hangup,
    ImageIn,
    Interrupted,
    SpeechStarted,
    TranscriptOut,
)
from assistant.protocol.messages import SpeechStopped as SpeechStoppedOut
from assistant.vision.service import Photo

log = logging.getLogger(__name__)

ASR_PAD = int(0.2 * ASR_RATE)


TurnBody = Callable[[Turn], Coroutine[Any, Any, None]]


class Session:
    def __init__(self, engines: Engines, outbox: Outbox, *, options: SessionOptions,
                 on_turn: TurnSink | None = None, on_alert: AlertSink | None = None,
                 inbox: notes.NoteSource | None = None) -> None:
        self.id = uuid.uuid4().hex[:12]
        self.engines = engines
        self.outbox = outbox
        self.options = options
        self.language = options.language
        self._on_alert = on_alert
        self._reporter = Reporter(session_id=self.id, user_id=options.user_id, device_id=options.device_id,
                                  transport=options.transport, outbox=outbox, cost_yuan=engines.cost_yuan,
                                  observe=engines.observe, sink=on_turn)
        self._vad = engines.vad.stream(engines.options.vad_for(options.input_rate))
        self._intake = AudioIntake(self._vad, pool=engines.audio_pool, input_rate=options.input_rate,
                                   limits=engines.options.intake)
        self._inbox = inbox  # the family's messages
        self.script: Script | None = None  # a step the care loop waits for (pipeline/script.py)
        self.history = self._new_history()
        self.history.conversation = self.id  # its requests name it: the embedded LLM keeps it in one slot
        self._tools = engines.tools.session(options.user_id) if engines.tools is not None else None
        self._prefill = Prefiller(engines.prefill_model, self.history, clock=lambda: user_now(self._tools))
        self._floor = floor.Floor()
        self._turns: dict[int, Turn] = {}  # the floor's current and last turns
        self._fed_ms = 0.0
        self._carry = ""  # words of a reply cut off before it made a sound
        self._photo = PhotoWait()
        self.last_answer = ""
        self._closed = False

    def _new_history(self) -> History:
        return self.engines.new_history()

    # ---- input ---------------------------------------------------------------------------
    async def feed_pcm16(self, data: bytes) -> None:
        """Microphone audio at the client's rate. ProtocolError (the frame is dropped): odd-length PCM, a
        frame over the size cap, audio faster than real time; AudioFlood: close (pipeline/intake.py)."""
        async with self._intake.lock:  # the VAD's events are handled in order, one frame at a time
            await self._on_audio(await self._intake.pcm16(data))

    async def feed_audio(self, audio: np.ndarray) -> None:
        """Float32 audio at 16 kHz, with the same checks as :meth:`feed_pcm16`."""
        async with self._intake.lock:
            await self._on_audio(await self._intake.float32(audio))

    def _hold_pause(self, turn: Turn, text: str | None) -> None:
        """Set how long this pause must last (pipeline/endpoint.py); one already that long ends now."""
        if endpoint.hold_pause(self._vad, turn, text, self.engines.options.waits):
            self._intake.settle(self._on_audio)

    async def _on_audio(self, fed: Fed) -> None:
        if self._closed:  # closed while the frame was in the worker thread
            return
        self._fed_ms += fed.ms
        for event in fed.events:
            await self._on_vad(event)

    async def _on_vad(self, event: object) -> None:
        if isinstance(event, VadStarted):
            await self.outbox.put(SpeechStarted(at_ms=int(event.at_ms)))
            await self._handle(floor.VoiceStarted(audible=self._audible()))
            self._prefill.start(self._expected_language(), speaking=True)
        elif isinstance(event, SpeechPaused):
            if event.audio.size:
                await self._handle(floor.VoicePaused(audio_s=event.audio.size / ASR_RATE),
                                   body=lambda turn: self._answer(turn, audio=event.audio), at_ms=event.at_ms)
        elif isinstance(event, SpeechResumed):
            await self._handle(floor.VoiceResumed())
        elif isinstance(event, SpeechStopped):
            await self.outbox.put(SpeechStoppedOut(at_ms=int(event.at_ms)))
            await self._handle(floor.VoiceStopped(audio_s=event.audio.size / ASR_RATE),
                               body=lambda turn: self._answer(turn, audio=event.audio), at_ms=event.at_ms)

    async def ask_text(self, text: str) -> None:
        await self._handle(floor.Asked(source="text", audible=self._audible()),
                           body=lambda turn: self._answer(turn, text=text))

    async def ask_image(self, message: ImageIn) -> None:
        """A photo. With a question, answer now; without, wait for a spoken one (or default)."""
        try:
            photo = await self.engines.photos.load(message.data, message.mime)
        except ImageError as exc:
            await self.outbox.put(ErrorOut(code=exc.code, message=exc.message))
            return
        self._photo.cancel()
        if message.text:
            await self._photo_turn(photo, message.text)
            return
        await self._handle(floor.Interrupted(audible=self._audible()))
        self._photo.hold(photo, wait_s=self.engines.options.photo_wait_s,
                         ask_default=self._default_photo_question,
                         ready=lambda: self._floor.current is None and not self._vad.speaking)

    async def interrupt(self) -> None:
        await self._handle(floor.Interrupted(audible=self._audible()))

    async def say(self, text: str | notes.Notes, *, repeatable: bool = False) -> None:
        """Speak a fixed text ("您还在吗？") or a family's note as an interruptible reply (not a turn)."""
        async def body(turn: Turn) -> None:
            turn.metrics.extra.update({"repeatable": True} if repeatable else {})
            await self._speak(turn, notes.said_plan(turn.reply_id, self.options.speed, text))

        await self._handle(floor.Asked(source="system", audible=self._audible()), body=body)

    async def repeat(self) -> None:
        """Repeat the last answer, more slowly (DTMF 0, or a "再说一遍" button)."""
        async def body(turn: Turn) -> None:
            await self._speak(turn, self._repeat_plan(turn.reply_id, self.language))

        await self._handle(floor.Asked(source="repeat", audible=self._audible()), body=body)

    def mark_heard(self, reply_id: int, clauses: int) -> None:
        """A transport learned that the first ``clauses`` clauses of ``reply_id`` have been played."""
        turn = self._turns.get(reply_id)
        if turn is not None and turn.run is not None and reply_id in (self._floor.current, self._floor.last):
            turn.run.spoken.confirmed_clauses = clauses

    @property
    def idle(self) -> bool:
        """Nobody is speaking and nothing is being answered."""
        return self._floor.current is None and not self.is_speaking() and not self._vad.speaking

    def is_speaking(self) -> bool:
        """A committed reply is being produced, or the client is still playing its audio."""
        turn = self._turns.get(self._floor.answering or 0)
        return bool(turn and turn.task and not turn.task.done()) or self._audible()

    # ---- the floor's actions ----------------------------------------------------------------
    async def _handle(self, event: floor.FloorEvent, *, body: TurnBody | None = None,
                      at_ms: float | None = None) -> None:
        """Tell the floor, then carry out its actions; ``body`` answers a turn it starts."""
        for action in self._floor.handle(event):
            match action:
                case floor.StartTurn(reply_id=reply_id, speculative=speculative):
                    assert body is not None, f"{event!r} started a turn without a body"
                    self._start(reply_id, event, speculative=speculative, body=body, at_ms=at_ms)
                case floor.CommitTurn(reply_id=reply_id):
                    await self._commit(self._turns[reply_id], at_ms or 0.0)
                case floor.DropTurn(reply_id=reply_id):
                    await cancel_task(self._turns.pop(reply_id).task)
                case floor.BargeIn(reply_id=reply_id, running=running):
                    target = self._turns.pop(reply_id)
                    await self._barge_in(target, running=running, reason=floor.reason(event))
        self._turns = {i: t for i, t in self._turns.items() if i in (self._floor.current, self._floor.last)}

    def _start(self, reply_id: int, event: floor.FloorEvent, *, speculative: bool, body: TurnBody,
               at_ms: float | None) -> None:
        source = event.source if isinstance(event, floor.Asked) else "voice"
        audio_s = event.audio_s if isinstance(event, floor.VoicePaused | floor.VoiceStopped) else 0.0
        turn = Turn(reply_id, audio_s, speculative=speculative, source=source, pause_at_ms=at_ms)
        if at_ms is not None:  # at_ms: the end of speech in the input stream, fed up to _fed_ms now
            turn.metrics.speech_end_wall = now() - max(0.0, self._fed_ms - at_ms) / 1000.0
        if not speculative:
            turn.metrics.endpoint_wall = now()
        self._turns[reply_id] = turn
        turn.task = asyncio.create_task(body(turn))

    async def _commit(self, turn: Turn, at_ms: float) -> None:
        turn.metrics.endpoint_wall = now()
        turn.metrics.speech_end_wall = now() - max(0.0, self._fed_ms - at_ms) / 1000.0
        await turn.commit(self.outbox)

    async def _ended(self, turn: Turn, *, spoke: bool) -> None:
        if spoke:
            self._turns[turn.reply_id] = turn
        await self._handle(floor.ReplyEnded(reply_id=turn.reply_id, spoke=spoke))

    def _audible(self) -> bool:
        """The last reply is still playing at the client."""
        last = self._turns.get(self._floor.last or 0)
        run = last.run if last is not None else None
        return bool(run and run.spoken.first_audio_wall and now() < run.spoken.playing_until())

    # ---- answering -------------------------------------------------------------------------
    async def _answer(self, turn: Turn, *, audio: np.ndarray | None = None, text: str = "") -> None:
        """Transcribe (if needed), decide what to say, speak it, and record the turn."""
        try:
            if audio is not None:
                t0 = now()
                result = await self.engines.asr.transcribe(  # a little silence each side helps Whisper
                    np.pad(audio, ASR_PAD), language=self.language, hints=self.options.asr_words)
                turn.metrics.asr_ms, turn.metrics.asr_done_wall = (now() - t0) * 1000.0, now()
                turn.metrics.asr_audio_s, turn.heard = result.audio_s, result
                text = result.text.strip()
                self._hold_pause(turn, text)
                if intents.is_empty_utterance(text):
                    await turn.committed.wait()
                    await turn.emit(TranscriptOut(text="", final=True), self.outbox)
                    await self._ended(turn, spoke=False)
                    return
                if self.language == "auto" and result.language in ("zh", "en"):
                    turn.metrics.extra["language"] = result.language
            if self._carry:
                text = f"{self._carry}，{text}" if intents.is_chinese(text) else f"{self._carry} {text}"
            turn.user_text = text
            await turn.emit(TranscriptOut(text=text, final=True), self.outbox)
            plan = await self._plan(turn, text)
            await self._speak(turn, plan)
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # one turn's failure never ends the session
            await self._turn_failed(turn, exc)

    async def _plan(self, turn: Turn, text: str) -> ReplyPlan:
        speed = self.options.speed
        lang = self._reply_language(text)
        if emergency := await emergency_plan(turn, text, language=lang, speed=speed, session_id=self.id,
                                             user_id=self.options.user_id, on_alert=self._on_alert,
                                             advice=self.engines.options.emergency):
            return emergency
        if scripted := await scripted_plan(self.script, turn, text, language=lang, speed=speed):
            return scripted
        if intents.wants_repeat(text):
            turn.metrics.source = "repeat"
            return self._repeat_plan(turn.reply_id, lang)
        photo = self._photo.take()
        if photo is not None:
            turn.use_photo(photo)
            return await photo_plan(self.engines, self.history, reply_id=turn.reply_id, photo=photo,
                                    question=text, speed=speed)
        if ack := await notes.direct_reply(self._inbox, turn, text, lang, self.options.user_id, self.id):
            return ReplyPlan(reply_id=turn.reply_id, speed=speed, fixed_text=ack)
        preface = await notes.preface_notes(self._inbox, self.options.user_id, lang, turn.metrics.extra)
        plan = await plan_text_turn(self._tools, text, language=lang, reply_id=turn.reply_id, speed=speed,
                                    extra=turn.metrics.extra, committed=turn.committed, heard=turn.heard,
                                    remote=self.engines.remote_first, request=self._request,
                                    advice=self.engines.options.emergency)
        return notes.with_preface(plan, preface)

    async def _request(self, text: str, lang: str) -> ChatRequest:  # after the prefill of the prefix
        await self._prefill.settle()
        return self.engines.chat_request(self.history, text, language=lang, now=await user_now(self._tools))

    def _repeat_plan(self, reply_id: int, lang: str) -> ReplyPlan:
        return ReplyPlan(reply_id=reply_id, speed=min(2.0, self.options.speed * 1.2),
                         fixed_text=intents.repeat_text(self.last_answer, lang))

    def _expected_language(self) -> str:
        """The next answer's likely language, before the question is known."""
        last = self._turns.get(self._floor.last or 0)
        return intents.expected_language(self.language, last.metrics.extra.get("language") if last else None)

    def _reply_language(self, text: str) -> str:
        return intents.reply_language(self.language, text)

    async def _speak(self, turn: Turn, plan: ReplyPlan) -> None:
        """Speak ``plan``; a user's turn goes into the history; all but system phrases are reported."""
        run = ReplyRun(llm=self.engines.llm, tts=self.engines.tts.for_reply(),
                       emit=lambda e: turn.emit(e, self.outbox), plan=plan, metrics=turn.metrics)
        turn.run = run
        await run.run()
        await turn.committed.wait()
        await self.outbox.put(AudioEnd(reply_id=turn.reply_id))
        answer = run.text.strip()
        await self._ended(turn, spoke=True)
        self.last_answer = answer if answer and turn.repeatable else self.last_answer
        if turn.metrics.source == "system":
            return
        if turn.user_text:
            self._carry = ""
            self.history.add_user(turn.user_text)
            self.history.add_assistant(answer.removeprefix(plan.preface).strip() or answer)  # not the note
            self._prefill.start(self._expected_language())
        await self._reporter.report(turn.outcome(answer, answer, interrupted=False), playing=run.spoken)

    async def _turn_failed(self, turn: Turn, exc: Exception) -> None:
        self._hold_pause(turn, None)  # the ordinary wait
        await turn.committed.wait()
        text = await apologise(turn, exc, engines=self.engines, outbox=self.outbox, speed=self.options.speed,
                               language=self._reply_language(turn.user_text), session_id=self.id)
        await self._ended(turn, spoke=False)
        await self._reporter.report(turn.outcome(text, text, interrupted=False))

    # ---- photos ----------------------------------------------------------------------------
    async def _photo_turn(self, photo: Photo, question: str) -> None:
        async def body(turn: Turn) -> None:
            turn.use_photo(photo)
            turn.user_text = question
            try:
                await turn.emit(TranscriptOut(text=question, final=True), self.outbox)
                plan = await photo_plan(self.engines, self.history, reply_id=turn.reply_id, photo=photo,
                                        question=question, speed=self.options.speed)
                await self._speak(turn, plan)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                await self._turn_failed(turn, exc)

        await self._handle(floor.Asked(source="photo", audible=self._audible()), body=body)

    async def _default_photo_question(self, photo: Photo) -> None:
        await self._photo_turn(photo, "这是什么？" if self.language != "en" else "What is this?")

    # ---- barge-in --------------------------------------------------------------------------
    async def _barge_in(self, target: Turn, *, running: bool, reason: str) -> None:
        """Stop ``target``: cancel its task (``running``) or cut it short in the history (playing)."""
        at = now()
        if running and target.task is not None:
            target.task.cancel()  # takes effect at its next await; nothing more reaches the outbox
        await self.outbox.drop_reply(target.reply_id)
        await self.outbox.put(Interrupted(reply_id=target.reply_id))
        if running:
            await cancel_task(target.task)
        run = target.run
        heard = run.spoken.heard_text(at) if run else ""
        answer = run.text if run else ""
        self._carry = keep_heard(self.history, target, heard, running=running) or self._carry
        if heard and target.repeatable:
            self.last_answer = answer
        log.info("barge-in (%s) session=%s reply=%d heard=%r", reason, self.id, target.reply_id, heard[:40])
        if running:
            await self._reporter.report(target.outcome(answer, heard, interrupted=True))
        else:
            await self._reporter.cut(target.reply_id, heard)  # stored once heard: store it cut now

    async def shutdown(self) -> None:
        """The server is stopping: cut the reply being spoken (stored as interrupted, with what was
        heard), then ask the transport to close the connection (1001 going away)."""
        if not self._closed:
            try:
                await self.interrupt()
            except Exception:  # still close the session
                log.exception("cutting the reply at shutdown failed in session %s", self.id)
        await self.close()
        with contextlib.suppress(Exception):
            await self.outbox.put(Hangup(reason="server shutting down", going_away=True))
        await self.outbox.close()

    async def close(self) -> None:
        """Cancel everything this session started. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self._photo.cancel()
        current = self._turns.get(self._floor.current or 0)
        if current is not None:
            await cancel_task(current.task)
        await self._reporter.flush()
        await self._prefill.close()
