"""One telephone call, whatever carries it (Twilio Media Streams, Asterisk AudioSocket).

A :class:`PhoneCall` sits between a transport's :class:`CallLink` and the same
:class:`~assistant.pipeline.session.Session` every transport uses; it holds no turn logic. It

- feeds the caller's 8 kHz audio to the session (seamlessly resampled to 16 kHz);
- plays the session's replies: phone gain, 8 kHz, the link's codec, 20 ms frames, paced at real time
  with at most ``lead_s`` queued ahead at the far end, so that a barge-in drops little;
- after each clause sends a mark ``"<reply>:<clause>"`` and, when it has played, tells the session
  (``mark_heard``) so that the history keeps only what the caller heard;
- on barge-in (the caller starts speaking over audio, or the session says ``Interrupted``) drops the
  pending audio and tells the far end to drop its buffer (``clear``);
- greets the caller, maps DTMF (0 repeat, * stop), asks "您还在吗？" after a silence and hangs up
  politely after a longer one.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from assistant.audio.resample import StreamResampler, resample
from assistant.errors import ProtocolError, SlowClient
from assistant.pipeline.intake import AudioFlood
from assistant.pipeline.options import SessionOptions
from assistant.pipeline.outbox import Outbox
from assistant.pipeline.session import Session
from assistant.protocol.messages import (
    AudioEnd,
    AudioOut,
    ErrorOut,
    Hangup,
    Interrupted,
    Metrics,
    SpeechStarted,
    TranscriptOut,
)
from assistant.server.call_policy import CallerProfile, SilencePolicy, greeting_for
from assistant.server.state import Admission, AppState

log = logging.getLogger(__name__)

Float32Audio = npt.NDArray[np.float32]

PHONE_RATE = 8000
FRAME_S = 0.020
MAX_QUEUED_FRAMES = 120 * 50  # two minutes of audio: far more than one reply
MAX_QUEUED_CLAUSES = 256
STILL_THERE = {"zh": "您还在吗？", "en": "Are you still there?"}
GOODBYE = {"zh": "好的，那我先挂了。有需要随时再打给我，再见！", "en": "Alright, I'll hang up now. Goodbye!"}
END = -1  # the clause number of a reply's end mark


class CallLink(Protocol):
    """How one call's audio reaches the far end."""

    echoes_marks: bool  # True: the far end echoes marks when played (Twilio); False: time them here
    lead_s: float  # how much audio may be queued at the far end ahead of real time

    def encode(self, audio: Float32Audio) -> list[bytes]:
        """8 kHz float audio to 20 ms frames in the link's codec (the last one padded)."""
        ...

    async def send_audio(self, frame: bytes) -> None: ...

    async def send_mark(self, name: str) -> None: ...

    async def clear(self) -> None: ...

    async def hangup(self, reason: str, *, going_away: bool = False) -> None: ...


@dataclass(slots=True)
class _MarkItem:
    name: str
    reply_id: int
    clause: int


