"""A simulated Asterisk AudioSocket call over real TCP: UUID frame, 20 ms PCM16 frames in real time."""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from dataclasses import dataclass, field

import numpy as np

from assistant.audio.pcm import float32_to_pcm16, pcm16_to_float32
from assistant.errors import ProtocolError
from assistant.protocol.audiosocket import (
    FRAME_BYTES,
    RATE,
    Audio,
    AudioSocketParser,
    ErrorFrame,
    HangupFrame,
    encode_audio,
    encode_dtmf,
    encode_hangup,
    encode_uuid,
    split_pcm,
)

FRAME_S = FRAME_BYTES / 2 / RATE


@dataclass(slots=True)
class SocketLog:
    audio: list[tuple[float, bytes]] = field(default_factory=list)  # (arrival, PCM16)
    hangup_at: float | None = None
    errors: list[int] = field(default_factory=list)

    def audio_between(self, start: float = 0.0, end: float = float("inf")) -> np.ndarray:
        data = b"".join(p for at, p in self.audio if start <= at < end)
        return pcm16_to_float32(data) if data else np.zeros(0, dtype=np.float32)


class AudioSocketCall:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, call_id: str) -> None:
        self.reader = reader
        self.writer = writer
        self.call_id = call_id
        self.log = SocketLog()
        self.closed = asyncio.Event()
        self._reader_task = asyncio.create_task(self._read())

    @classmethod
    async def connect(cls, host: str, port: int, *, call_id: str = "") -> AudioSocketCall:
        reader, writer = await asyncio.open_connection(host, port)
        call_id = call_id or str(uuid.uuid4())
        writer.write(encode_uuid(call_id))
        await writer.drain()
        return cls(reader, writer, call_id)

    async def send_audio(self, audio: np.ndarray) -> tuple[float, float]:
        """Stream float32 8 kHz audio as 20 ms frames in real time; returns (start, end) times."""
        frames = split_pcm(float32_to_pcm16(audio))
        start = time.monotonic()
        for i, frame in enumerate(frames):
            delay = start + i * FRAME_S - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            if self.closed.is_set():
                break
            self.writer.write(encode_audio(frame))
            await self.writer.drain()
        return start, start + len(frames) * FRAME_S

    async def send_silence(self, seconds: float) -> None:
        await self.send_audio(np.zeros(int(seconds * RATE), dtype=np.float32))

    async def dtmf(self, digit: str) -> None:
        self.writer.write(encode_dtmf(digit))
        await self.writer.drain()

    async def hangup(self) -> None:
        with contextlib.suppress(OSError):
            self.writer.write(encode_hangup())
            await self.writer.drain()
        await self.close()

    async def close(self) -> None:
        self.writer.close()
        with contextlib.suppress(OSError):
            await self.writer.wait_closed()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader_task

    async def listen(self, *, quiet_s: float = 1.0, max_s: float = 60.0, after: float = 0.0) -> None:
        """Send silence until audio came after ``after`` and then nothing more for ``quiet_s``."""
        end = time.monotonic() + max_s
        while time.monotonic() < end and not self.closed.is_set():
            last = self.log.audio[-1][0] if self.log.audio else 0.0
            if self.log.audio and last >= after and time.monotonic() - last >= quiet_s:
                return
            await self.send_silence(0.1)
        if not self.closed.is_set():
            raise TimeoutError("no complete reply in time")

    async def _read(self) -> None:
        parser = AudioSocketParser()
        try:
            while data := await self.reader.read(4096):
                now = time.monotonic()
                for message in parser.feed(data):
                    if isinstance(message, Audio):
                        self.log.audio.append((now, message.pcm))
                    elif isinstance(message, HangupFrame):
                        self.log.hangup_at = now
                    elif isinstance(message, ErrorFrame):
                        self.log.errors.append(message.code)
        except (OSError, ValueError, ProtocolError):
            pass
        finally:
            self.closed.set()
