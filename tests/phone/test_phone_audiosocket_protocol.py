"""The Asterisk AudioSocket framing, sans I/O."""

from __future__ import annotations

import uuid

import pytest

from assistant.errors import ProtocolError
from assistant.protocol.audiosocket import (
    Audio,
    AudioSocketParser,
    CallId,
    Digit,
    ErrorFrame,
    HangupFrame,
    encode_audio,
    encode_dtmf,
    encode_error,
    encode_frame,
    encode_hangup,
    encode_uuid,
    split_pcm,
)


def test_headers_are_type_and_big_endian_length() -> None:
    assert encode_audio(b"\x01\x02" * 160)[:3] == b"\x10\x01\x40"
    assert encode_hangup() == b"\x00\x00\x00"
    assert encode_dtmf("5") == b"\x03\x00\x015"
    assert encode_error(7) == b"\xff\x00\x01\x07"
    call = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"
    assert encode_uuid(call) == b"\x01\x00\x10" + uuid.UUID(call).bytes


def test_frames_split_anywhere_in_the_stream_are_reassembled() -> None:
    call = str(uuid.uuid4())
    stream = (encode_uuid(call) + encode_audio(b"\x00\x01" * 160) + encode_dtmf("#") + encode_error(3)
              + encode_hangup())
    parser = AudioSocketParser()
    out = []
    for i in range(0, len(stream), 7):  # odd chunk sizes cut headers and payloads in half
        out.extend(parser.feed(stream[i:i + 7]))
    assert out == [CallId(uuid=call), Audio(pcm=b"\x00\x01" * 160), Digit(digit="#"), ErrorFrame(code=3),
                   HangupFrame()]


@pytest.mark.parametrize(("frame", "code"), [
    (encode_frame(0x10, b"\x00" * 3), "bad_audio"),
    (encode_frame(0x10, b"\x00" * 9000), "bad_audio"),
    (encode_frame(0x01, b"\x00" * 5), "bad_uuid"),
    (encode_frame(0x03, b"x"), "bad_dtmf"),
    (encode_frame(0x42, b""), "unknown_type"),
])
def test_bad_frames_raise_coded_faults(frame: bytes, code: str) -> None:
    with pytest.raises(ProtocolError) as info:
        AudioSocketParser().feed(frame)
    assert info.value.code == code


def test_pcm_is_cut_into_20_ms_frames() -> None:
    frames = split_pcm(b"\x01\x00" * 400)
    assert [len(f) for f in frames] == [320, 320, 320]
    assert frames[-1].endswith(b"\x00" * 160)
