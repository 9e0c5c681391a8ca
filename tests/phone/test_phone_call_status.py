"""Twilio's StatusCallback for the calls we place (``POST /phone/twilio/status``), in-process with the
app's real database and no models: the signature is checked as for every Twilio webhook (403 and
nothing stored), a CallSid we did not place is refused (404), and each status is recorded with its
duration and time, never going back from a final one; a call that reached nobody is 未送达."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from assistant.config import Settings, load_settings
from assistant.server.app import create_app
from assistant.server.outbound import status_url
from assistant.storage.db import Database
from assistant.storage.outbound import OutboundCall, OutboundCalls
from tests.phone.twilio_fake import ACCOUNT_SID, twilio_signature

TOKEN = "status-test-token"
TOKEN_ENV = "ASSISTANT_TEST_TWILIO_TOKEN_STATUS"
URL = "http://testserver/phone/twilio/status"
ELDER, FAMILY = "+8613800000001", "+8613900000009"


def no_models(settings: Settings) -> Any:
    raise RuntimeError("this test loads no models")


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[TestClient, Database]]:
    monkeypatch.setenv(TOKEN_ENV, TOKEN)
    settings = load_settings(environ={"ASSISTANT_SERVER__DATA_DIR": str(tmp_path),
                                      "ASSISTANT_PHONE__TWILIO_AUTH_TOKEN_ENV": TOKEN_ENV})
    with TestClient(create_app(settings, load=no_models, web_dir=tmp_path / "no-web")) as client, \
            Database(settings.db_path) as db:
        yield client, db


def placed(db: Database, sid: str, *, purpose: str = "reminder", to: str = ELDER) -> OutboundCall:
    store = OutboundCalls(db)
    record = store.add(user_id=None, purpose=purpose, to_number=to, opening="王奶奶，该吃药了。")  # type: ignore[arg-type]
    return store.attempt(record.id, call_sid=sid)


def form(sid: str, status: str, duration: int | None = None, seq: int = 0) -> dict[str, str]:
    fields = {"CallSid": sid, "AccountSid": ACCOUNT_SID, "CallStatus": status, "From": "+14155550100",
              "To": ELDER, "Direction": "outbound-api", "ApiVersion": "2010-04-01",
              "SequenceNumber": str(seq),
              "CallbackSource": "call-progress-events", "Timestamp": "Mon, 30 Nov 2026 23:55:01 +0000"}
    if duration is not None:
        fields["CallDuration"] = str(duration)
    return fields


def post(client: TestClient, fields: dict[str, str], *, token: str = TOKEN) -> int:
    signature = twilio_signature(token, URL, fields)
    headers = {"X-Twilio-Signature": signature}
    return client.post("/phone/twilio/status", data=fields, headers=headers).status_code


def test_unsigned_or_forged_callbacks_are_refused_and_nothing_is_stored(app: Any) -> None:
    client, db = app
    record = placed(db, "CA" + "a" * 32)
    fields = form(record.call_sid, "no-answer", 0)
    assert client.post("/phone/twilio/status", data=fields).status_code == 403
    assert post(client, fields, token="not-the-token") == 403
    tampered = twilio_signature(TOKEN, URL, form(record.call_sid, "completed", 30))
    assert client.post("/phone/twilio/status", data=fields,
                       headers={"X-Twilio-Signature": tampered}).status_code == 403
    after = OutboundCalls(db).get(record.id)
    assert after == record  # nothing stored: no status, no duration, not failed


def test_a_call_we_did_not_place_is_refused(app: Any) -> None:
    client, db = app
    placed(db, "CA" + "b" * 32)
    assert post(client, form("CA" + "c" * 32, "completed", 12)) == 404
    assert post(client, {k: v for k, v in form("x", "ringing").items() if k != "CallSid"}) == 400
    assert post(client, form("CA" + "b" * 32, "exploded")) == 400  # not a CallStatus
    assert post(client, form("CA" + "b" * 32, "completed", None) | {"CallDuration": "ten"}) == 400
    assert OutboundCalls(db).by_sid("CA" + "b" * 32).call_status == ""  # type: ignore[union-attr]


def test_each_status_is_recorded_and_an_answered_call_shows_its_duration(app: Any) -> None:
    client, db = app
    store = OutboundCalls(db)
    record = placed(db, "CA" + "d" * 32)
    for seq, status in enumerate(("initiated", "ringing", "in-progress")):
        assert post(client, form(record.call_sid, status, seq=seq)) == 204
        expected = "queued" if status == "initiated" else status
        assert store.get(record.id).call_status == expected  # type: ignore[union-attr]
    assert post(client, form(record.call_sid, "ringing", seq=1)) == 204  # late: in-progress stays
    assert store.get(record.id).call_status == "in-progress"  # type: ignore[union-attr]
    store.set_status(record.id, "answered")  # our media stream opened
    assert post(client, form(record.call_sid, "completed", 35, seq=3)) == 204
    assert post(client, form(record.call_sid, "ringing", seq=1)) == 204  # late, out of order: ignored
    done = store.get(record.id)
    assert done is not None
    assert (done.call_status, done.duration_s, done.status) == ("completed", 35, "answered")
    assert done.status_at == pytest.approx(1796082901.0)  # the callback's Timestamp
    assert done.label == "已接通 35 秒"


@pytest.mark.parametrize(("status", "label"), [
    ("no-answer", "未送达：无人接听"), ("busy", "未送达：占线"), ("failed", "未送达：呼叫失败"),
    ("canceled", "未送达：已取消")])
def test_a_call_that_reached_nobody_is_not_delivered(app: Any, status: str, label: str) -> None:
    client, db = app
    record = placed(db, "CA" + "e" * 32, purpose="family", to=FAMILY)
    assert post(client, form(record.call_sid, "ringing")) == 204
    assert OutboundCalls(db).get(record.id).label == "已拨出"  # type: ignore[union-attr]
    assert post(client, form(record.call_sid, status, 0)) == 204
    after = OutboundCalls(db).get(record.id)
    assert after is not None and after.status == "failed" and after.call_status == status
    assert after.duration_s == 0 and after.label == label


def test_completed_without_our_stream_is_not_delivered_but_a_family_call_is(app: Any) -> None:
    client, db = app
    elder = placed(db, "CA" + "f" * 32)
    family = placed(db, "CA" + "9" * 32, purpose="family", to=FAMILY)
    assert post(client, form(elder.call_sid, "completed", 4)) == 204
    assert post(client, form(family.call_sid, "completed", 21)) == 204
    store = OutboundCalls(db)
    assert store.get(elder.id).label == "未送达：接通后未连上助手"  # type: ignore[union-attr]
    assert store.get(family.id).label == "已接通 21 秒"  # type: ignore[union-attr]



def test_calls_ask_for_status_callbacks_on_the_public_host(tmp_path: Path) -> None:
    local = load_settings(environ={"ASSISTANT_SERVER__DATA_DIR": str(tmp_path),
                                   "ASSISTANT_SERVER__PORT": "8123"})
    public = load_settings(environ={"ASSISTANT_SERVER__DATA_DIR": str(tmp_path),
                                    "ASSISTANT_SERVER__PUBLIC_HOST": "care.example.cn"})
    assert status_url(local) == "http://127.0.0.1:8123/phone/twilio/status"
    assert status_url(public) == "https://care.example.cn/phone/twilio/status"
