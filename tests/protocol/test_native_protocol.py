"""The native wire format, sans I/O: frames in, typed messages out."""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from assistant.errors import ProtocolError
from assistant.protocol.messages import (
    AudioOut,
    Bye,
    ErrorOut,
    Hello,
    ImageIn,
    InterruptIn,
    Metrics,
    Ready,
    ReplyDelta,
    TextIn,
)
from assistant.protocol.native import encode_event, parse_client_text


def test_hello_defaults_and_fields() -> None:
    assert parse_client_text('{"type":"hello"}') == Hello(rate=16000, language="auto")
    msg = parse_client_text(json.dumps({"type": "hello", "language": "zh",
                                        "audio": {"format": "pcm16", "rate": 48000, "channels": 1}}))
    assert msg == Hello(rate=48000, language="zh")


@pytest.mark.parametrize(("frame", "code"), [
    ("{not json", "invalid_json"),
    ("[1, 2]", "invalid_json"),
    ('{"no": "type"}', "missing_type"),
    ('{"type": "dance"}', "unknown_type"),
    ('{"type": "hello", "audio": {"rate": 0}}', "bad_sample_rate"),
    ('{"type": "hello", "audio": {"rate": 1000000}}', "bad_sample_rate"),
    ('{"type": "hello", "audio": {"rate": 16000.5}}', "bad_sample_rate"),
    ('{"type": "hello", "audio": {"rate": true}}', "bad_sample_rate"),
    ('{"type": "hello", "audio": {"format": "opus"}}', "bad_audio_format"),
    ('{"type": "hello", "audio": {"channels": 2}}', "bad_channels"),
    ('{"type": "hello", "language": "fr"}', "bad_language"),
    ('{"type": "text", "text": "   "}', "bad_text"),
    ('{"type": "text"}', "bad_text"),
    ('{"type": "image", "mime": "image/gif", "data": ""}', "bad_image"),
    ('{"type": "image", "mime": "image/png", "data": "%%%"}', "bad_image"),
])
def test_bad_frames_name_the_problem(frame: str, code: str) -> None:
    with pytest.raises(ProtocolError) as info:
        parse_client_text(frame)
    assert info.value.code == code
    assert info.value.message


def test_text_image_interrupt_bye() -> None:
    assert parse_client_text('{"type":"text","text":" 你好 "}') == TextIn(text="你好")
    data = base64.b64encode(b"\x89PNG").decode()
    msg = parse_client_text(json.dumps({"type": "image", "mime": "image/png", "data": data,
                                        "text": "这是什么？"}))
    assert msg == ImageIn(mime="image/png", data=b"\x89PNG", text="这是什么？")
    with_prefix = parse_client_text(json.dumps({"type": "image", "mime": "image/png",
                                                "data": "data:image/png;base64," + data}))
    assert isinstance(with_prefix, ImageIn) and with_prefix.data == b"\x89PNG"
    assert parse_client_text('{"type":"interrupt"}') == InterruptIn()
    assert parse_client_text('{"type":"bye"}') == Bye()


def test_text_too_long() -> None:
    with pytest.raises(ProtocolError) as info:
        parse_client_text(json.dumps({"type": "text", "text": "长" * 5000}))
    assert info.value.code == "text_too_long"


def test_server_events_encode_to_the_contract() -> None:
    ready = json.loads(str(encode_event(Ready(session="abc", rate=24000))))
    assert ready == {"type": "ready", "session": "abc",
                     "audio": {"format": "pcm16", "rate": 24000, "channels": 1}}
    assert json.loads(str(encode_event(ReplyDelta(reply_id=1, text="北京")))) == {
        "type": "reply", "text": "北京", "final": False}
    assert json.loads(str(encode_event(Metrics(turn={"asr_ms": 1.0}))))["turn"] == {"asr_ms": 1.0}
    err = json.loads(str(encode_event(ErrorOut(code="bad_audio", message="odd"))))
    assert err["type"] == "error" and err["code"] == "bad_audio"
    audio = np.array([0.0, 0.5, -1.0, 2.0], dtype=np.float32)
    frame = encode_event(AudioOut(reply_id=1, clause=0, audio=audio, rate=24000))
    assert isinstance(frame, bytes)
    assert np.frombuffer(frame, dtype="<i2").tolist() == [0, 16383, -32767, 32767]
