"""Twilio Media Streams (docs/protocol.md, section 2), sans I/O: both directions, TwiML and webhook auth.

``TwilioParser.feed(text)`` turns one websocket text frame from Twilio into a typed message or raises
``ProtocolError`` (``code`` says what was wrong). ``encode_media`` / ``encode_mark`` / ``encode_clear``
build the frames we send. ``parse_server_frame`` and the ``encode_*_event`` helpers are the other side
(what Twilio does), for the call simulator and the tests.

Twilio does not sign websocket frames: the webhook that returns the TwiML is signed
(``X-Twilio-Signature``), and that TwiML hands the stream a short-lived HMAC *ticket* bound to the
call, which the ``start`` message must carry back (``make_ticket`` / ``check_ticket``).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit
from xml.sax.saxutils import escape, quoteattr

from assistant.errors import ProtocolError

RATE = 8000
FRAME_BYTES = 160  # 20 ms of mu-law at 8 kHz
MAX_PAYLOAD_BYTES = 64 * 1024
DTMF_DIGITS = frozenset("0123456789*#ABCD")
MULAW = "audio/x-mulaw"


# ---- Twilio -> us ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class Connected:
    protocol: str = "Call"
    version: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Start:
    stream_sid: str
    call_sid: str
    account_sid: str = ""
    tracks: tuple[str, ...] = ("inbound",)
    parameters: Mapping[str, str] = field(default_factory=dict)  # <Parameter> values from the TwiML
    encoding: str = MULAW
    rate: int = RATE
    channels: int = 1


@dataclass(frozen=True, slots=True, kw_only=True)
class Media:
    payload: bytes  # mu-law, 8 kHz, no header
    track: str = "inbound"
    chunk: int = 0
    timestamp_ms: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class Dtmf:
    digit: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Mark:
    name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Stop:
    call_sid: str = ""


TwilioMessage = Connected | Start | Media | Dtmf | Mark | Stop


def _load(frame: str | bytes) -> dict[str, Any]:
    try:
        obj = json.loads(frame)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        raise ProtocolError("Twilio frames must be one JSON object", code="invalid_json") from None
    if not isinstance(obj, dict):
        raise ProtocolError("Twilio frames must be one JSON object, not a list or a value",
                            code="invalid_json")
    return obj


def _section(obj: dict[str, Any], key: str, code: str) -> dict[str, Any]:
    value = obj.get(key)
    if not isinstance(value, dict):
        raise ProtocolError(f"'{key}' must be an object", code=code)
    return value


def _int(value: object, default: int = 0) -> int:
    try:
        return int(str(value))
    except ValueError:
        return default


class TwilioParser:
    """Parses one stream's frames in order; knows whether ``start`` has come (and its streamSid)."""

    def __init__(self) -> None:
        self.start: Start | None = None
        self.stopped = False

    def feed(self, frame: str | bytes) -> TwilioMessage:
        obj = _load(frame)
        event = obj.get("event")
        if not isinstance(event, str):
            raise ProtocolError("every Twilio frame needs a string field 'event'", code="missing_event")
        if event == "connected":
            return Connected(protocol=str(obj.get("protocol", "")), version=str(obj.get("version", "")))
        if event == "start":
            return self._start(obj)
        if event not in ("media", "dtmf", "mark", "stop"):
            raise ProtocolError(f"unknown Twilio event {event[:40]!r}; expected "
                                "connected, start, media, dtmf, mark or stop", code="unknown_event")
        if self.start is None:
            code = "media_before_start" if event == "media" else "not_started"
            raise ProtocolError(f"a '{event}' frame came before 'start'", code=code)
        sid = obj.get("streamSid")
        if sid is not None and sid != self.start.stream_sid:
            raise ProtocolError(f"streamSid {str(sid)[:40]!r} is not this stream's", code="wrong_stream")
        if event == "media":
            return _media(obj)
        if event == "dtmf":
            digit = _section(obj, "dtmf", "bad_dtmf").get("digit")
            if not isinstance(digit, str) or digit not in DTMF_DIGITS:
                raise ProtocolError(f"DTMF digit {str(digit)[:8]!r} is not one of 0-9 * # A-D",
                                    code="bad_dtmf")
            return Dtmf(digit=digit)
        if event == "mark":
            name = _section(obj, "mark", "bad_mark").get("name")
            if not isinstance(name, str):
                raise ProtocolError("'mark.name' must be a string", code="bad_mark")
            return Mark(name=name)
        self.stopped = True
        stop = obj.get("stop")
        return Stop(call_sid=str(stop.get("callSid", "")) if isinstance(stop, dict) else "")

    def _start(self, obj: dict[str, Any]) -> Start:
        if self.start is not None:
            raise ProtocolError("this stream already had a 'start' frame", code="already_started")
        start = _section(obj, "start", "bad_start")
        stream_sid = start.get("streamSid", obj.get("streamSid"))
        call_sid = start.get("callSid")
        if not isinstance(stream_sid, str) or not stream_sid or not isinstance(call_sid, str) or not call_sid:
            raise ProtocolError("'start' needs string streamSid and callSid", code="bad_start")
        fmt = start.get("mediaFormat", {})
        if not isinstance(fmt, dict):
            raise ProtocolError("'start.mediaFormat' must be an object", code="bad_start")
        encoding, rate = fmt.get("encoding", MULAW), fmt.get("sampleRate", RATE)
        channels = fmt.get("channels", 1)
        if encoding != MULAW or rate != RATE or channels != 1:
            raise ProtocolError(f"only {MULAW} 8000 Hz mono is supported, got "
                                f"{str(encoding)[:30]} {str(rate)[:8]} Hz x{str(channels)[:4]}",
                                code="bad_media_format")
        params = start.get("customParameters", {})
        if not isinstance(params, dict):
            raise ProtocolError("'start.customParameters' must be an object", code="bad_start")
        tracks = start.get("tracks", ["inbound"])
        self.start = Start(
            stream_sid=stream_sid, call_sid=call_sid, account_sid=str(start.get("accountSid", "")),
            tracks=tuple(str(t) for t in tracks) if isinstance(tracks, list) else ("inbound",),
            parameters={str(k): str(v) for k, v in params.items()}, encoding=MULAW, rate=RATE, channels=1)
        return self.start


