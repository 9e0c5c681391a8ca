"""Asterisk AudioSocket calls (``AudioSocket(uuid,host:port)`` in the dialplan) over plain TCP.

Off unless ``phone.audiosocket_enabled``. AudioSocket has no authentication: the listener binds to
``phone.audiosocket_host`` (loopback by default) and, unless the server runs ``--open``, accepts
only loopback peers and those in ``phone.audiosocket_allowed_peers``. Each connection is one call:
the first frame names it (UUID), then 20 ms PCM16 frames flow both ways (ours paced at real time),
DTMF frames act like on Twilio, and a hangup frame (either way) ends it.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import logging

from assistant.audio.pcm import float32_to_pcm16, pcm16_to_float32
from assistant.config import Settings
from assistant.errors import ConfigError, ProtocolError
from assistant.protocol.audiosocket import (
    Audio,
    AudioSocketParser,
    CallId,
    Digit,
    ErrorFrame,
    HangupFrame,
    encode_audio,
    encode_hangup,
    split_pcm,
)
from assistant.server.call import Float32Audio, PhoneCall
from assistant.server.call_policy import admit_call
from assistant.server.state import AppState

log = logging.getLogger(__name__)

FIRST_FRAME_TIMEOUT_S = 5.0
READ_BYTES = 4096


class AudioSocketLink:
    """Reply audio to Asterisk. Asterisk plays frames as they arrive, so the lead stays small and
    nothing needs clearing at its end on barge-in; marks are timed here."""

    echoes_marks = False

    def __init__(self, writer: asyncio.StreamWriter, *, lead_s: float = 0.06) -> None:
        self.writer = writer
        self.lead_s = lead_s
        self._closed = False

    def encode(self, audio: Float32Audio) -> list[bytes]:
        return split_pcm(float32_to_pcm16(audio))

    async def send_audio(self, frame: bytes) -> None:
        if self._closed:
            raise RuntimeError("the AudioSocket connection is closed")
        self.writer.write(encode_audio(frame))
        await asyncio.wait_for(self.writer.drain(), timeout=10.0)

    async def send_mark(self, name: str) -> None:
        return None

    async def clear(self) -> None:
        return None

    async def hangup(self, reason: str, *, going_away: bool = False) -> None:
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(Exception):
            self.writer.write(encode_hangup())
            await asyncio.wait_for(self.writer.drain(), timeout=2.0)
        self.writer.close()


def peer_allowed(settings: Settings, peer: str) -> bool:
    if settings.server.open:
        return True
    with contextlib.suppress(ValueError):
        if ipaddress.ip_address(peer).is_loopback:
            return True
    return peer in settings.phone.audiosocket_allowed_peers


async def start_audiosocket(state: AppState) -> asyncio.Server | None:
    """Start the AudioSocket listener if enabled (call from the app's lifespan); None if off.
    Raises ConfigError if the address cannot be bound."""
    phone = state.settings.phone
    if not phone.audiosocket_enabled:
        return None

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await serve_connection(state, reader, writer)
        except Exception:
            log.exception("AudioSocket connection failed")
        finally:
            writer.close()

    try:
        server = await asyncio.start_server(handle, phone.audiosocket_host, phone.audiosocket_port)
    except OSError as exc:
        raise ConfigError(f"cannot listen for AudioSocket calls on {phone.audiosocket_host}:"
                          f"{phone.audiosocket_port}: {exc.strerror or exc}") from exc
    where = ", ".join(str(s.getsockname()) for s in server.sockets)
    log.info("AudioSocket listening on %s", where)
    return server


async def serve_connection(state: AppState, reader: asyncio.StreamReader,
                           writer: asyncio.StreamWriter) -> None:
    peername = writer.get_extra_info("peername")
    peer = str(peername[0]) if isinstance(peername, tuple) else ""
    if not peer_allowed(state.settings, peer):
        log.warning("refused an AudioSocket connection from %s (not in phone.audiosocket_allowed_peers)",
                    peer)
        return
    parser = AudioSocketParser()
    call_id = await _first_frame(reader, parser)
    if call_id is None:
        return
    admission = admit_call(state, device_id=f"audiosocket:{call_id.uuid}", user_id="phone:audiosocket")
    if isinstance(admission, str):
        log.warning("refused AudioSocket call %s: %s", call_id.uuid, admission)
        writer.write(encode_hangup())
        with contextlib.suppress(Exception):
            await asyncio.wait_for(writer.drain(), timeout=2.0)
        return
    call = PhoneCall(state, AudioSocketLink(writer), admission, caller="", call_id=call_id.uuid, profile=None)
    try:
        await call.start()
        await _receive(reader, parser, call, state.settings.limits.idle_timeout_s)
    finally:
        await call.close()


async def _first_frame(reader: asyncio.StreamReader, parser: AudioSocketParser) -> CallId | None:
    """The UUID frame that starts every AudioSocket connection (within a few seconds)."""
    try:
        async with asyncio.timeout(FIRST_FRAME_TIMEOUT_S):
            while True:
                data = await reader.read(READ_BYTES)
                if not data:
                    return None
                for message in parser.feed(data):
                    if isinstance(message, CallId):
                        return message
                    log.warning("AudioSocket: expected the UUID frame first, got %s", type(message).__name__)
                    return None
    except (TimeoutError, ProtocolError, ValueError, OSError) as exc:
        log.warning("AudioSocket: no valid UUID frame: %s", exc)
        return None


async def _receive(reader: asyncio.StreamReader, parser: AudioSocketParser, call: PhoneCall,
                   idle_s: float) -> None:
    while not call.ended.is_set():
        try:
            data = await asyncio.wait_for(reader.read(READ_BYTES), timeout=idle_s)
        except TimeoutError:
            await call.end("no audio from Asterisk")
            return
        except OSError:
            return
        if not data:
            return
        try:
            messages = parser.feed(data)
        except ProtocolError as fault:  # the byte stream is out of step now: end the call
            log.warning("AudioSocket call %s: %s: %s", call.call_id, fault.code, fault.message)
            await call.end(fault.code)
            return
        for message in messages:
            if isinstance(message, Audio):
                if message.pcm:
                    await call.feed(pcm16_to_float32(message.pcm))
            elif isinstance(message, Digit):
                await call.dtmf(message.digit)
            elif isinstance(message, HangupFrame | ErrorFrame):
                log.info("AudioSocket call %s: %s", call.call_id, message)
                call.ended.set()
                return
