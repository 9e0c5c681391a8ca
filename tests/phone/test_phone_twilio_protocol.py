"""The Twilio Media Streams wire format, sans I/O: frames in, typed messages or coded faults out."""

from __future__ import annotations

import base64
import json
import xml.etree.ElementTree as ET

import pytest

from assistant.errors import ProtocolError
from assistant.protocol.twilio import (
    Connected,
    Dtmf,
    Mark,
    Media,
    OutClear,
    OutMark,
    OutMedia,
    Start,
    Stop,
    TwilioParser,
    check_signature,
    check_ticket,
    compute_signature,
    encode_clear,
    encode_connected_event,
    encode_dtmf_event,
    encode_mark,
    encode_mark_event,
    encode_media,
    encode_media_event,
    encode_start_event,
    encode_stop_event,
    make_ticket,
    parse_server_frame,
    split_frames,
    twiml_reject,
    twiml_stream,
)

SID = "MZ0123456789abcdef0123456789abcdef"


def started() -> TwilioParser:
    parser = TwilioParser()
    parser.feed(encode_connected_event())
    parser.feed(encode_start_event(stream_sid=SID, call_sid="CA1", parameters={"from": "+8613800000000"}))
    return parser


def fault(parser: TwilioParser, frame: str) -> str:
    with pytest.raises(ProtocolError) as info:
        parser.feed(frame)
    assert info.value.message
    return info.value.code


def test_a_call_parses_in_order() -> None:
    parser = TwilioParser()
    assert parser.feed(encode_connected_event()) == Connected(protocol="Call", version="1.0.0")
    start = parser.feed(encode_start_event(stream_sid=SID, call_sid="CA42",
                                           parameters={"from": "+86138", "ticket": "t"}))
    assert isinstance(start, Start)
    assert (start.stream_sid, start.call_sid, dict(start.parameters)) == (SID, "CA42",
                                                                          {"from": "+86138", "ticket": "t"})
    assert (start.encoding, start.rate, start.channels) == ("audio/x-mulaw", 8000, 1)
    media = parser.feed(encode_media_event(stream_sid=SID, payload=b"\xff" * 160, chunk=3, timestamp_ms=60))
    assert media == Media(payload=b"\xff" * 160, track="inbound", chunk=3, timestamp_ms=60)
    assert parser.feed(encode_dtmf_event(stream_sid=SID, digit="0")) == Dtmf(digit="0")
    assert parser.feed(encode_mark_event(stream_sid=SID, name="3:1")) == Mark(name="3:1")
    assert parser.feed(encode_stop_event(stream_sid=SID, call_sid="CA42")) == Stop(call_sid="CA42")
    assert parser.stopped


def test_the_documented_start_frame() -> None:
    frame = json.dumps({"event": "start", "sequenceNumber": "1", "streamSid": SID, "start": {
        "accountSid": "AC1", "streamSid": SID, "callSid": "CA1", "tracks": ["inbound"],
        "customParameters": {"from": "+1"}, "mediaFormat": {"encoding": "audio/x-mulaw", "sampleRate": 8000,
                                                             "channels": 1}}})
    start = TwilioParser().feed(frame)
    assert isinstance(start, Start) and start.account_sid == "AC1" and start.tracks == ("inbound",)


@pytest.mark.parametrize(("frame", "code"), [
    ("{not json", "invalid_json"),
    ("[1, 2]", "invalid_json"),
    ('{"no": "event"}', "missing_event"),
    ('{"event": "dance"}', "unknown_event"),
    ('{"event": "media", "media": {"payload": "AAAA"}}', "media_before_start"),
    ('{"event": "dtmf", "dtmf": {"digit": "1"}}', "not_started"),
    ('{"event": "start", "start": {"callSid": "CA1"}}', "bad_start"),
    ('{"event": "start", "start": {"streamSid": "MZ", "callSid": "CA1", "mediaFormat": '
     '{"encoding": "audio/l16", "sampleRate": 16000, "channels": 1}}}', "bad_media_format"),
])
def test_bad_frames_before_start(frame: str, code: str) -> None:
    assert fault(TwilioParser(), frame) == code


@pytest.mark.parametrize(("frame", "code"), [
    (json.dumps({"event": "media", "streamSid": SID, "media": {"payload": "not base64!!"}}), "bad_payload"),
    (json.dumps({"event": "media", "streamSid": SID, "media": {"payload": 5}}), "bad_payload"),
    (json.dumps({"event": "media", "streamSid": SID, "media": "x"}), "bad_payload"),
    (json.dumps({"event": "media", "streamSid": "MZother", "media": {"payload": "AAAA"}}), "wrong_stream"),
    (json.dumps({"event": "dtmf", "streamSid": SID, "dtmf": {"digit": "x"}}), "bad_dtmf"),
    (json.dumps({"event": "mark", "streamSid": SID, "mark": {"name": 3}}), "bad_mark"),
    (encode_start_event(stream_sid=SID, call_sid="CA1", parameters={}), "already_started"),
    ('{"event": "stream-lost"}', "unknown_event"),
])
def test_bad_frames_after_start_keep_the_parser_usable(frame: str, code: str) -> None:
    parser = started()
    assert fault(parser, frame) == code
    first_media = encode_media_event(stream_sid=SID, payload=b"\x00", chunk=0, timestamp_ms=0)
    assert isinstance(parser.feed(first_media), Media)