def _media(obj: dict[str, Any]) -> Media:
    media = _section(obj, "media", "bad_payload")
    payload = media.get("payload")
    if not isinstance(payload, str):
        raise ProtocolError("'media.payload' must be a base64 string", code="bad_payload")
    if len(payload) > MAX_PAYLOAD_BYTES * 4 // 3 + 4:
        raise ProtocolError(f"'media.payload' is over {MAX_PAYLOAD_BYTES} bytes", code="bad_payload")
    try:
        raw = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise ProtocolError("'media.payload' is not valid base64", code="bad_payload") from None
    return Media(payload=raw, track=str(media.get("track", "inbound")), chunk=_int(media.get("chunk")),
                 timestamp_ms=_int(media.get("timestamp")))


# ---- us -> Twilio ------------------------------------------------------------------------------
def encode_media(stream_sid: str, payload: bytes) -> str:
    """One outbound media frame (we send 20 ms = 160 bytes of mu-law per frame)."""
    return json.dumps({"event": "media", "streamSid": stream_sid,
                       "media": {"payload": base64.b64encode(payload).decode("ascii")}})


def encode_mark(stream_sid: str, name: str) -> str:
    return json.dumps({"event": "mark", "streamSid": stream_sid, "mark": {"name": name}})


def encode_clear(stream_sid: str) -> str:
    return json.dumps({"event": "clear", "streamSid": stream_sid})


def split_frames(mulaw: bytes, *, frame_bytes: int = FRAME_BYTES, pad: int = 0xFF) -> list[bytes]:
    """Cut mu-law audio into ``frame_bytes`` payloads, padding the last with silence (0xFF)."""
    if not mulaw:
        return []
    tail = -len(mulaw) % frame_bytes
    data = mulaw + bytes([pad]) * tail
    return [data[i:i + frame_bytes] for i in range(0, len(data), frame_bytes)]


# ---- the other side (what Twilio sends and receives), for the simulator -----------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class OutMedia:
    payload: bytes


@dataclass(frozen=True, slots=True, kw_only=True)
class OutMark:
    name: str


@dataclass(frozen=True, slots=True, kw_only=True)
class OutClear:
    pass


ServerFrame = OutMedia | OutMark | OutClear


def parse_server_frame(frame: str | bytes) -> ServerFrame:
    """A frame we sent, as Twilio reads it."""
    obj = _load(frame)
    event = obj.get("event")
    if event == "media":
        payload = _section(obj, "media", "bad_payload").get("payload")
        try:
            return OutMedia(payload=base64.b64decode(str(payload), validate=True))
        except (binascii.Error, ValueError):
            raise ProtocolError("'media.payload' is not valid base64", code="bad_payload") from None
    if event == "mark":
        return OutMark(name=str(_section(obj, "mark", "bad_mark").get("name", "")))
    if event == "clear":
        return OutClear()
    raise ProtocolError(f"unknown event {str(event)[:40]!r}", code="unknown_event")


def encode_connected_event() -> str:
    return json.dumps({"event": "connected", "protocol": "Call", "version": "1.0.0"})


def encode_start_event(*, stream_sid: str, call_sid: str, parameters: Mapping[str, str],
                       account_sid: str = "AC00000000000000000000000000000000") -> str:
    return json.dumps({"event": "start", "sequenceNumber": "1", "streamSid": stream_sid, "start": {
        "accountSid": account_sid, "streamSid": stream_sid, "callSid": call_sid, "tracks": ["inbound"],
        "customParameters": dict(parameters),
        "mediaFormat": {"encoding": MULAW, "sampleRate": RATE, "channels": 1}}})


