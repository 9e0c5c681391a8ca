"""The TwiML webhook and the stream's admission checks, in-process (no models are loaded: the app's
lifespan is not started, so a stream that passes every check is refused as "starting up")."""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from assistant.config import Settings, load_settings
from assistant.protocol.twilio import (
    check_ticket,
    compute_signature,
    encode_connected_event,
    encode_media_event,
    encode_start_event,
    make_ticket,
)
from assistant.server.app import create_app

TOKEN = "webhook-test-token"
TOKEN_ENV = "ASSISTANT_TEST_TWILIO_TOKEN_PHONE"
VOICE = "http://testserver/phone/twilio/voice"
CALL = {"CallSid": "CA0123", "From": "+8613800000000", "To": "+14155550100", "AccountSid": "AC1"}


def no_models(settings: Settings) -> Any:
    raise RuntimeError("this test loads no models")


def make_client(tmp_path: Path, **phone: Any) -> TestClient:
    env = {"ASSISTANT_SERVER__DATA_DIR": str(tmp_path), "ASSISTANT_PHONE__TWILIO_AUTH_TOKEN_ENV": TOKEN_ENV}
    for key, value in phone.items():
        section, _, name = key.partition("__")
        env[f"ASSISTANT_{section.upper()}__{name.upper()}"] = str(value)
    return TestClient(create_app(load_settings(environ=env), load=no_models, web_dir=tmp_path / "no-web"))


