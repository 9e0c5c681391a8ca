"""The phone line inside the care loop, in-process with the real scheduler and database and the fake
Twilio: a reminder with the app closed becomes an outbound call whose answer acknowledges the job;
a daily check-in fires at its time, calls, schedules tomorrow's, and its answers acknowledge it;
a check-in nobody answers escalates to the family after its tries; a reminder call that Twilio's
status callbacks say nobody answered (or busy) counts as not delivered, so the job's own retries and
then the family's alert follow."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from assistant.care.channels.twilio_rest import TwilioAccount
from assistant.care.checkin import CheckinPlan
from assistant.care.delivery import missed_summary
from assistant.care.outbound import OutboundCaller
from assistant.care.prompts import Reply
from assistant.care.scheduler import answer
from assistant.config import load_settings
from assistant.server.access import Storage
from assistant.server.alerts import build_alert_service
from assistant.server.call_status import parse_status, record_status
from assistant.server.care import start_care
from assistant.server.care_calls import attach_calls, schedule_checkin
from assistant.server.outbound import script_for
from assistant.server.state import AppState
from assistant.storage.alerts import AlertStore
from assistant.storage.checkins import Checkins
from assistant.storage.db import Database
from assistant.storage.household import ElderProfile, Households
from assistant.storage.outbound import OutboundCalls
from tests.phone.twilio_fake import ACCOUNT_SID, FakeTwilio

ELDER = "+8613800000001"


@pytest.fixture
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """SQLite (the default), or with ``indirect`` "postgres" a new database on the tests' PostgreSQL."""
    if getattr(request, "param", "sqlite") == "postgres":
        return str(request.getfixturevalue("postgres").new_database())
    return tmp_path / "assistant.db"


@pytest.fixture
async def state(tmp_path: Path, db_target: Path | str) -> AsyncIterator[tuple[AppState, FakeTwilio, int]]:
    settings = load_settings(environ={"ASSISTANT_SERVER__DATA_DIR": str(tmp_path),
                                      "ASSISTANT_TOOLS__TIMEZONE": "Asia/Shanghai"})
    with FakeTwilio(auth_token="tok") as fake:
        app = AppState(settings=settings)
        app.storage = Storage.open(Database(db_target))
        app.alerts = build_alert_service(settings, app.storage)
        account = TwilioAccount(account_sid=ACCOUNT_SID, auth_token="tok", from_number="+14155550100",
                                api_url=fake.url)
        app.caller = OutboundCaller(account, store=OutboundCalls(app.storage.db),
                                    db_run=app.storage.thread.run, stream_url="ws://127.0.0.1:1/phone/twilio")
        app.care = start_care(app)
        assert app.care is not None and app.care.task is not None
        app.care.task.cancel()  # the test drives the ticks, with its own clock
        attach_calls(app)
        households = Households(app.storage.db)
        elder = households.add_elder(1, ElderProfile(display_name="王秀英", address="王奶奶",
                                                     phones=(ELDER,)))
        yield app, fake, elder.user_id
        await app.care.aclose()
        await app.caller.aclose()
        await app.alerts.aclose()
        await app.storage.aclose()
        app.storage.db.close()


async def _tick(app: AppState, at: float) -> None:
    assert app.care is not None
    app.care.scheduler.clock = lambda: at
    await app.care.scheduler.tick()


async def test_reminder_goes_out_as_a_call_and_the_answer_acknowledges_it(state: Any) -> None:
    app, fake, elder = state
    now = time.time()
    job = await app.care.scheduler.add("reminder", user_id=elder, due_at=now,
                                       payload={"text": "吃降压药", "timezone": "Asia/Shanghai"})
    await _tick(app, now + 1)
    call, = fake.calls
    assert call.form["To"] == ELDER and "<Stream" in call.form["Twiml"]
    record = OutboundCalls(app.storage.db).for_user(elder)[0]
    assert record.purpose == "reminder" and record.ref_id == job.id and record.call_sid == call.sid
    assert record.opening.startswith("王奶奶") and "降压药" in record.opening
    assert record.opening.endswith("吗？")
    assert app.care.store.get(job.id).last_channel == "call"
    script = await script_for(app, record)  # what the call's stream waits for
    assert script is not None and await script.reply("吃过了", "zh") == "好的，记下了。"
    done = app.care.store.get(job.id)
    assert done.state == "acknowledged" and done.ack_channel == "call"