def encode_media_event(*, stream_sid: str, payload: bytes, chunk: int, timestamp_ms: int) -> str:
    return json.dumps({"event": "media", "sequenceNumber": str(chunk + 2), "streamSid": stream_sid,
                       "media": {"track": "inbound", "chunk": str(chunk), "timestamp": str(timestamp_ms),
                                 "payload": base64.b64encode(payload).decode("ascii")}})


def encode_mark_event(*, stream_sid: str, name: str) -> str:
    return json.dumps({"event": "mark", "streamSid": stream_sid, "mark": {"name": name}})


def encode_dtmf_event(*, stream_sid: str, digit: str) -> str:
    return json.dumps({"event": "dtmf", "streamSid": stream_sid,
                       "dtmf": {"track": "inbound_track", "digit": digit}})


def encode_stop_event(*, stream_sid: str, call_sid: str) -> str:
    return json.dumps({"event": "stop", "streamSid": stream_sid,
                       "stop": {"accountSid": "AC00000000000000000000000000000000", "callSid": call_sid}})


# ---- TwiML -------------------------------------------------------------------------------------
def twiml_stream(stream_url: str, parameters: Mapping[str, str]) -> str:
    """``<Connect><Stream>``: a bidirectional media stream to ``stream_url``, with parameters."""
    params = "".join(f"<Parameter name={quoteattr(k)} value={quoteattr(v)}/>" for k, v in parameters.items())
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f"<Response><Connect><Stream url={quoteattr(stream_url)}>{params}</Stream></Connect></Response>")


def twiml_reject(message: str = "") -> str:
    """Refuse a call (optionally saying why first, in Mandarin)."""
    say = f'<Say language="zh-CN">{escape(message)}</Say>' if message else ""
    return f'<?xml version="1.0" encoding="UTF-8"?><Response>{say}<Hangup/></Response>'


# ---- webhook signature -------------------------------------------------------------------------
def compute_signature(auth_token: str, url: str, params: Iterable[tuple[str, str]] = ()) -> str:
    """X-Twilio-Signature: base64(HMAC-SHA1(token, url + key1 + value1 + ...)), keys sorted."""
    pairs = sorted(set(params))
    data = url + "".join(k + v for k, v in pairs)
    digest = hmac.new(auth_token.encode(), data.encode("utf-8"), hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")


def _port_variants(url: str) -> list[str]:
    """Twilio may sign the URL with or without the scheme's default port; try both."""
    parts = urlsplit(url)
    default = {"https": 443, "http": 80}.get(parts.scheme)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    variants = [url]
    if default is not None:
        if parts.port is None:
            variants.append(urlunsplit(parts._replace(netloc=f"{host}:{default}")))
        elif parts.port == default:
            variants.append(urlunsplit(parts._replace(netloc=host)))
    return variants


def check_signature(auth_token: str, signature: str, urls: Iterable[str],
                    params: Iterable[tuple[str, str]] = ()) -> bool:
    """True if ``signature`` matches one of the URLs the request may have been signed for."""
    if not auth_token or not signature:
        return False
    pairs = list(params)
    ok = False
    for url in urls:
        for variant in _port_variants(url):
            # compare every candidate (constant time each) rather than stopping at the first match
            ok |= hmac.compare_digest(compute_signature(auth_token, variant, pairs).encode(),
                                      signature.encode())
    return ok


# ---- the stream ticket -------------------------------------------------------------------------
def _ticket_mac(secret: str, call_sid: str, caller: str, expires: int) -> str:
    data = f"twilio-stream-ticket|v1|{call_sid}|{caller}|{expires}".encode()
    digest = hmac.new(secret.encode(), data, hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")


def make_ticket(secret: str, *, call_sid: str, caller: str, expires: int) -> str:
    """A ticket for the ``start`` of ``call_sid`` from ``caller``, valid until epoch ``expires``."""
    return f"{expires}.{_ticket_mac(secret, call_sid, caller, expires)}"


def check_ticket(secret: str, ticket: str, *, call_sid: str, caller: str, now: float) -> None:
    """Raise ProtocolError("unauthorized" | "ticket_expired") unless ``ticket`` is valid."""
    expires_text, _, mac = ticket.partition(".")
    if not expires_text.isdigit() or not mac:
        raise ProtocolError("the stream has no valid ticket; call in through the TwiML webhook",
                            code="unauthorized")
    expected = _ticket_mac(secret, call_sid, caller, int(expires_text))
    if not hmac.compare_digest(expected.encode(), mac.encode()):
        raise ProtocolError("the stream ticket does not match this call", code="unauthorized")
    if int(expires_text) < now:
        raise ProtocolError("the stream ticket has expired", code="ticket_expired")
