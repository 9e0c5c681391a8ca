"""docs/protocol.md describes exactly the messages, close codes and error codes the code uses."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np

from assistant.errors import AssistantError
from assistant.protocol import twilio
from assistant.protocol.close import CloseCode
from assistant.protocol.messages import (
    AudioEnd,
    CareClosedOut,
    CarePromptOut,
    ErrorOut,
    Interrupted,
    Metrics,
    Ready,
    ReplyDelta,
    ServerEvent,
    SpeechStarted,
    SpeechStopped,
    TranscriptOut,
)
from assistant.protocol.native import _PARSERS, encode_event

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "protocol.md").read_text(encoding="utf-8")

# One of each JSON server event (AudioOut is binary, Hangup closes the socket: neither has a type).
SERVER_EVENTS: list[ServerEvent] = [
    Ready(session="s", rate=24000), SpeechStarted(at_ms=1), SpeechStopped(at_ms=2), TranscriptOut(text="t"),
    ReplyDelta(reply_id=1, text="r"), AudioEnd(reply_id=1), Interrupted(reply_id=1), Metrics(turn={}),
    ErrorOut(code="c", message="m"), CarePromptOut(job_id=1, kind="reminder", text="t", answerable=True),
    CareClosedOut(job_id=1, state="acknowledged"),
]


def section(title: str) -> str:
    """The text from the heading ``title`` to the next heading of any level."""
    start = DOC.index(title)
    following = re.search(r"^#+ ", DOC[start + len(title):], flags=re.M)
    return DOC[start:start + len(title) + following.start()] if following else DOC[start:]


def first_column(text: str) -> set[str]:
    """The backticked names in the first column of the tables in ``text``."""
    names: set[str] = set()
    for line in (raw.strip() for raw in text.splitlines()):
        if line.startswith("| ") and not line.startswith("|---"):
            names.update(re.findall(r"`([^`]+)`", line.split("|")[1]))
    return names


def code_strings(*paths: str) -> set[str]:
    return {m for p in paths for m in re.findall(r'code="([a-z_]+)"', (ROOT / p).read_text(encoding="utf-8"))}


def test_client_messages_match() -> None:
    assert first_column(section("### Client → server")) == set(_PARSERS)


def test_server_events_match() -> None:
    types = {json.loads(str(encode_event(event)))["type"] for event in SERVER_EVENTS}
    assert first_column(section("### Server → client")) == types
    assert isinstance(encode_event(ReplyDelta(reply_id=1, text="")), str)


def test_every_server_event_class_is_covered() -> None:
    from assistant.protocol import messages

    classes = set(messages.ServerEvent.__args__)  # type: ignore[attr-defined]
    # FunctionCalled exists only on /v1/realtime (docs/realtime.md): /ws has no such frame
    assert classes - {type(e) for e in SERVER_EVENTS} == {messages.AudioOut, messages.Hangup,
                                                           messages.FunctionCalled}
    assert encode_event(messages.FunctionCalled(reply_id=1, call_id="c", name="n", arguments="{}")) is None
    audio = messages.AudioOut(reply_id=1, clause=0, audio=np.zeros(4, dtype=np.float32), rate=24000)
    assert isinstance(encode_event(audio), bytes)


def test_close_codes_match() -> None:
    documented = {int(c) for c in re.findall(r"^\| (\d{4}) \|", section("### Close codes"), flags=re.M)}
    assert documented == {int(code) for code in CloseCode}


def test_native_error_codes_match() -> None:
    documented = first_column(section("### Error codes"))
    sent = code_strings("assistant/protocol/native.py", "assistant/audio/pcm.py", "assistant/server/ws.py",
                        "assistant/pipeline/intake.py")
    backends = {cls.code for cls in _subclasses(AssistantError) if cls.__module__ == "assistant.errors"
                and cls.__name__.endswith(("AsrError", "LlmError", "TtsError", "VisionError",
                                           "BackendError"))}
    assert sent | backends | {"bad_image"} == documented


def test_twilio_events_match() -> None:
    parser = twilio.TwilioParser()
    frames = [twilio.encode_connected_event(),
              twilio.encode_start_event(stream_sid="MZ1", call_sid="CA1", parameters={}),
              twilio.encode_media_event(stream_sid="MZ1", payload=b"\xff" * 160, chunk=0, timestamp_ms=0),
              twilio.encode_dtmf_event(stream_sid="MZ1", digit="0"),
              twilio.encode_mark_event(stream_sid="MZ1", name="m1"),
              twilio.encode_stop_event(stream_sid="MZ1", call_sid="CA1")]
    accepted = set()
    for frame in frames:
        message = parser.feed(frame)
        if isinstance(message, twilio.Start):
            parser.start = message
        accepted.add(json.loads(frame)["event"])
    doc = section("## 2. Twilio Media Streams")
    tables = doc.split("To Twilio we send:")
    assert first_column(tables[0]) == accepted
    sent = {json.loads(f)["event"] for f in (twilio.encode_media("MZ1", b"\xff"),
                                             twilio.encode_mark("MZ1", "m"),
                                             twilio.encode_clear("MZ1"))}
    assert first_column(tables[1]) == sent


def test_twilio_and_audiosocket_fault_codes_are_documented() -> None:
    codes = code_strings("assistant/protocol/twilio.py", "assistant/protocol/audiosocket.py")
    codes.add("media_before_start")  # chosen at run time, not a literal
    assert {c for c in codes if f"`{c}`" not in DOC} == set()


def _subclasses(cls: type) -> set[type]:
    out = set(cls.__subclasses__())
    for sub in list(out):
        out |= _subclasses(sub)
    return out
