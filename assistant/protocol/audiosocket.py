"""Asterisk AudioSocket (docs/protocol.md, section 3), sans I/O.

Each frame is a 3-byte header (1-byte type, 2-byte big-endian payload length) and the payload:
``0x00`` hangup (no payload), ``0x01`` the call's UUID (16 bytes), ``0x03`` one DTMF digit (ASCII),
``0x10`` signed 16-bit little-endian PCM at 8 kHz mono (320 bytes per 20 ms), ``0xff`` an error
(a 1-byte code). ``AudioSocketParser.feed(data)`` takes bytes as they come off the TCP stream and
returns the whole frames in them; ``encode_*`` build frames.
"""

from __future__ import annotations

import struct
import uuid
from dataclasses import dataclass

from assistant.errors import ProtocolError

RATE = 8000
FRAME_BYTES = 320  # 20 ms of PCM16 at 8 kHz
HEADER = struct.Struct(">BH")

KIND_HANGUP = 0x00
KIND_UUID = 0x01
KIND_DTMF = 0x03
KIND_AUDIO = 0x10
KIND_ERROR = 0xFF

MAX_AUDIO_BYTES = 8000  # a quarter second; Asterisk sends 320


@dataclass(frozen=True, slots=True, kw_only=True)
class CallId:
    uuid: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Audio:
    pcm: bytes  # PCM16 little-endian, 8 kHz


@dataclass(frozen=True, slots=True, kw_only=True)
class Digit:
    digit: str


@dataclass(frozen=True, slots=True, kw_only=True)
class HangupFrame:
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class ErrorFrame:
    code: int


AudioSocketMessage = CallId | Audio | Digit | HangupFrame | ErrorFrame


class AudioSocketParser:
    """Reassembles frames from a TCP byte stream. A bad frame raises ProtocolError (the stream is
    then out of sync, so the connection should be closed)."""

    def __init__(self) -> None:
        self._buf = bytearray()

    def feed(self, data: bytes) -> list[AudioSocketMessage]:
        self._buf += data
        out: list[AudioSocketMessage] = []
        while len(self._buf) >= HEADER.size:
            kind, length = HEADER.unpack_from(self._buf)
            if len(self._buf) < HEADER.size + length:
                break
            payload = bytes(self._buf[HEADER.size:HEADER.size + length])
            del self._buf[:HEADER.size + length]
            out.append(_decode(kind, payload))
        return out


def _decode(kind: int, payload: bytes) -> AudioSocketMessage:
    if kind == KIND_AUDIO:
        if len(payload) % 2 or len(payload) > MAX_AUDIO_BYTES:
            raise ProtocolError(f"an audio frame of {len(payload)} bytes is not whole PCM16 "
                                f"samples of at most {MAX_AUDIO_BYTES} bytes", code="bad_audio")
        return Audio(pcm=payload)
    if kind == KIND_UUID:
        if len(payload) != 16:
            raise ProtocolError(f"the UUID frame must carry 16 bytes, not {len(payload)}", code="bad_uuid")
        return CallId(uuid=str(uuid.UUID(bytes=payload)))
    if kind == KIND_DTMF:
        digit = payload[:1].decode("ascii", errors="replace")
        if len(payload) != 1 or digit not in "0123456789*#ABCD":
            raise ProtocolError("a DTMF frame must carry one digit 0-9 * # A-D", code="bad_dtmf")
        return Digit(digit=digit)
    if kind == KIND_HANGUP:
        return HangupFrame()
    if kind == KIND_ERROR:
        return ErrorFrame(code=payload[0] if payload else 0)
    raise ProtocolError(f"unknown AudioSocket frame type 0x{kind:02x}", code="unknown_type")


def encode_frame(kind: int, payload: bytes = b"") -> bytes:
    if len(payload) > 0xFFFF:
        raise ValueError(f"an AudioSocket payload is at most 65535 bytes, got {len(payload)}")
    return HEADER.pack(kind, len(payload)) + payload


def encode_audio(pcm: bytes) -> bytes:
    return encode_frame(KIND_AUDIO, pcm)


def encode_uuid(call_id: str) -> bytes:
    return encode_frame(KIND_UUID, uuid.UUID(call_id).bytes)


def encode_dtmf(digit: str) -> bytes:
    return encode_frame(KIND_DTMF, digit.encode("ascii"))


def encode_hangup() -> bytes:
    return encode_frame(KIND_HANGUP)


def encode_error(code: int = 0) -> bytes:
    return encode_frame(KIND_ERROR, bytes([code & 0xFF]))


def split_pcm(pcm: bytes, *, frame_bytes: int = FRAME_BYTES) -> list[bytes]:
    """Cut PCM16 audio into 20 ms payloads, padding the last with silence."""
    if not pcm:
        return []
    data = pcm + b"\x00" * (-len(pcm) % frame_bytes)
    return [data[i:i + frame_bytes] for i in range(0, len(data), frame_bytes)]
