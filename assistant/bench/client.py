"""The client's side of the measurement: a real-time microphone, a simulated player, and turn timings.

Every time here is ``time.monotonic()`` in the benchmark process, taken when a frame is sent or
read on the socket (see :class:`assistant.client.conversation.Conversation`), never a figure the
server reports about itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from dataclasses import dataclass, field
from typing import Any

import websockets

from assistant.bench.speech import Clip
from assistant.client.conversation import Conversation, Event

CHUNK_MS = 20
PLAYER_BUFFER_S = 0.1  # the simulated player starts this long after the first chunk
MIN_GAP_S = 0.001  # shorter stalls are clock noise, not audible


@dataclass(slots=True)
class ClipTimes:
    """When the microphone sent a clip's first sample, first/last voiced sample and last sample."""

    started_at: float | None = None
    speech_start_at: float | None = None
    speech_end_at: float | None = None
    finished: asyncio.Event = field(default_factory=asyncio.Event)


class MicStream:
    """Streams PCM16 like a microphone: 20 ms chunks in real time, queued clips, silence in between.

    A real microphone never stops, and the server's VAD only moves forward while audio arrives, so
    the benchmark keeps streaming silence while it waits for an answer.
    """

    def __init__(self, conv: Conversation, *, chunk_ms: int = CHUNK_MS) -> None:
        self.conv = conv
        self.samples = conv.rate * chunk_ms // 1000
        self.chunk_s = chunk_ms / 1000.0
        self._queue: list[tuple[Clip, ClipTimes]] = []
        self._task: asyncio.Task[None] | None = None
        self.failed: str = ""

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def play(self, clip: Clip) -> ClipTimes:
        """Queue ``clip``; its times fill in as it is sent (``finished`` is set after the last chunk)."""
        if clip.rate != self.conv.rate:
            raise ValueError(f"clip rate {clip.rate} differs from the session's {self.conv.rate}")
        times = ClipTimes()
        self._queue.append((clip, times))
        return times

    async def _loop(self) -> None:
        silence = b"\x00\x00" * self.samples
        start = time.monotonic()
        tick = 0
        offset = 0  # samples of the current clip already sent
        try:
            while True:
                if self._queue:
                    clip, times = self._queue[0]
                    frame = clip.pcm[offset * 2:(offset + self.samples) * 2]
                    await self.conv.ws.send(frame)
                    sent = time.monotonic()
                    end = offset + len(frame) // 2
                    if offset == 0:
                        times.started_at = sent
                    if times.speech_start_at is None and end > clip.speech_start:
                        times.speech_start_at = sent
                    if times.speech_end_at is None and end >= clip.speech_end:
                        times.speech_end_at = sent
                    offset = end
                    if offset * 2 >= len(clip.pcm):
                        self._queue.pop(0)
                        offset = 0
                        times.finished.set()
                else:
                    await self.conv.ws.send(silence)
                tick += 1
                delay = start + tick * self.chunk_s - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
        except websockets.ConnectionClosed as exc:
            self.failed = f"connection closed while streaming: {exc}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Playback:
    audio_s: float
    underruns: int
    underrun_ms: float
    play_end_at: float | None  # when a player that started at the first chunk would finish


def simulate_playback(chunks: list[tuple[float, int]], rate: int, *,
                      buffer_s: float = PLAYER_BUFFER_S) -> Playback:
    """Play ``(arrival, bytes)`` chunks of PCM16 at ``rate`` starting ``buffer_s`` after the first.

    An underrun is a moment when everything received so far has been played and the next chunk
    has not arrived yet; playback then stalls until it does.
    """
    if not chunks:
        return Playback(audio_s=0.0, underruns=0, underrun_ms=0.0, play_end_at=None)
    origin = chunks[0][0] + buffer_s  # wall time of playback position 0 (moves on each stall)
    have = 0.0
    count, stalled = 0, 0.0
    for at, size in chunks:
        dry_at = origin + have
        if have > 0 and at - dry_at > MIN_GAP_S:
            count += 1
            stalled += at - dry_at
            origin += at - dry_at
        have += size / 2 / rate
    return Playback(audio_s=have, underruns=count, underrun_ms=round(stalled * 1000.0, 1),
                    play_end_at=origin + have)


@dataclass(slots=True, kw_only=True)
class TurnResult:
    """One measured turn. ``*_ms`` fields are client-side; ``server`` is the metrics message."""

    kind: str  # voice | photo | barge_in | phone | concurrency | typed | eval
    language: str
    question: str
    level: int = 1
    ok: bool = False
    error: str = ""
    transcript: str = ""
    reply_text: str = ""
    voice_to_voice_ms: float | None = None
    endpoint_ms: float | None = None  # end of speech → speech_stopped at the client
    barge_in_ms: float | None = None  # start of the new speech → interrupted at the client
    audio_s: float = 0.0
    underruns: int = 0
    underrun_ms: float = 0.0
    turn_s: float = 0.0
    server: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


def all_chunks(conv: Conversation) -> list[tuple[float, int]]:
    return [c for reply in conv.replies for c in reply.chunk_times]


def events_after(conv: Conversation, start: int, kind: str) -> list[Event]:
    return [e for e in conv.events[start:] if e.message.get("type") == kind]


