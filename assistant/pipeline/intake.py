"""Incoming audio of one session: limits, then resampling and VAD in a worker thread.

One client must not slow the others down, so every frame

1. is checked against a size cap (``limits.max_audio_frame_s`` seconds at the session's rate),
2. is charged to a token bucket of audio seconds (:class:`AudioBudget`): about real time with some
   slack and a burst allowance. Audio beyond it is dropped, with a ``audio_too_fast`` error at most
   every few seconds; a client that keeps it up (more than ``limits.audio_flood_s`` seconds refused,
   forgiven at one second per second) gets :class:`AudioFlood`, and the transport closes it (1008),
3. is converted to 16 kHz and scanned by the VAD on the shared :class:`AudioPool` threads, never on
   the event loop. Each call handles one capped frame, so it is short, and a session has at most one
   call in flight: another session's frame waits behind at most one short call per pool thread.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from assistant.asr.base import ASR_RATE
from assistant.audio.pcm import check_pcm16, pcm16_to_float32
from assistant.audio.resample import StreamResampler
from assistant.audio.vad import VadEvent, VadStream
from assistant.cputime import stage_thread
from assistant.errors import ProtocolError

Float32Audio = npt.NDArray[np.float32]
TOO_FAST_EVERY_S = 2.0  # at most one ``audio_too_fast`` error this often


@dataclass(frozen=True, slots=True, kw_only=True)
class IntakeLimits:
    """From ``settings.limits``: see the module docstring and README's Configuration section."""

    max_frame_s: float = 1.0
    rate: float = 1.5
    burst_s: float = 10.0
    flood_s: float = 10.0


class AudioTooFast(ProtocolError):
    """Audio arrived faster than real time: this frame was dropped (the session goes on)."""


class AudioFlood(ProtocolError):
    """A client kept sending audio far faster than real time: close the connection (policy)."""


class AudioBudget:
    """A token bucket of audio seconds: ``rate`` seconds of audio per wall-clock second, ``burst_s`` at once.

    :meth:`take` raises :class:`AudioTooFast` (now and then; otherwise it returns False) when a frame
    does not fit, and :class:`AudioFlood` once more than ``flood_s`` seconds have been refused; refused
    seconds are forgiven at one per second.
    """

    def __init__(self, *, rate: float, burst_s: float, flood_s: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.rate, self.burst_s, self.flood_s, self._clock = rate, burst_s, flood_s, clock
        self._tokens = burst_s
        self._refused = 0.0
        self._last = clock()
        self._warned = self._last - TOO_FAST_EVERY_S

    def take(self, seconds: float) -> bool:
        """Charge ``seconds`` of audio: True if accepted; False, AudioTooFast or AudioFlood if not."""
        now = self._clock()
        elapsed, self._last = max(0.0, now - self._last), now
        self._tokens = min(self.burst_s, self._tokens + elapsed * self.rate)
        self._refused = max(0.0, self._refused - elapsed)
        if seconds <= self._tokens:
            self._tokens -= seconds
            return True
        self._refused += seconds
        if self._refused > self.flood_s:
            raise AudioFlood(f"audio keeps arriving faster than real time ({self._refused:.0f} s refused)",
                             code="audio_flood")
        if now - self._warned >= TOO_FAST_EVERY_S:
            self._warned = now
            raise AudioTooFast("audio arrives faster than real time; some of it was dropped",
                               code="audio_too_fast")
        return False


class AudioPool:
    """The worker threads that convert and scan incoming audio, shared by every session."""

    def __init__(self, workers: int = 2) -> None:
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=workers, thread_name_prefix="audio-in", initializer=stage_thread, initargs=("vad",))

    async def run(self, fn: Callable[[], Fed]) -> Fed:
        return await asyncio.get_running_loop().run_in_executor(self._executor, fn)

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class Fed:
    """What one frame produced: its length at 16 kHz and the VAD's events."""

    ms: float
    events: list[VadEvent]


class AudioIntake:
    """One session's incoming audio (see the module docstring). Not for concurrent use."""

    def __init__(self, vad: VadStream, *, pool: AudioPool, input_rate: int, limits: IntakeLimits) -> None:
        self._vad = vad
        self._pool = pool
        self._rate = input_rate
        self._resampler = StreamResampler(input_rate, ASR_RATE) if input_rate != ASR_RATE else None
        self._max_bytes = 2 * int(limits.max_frame_s * input_rate)
        self._max_16k = int(limits.max_frame_s * ASR_RATE)
        self._budget = AudioBudget(rate=limits.rate, burst_s=limits.burst_s, flood_s=limits.flood_s)
        self.lock = asyncio.Lock()  # held by the session over a scan and the handling of its events
        self._settling: set[asyncio.Task[None]] = set()

    def settle(self, handle: Callable[[Fed], Awaitable[None]]) -> None:
        """Hand ``handle`` the VAD's events owed without new audio (:meth:`VadStream.due`), under
        :attr:`lock`, from a task of its own (the caller may be the turn those events commit)."""
        async def run() -> None:
            async with self.lock:
                await handle(await self._pool.run(lambda: Fed(ms=0.0, events=self._vad.due())))

        task = asyncio.create_task(run())
        self._settling.add(task)
        task.add_done_callback(self._settling.discard)

    async def pcm16(self, data: bytes) -> Fed:
        """PCM16 at the session's rate. ProtocolError: odd length or over the frame cap (the frame is
        dropped); AudioTooFast / AudioFlood: see the module docstring."""
        check_pcm16(data, max_bytes=self._max_bytes)
        if not self._budget.take(len(data) / 2 / self._rate):
            return Fed(ms=0.0, events=[])
        return await self._pool.run(lambda: self._scan(self._to_16k(data)))

    async def float32(self, audio: Float32Audio) -> Fed:
        """float32 audio already at 16 kHz (the telephone transports convert it themselves)."""
        if audio.size > self._max_16k:
            raise ProtocolError(f"audio frame of {audio.size} samples exceeds the limit of {self._max_16k}",
                                code="bad_audio")
        if not self._budget.take(audio.size / ASR_RATE):
            return Fed(ms=0.0, events=[])
        return await self._pool.run(lambda: self._scan(audio))

    def _to_16k(self, data: bytes) -> Float32Audio:
        audio = pcm16_to_float32(data)
        return self._resampler.process(audio) if self._resampler is not None else audio

    def _scan(self, audio: Float32Audio) -> Fed:
        return Fed(ms=1000.0 * audio.size / ASR_RATE, events=list(self._vad.feed(audio)))