def test_outbound_frames_round_trip_through_the_twilio_side() -> None:
    media = json.loads(encode_media(SID, b"\x01\x02"))
    assert media == {"event": "media", "streamSid": SID,
                     "media": {"payload": base64.b64encode(b"\x01\x02").decode()}}
    assert parse_server_frame(encode_media(SID, b"\x01\x02")) == OutMedia(payload=b"\x01\x02")
    assert parse_server_frame(encode_mark(SID, "4:0")) == OutMark(name="4:0")
    assert parse_server_frame(encode_clear(SID)) == OutClear()
    assert json.loads(encode_clear(SID)) == {"event": "clear", "streamSid": SID}


def test_frames_are_20_ms_with_the_last_padded_with_silence() -> None:
    frames = split_frames(b"\x10" * 400)
    assert [len(f) for f in frames] == [160, 160, 160]
    assert frames[-1] == b"\x10" * 80 + b"\xff" * 80
    assert split_frames(b"") == []


def test_twiml_connects_a_stream_with_escaped_parameters() -> None:
    body = twiml_stream("wss://example.com/phone/twilio", {"from": "+86138", "ticket": 'a"b<&'})
    root = ET.fromstring(body)
    stream = root.find("./Connect/Stream")
    assert stream is not None and stream.get("url") == "wss://example.com/phone/twilio"
    assert {p.get("name"): p.get("value") for p in stream.findall("Parameter")} == {"from": "+86138",
                                                                                    "ticket": 'a"b<&'}
    reject = ET.fromstring(twiml_reject("不行 <&>"))
    assert [child.tag for child in reject] == ["Say", "Hangup"] and reject[0].text == "不行 <&>"


DOC_URL = "https://mycompany.com/myapp.php?foo=1&bar=2"
DOC_PARAMS = {"CallSid": "CA1234567890ABCDE", "Caller": "+14158675309", "Digits": "1234",
              "From": "+14158675309", "To": "+18005551212"}


def test_signature_matches_twilios_published_vectors() -> None:
    assert compute_signature("12345", DOC_URL, DOC_PARAMS.items()) == "RSOYDt4T1cUTdK1PDd93/VVr8B8="
    repeated = [("Sid", "CA123"), ("SidAccount", "AC123"), ("Digits", "5678"), ("Digits", "1234"),
                ("Digits", "1234")]
    assert compute_signature("12345", DOC_URL, repeated) == "IK+Dwps556ElfBT0I3Rgjkr1wJU="


def test_signature_check_rejects_forgeries_and_accepts_port_variants() -> None:
    good = "RSOYDt4T1cUTdK1PDd93/VVr8B8="
    assert check_signature("12345", good, [DOC_URL], DOC_PARAMS.items())
    assert check_signature("12345", good, ["http://127.0.0.1/x", DOC_URL], DOC_PARAMS.items())
    assert check_signature("12345", good, ["https://mycompany.com:443/myapp.php?foo=1&bar=2"],
                           DOC_PARAMS.items())
    assert not check_signature("12345", good, [DOC_URL], {**DOC_PARAMS, "Digits": "9999"}.items())
    assert not check_signature("12345", good, [DOC_URL + "&x=1"], DOC_PARAMS.items())
    assert not check_signature("54321", good, [DOC_URL], DOC_PARAMS.items())
    assert not check_signature("12345", "", [DOC_URL], DOC_PARAMS.items())
    assert not check_signature("12345", "伪造", [DOC_URL], DOC_PARAMS.items())
    assert not check_signature("", good, [DOC_URL], DOC_PARAMS.items())


def test_tickets_bind_the_call_the_caller_and_a_deadline() -> None:
    ticket = make_ticket("secret", call_sid="CA1", caller="+86138", expires=1000)
    check_ticket("secret", ticket, call_sid="CA1", caller="+86138", now=999.0)
    for kwargs, code in [
        ({"call_sid": "CA2", "caller": "+86138", "now": 999.0}, "unauthorized"),
        ({"call_sid": "CA1", "caller": "+86139", "now": 999.0}, "unauthorized"),
        ({"call_sid": "CA1", "caller": "+86138", "now": 1001.0}, "ticket_expired"),
    ]:
        with pytest.raises(ProtocolError) as info:
            check_ticket("secret", ticket, **kwargs)  # type: ignore[arg-type]
        assert info.value.code == code
    for bad in ("", "garbage", "1000.", f"{ticket}x", ticket.replace("1000.", "9999.")):
        with pytest.raises(ProtocolError):
            check_ticket("secret", bad, call_sid="CA1", caller="+86138", now=999.0)
    with pytest.raises(ProtocolError):
        check_ticket("other", ticket, call_sid="CA1", caller="+86138", now=999.0)
