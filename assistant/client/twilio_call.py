"""A simulated Twilio call: does what Twilio does, over the server's real webhook and websocket.

It asks the TwiML webhook what to do (signed like Twilio signs, if given the auth token), connects to
the ``<Stream>`` URL with its ``<Parameter>`` values, sends ``connected`` and ``start``, streams the
caller's audio as 20 ms mu-law media frames in real time, and plays what comes back the way Twilio
does: media is buffered and "played" in real time, a ``mark`` is echoed once the audio queued before
it has played, and ``clear`` drops the buffered audio (echoing the pending marks at once).
Everything is timestamped (``time.monotonic()``) for latency measurements.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field

import httpx
import numpy as np
import websockets
from websockets.asyncio.client import ClientConnection

from assistant.audio.mulaw import ulaw_decode, ulaw_encode
from assistant.errors import ProtocolError
from assistant.protocol.twilio import (
    FRAME_BYTES,
    RATE,
    OutClear,
    OutMark,
    OutMedia,
    compute_signature,
    encode_connected_event,
    encode_dtmf_event,
    encode_mark_event,
    encode_media_event,
    encode_start_event,
    encode_stop_event,
    parse_server_frame,
    split_frames,
)

FRAME_S = FRAME_BYTES / RATE


@dataclass(frozen=True, slots=True)
class Dial:
    """What the TwiML webhook said: where to stream, with which parameters."""

    stream_url: str
    parameters: dict[str, str]
    call_sid: str


async def fetch_twiml(voice_url: str, *, caller: str, auth_token: str = "", call_sid: str = "",
                      to: str = "+14155550100", signature: str | None = None) -> tuple[int, str]:
    """POST the call to the webhook like Twilio; returns (status, body). ``signature`` overrides."""
    params = {"AccountSid": "AC" + "0" * 32, "CallSid": call_sid, "From": caller, "To": to,
              "CallStatus": "ringing", "Direction": "inbound", "ApiVersion": "2010-04-01"}
    headers = {}
    if signature is not None:
        headers["X-Twilio-Signature"] = signature
    elif auth_token:
        headers["X-Twilio-Signature"] = compute_signature(auth_token, voice_url, params.items())
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.post(voice_url, data=params, headers=headers)
    return response.status_code, response.text


def parse_twiml(body: str, call_sid: str) -> Dial:
    root = ET.fromstring(body)
    stream = root.find("./Connect/Stream")
    if stream is None:
        raise RuntimeError(f"the TwiML does not connect a stream: {body[:200]}")
    params = {p.get("name", ""): p.get("value", "") for p in stream.findall("Parameter")}
    return Dial(stream_url=stream.get("url", ""), parameters=params, call_sid=call_sid)


@dataclass(slots=True)
class CallLog:
    """What the caller's side saw, with monotonic timestamps."""

    media: list[tuple[float, bytes]] = field(default_factory=list)  # (arrival, mu-law payload)
    marks: list[tuple[float, str]] = field(default_factory=list)  # marks received
    echoed: list[tuple[float, str]] = field(default_factory=list)  # marks echoed back
    clears: list[float] = field(default_factory=list)
    bad_frames: list[str] = field(default_factory=list)

    def audio_between(self, start: float = 0.0, end: float = float("inf")) -> np.ndarray:
        """Received audio (float32, 8 kHz) of the frames that arrived in [start, end)."""
        data = b"".join(p for at, p in self.media if start <= at < end)
        return ulaw_decode(data) if data else np.zeros(0, dtype=np.float32)

    def first_media_after(self, t: float) -> float | None:
        return next((at for at, _ in self.media if at >= t), None)