async def wait_until(conv: Conversation, ready: Any, timeout_s: float) -> None:
    """Wait until ``ready()`` is true; TimeoutError after ``timeout_s``, ConnectionError if closed."""
    async def loop() -> None:
        while not ready():
            if conv.closed.is_set():
                raise ConnectionError("the server closed the connection")
            conv.changed.clear()
            await conv.changed.wait()

    await asyncio.wait_for(loop(), timeout_s)


def turn_over(conv: Conversation, mark: int) -> bool:
    """The turn begun at event ``mark`` has ended: metrics, an empty transcript, or an error."""
    for e in conv.events[mark:]:
        kind = e.message.get("type")
        if kind == "metrics" and not e.message.get("turn", {}).get("interrupted"):
            return True
        if kind == "transcript" and e.message.get("final") and not str(e.message.get("text", "")).strip():
            return True
        if kind == "error":
            return True
    return False


def finish(result: TurnResult, conv: Conversation, mark: int, *, since: float, rate: int,
           origin: float | None = None) -> None:
    """Fill ``result`` from the events after ``mark`` and the audio that arrived after ``since``.

    Voice-to-voice runs from ``origin`` (default ``since``) to the first of those audio chunks.
    """
    transcripts = [str(e.message.get("text", "")) for e in events_after(conv, mark, "transcript")]
    result.transcript = transcripts[-1] if transcripts else ""
    result.reply_text = "".join(str(e.message.get("text", "")) for e in events_after(conv, mark, "reply"))
    metrics = [e for e in events_after(conv, mark, "metrics")
               if not e.message.get("turn", {}).get("interrupted")]
    if metrics:
        result.server = dict(metrics[-1].message.get("turn", {}))
    errors = events_after(conv, mark, "error")
    ends = [e.at for e in events_after(conv, mark, "audio_end") if e.at > since]
    until = ends[0] if ends else float("inf")
    chunks = [c for c in all_chunks(conv) if since < c[0] <= until]
    play = simulate_playback(chunks, rate)
    result.audio_s = round(play.audio_s, 3)
    result.underruns, result.underrun_ms = play.underruns, play.underrun_ms
    if chunks:
        result.voice_to_voice_ms = round((chunks[0][0] - (since if origin is None else origin)) * 1000.0, 1)
    if errors:
        result.error = f"{errors[0].message.get('code')}: {errors[0].message.get('message')}"
    elif not result.transcript:
        result.error = "empty transcript (the server heard nothing)"
    elif not chunks:
        result.error = "no reply audio"
    result.ok = not result.error


async def voice_turn(conv: Conversation, mic: MicStream, clip: Clip, *, kind: str = "voice",
                     level: int = 1, timeout_s: float = 90.0) -> TurnResult:
    """Speak ``clip`` into a running microphone and measure the answer."""
    q = clip.question
    result = TurnResult(kind=kind, language=q.language, question=q.text, level=level)
    mark = len(conv.events)
    began = time.monotonic()
    times = mic.play(clip)
    try:
        await wait_until(conv, lambda: turn_over(conv, mark), timeout_s)
        await asyncio.wait_for(times.finished.wait(), timeout_s)
    except (TimeoutError, ConnectionError) as exc:
        result.error = mic.failed or f"{type(exc).__name__}: no answer within {timeout_s:.0f} s"
        result.turn_s = round(time.monotonic() - began, 2)
        return result
    speech_end = times.speech_end_at or began
    finish(result, conv, mark, since=speech_end, rate=conv.out_rate)
    stopped = [e.at for e in events_after(conv, mark, "speech_stopped")]
    if stopped:
        result.endpoint_ms = round((stopped[0] - speech_end) * 1000.0, 1)
    result.turn_s = round(time.monotonic() - began, 2)
    return result


async def photo_turn(conv: Conversation, jpeg_b64: str, question: str, *,
                     timeout_s: float = 90.0) -> TurnResult:
    """Send a photo with a typed question; voice-to-voice runs from the send to the first audio."""
    result = TurnResult(kind="photo", language="zh", question=question)
    message = {"type": "image", "mime": "image/jpeg", "data": jpeg_b64, "text": question}
    return await sent_turn(conv, message, result, timeout_s=timeout_s)


async def text_turn(conv: Conversation, text: str, *, language: str, kind: str = "typed",
                    timeout_s: float = 90.0) -> TurnResult:
    """Send a typed question (as the web client's text box does); "voice-to-voice" runs from the send to
    the first audio of the answer."""
    result = TurnResult(kind=kind, language=language, question=text)
    return await sent_turn(conv, {"type": "text", "text": text}, result, timeout_s=timeout_s)


async def sent_turn(conv: Conversation, message: dict[str, Any], result: TurnResult, *,
                    timeout_s: float) -> TurnResult:
    """Send ``message`` (a typed question, a photo) and fill ``result`` with the turn it starts."""
    mark = len(conv.events)
    sent = time.monotonic()
    await conv.send_json(message)
    try:
        await wait_until(conv, lambda: turn_over(conv, mark), timeout_s)
    except (TimeoutError, ConnectionError) as exc:
        result.error = f"{type(exc).__name__}: no answer within {timeout_s:.0f} s"
        return result
    finish(result, conv, mark, since=sent, rate=conv.out_rate)
    result.turn_s = round(time.monotonic() - sent, 2)
    return result
