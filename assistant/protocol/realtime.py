"""The OpenAI Realtime API's client events (docs/realtime.md), sans I/O.

``parse_client_event`` turns one text frame into a typed event or raises :class:`RealtimeError`,
whose ``param`` and ``event_id`` go into the official ``error`` event. Both the GA event shapes and
the beta ones (``OpenAI-Beta: realtime=v1``) are read; the session configuration they carry is in
:mod:`assistant.protocol.realtime_config`.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant.errors import ProtocolError
from assistant.protocol.realtime_config import SessionChanges, parse_session

MAX_TEXT_CHARS = 2000
MAX_AUDIO_BYTES = 15 * 1024 * 1024  # one append (OpenAI's own limit is 15 MiB)
MAX_IMAGE_BYTES = 10 * 1024 * 1024
IMAGE_MIMES = ("image/jpeg", "image/png", "image/webp")


class RealtimeError(ProtocolError):
    """A client event we cannot accept: an ``error`` event, and the session goes on."""

    def __init__(self, message: str, *, code: str, param: str | None = None,
                 event_id: str | None = None, kind: str = "invalid_request_error") -> None:
        super().__init__(message, code=code)
        self.param = param
        self.event_id = event_id
        self.kind = kind


# ---- events ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class SessionUpdate:
    event_id: str | None
    changes: SessionChanges


@dataclass(frozen=True, slots=True, kw_only=True)
class AudioAppend:
    event_id: str | None
    audio: bytes  # in the session's input format


@dataclass(frozen=True, slots=True, kw_only=True)
class AudioCommit:
    event_id: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class AudioClear:
    event_id: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class TextPart:
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AudioPart:
    audio: bytes  # in the session's input format
    transcript: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ImagePart:
    mime: str
    data: bytes  # decoded from the data URL, not yet checked as an image


Part = TextPart | AudioPart | ImagePart


@dataclass(frozen=True, slots=True, kw_only=True)
class UserMessage:
    item_id: str
    parts: tuple[Part, ...]
    role: str = "user"  # or "system": an instruction added to the conversation


@dataclass(frozen=True, slots=True, kw_only=True)
class FunctionOutput:
    item_id: str
    call_id: str
    output: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemCreate:
    event_id: str | None
    item: UserMessage | FunctionOutput
    previous_item_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemTruncate:
    event_id: str | None
    item_id: str
    content_index: int
    audio_end_ms: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemDelete:
    event_id: str | None
    item_id: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ItemRetrieve:
    event_id: str | None
    item_id: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ResponseCreate:
    event_id: str | None
    instructions: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ResponseCancel:
    event_id: str | None
    response_id: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class OutputAudioClear:
    event_id: str | None


ClientEvent = (
    SessionUpdate | AudioAppend | AudioCommit | AudioClear | ItemCreate | ItemTruncate | ItemDelete
    | ItemRetrieve | ResponseCreate | ResponseCancel | OutputAudioClear
)


# ---- parsing -----------------------------------------------------------------------------------
def parse_client_event(frame: str | bytes) -> ClientEvent:
    try:
        obj = json.loads(frame)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        raise RealtimeError("every client event must be one JSON object", code="invalid_json") from None
    if not isinstance(obj, dict):
        raise RealtimeError("every client event must be one JSON object", code="invalid_json")
    event_id = obj.get("event_id")
    event_id = event_id if isinstance(event_id, str) else None
    kind = obj.get("type")
    if not isinstance(kind, str):
        raise RealtimeError("every client event needs a string 'type'", code="missing_type", param="type",
                            event_id=event_id)
    parser = _PARSERS.get(kind)
    if parser is None:
        raise RealtimeError(f"Invalid value: '{kind[:60]}'. Supported values are: {', '.join(_PARSERS)}.",
                            code="invalid_value", param="type", event_id=event_id)
    try:
        return parser(obj, event_id)
    except RealtimeError as exc:
        exc.event_id = event_id
        raise


def _string(obj: dict[str, Any], key: str, param: str, *, required: bool = True) -> str:
    value = obj.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value):
        raise RealtimeError(f"'{param}' must be a non-empty string", code="invalid_value", param=param)
    return value


def decode_b64(value: object, param: str, *, limit: int) -> bytes:
    if not isinstance(value, str):
        raise RealtimeError(f"'{param}' must be a base64 string", code="invalid_value", param=param)
    if len(value) > limit * 4 // 3 + 4:
        raise RealtimeError(f"'{param}' is over {limit} bytes", code="too_large", param=param)
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise RealtimeError(f"'{param}' is not valid base64", code="invalid_base64", param=param) from None


def _session_update(obj: dict[str, Any], event_id: str | None) -> SessionUpdate:
    session = obj.get("session")
    if not isinstance(session, dict):
        raise RealtimeError("'session' must be an object", code="invalid_value", param="session")
    try:
        changes = parse_session(session)
    except ValueError as exc:
        param, _, message = str(exc).partition(": ")
        raise RealtimeError(message or str(exc), code="invalid_value", param=f"session.{param}") from None
    return SessionUpdate(event_id=event_id, changes=changes)


def _append(obj: dict[str, Any], event_id: str | None) -> AudioAppend:
    return AudioAppend(event_id=event_id, audio=decode_b64(obj.get("audio"), "audio", limit=MAX_AUDIO_BYTES))


def _image(part: dict[str, Any], param: str) -> ImagePart:
    url = part.get("image_url")
    if not isinstance(url, str) or not url.startswith("data:"):
        raise RealtimeError("'image_url' must be a data URL (data:image/jpeg;base64,...)",
                            code="invalid_image", param=f"{param}.image_url")
    header, _, data = url.partition(",")
    mime = header[5:].split(";")[0].strip().lower()
    if mime not in IMAGE_MIMES or ";base64" not in header:
        raise RealtimeError(f"the image must be base64 {', '.join(IMAGE_MIMES)}, not {mime[:40]!r}",
                            code="invalid_image", param=f"{param}.image_url")
    raw = decode_b64(data, f"{param}.image_url", limit=MAX_IMAGE_BYTES)
    return ImagePart(mime=mime, data=raw)


def _part(part: object, param: str) -> Part:
    if not isinstance(part, dict):
        raise RealtimeError(f"'{param}' must be an object", code="invalid_value", param=param)
    kind = part.get("type")
    if kind in ("input_text", "text"):
        text = _string(part, "text", f"{param}.text")
        if len(text) > MAX_TEXT_CHARS:
            raise RealtimeError(f"text is limited to {MAX_TEXT_CHARS} characters",
                                code="string_above_max_length",
                                param=f"{param}.text")
        return TextPart(text=text)
    if kind == "input_audio":
        audio = decode_b64(part.get("audio"), f"{param}.audio", limit=MAX_AUDIO_BYTES)
        return AudioPart(audio=audio, transcript=str(part.get("transcript") or ""))
    if kind == "input_image":
        return _image(part, param)
    raise RealtimeError(f"content type {str(kind)[:30]!r} is not one of input_text, input_audio, input_image",
                        code="invalid_value", param=f"{param}.type")


def _item_create(obj: dict[str, Any], event_id: str | None) -> ItemCreate:
    item = obj.get("item")
    if not isinstance(item, dict):
        raise RealtimeError("'item' must be an object", code="invalid_value", param="item")
    item_id = item.get("id")
    item_id = item_id if isinstance(item_id, str) and 0 < len(item_id) <= 64 else ""
    previous = obj.get("previous_item_id")
    previous = previous if isinstance(previous, str) else None
    kind = item.get("type")
    if kind == "function_call_output":
        call_id = _string(item, "call_id", "item.call_id")
        output = item.get("output")
        if not isinstance(output, str):
            raise RealtimeError("'item.output' must be a string", code="invalid_value", param="item.output")
        return ItemCreate(event_id=event_id, previous_item_id=previous,
                          item=FunctionOutput(item_id=item_id, call_id=call_id, output=output[:8000]))
    if kind != "message":
        raise RealtimeError(f"item type {str(kind)[:30]!r} is not supported; use 'message' or "
                            "'function_call_output'", code="invalid_value", param="item.type")
    role = item.get("role")
    if role not in ("user", "system"):
        raise RealtimeError("only 'user' and 'system' messages can be created", code="invalid_value",
                            param="item.role")
    content = item.get("content")
    if not isinstance(content, list) or not content or len(content) > 8:
        raise RealtimeError("'item.content' must be a list of 1 to 8 parts", code="invalid_value",
                            param="item.content")
    parts = tuple(_part(p, f"item.content[{i}]") for i, p in enumerate(content))
    if role == "system" and not all(isinstance(p, TextPart) for p in parts):
        raise RealtimeError("a system message holds text only", code="invalid_value", param="item.content")
    return ItemCreate(event_id=event_id, previous_item_id=previous,
                      item=UserMessage(item_id=item_id, parts=parts, role=role))


def _int(obj: dict[str, Any], key: str) -> int:
    value = obj.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise RealtimeError(f"'{key}' must be a non-negative integer", code="invalid_value", param=key)
    return value


def _truncate(obj: dict[str, Any], event_id: str | None) -> ItemTruncate:
    return ItemTruncate(event_id=event_id, item_id=_string(obj, "item_id", "item_id"),
                        content_index=_int(obj, "content_index"), audio_end_ms=_int(obj, "audio_end_ms"))


def _response_create(obj: dict[str, Any], event_id: str | None) -> ResponseCreate:
    response = obj.get("response") or {}
    if not isinstance(response, dict):
        raise RealtimeError("'response' must be an object", code="invalid_value", param="response")
    instructions = response.get("instructions") or ""
    if not isinstance(instructions, str):
        raise RealtimeError("'response.instructions' must be a string", code="invalid_value",
                            param="response.instructions")
    return ResponseCreate(event_id=event_id, instructions=instructions[:MAX_TEXT_CHARS])


_PARSERS: dict[str, Callable[[dict[str, Any], str | None], ClientEvent]] = {
    "session.update": _session_update,
    "input_audio_buffer.append": _append,
    "input_audio_buffer.commit": lambda o, e: AudioCommit(event_id=e),
    "input_audio_buffer.clear": lambda o, e: AudioClear(event_id=e),
    "conversation.item.create": _item_create,
    "conversation.item.truncate": _truncate,
    "conversation.item.delete": lambda o, e: ItemDelete(event_id=e, item_id=_string(o, "item_id", "item_id")),
    "conversation.item.retrieve": lambda o, e: ItemRetrieve(event_id=e,
                                                            item_id=_string(o, "item_id", "item_id")),
    "response.create": _response_create,
    "response.cancel": lambda o, e: ResponseCancel(event_id=e,
                                                   response_id=_string(o, "response_id", "response_id",
                                                                       required=False)),
    "output_audio_buffer.clear": lambda o, e: OutputAudioClear(event_id=e),
}