class TwilioCall:
    """One simulated call. Use :meth:`dial` (through the webhook) or :meth:`connect` (stream only)."""

    def __init__(self, ws: ClientConnection, *, stream_sid: str, call_sid: str) -> None:
        self.ws = ws
        self.stream_sid = stream_sid
        self.call_sid = call_sid
        self.log = CallLog()
        self.closed = asyncio.Event()
        self.changed = asyncio.Event()
        self._play_until = 0.0  # when the buffered reply audio will have played
        self._echoes: dict[str, asyncio.Task[None]] = {}
        self._chunk = 0
        self._reader = asyncio.create_task(self._read())

    @classmethod
    async def dial(cls, server: str, *, caller: str = "+8613800000000", auth_token: str = "") -> TwilioCall:
        """Call in like Twilio: webhook first (``server`` is http://host:port), then the stream."""
        call_sid = "CA" + uuid.uuid4().hex
        status, body = await fetch_twiml(f"{server}/phone/twilio/voice", caller=caller,
                                         auth_token=auth_token, call_sid=call_sid)
        if status != 200:
            raise RuntimeError(f"the webhook answered {status}: {body[:200]}")
        dial = parse_twiml(body, call_sid)
        return await cls.connect(dial.stream_url, call_sid=call_sid, parameters=dial.parameters)

    @classmethod
    async def connect(cls, url: str, *, call_sid: str = "", parameters: dict[str, str] | None = None,
                      send_start: bool = True) -> TwilioCall:
        ws = await websockets.connect(url, open_timeout=30, max_size=2**20)
        call = cls(ws, stream_sid="MZ" + uuid.uuid4().hex, call_sid=call_sid or "CA" + uuid.uuid4().hex)
        await ws.send(encode_connected_event())
        if send_start:
            await ws.send(encode_start_event(stream_sid=call.stream_sid, call_sid=call.call_sid,
                                             parameters=parameters or {}))
        return call

    # ---- caller -> server ----------------------------------------------------------------------
    async def send_audio(self, audio: np.ndarray) -> tuple[float, float]:
        """Stream float32 8 kHz audio as 20 ms media frames in real time; returns (start, end) times."""
        frames = split_frames(ulaw_encode(audio))
        start = time.monotonic()
        for i, frame in enumerate(frames):
            delay = start + i * FRAME_S - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            if self.closed.is_set():
                break
            await self.ws.send(encode_media_event(stream_sid=self.stream_sid, payload=frame,
                                                  chunk=self._chunk, timestamp_ms=self._chunk * 20))
            self._chunk += 1
        return start, start + len(frames) * FRAME_S

    async def send_silence(self, seconds: float) -> None:
        await self.send_audio(np.zeros(int(seconds * RATE), dtype=np.float32))

    async def send_raw(self, frame: str) -> None:
        await self.ws.send(frame)

    async def dtmf(self, digit: str) -> None:
        await self.ws.send(encode_dtmf_event(stream_sid=self.stream_sid, digit=digit))

    async def stop(self) -> None:
        """Hang up like Twilio: a stop frame, then the socket closes."""
        with contextlib.suppress(websockets.ConnectionClosed):
            await self.ws.send(encode_stop_event(stream_sid=self.stream_sid, call_sid=self.call_sid))
        await self.close()

    async def close(self) -> None:
        for task in self._echoes.values():
            task.cancel()
        await self.ws.close()
        with contextlib.suppress(asyncio.CancelledError):
            await self._reader

    # ---- server -> caller ----------------------------------------------------------------------
    @property
    def playing(self) -> bool:
        return self._play_until > time.monotonic()

    @property
    def close_code(self) -> int | None:
        return self.ws.close_code

    @property
    def close_reason(self) -> str:
        return self.ws.close_reason or ""

    async def _read(self) -> None:
        try:
            async for frame in self.ws:
                now = time.monotonic()
                try:
                    event = parse_server_frame(frame)
                except ProtocolError as fault:
                    self.log.bad_frames.append(f"{fault.code}: {str(frame)[:80]}")
                    continue
                if isinstance(event, OutMedia):
                    self.log.media.append((now, event.payload))
                    self._play_until = max(self._play_until, now) + len(event.payload) / RATE
                elif isinstance(event, OutMark):
                    self.log.marks.append((now, event.name))
                    self._echoes[event.name] = asyncio.create_task(self._echo(event.name,
                                                                              self._play_until - now))
                elif isinstance(event, OutClear):
                    self.log.clears.append(now)
                    self._play_until = now
                    for name, task in list(self._echoes.items()):
                        task.cancel()
                        await self._send_mark(name)
                self.changed.set()
        except websockets.ConnectionClosed:
            pass
        finally:
            self.closed.set()
            self.changed.set()

    async def _echo(self, name: str, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        await self._send_mark(name)

    async def _send_mark(self, name: str) -> None:
        self._echoes.pop(name, None)
        self.log.echoed.append((time.monotonic(), name))
        with contextlib.suppress(websockets.ConnectionClosed):
            await self.ws.send(encode_mark_event(stream_sid=self.stream_sid, name=name))

    async def wait_until(self, predicate: Callable[[], bool], max_s: float) -> None:
        """Wait until ``predicate()`` is true (re-checked on every event and every 50 ms)."""
        async with asyncio.timeout(max_s):
            while not predicate():
                self.changed.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.changed.wait(), 0.05)

    async def listen(self, *, quiet_s: float = 1.0, max_s: float = 60.0, after: float = 0.0) -> None:
        """Keep the line open (sending silence like a real phone) until some audio arrived after
        ``after``, has finished playing, and nothing more came for ``quiet_s``."""
        loop_end = time.monotonic() + max_s
        while time.monotonic() < loop_end and not self.closed.is_set():
            last = self.log.media[-1][0] if self.log.media else 0.0
            now = time.monotonic()
            if last >= after and self.log.media and not self.playing and now - last >= quiet_s:
                return
            await self.send_silence(0.1)
        if not self.closed.is_set() and time.monotonic() >= loop_end:
            raise TimeoutError("no complete reply in time")
