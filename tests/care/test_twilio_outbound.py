"""Outbound calls and SMS against a local fake of Twilio's REST API (a real HTTP server speaking
Twilio's format); retries, back-off and "未送达" when the API cannot be reached."""

from __future__ import annotations

import asyncio
import logging
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest

from assistant.care.alerts import AlertService, channels_from_settings
from assistant.care.channels.twilio_rest import (
    CallRequest,
    TwilioAccount,
    create_call,
    send_message,
    twilio_account,
    twiml_say,
)
from assistant.care.emergency import Emergency, EmergencyAdvice, EmergencyReport, emergency_reply
from assistant.care.outbound import OutboundCaller
from assistant.config import AlertSettings, PhoneSettings
from assistant.errors import DeliveryError, ProtocolError
from assistant.protocol.twilio import check_ticket
from assistant.storage.alerts import AlertStore
from assistant.storage.db import Database, DatabaseThread
from assistant.storage.outbound import OutboundCalls
from tests.conftest import free_port
from tests.phone.twilio_fake import ACCOUNT_SID, FakeTwilio

TOKEN = "fake-twilio-token"
STREAM = "wss://assistant.example.com/phone/twilio"


def _account(url: str, token: str = TOKEN) -> TwilioAccount:
    return TwilioAccount(account_sid=ACCOUNT_SID, auth_token=token, from_number="+14155550100", api_url=url,
                         timeout_s=2.0)


async def test_calls_create_speaks_twilios_format() -> None:
    with FakeTwilio(auth_token=TOKEN) as fake:
        async with httpx.AsyncClient() as client:
            created = await create_call(_account(fake.url), client, CallRequest(
                to="+8613800000001", twiml=twiml_say("您好"), status_callback="https://x.example/status"))
            assert created["sid"].startswith("CA") and created["status"] == "queued"
            assert created["direction"] == "outbound-api" and created["to"] == "+8613800000001"
            call, = fake.calls
            assert call.form["From"] == "+14155550100" and call.form["Timeout"] == "30"
            assert call.form["StatusCallback"] == "https://x.example/status"
            assert ET.fromstring(call.form["Twiml"]).find("Say") is not None
            with pytest.raises(DeliveryError, match="HTTP 401: 20003"):  # a wrong token
                await create_call(_account(fake.url, "wrong"), client,
                                  CallRequest(to="+1", twiml="<Response/>"))
            with pytest.raises(DeliveryError, match="21201"):  # no To
                await create_call(_account(fake.url), client, CallRequest(to="", twiml="<Response/>"))
            message = await send_message(_account(fake.url), client, to="+8613800000002", body="测试短信")
            assert message["sid"].startswith("SM") and fake.messages[0]["Body"] == "测试短信"
        assert len(fake.calls) == 1 and [s for s, _ in fake.refused] == [401, 400]


def test_account_from_settings() -> None:
    phone = PhoneSettings(twilio_account_sid=ACCOUNT_SID, twilio_from="+14155550100")
    assert twilio_account(phone, {}) is None  # no token
    account = twilio_account(phone, {"TWILIO_AUTH_TOKEN": "s3cret-token"})
    assert account is not None and account.api_url == "https://api.twilio.com"
    assert "s3cret" not in repr(account)
    assert twilio_account(PhoneSettings(), {"TWILIO_AUTH_TOKEN": "t"}) is None


async def test_call_to_the_elder_carries_a_ticket_for_its_record(tmp_path: Path) -> None:
    with Database(tmp_path / "a.db") as db, FakeTwilio(auth_token=TOKEN) as fake:
        thread = DatabaseThread(db)
        elder = db.ensure_user("王奶奶")
        caller = OutboundCaller(_account(fake.url), store=OutboundCalls(db), db_run=thread.run,
                                stream_url=STREAM)
        record = await caller.call_elder(user_id=elder.id, to="+8613800000001", purpose="reminder",
                                         opening="王奶奶，八点了，该吃降压药了。吃了吗？", ref_id=7)
        assert record.status == "placed" and record.call_sid == fake.calls[0].sid and record.attempts == 1
        stream = ET.fromstring(fake.calls[0].form["Twiml"]).find("./Connect/Stream")
        assert stream is not None and stream.get("url") == STREAM
        params = {p.get("name"): p.get("value", "") for p in stream.findall("Parameter")}
        assert params["outbound"] == str(record.id) and params["from"] == "+8613800000001"
        check_ticket(TOKEN, params["ticket"], call_sid=f"outbound:{record.id}", caller="+8613800000001",
                     now=time.time())
        with pytest.raises(ProtocolError):  # bound to this record: no other call can use it
            check_ticket(TOKEN, params["ticket"], call_sid=f"outbound:{record.id + 1}",
                         caller="+8613800000001", now=time.time())
        await caller.aclose()
        await thread.aclose()