async def test_checkin_fires_calls_schedules_tomorrow_and_is_answered(state: Any) -> None:
    app, fake, elder = state
    store = Checkins(app.storage.db)
    plan = CheckinPlan(enabled=True, at="09:00", channel="call", tries=2)
    store.set_plan(elder, {"enabled": True, "at": "09:00", "channel": "call", "tries": 2})
    job = await schedule_checkin(app, elder, plan)
    assert job is not None and job.retries == 1
    await _tick(app, job.due_at + 1)
    call, = fake.calls
    record = OutboundCalls(app.storage.db).for_user(elder)[0]
    assert record.call_sid == call.sid and record.opening == "王奶奶您好，我来问候您一下。您昨晚睡得好吗？"
    later = [j for j in app.care.store.for_user(elder) if j.kind == "checkin" and j.id != job.id]
    assert len(later) == 1 and later[0].due_at - job.due_at == pytest.approx(86400, abs=3600)  # tomorrow
    script = await script_for(app, record)
    assert script is not None
    for said in ("睡得挺好", "吃了", "我腿有点疼"):
        await script.reply(said, "zh")
    checkin, = store.for_user(elder)
    assert checkin.status == "answered" and "腿有点疼" in checkin.summary
    assert app.care.store.get(job.id).state == "acknowledged"


async def test_unanswered_checkin_escalates_after_its_tries(state: Any) -> None:
    app, fake, elder = state
    Checkins(app.storage.db).set_plan(elder, {"enabled": True, "at": "09:00", "channel": "call", "tries": 2})
    job = await schedule_checkin(app, elder, CheckinPlan(enabled=True, at="09:00", channel="call", tries=2))
    await _tick(app, job.due_at + 1)
    await _tick(app, job.due_at + app.settings.care.retry_interval_s + 2)
    assert len(fake.calls) == 2
    checkin, = Checkins(app.storage.db).for_user(elder)
    assert checkin.tries == 2 and checkin.status == "open"
    await _tick(app, job.due_at + 2 * app.settings.care.retry_interval_s + 3)
    assert app.care.store.get(job.id).state == "escalated"
    alert, = AlertStore(app.storage.db).list_for_user(elder)
    assert alert.kind == "missed_checkin"


async def test_snooze_on_the_call(state: Any) -> None:
    app, _fake, elder = state
    now = time.time()
    job = await app.care.scheduler.add("reminder", user_id=elder, due_at=now,
                                       payload={"text": "量血压", "timezone": "Asia/Shanghai"})
    await _tick(app, now + 1)
    record = OutboundCalls(app.storage.db).for_user(elder)[0]
    script = await script_for(app, record)
    assert script is not None and await script.reply("等一会儿再提醒我", "zh") == "好的，十分钟后我再提醒您。"
    snoozed = app.care.store.get(job.id)
    assert snoozed.state == "pending" and snoozed.next_at >= now + app.settings.care.snooze_s - 5
    assert OutboundCalls(app.storage.db).get(record.id).reply == "snooze"


async def _line_says(app: AppState, fake: FakeTwilio, call: Any, *statuses: str) -> None:
    """Twilio's status callbacks for ``call`` (the fake's own fields), as the route applies them."""
    await fake.wait_done(call, 10)
    for status in statuses:
        duration = 0 if status in ("no-answer", "busy", "failed") else None
        form = fake.status_form(call, status, duration=duration)
        assert await record_status(app, parse_status(form, now=time.time())) is not None