@pytest.fixture
def token(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    yield TOKEN


def stream_of(body: str) -> tuple[str, dict[str, str]]:
    stream = ET.fromstring(body).find("./Connect/Stream")
    assert stream is not None, body
    return stream.get("url", ""), {p.get("name", ""): p.get("value", "") for p in stream.findall("Parameter")}


def test_signed_webhook_gets_a_stream_with_a_ticket(tmp_path: Path, token: str) -> None:
    client = make_client(tmp_path)
    signature = compute_signature(token, VOICE, CALL.items())
    response = client.post("/phone/twilio/voice", data=CALL, headers={"X-Twilio-Signature": signature})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/xml")
    url, params = stream_of(response.text)
    assert url == "ws://testserver/phone/twilio"
    assert params["from"] == "+8613800000000"
    check_ticket(token, params["ticket"], call_sid="CA0123", caller="+8613800000000", now=time.time())


def test_missing_or_forged_signatures_are_refused(tmp_path: Path, token: str) -> None:
    client = make_client(tmp_path)
    assert client.post("/phone/twilio/voice", data=CALL).status_code == 403
    forged = compute_signature("not-the-token", VOICE, CALL.items())
    assert client.post("/phone/twilio/voice", data=CALL,
                       headers={"X-Twilio-Signature": forged}).status_code == 403
    tampered = compute_signature(token, VOICE, CALL.items())
    other = {**CALL, "From": "+8613900000000"}
    assert client.post("/phone/twilio/voice", data=other,
                       headers={"X-Twilio-Signature": tampered}).status_code == 403
    assert client.get("/phone/twilio/voice?From=%2B1").status_code == 403


def test_get_webhook_signs_the_query(tmp_path: Path, token: str) -> None:
    client = make_client(tmp_path)
    query = "CallSid=CA9&From=%2B8613800000000"
    signature = compute_signature(token, f"{VOICE}?{query}")
    response = client.get(f"/phone/twilio/voice?{query}", headers={"X-Twilio-Signature": signature})
    assert response.status_code == 200, response.text
    assert stream_of(response.text)[1]["from"] == "+8613800000000"


def test_public_host_is_what_twilio_signs_and_connects_to(tmp_path: Path, token: str) -> None:
    client = make_client(tmp_path, server__public_host="assistant.example.com")
    signature = compute_signature(token, "https://assistant.example.com/phone/twilio/voice", CALL.items())
    response = client.post("/phone/twilio/voice", data=CALL, headers={"X-Twilio-Signature": signature})
    assert response.status_code == 200, response.text
    assert stream_of(response.text)[0] == "wss://assistant.example.com/phone/twilio"


def test_callers_outside_the_allowlist_are_rejected(tmp_path: Path, token: str) -> None:
    client = make_client(tmp_path, phone__allowed_callers="+8613700000000")
    signature = compute_signature(token, VOICE, CALL.items())
    response = client.post("/phone/twilio/voice", data=CALL, headers={"X-Twilio-Signature": signature})
    assert response.status_code == 200
    assert [e.tag for e in ET.fromstring(response.text)] == ["Say", "Hangup"]


def test_without_a_token_only_open_servers_take_calls(tmp_path: Path) -> None:
    assert make_client(tmp_path).post("/phone/twilio/voice", data=CALL).status_code == 403
    response = make_client(tmp_path, server__open="1").post("/phone/twilio/voice", data=CALL)
    assert response.status_code == 200
    assert stream_of(response.text)[1] == {"from": "+8613800000000"}


def start_frame(params: dict[str, str], call_sid: str = "CA0123") -> str:
    return encode_start_event(stream_sid="MZ1", call_sid=call_sid, parameters=params)


def close_of(client: TestClient, *frames: str) -> tuple[int, str]:
    with client.websocket_connect("/phone/twilio") as ws:
        for frame in frames:
            ws.send_text(frame)
        message = ws.receive()
    assert message["type"] == "websocket.close", message
    return int(message["code"]), str(message.get("reason", ""))


def test_stream_admission(tmp_path: Path, token: str) -> None:
    client = make_client(tmp_path, phone__allowed_callers="+8613800000000")
    good = make_ticket(token, call_sid="CA0123", caller="+8613800000000", expires=int(time.time()) + 60)
    assert close_of(client, encode_connected_event(), start_frame({"from": "+8613800000000"}))[0] == 4401
    forged = make_ticket("guess", call_sid="CA0123", caller="+8613800000000", expires=int(time.time()) + 60)
    assert close_of(client, start_frame({"from": "+8613800000000", "ticket": forged}))[0] == 4401
    other_call = start_frame({"from": "+8613800000000", "ticket": good}, call_sid="CA9999")
    assert close_of(client, other_call)[0] == 4401
    expired = make_ticket(token, call_sid="CA0123", caller="+8613800000000", expires=int(time.time()) - 1)
    code, reason = close_of(client, start_frame({"from": "+8613800000000", "ticket": expired}))
    assert (code, reason.split(":")[0]) == (4401, "ticket_expired")
    stranger = make_ticket(token, call_sid="CA0123", caller="+8613900000000", expires=int(time.time()) + 60)
    assert close_of(client, start_frame({"from": "+8613900000000", "ticket": stranger}))[0] == 4403
    code, reason = close_of(client, start_frame({"from": "+8613800000000", "ticket": good}))
    assert code == 1013 and "starting up" in reason  # authorised; the models are not loaded here
    assert close_of(client, start_frame({"from": "+8613800000000", "ticket": good}))[0] == 4401  # used once


def test_outbound_stream_admission(tmp_path: Path, token: str) -> None:
    """Our own call's stream: the ticket is bound to its record ("outbound:<id>") and the number we
    called (the inbound allowlist does not apply to it), and works once."""
    client = make_client(tmp_path, phone__allowed_callers="+8613800000000")
    elder = "+8613900000000"
    good = make_ticket(token, call_sid="outbound:7", caller=elder, expires=int(time.time()) + 60)
    assert close_of(client, start_frame({"from": elder, "outbound": "8", "ticket": good}))[0] == 4401
    inbound = make_ticket(token, call_sid="CA0123", caller=elder, expires=int(time.time()) + 60)
    assert close_of(client, start_frame({"from": elder, "outbound": "7", "ticket": inbound}))[0] == 4401
    code, reason = close_of(client, start_frame({"from": elder, "outbound": "7", "ticket": good}))
    assert code == 1013 and "starting up" in reason  # authorised; the models are not loaded here
    assert close_of(client, start_frame({"from": elder, "outbound": "7", "ticket": good},
                                        call_sid="CA5555"))[0] == 4401  # used once, whatever the CallSid


def test_media_before_start_closes_with_a_reason(tmp_path: Path) -> None:
    client = make_client(tmp_path, server__open="1")
    media = encode_media_event(stream_sid="MZ1", payload=b"\xff" * 160, chunk=0, timestamp_ms=0)
    code, reason = close_of(client, encode_connected_event(), media)
    assert code == 1008 and reason.startswith("media_before_start")
    assert close_of(client, "{oops")[0] == 1008
