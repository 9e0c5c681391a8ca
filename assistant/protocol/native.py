"""The assistant's own websocket protocol (docs/protocol.md, section 1), sans I/O.

``parse_client_text`` turns a text frame into a typed message or raises ``ProtocolError``;
``encode_event`` turns a server event into a text or binary frame.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from typing import Any

import numpy as np

from assistant.errors import ProtocolError
from assistant.protocol.messages import (
    LANGUAGES,
    MAX_RATE,
    MIN_RATE,
    AudioEnd,
    AudioOut,
    Bye,
    CareAnswerIn,
    CareClosedOut,
    CarePromptOut,
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


def parse_client_text(frame: str) -> ClientMessage:
    try:
        obj = json.loads(frame)
    except (json.JSONDecodeError, RecursionError):
        raise ProtocolError("text frames must be one JSON object", code="invalid_json") from None
    if not isinstance(obj, dict):
        raise ProtocolError("text frames must be one JSON object, not a list or a value", code="invalid_json")
    kind = obj.get("type")
    if not isinstance(kind, str):
        raise ProtocolError("every message needs a string field 'type'", code="missing_type")
    parser = _PARSERS.get(kind)
    if parser is None:
        raise ProtocolError(f"unknown message type {kind[:40]!r}; "
                            f"expected one of {', '.join(sorted(_PARSERS))}", code="unknown_type")
    return parser(obj)


def _parse_hello(obj: dict[str, Any]) -> Hello:
    audio = obj.get("audio", {})
    if not isinstance(audio, dict):
        raise ProtocolError("'audio' must be an object like {format:'pcm16', rate:16000, channels:1}",
                            code="bad_hello")
    fmt = audio.get("format", "pcm16")
    rate = audio.get("rate", 16000)
    channels = audio.get("channels", 1)
    if fmt != "pcm16":
        raise ProtocolError(f"audio format {str(fmt)[:20]!r} is not supported; use 'pcm16'",
                            code="bad_audio_format")
    if isinstance(rate, bool) or not isinstance(rate, int) or not MIN_RATE <= rate <= MAX_RATE:
        raise ProtocolError(f"sample rate {str(rate)[:20]} is not supported; use {MIN_RATE}..{MAX_RATE} Hz",
                            code="bad_sample_rate")
    if channels != 1:
        raise ProtocolError("only mono audio (channels: 1) is supported", code="bad_channels")
    language = obj.get("language", "auto")
    if language not in LANGUAGES:
        raise ProtocolError(f"language must be one of {', '.join(LANGUAGES)}", code="bad_language")
    return Hello(rate=rate, language=language)


def _parse_text(obj: dict[str, Any]) -> TextIn:
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ProtocolError("'text' must be a non-empty string", code="bad_text")
    if len(text) > MAX_TEXT_CHARS:
        raise ProtocolError(f"'text' is limited to {MAX_TEXT_CHARS} characters", code="text_too_long")
    return TextIn(text=text.strip())


def _parse_image(obj: dict[str, Any]) -> ImageIn:
    mime = obj.get("mime")
    if mime not in IMAGE_MIMES:
        raise ProtocolError(f"'mime' must be one of {', '.join(IMAGE_MIMES)}", code="bad_image")
    data = obj.get("data")
    if not isinstance(data, str):
        raise ProtocolError("'data' must be a base64 string", code="bad_image")
    if data.startswith("data:"):
        data = data.partition(",")[2]
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise ProtocolError("'data' is not valid base64", code="bad_image") from None
    text = obj.get("text", "")
    if not isinstance(text, str) or len(text) > MAX_TEXT_CHARS:
        raise ProtocolError("'text' must be a string of at most 2000 characters", code="bad_text")
    return ImageIn(mime=mime, data=raw, text=text.strip())


def _parse_interrupt(obj: dict[str, Any]) -> InterruptIn:
    return InterruptIn()


def _parse_bye(obj: dict[str, Any]) -> Bye:
    return Bye()


CARE_ANSWERS = ("ack", "snooze")


def _parse_care_answer(obj: dict[str, Any]) -> CareAnswerIn:
    job_id = obj.get("job_id")
    if isinstance(job_id, bool) or not isinstance(job_id, int) or not 0 < job_id < 2**63:
        raise ProtocolError("'job_id' must be the positive whole number of a reminder", code="bad_answer")
    answer = obj.get("answer", "ack")
    if answer not in CARE_ANSWERS:
        raise ProtocolError(f"'answer' must be one of {', '.join(CARE_ANSWERS)}", code="bad_answer")
    return CareAnswerIn(job_id=job_id, answer=answer)


_PARSERS: dict[str, Callable[[dict[str, Any]], ClientMessage]] = {
    "hello": _parse_hello,
    "text": _parse_text,
    "image": _parse_image,
    "interrupt": _parse_interrupt,
    "bye": _parse_bye,
    "reminder_answer": _parse_care_answer,
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
        case CarePromptOut(job_id=job_id, kind=kind, text=text, answerable=answerable, late=late):
            obj = {"type": "reminder", "job_id": job_id, "kind": kind, "text": text,
                   "answerable": answerable, "late": late}
        case CareClosedOut(job_id=job_id, state=state):
            obj = {"type": "reminder_closed", "job_id": job_id, "state": state}
        case ErrorOut(code=code, message=message, fatal=fatal):
            obj = {"type": "error", "code": code, "message": message, "fatal": fatal}
        case Hangup():
            return None
        case _:  # pragma: no cover - exhaustive
            return None
    return json.dumps(obj, ensure_ascii=False)
