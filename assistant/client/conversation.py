"""A websocket client for the assistant protocol that records what happened and when.

Used by people (``python -m clients.cli``), by the tests and by the benchmark. All times are
measured on the client's side of the socket, with ``time.monotonic()``.
"""

from __future__ import annotations

import asyncio
import json
import time
import wave
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np
import websockets
from websockets.asyncio.client import ClientConnection


@dataclass(slots=True)
class Event:
    at: float  # monotonic
    message: dict[str, Any]


@dataclass(slots=True)
class Reply:
    """Everything the server sent for one answer."""

    text: str = ""
    audio: bytearray = field(default_factory=bytearray)
    first_audio_at: float | None = None
    last_audio_at: float | None = None
    chunk_times: list[tuple[float, int]] = field(default_factory=list)  # (arrival, bytes)
    interrupted: bool = False
    ended: bool = False
    metrics: dict[str, Any] = field(default_factory=dict)


class Conversation:
    """One websocket session. Collects events; replies are split at ``metrics`` / ``interrupted``.

    ``metrics`` comes when a reply has been generated, often long before it has been played. An
    ``interrupted`` with nothing of a new turn since (no transcript, text or audio) cuts that reply,
    still playing at the listener, not the empty one opened for the next turn.
    """

    def __init__(self, ws: ClientConnection, *, rate: int, out_rate: int, session: str) -> None:
        self.ws = ws
        self.rate = rate
        self.out_rate = out_rate
        self.session = session
        self.events: list[Event] = []
        self.transcripts: list[str] = []
        self.replies: list[Reply] = [Reply()]
        self._new_turn_begun = False  # a transcript, text or audio since the last reply was closed
        self.errors: list[dict[str, Any]] = []
        self.closed = asyncio.Event()
        self.changed = asyncio.Event()
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def open(cls, url: str, *, rate: int = 16000, language: str = "auto",
                   token: str = "", max_size: int | None = 2**24) -> Conversation:
        url, token = _token_out_of_url(url, token)
        headers = {"Authorization": f"Bearer {token}"} if token else None
        ws = await websockets.connect(url, max_size=max_size, additional_headers=headers,
                                      open_timeout=30)
        await ws.send(json.dumps({"type": "hello", "language": language,
                                  "audio": {"format": "pcm16", "rate": rate, "channels": 1}}))
        ready = json.loads(await asyncio.wait_for(ws.recv(), 30))
        if ready.get("type") != "ready":
            await ws.close()
            raise RuntimeError(f"expected ready, got {ready}")
        return cls(ws, rate=rate, out_rate=int(ready["audio"]["rate"]), session=str(ready["session"]))

    @property
    def reply(self) -> Reply:
        return self.replies[-1]

    async def _read(self) -> None:
        try:
            async for frame in self.ws:
                now = time.monotonic()
                if isinstance(frame, bytes):
                    reply = self.replies[-1]
                    self._new_turn_begun = True
                    if reply.first_audio_at is None:
                        reply.first_audio_at = now
                    reply.last_audio_at = now
                    reply.audio.extend(frame)
                    reply.chunk_times.append((now, len(frame)))
                else:
                    self._on_text(now, json.loads(frame))
                self.changed.set()
        except websockets.ConnectionClosed:
            pass
        finally:
            self.closed.set()
            self.changed.set()

    def _on_text(self, now: float, msg: dict[str, Any]) -> None:
        self.events.append(Event(now, msg))
        kind = msg.get("type")
        reply = self.replies[-1]
        if kind in ("transcript", "reply"):
            self._new_turn_begun = True
        if kind == "transcript" and msg.get("final"):
            self.transcripts.append(str(msg.get("text", "")))
        elif kind == "reply":
            reply.text += str(msg.get("text", ""))
        elif kind == "audio_end":
            reply.ended = True
        elif kind == "interrupted":
            if not self._new_turn_begun and len(self.replies) > 1:
                self.replies[-2].interrupted = True  # generated in full, cut while it played
            else:
                reply.interrupted = True
                self.replies.append(Reply())
            self._new_turn_begun = False
        elif kind == "metrics":
            reply.metrics = dict(msg.get("turn", {}))
            self.replies.append(Reply())
            self._new_turn_begun = False
        elif kind == "error":
            self.errors.append(msg)

    async def wait_for(self, kind: str, *, count: int = 1, timeout: float = 60.0) -> Event:  # noqa: ASYNC109
        """Wait until ``count`` events of ``kind`` have arrived; return the last one."""
        async def _wait() -> Event:
            while True:
                found = [e for e in self.events if e.message.get("type") == kind]
                if len(found) >= count:
                    return found[count - 1]
                if self.closed.is_set():
                    raise ConnectionError(f"connection closed before {kind!r}")
                self.changed.clear()
                await self.changed.wait()
        return await asyncio.wait_for(_wait(), timeout)

    def count(self, kind: str) -> int:
        return sum(1 for e in self.events if e.message.get("type") == kind)

    async def send_json(self, obj: dict[str, Any]) -> None:
        await self.ws.send(json.dumps(obj, ensure_ascii=False))

    async def stream_audio(self, pcm: bytes, *, realtime: bool = True, chunk_ms: int = 20) -> float:
        """Send PCM16 at ``self.rate`` in chunks, paced in real time. Returns the monotonic end time."""
        step = self.rate * 2 * chunk_ms // 1000
        start = time.monotonic()
        for i, offset in enumerate(range(0, len(pcm), step)):
            await self.ws.send(pcm[offset:offset + step])
            if realtime:
                delay = start + (i + 1) * chunk_ms / 1000.0 - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
        return time.monotonic()

    async def close(self) -> None:
        try:
            await self.ws.send(json.dumps({"type": "bye"}))
        except websockets.ConnectionClosed:
            pass
        await self.ws.close()
        self._reader.cancel()
        try:
            await self._reader
        except asyncio.CancelledError:
            pass


def read_wav(path: Path) -> tuple[bytes, int]:
    """Mono PCM16 frames and the rate of a WAV file (stereo is mixed down)."""
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != 2:
            raise ValueError(f"{path}: only 16-bit WAV files are supported")
        rate, channels = wav.getframerate(), wav.getnchannels()
        frames = wav.readframes(wav.getnframes())
    if channels > 1:
        samples = np.frombuffer(frames, dtype="<i2").reshape(-1, channels).mean(axis=1)
        frames = samples.astype("<i2").tobytes()
    return frames, rate


def write_wav(path: Path, pcm: bytes, rate: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(pcm)


def silence(seconds: float, rate: int) -> bytes:
    return b"\x00\x00" * int(seconds * rate)


def _token_out_of_url(url: str, token: str) -> tuple[str, str]:
    """A ``?token=`` in ``url`` (old habit) is sent in the Authorization header instead: URLs get logged."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    found = [value for key, value in query if key == "token"]
    if not found:
        return url, token
    rest = urlencode([(key, value) for key, value in query if key != "token"])
    return urlunsplit(parts._replace(query=rest)), token or found[0]
