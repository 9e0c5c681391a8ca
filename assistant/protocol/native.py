"""The assistant's own websocket protocol (PROTOCOLS.md section 1), sans I/O.

``parse_client_text`` turns a text frame into a typed message or raises ``ProtocolFault``;
``encode_event`` turns a server event into a text or binary frame.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from typing import Any

import numpy as np

from assistant.protocol.messages import (
    LANGUAGES,
    MAX_RATE,
    MIN_RATE,
    AudioEnd,
    AudioOut,
    Bye,
    ClientMessage,
    ErrorOut,
    Hangup,
    Hello,
    ImageIn,
    Interrupted,
    InterruptIn,
    Metrics,
    Ready,
    ReplyDelta,
    ServerEvent,
    SpeechStarted,
    SpeechStopped,
    TextIn,
    TranscriptOut,
)

MAX_TEXT_CHARS = 2000
IMAGE_MIMES = ("image/jpeg", "image/png", "image/webp")


class ProtocolFault(Exception):
    """A client frame that breaks the protocol. ``code`` goes on the wire."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def parse_client_text(frame: str) -> ClientMessage:
    try:
        obj = json.loads(frame)
    except (json.JSONDecodeError, RecursionError):
        raise ProtocolFault("invalid_json", "text frames must be one JSON object") from None
    if not isinstance(obj, dict):
        raise ProtocolFault("invalid_json", "text frames must be one JSON object, not a list or a value")
    kind = obj.get("type")
    if not isinstance(kind, str):
        raise ProtocolFault("missing_type", "every message needs a string field 'type'")
    parser = _PARSERS.get(kind)
    if parser is None:
        raise ProtocolFault("unknown_type", f"unknown message type {kind[:40]!r}; "
                            f"expected one of {', '.join(sorted(_PARSERS))}")
    return parser(obj)


def _parse_hello(obj: dict[str, Any]) -> Hello:
    audio = obj.get("audio", {})
    if not isinstance(audio, dict):
        raise ProtocolFault("bad_hello", "'audio' must be an object like {format:'pcm16', rate:16000, channels:1}")
    fmt = audio.get("format", "pcm16")
    rate = audio.get("rate", 16000)
    channels = audio.get("channels", 1)
    if fmt != "pcm16":
        raise ProtocolFault("bad_audio_format", f"audio format {str(fmt)[:20]!r} is not supported; use 'pcm16'")
    if isinstance(rate, bool) or not isinstance(rate, int) or not MIN_RATE <= rate <= MAX_RATE:
        raise ProtocolFault("bad_sample_rate",
                            f"sample rate {str(rate)[:20]} is not supported; use {MIN_RATE}..{MAX_RATE} Hz")
    if channels != 1:
        raise ProtocolFault("bad_channels", "only mono audio (channels: 1) is supported")
    language = obj.get("language", "auto")
    if language not in LANGUAGES:
        raise ProtocolFault("bad_language", f"language must be one of {', '.join(LANGUAGES)}")
    return Hello(rate=rate, language=language)


def _parse_text(obj: dict[str, Any]) -> TextIn:
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ProtocolFault("bad_text", "'text' must be a non-empty string")
    if len(text) > MAX_TEXT_CHARS:
        raise ProtocolFault("text_too_long", f"'text' is limited to {MAX_TEXT_CHARS} characters")
    return TextIn(text=text.strip())


def _parse_image(obj: dict[str, Any]) -> ImageIn:
    mime = obj.get("mime")
    if mime not in IMAGE_MIMES:
        raise ProtocolFault("bad_image", f"'mime' must be one of {', '.join(IMAGE_MIMES)}")
    data = obj.get("data")
    if not isinstance(data, str):
        raise ProtocolFault("bad_image", "'data' must be a base64 string")
    if data.startswith("data:"):
        data = data.partition(",")[2]
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise ProtocolFault("bad_image", "'data' is not valid base64") from None
    text = obj.get("text", "")
    if not isinstance(text, str) or len(text) > MAX_TEXT_CHARS:
        raise ProtocolFault("bad_text", "'text' must be a string of at most 2000 characters")
    return ImageIn(mime=mime, data=raw, text=text.strip())


def _parse_interrupt(obj: dict[str, Any]) -> InterruptIn:
    return InterruptIn()


def _parse_bye(obj: dict[str, Any]) -> Bye:
    return Bye()


_PARSERS: dict[str, Callable[[dict[str, Any]], ClientMessage]] = {
    "hello": _parse_hello,
    "text": _parse_text,
    "image": _parse_image,
    "interrupt": _parse_interrupt,
    "bye": _parse_bye,
}


def pcm16_bytes(audio: np.ndarray) -> bytes:
    clipped = np.clip(audio, -1.0, 1.0)
    data: bytes = (clipped * 32767.0).astype("<i2").tobytes()
    return data


def encode_event(event: ServerEvent) -> str | bytes | None:
    """The frame for ``event``: JSON text, binary PCM16, or None if this format has no such frame."""
    match event:
        case AudioOut(audio=audio):
            return pcm16_bytes(audio)
        case Ready(session=session, rate=rate):
            obj: dict[str, Any] = {"type": "ready", "session": session,
                                   "audio": {"format": "pcm16", "rate": rate, "channels": 1}}
        case SpeechStarted(at_ms=at):
            obj = {"type": "speech_started", "at_ms": at}
        case SpeechStopped(at_ms=at):
            obj = {"type": "speech_stopped", "at_ms": at}
        case TranscriptOut(text=text, final=final):
            obj = {"type": "transcript", "text": text, "final": final}
        case ReplyDelta(text=text, final=final):
            obj = {"type": "reply", "text": text, "final": final}
        case AudioEnd():
            obj = {"type": "audio_end"}
        case Interrupted():
            obj = {"type": "interrupted"}
        case Metrics(turn=turn):
            obj = {"type": "metrics", "turn": turn}
        case ErrorOut(code=code, message=message, fatal=fatal):
            obj = {"type": "error", "code": code, "message": message, "fatal": fatal}
        case Hangup():
            return None
        case _:  # pragma: no cover - exhaustive
            return None
    return json.dumps(obj, ensure_ascii=False)