async def test_unreachable_api_is_retried_logged_and_not_delivered_without_blocking_others(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="assistant.care.outbound")
    waits: list[float] = []
    release, waiting = asyncio.Event(), asyncio.Event()

    async def slow_sleep(seconds: float) -> None:  # the back-off, held until the other job is done
        waits.append(seconds)
        waiting.set()
        await release.wait()

    with Database(tmp_path / "a.db") as db, FakeTwilio(auth_token=TOKEN) as fake:
        thread = DatabaseThread(db)
        elder = db.ensure_user("王奶奶")
        store = OutboundCalls(db)
        dead = OutboundCaller(_account(f"http://127.0.0.1:{free_port()}"), store=store, db_run=thread.run,
                              stream_url=STREAM, retries=2, backoff_s=2.0, sleep=slow_sleep)
        alive = OutboundCaller(_account(fake.url), store=store, db_run=thread.run, stream_url=STREAM)
        stuck = asyncio.create_task(dead.call_elder(user_id=elder.id, to="+8613800000001", purpose="reminder",
                                                    opening="该吃药了。吃了吗？"))
        await asyncio.wait_for(waiting.wait(), 10)
        other = await asyncio.wait_for(alive.call_elder(user_id=elder.id, to="+8613800000002",
                                                        purpose="checkin", opening="早上好！"), 5)
        assert other.status == "placed" and not stuck.done()  # the other job went through meanwhile
        release.set()
        failed = await asyncio.wait_for(stuck, 10)
        assert failed.status == "failed" and failed.label == "未送达" and failed.attempts == 3
        assert waits == [2.0, 4.0] and "ConnectError" in failed.last_error
        assert sum("attempt" in r.getMessage() and "failed" in r.getMessage() for r in caplog.records) == 3
        assert any("not delivered after 3 attempts" in r.getMessage() for r in caplog.records)
        assert [c.label for c in store.for_user(elder.id)] == ["已拨出", "未送达"]
        for c in (dead, alive):
            await c.aclose()
        await thread.aclose()


async def test_sms_alert_channel(tmp_path: Path) -> None:
    with Database(tmp_path / "a.db") as db, FakeTwilio(auth_token=TOKEN) as fake:
        thread = DatabaseThread(db)
        user = db.ensure_user("王奶奶")
        settings = AlertSettings(family_phone="+8613900000009", retries=0)
        channels = channels_from_settings(settings, {}, twilio=_account(fake.url))
        assert [c.name for c in channels] == ["sms:+861****0009"]
        assert channels_from_settings(settings, {}) == []  # no Twilio: no SMS

        async def users(name: str) -> tuple[int, str]:
            return user.id, user.name

        service = AlertService(settings, store=AlertStore(db), db_run=thread.run, users=users,
                               channels=channels)
        report = EmergencyReport(user_id="1", session_id="s", at=time.time(),
                                 emergency=Emergency(kind="fall", phrase="摔倒了", text="我摔倒了，起不来了"))
        await asyncio.wait_for(service.submit(report), 5)
        sms, = fake.messages
        assert sms["To"] == "+8613900000009"
        assert "我摔倒了，起不来了" in sms["Body"] and "王奶奶" in sms["Body"]
        alert, = AlertStore(db).list_for_user(user.id)
        assert alert.status == "delivered"
        await service.aclose()
        await thread.aclose()


def test_emergency_reply_offers_the_call_when_a_line_is_set() -> None:
    fall = Emergency(kind="fall", phrase="摔倒了", text="我摔倒了")
    offered = emergency_reply(fall, language="zh", advice=EmergencyAdvice(family_phone="13800000000",
                                                                           offer_call=True))
    assert offered.endswith("要我现在给您家人打电话吗？") and "一二零" in offered
    plain = emergency_reply(fall, language="zh", advice=EmergencyAdvice(family_phone="13800000000"))
    assert "一三八" in plain and "打电话吗" not in plain
    assert "Shall I call your family" in emergency_reply(fall, language="en",
                                                         advice=EmergencyAdvice(offer_call=True))