@pytest.mark.parametrize("db_target", ["sqlite", "postgres"], indirect=True)
async def test_unanswered_reminder_calls_are_retried_then_escalated(state: Any) -> None:
    app, fake, elder = state
    fake.outcome = "no-answer"
    interval = app.settings.care.retry_interval_s
    now = time.time()
    job = await app.care.scheduler.add("reminder", user_id=elder, due_at=now,
                                       payload={"text": "吃降压药", "timezone": "Asia/Shanghai"})
    for attempt in range(1 + app.settings.care.retries):  # the first call and its two retries
        await _tick(app, now + 1 + attempt * interval)
        assert len(fake.calls) == attempt + 1
        assert app.care.store.get(job.id).last_channel == "call"  # out, ringing
        await _line_says(app, fake, fake.calls[-1], "initiated", "ringing", "no-answer")
        after = app.care.store.get(job.id)
        assert (after.state, after.attempts, after.last_channel) == ("pending", attempt + 1, "")
        record = OutboundCalls(app.storage.db).for_user(elder)[0]
        assert record.status == "failed" and record.label == "未送达：无人接听"
        assert await answer(app.storage.thread.run, app.care.store, app.settings.care, user_id=elder,
                            reply=Reply(kind="ack"), channel="voice", now=time.time()) is None
    await _tick(app, now + 1 + 3 * interval)
    assert len(fake.calls) == 3 and app.care.store.get(job.id).state == "escalated"
    alert, = AlertStore(app.storage.db).list_for_user(elder)
    assert alert.kind == "missed_reminder" and "吃降压药" in alert.text
    calls = OutboundCalls(app.storage.db).for_ref("reminder", job.id)
    headline = missed_summary("王奶奶", app.care.store.get(job.id), calls)  # the family's alert says why
    assert headline.endswith("一直没有确认。打了3次电话：无人接听。请家人尽快联系看看。"), headline


async def test_an_answered_call_still_waits_for_the_answer(state: Any) -> None:
    app, fake, elder = state
    fake.outcome = "busy"
    fake.outcomes = ["answered"]  # the first call is answered (nobody says anything), then busy
    now = time.time()
    job = await app.care.scheduler.add("reminder", user_id=elder, due_at=now,
                                       payload={"text": "量血压", "timezone": "Asia/Shanghai"})
    await _tick(app, now + 1)
    await _line_says(app, fake, fake.calls[0], "initiated", "ringing", "in-progress")
    store = OutboundCalls(app.storage.db)
    store.set_status(store.for_user(elder)[0].id, "answered")  # its media stream opened
    await _line_says(app, fake, fake.calls[0], "completed")
    assert app.care.store.get(job.id).last_channel == "call"  # reached: the answer is awaited
    await _tick(app, now + 2 + app.settings.care.retry_interval_s)
    await _line_says(app, fake, fake.calls[1], "initiated", "busy")
    assert app.care.store.get(job.id).last_channel == ""
    first, second = reversed(store.for_user(elder))
    assert first.label.startswith("已接通") and second.label == "未送达：占线"


async def test_a_busy_checkin_call_is_not_delivered(state: Any) -> None:
    app, fake, elder = state
    fake.outcome = "busy"
    Checkins(app.storage.db).set_plan(elder, {"enabled": True, "at": "09:00", "channel": "call", "tries": 2})
    job = await schedule_checkin(app, elder, CheckinPlan(enabled=True, at="09:00", channel="call", tries=2))
    await _tick(app, job.due_at + 1)
    assert app.care.store.get(job.id).last_channel == "call"
    await _line_says(app, fake, fake.calls[0], "initiated", "busy")
    assert app.care.store.get(job.id).last_channel == ""
    assert OutboundCalls(app.storage.db).for_user(elder)[0].label == "未送达：占线"