class PhoneCall:
    def __init__(self, state: AppState, link: CallLink, admission: Admission, *, caller: str,
                 call_id: str, profile: CallerProfile | None, opening: str | None = None) -> None:
        settings = state.settings
        self.state = state
        self.link = link
        self.admission = admission
        self.caller = caller
        self.call_id = call_id
        self.profile = profile or CallerProfile()
        self.opening = opening  # our call's first turn (a reminder), instead of the greeting
        self.phone = settings.phone
        self.outbox = Outbox(max_events=settings.limits.send_queue_frames)
        self.session: Session = state.new_session(self.outbox, SessionOptions(
            input_rate=PHONE_RATE, language=self.profile.language, speed=settings.phone.speed,
            transport="phone", user_id=admission.user_id, device_id=admission.device_id,
            asr_words=self.profile.words))
        self.ended = asyncio.Event()
        self.clears = 0
        self._upsample = StreamResampler(PHONE_RATE, 16000)
        self._max_frame = int(settings.limits.max_audio_frame_s * PHONE_RATE)
        self._queue: deque[bytes | _MarkItem] = deque()
        self._lock = asyncio.Lock()  # one sender at a time; clear never races a media frame
        self._wake = asyncio.Event()
        self._play_until = 0.0  # loop time at which the far end runs out of audio
        self._cleared = True  # nothing sent since the last clear
        self._pending: dict[str, _MarkItem] = {}
        self._muted: set[int] = set()
        self._current_reply = 0  # the reply whose audio was queued last
        self._latest_reply = 0  # the reply whose audio the session sent last
        self._to_convert: asyncio.Queue[AudioOut | AudioEnd] = asyncio.Queue(maxsize=MAX_QUEUED_CLAUSES)
        self._converting = 0  # the reply of the clause being converted (0: none)
        self._last_played_end = 0  # highest reply id whose end mark has played
        self._played = asyncio.Event()
        self._activity = 0
        self._policy = SilencePolicy(prompt_s=self.phone.silence_prompt_s,
                                     hangup_s=self.phone.silence_hangup_s)
        self._tasks: list[asyncio.Task[None]] = []
        self._timers: list[asyncio.TimerHandle] = []
        self._closed = False

    @property
    def lang(self) -> str:
        return "en" if self.profile.language == "en" else "zh"

    async def start(self) -> None:
        """Start playing and watching, then greet the caller."""
        for name, coro in (("drain", self._drain()), ("convert", self._convert()), ("play", self._play()),
                           ("watch", self._watch())):
            self._tasks.append(asyncio.create_task(self._guard(name, coro)))
        greeting = self.opening or greeting_for(self.phone.greeting, self.profile)
        if greeting:
            await self.session.say(greeting, repeatable=True)  # "再说一遍" says it again
        log.info("phone call %s from %s: session %s", self.call_id, self.caller or "?", self.session.id)

    # ---- from the far end ----------------------------------------------------------------------
    async def feed(self, audio: Float32Audio) -> None:
        """The caller's audio, float32 at 8 kHz. Frames over the size cap or faster than real time are
        dropped; a flood of them ends the call."""
        if self._closed:
            return
        if audio.size > self._max_frame:
            log.warning("phone call %s: dropped an audio frame of %d samples", self.call_id, audio.size)
            return
        up = self._upsample.process(audio)
        try:
            if up.size:
                await self.session.feed_audio(up)
        except AudioFlood as exc:
            await self.end(exc.code)
        except ProtocolError as exc:
            log.warning("phone call %s: %s", self.call_id, exc.message)

    async def dtmf(self, digit: str) -> None:
        self._caller_active()
        if digit == "0":
            await self.session.repeat()
        elif digit == "*":
            await self.session.interrupt()
        log.info("phone call %s: DTMF %s", self.call_id, digit)

    def mark_played(self, name: str) -> None:
        """The audio before mark ``name`` has been played (or cleared, which ``clear`` handled)."""
        item = self._pending.pop(name, None)
        if item is None or self._closed:
            return
        if item.clause == END:
            self._last_played_end = max(self._last_played_end, item.reply_id)
            self._played.set()
        else:
            self.session.mark_heard(item.reply_id, item.clause + 1)

    # ---- to the far end ------------------------------------------------------------------------
    async def _drain(self) -> None:
        """Session events in order. Never waits on a worker thread: a barge-in must not queue
        behind the conversion of a clause."""
        while (event := await self.outbox.get()) is not None:
            if isinstance(event, AudioOut | AudioEnd):
                if event.reply_id in self._muted:
                    continue
                self._latest_reply = event.reply_id
                try:
                    self._to_convert.put_nowait(event)
                except asyncio.QueueFull:
                    log.warning("phone call %s: too much reply audio queued; dropping a clause", self.call_id)
            elif isinstance(event, SpeechStarted):
                self._caller_active()
                await self._barge_in(force=False)
            elif isinstance(event, Interrupted):
                self._muted.add(event.reply_id)
                await self._barge_in(force=True)
            elif isinstance(event, Hangup):
                await self.end(event.reason, going_away=event.going_away)
                return
            elif isinstance(event, Metrics):
                log.debug("phone call %s turn: %s", self.call_id, event.turn)
            elif isinstance(event, ErrorOut):
                log.warning("phone call %s: %s: %s", self.call_id, event.code, event.message)
            elif isinstance(event, TranscriptOut):
                log.info("phone call %s heard: %s", self.call_id, event.text)

    async def _convert(self) -> None:
        """Reply audio to the link's frames (phone gain, 8 kHz, codec), in order, in a worker thread."""
        gain = np.float32(self.phone.gain)
        while True:
            event = await self._to_convert.get()
            if event.reply_id in self._muted:
                continue
            if isinstance(event, AudioEnd):
                await self._enqueue(event.reply_id, [],
                                    _MarkItem(f"{event.reply_id}:end", event.reply_id, END))
                continue
            self._converting = event.reply_id
            try:
                frames = await asyncio.to_thread(self._frames, event, gain)
            finally:
                self._converting = 0
            mark = _MarkItem(f"{event.reply_id}:{event.clause}", event.reply_id, event.clause)
            await self._enqueue(event.reply_id, frames, mark)

    def _frames(self, event: AudioOut, gain: np.float32) -> list[bytes]:
        loud = np.clip(event.audio.astype(np.float32) * gain, -1.0, 1.0)
        return self.link.encode(resample(loud, event.rate, PHONE_RATE) if event.rate != PHONE_RATE else loud)

    async def _enqueue(self, reply_id: int, frames: list[bytes], mark: _MarkItem) -> None:
        async with self._lock:
            if reply_id in self._muted:
                return
            if len(self._queue) + len(frames) > MAX_QUEUED_FRAMES:
                log.warning("phone call %s: reply %d is too long to queue; dropping a clause", self.call_id,
                            reply_id)
                return
            self._queue.extend(frames)
            self._queue.append(mark)
            self._current_reply = reply_id
            if frames:
                self._cleared = False
        self._wake.set()

    async def _play(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            if not self._queue:
                self._wake.clear()
                await self._wake.wait()
                continue
            ahead = self._play_until - loop.time()
            if ahead > self.link.lead_s:
                await asyncio.sleep(ahead - self.link.lead_s)
                continue
            async with self._lock:
                if not self._queue:
                    continue
                item = self._queue.popleft()
                if isinstance(item, bytes):
                    await self.link.send_audio(item)
                    self._play_until = max(self._play_until, loop.time()) + FRAME_S
                    continue
                self._pending[item.name] = item
                if self.link.echoes_marks:
                    await self.link.send_mark(item.name)
                else:
                    now = loop.time()
                    self._timers = [t for t in self._timers if t.when() > now]
                    self._timers.append(loop.call_at(max(self._play_until, now), self.mark_played, item.name))

    async def _barge_in(self, *, force: bool) -> None:
        """Drop what is queued and make the far end drop its buffer."""
        loop = asyncio.get_running_loop()
        async with self._lock:
            pending = bool(self._queue) or self._play_until > loop.time()
            if self._converting or not self._to_convert.empty():
                self._muted.add(self._latest_reply)  # audio on its way to the queue: drop it
            if not pending and not (force and not self._cleared):
                return
            if pending:
                self._muted.add(self._current_reply)  # more frames of it may still be on their way
            self._queue.clear()
            self._pending.clear()
            for timer in self._timers:
                timer.cancel()
            self._timers.clear()
            self._play_until = loop.time()
            self._cleared = True
            self.clears += 1
            await self.link.clear()
        log.info("phone call %s: barge-in, cleared the far end's audio", self.call_id)

    def _playing(self) -> bool:
        return bool(self._queue) or self._play_until > asyncio.get_running_loop().time()

    # ---- silence -------------------------------------------------------------------------------
    def _caller_active(self) -> None:
        self._activity += 1
        self._policy.activity()

    async def _watch(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            await asyncio.sleep(0.25)
            action = self._policy.tick(loop.time(), self.session.idle and not self._playing())
            if action == "prompt":
                await self.session.say(STILL_THERE[self.lang])
            elif action == "goodbye" and await self._say_goodbye():
                await self.end("silence")
                return

    async def _say_goodbye(self) -> bool:
        """Say goodbye and wait until it has played; False if the caller spoke meanwhile."""
        activity, before = self._activity, self._current_reply
        await self.session.say(GOODBYE[self.lang])
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 30.0
        while loop.time() < deadline:
            if self._activity != activity:
                return False
            if self._last_played_end > before:
                await asyncio.sleep(0.3)  # let the far end finish the last frames
                return True
            self._played.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._played.wait(), 0.5)
        return True

    # ---- the end -------------------------------------------------------------------------------
    async def end(self, reason: str, *, going_away: bool = False) -> None:
        """Hang up (idempotent): the transport's receive loop then ends and calls ``close``.

        ``going_away``: the server is shutting down."""
        if self.ended.is_set():
            return
        self.ended.set()
        log.info("phone call %s: hanging up (%s)", self.call_id, reason)
        with contextlib.suppress(Exception):
            await self.link.hangup(reason, going_away=going_away)

    async def _guard(self, name: str, coro: Coroutine[Any, Any, None]) -> None:
        try:
            await coro
        except asyncio.CancelledError:
            raise
        except (SlowClient, OSError, RuntimeError, TimeoutError) as exc:
            log.info("phone call %s: %s stopped: %s", self.call_id, name, exc)
            self.ended.set()
        except Exception:
            log.exception("phone call %s: %s failed", self.call_id, name)
            self.ended.set()

    async def close(self) -> None:
        """Release everything of this call. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self.ended.set()
        for timer in self._timers:
            timer.cancel()
        me = asyncio.current_task()
        tasks = [t for t in self._tasks if t is not me]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await self.session.close()
        self.state.end_session(self.session)
        await self.outbox.close()
        self.admission.release()
