"""A reminder call nobody answers, end to end: the real server (models, the care loop with short
retries, Twilio pointing at the local fake of its REST API, the family's webhook a real local HTTP
server). The elder's app is closed, so the reminder goes out as a call; the fake rings it out
(no-answer) and posts Twilio's signed status callbacks to ``/phone/twilio/status``; the attempt
counts as not delivered, the job is retried (another call, unanswered too) and then the family's
webhook gets the missed-reminder alert, while ``/api/calls`` shows each call as 未送达：无人接听."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from assistant.storage.cli import cmd_pair_owner
from assistant.storage.db import Database
from tests.care.webhook_server import RobotServer
from tests.conftest import TWILIO_TEST_TOKEN, ServerInfo, start_server, stop_server
from tests.phone.twilio_fake import ACCOUNT_SID, FakeTwilio
from tests.server.care_helpers import CARE_ENV, redeem, remind, reminder_status

pytestmark = pytest.mark.slow

ELDER = "+8613800000001"


@pytest.fixture(scope="module")
def robot() -> Iterator[RobotServer]:
    with RobotServer() as server:
        yield server


@pytest.fixture(scope="module")
def fake() -> Iterator[FakeTwilio]:
    with FakeTwilio(auth_token=TWILIO_TEST_TOKEN) as twilio:
        twilio.outcome = "no-answer"
        yield twilio


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, model_store: Any, robot: RobotServer,
           fake: FakeTwilio) -> Iterator[ServerInfo]:
    data_dir = tmp_path_factory.mktemp("unanswered")
    proc, port, as_port, log_path, env = start_server(data_dir, extra_env={
        **CARE_ENV, "ASSISTANT_ALERTS__WEBHOOKS": f"json:{robot.url}/family-hook",
        "ASSISTANT_PHONE__TWILIO_ACCOUNT_SID": ACCOUNT_SID, "ASSISTANT_PHONE__TWILIO_FROM": "+14155550100",
        "ASSISTANT_PHONE__TWILIO_API_URL": fake.url})
    try:
        yield ServerInfo(http=f"http://127.0.0.1:{port}", port=port, token="", data_dir=data_dir,
                         log_path=log_path, env=env, audiosocket_port=as_port, process=proc)
    finally:
        stop_server(proc)


def _owner(server: ServerInfo) -> httpx.Client:
    out = io.StringIO()
    with Database(server.db_path) as db:
        assert cmd_pair_owner(db, server.http, out=out) == 0
    found = re.search(r"https?://\S+#pair=\d+", out.getvalue())
    assert found is not None
    token = redeem(server.http, found.group(0))
    return httpx.Client(base_url=server.http, timeout=10, headers={"Authorization": f"Bearer {token}"})


def test_unanswered_reminder_call_is_retried_then_the_family_is_alerted(
        server: ServerInfo, robot: RobotServer, fake: FakeTwilio) -> None:
    with _owner(server) as owner:
        elder = owner.post("/api/elders", json={"name": "王秀兰", "address": "王奶奶",
                                                "phones": [ELDER]}).json()
        rid = remind(server.db_path, int(elder["id"]), "吃降压药", 0.5)  # her app is closed
        deadline = time.monotonic() + 60
        while not robot.received and time.monotonic() < deadline:
            time.sleep(0.5)
        assert robot.received, server.log()[-3000:]
        path, body = robot.received[-1]
        assert path == "/family-hook" and body["kind"] == "missed_reminder" and body["text"] == "吃降压药"
        assert body["message"].startswith("【提醒未确认】王奶奶"), body
        assert "打了2次电话：无人接听。" in body["message"], body
        assert reminder_status(owner, int(elder["id"]), rid)["status"] == "escalated"
        assert len(fake.calls) == 2  # the first call and care.retries = 1, both unanswered
        for call in fake.calls:
            assert call.form["To"] == ELDER and "<Stream" in call.form["Twiml"]
            assert call.form["StatusCallback"] == f"http://127.0.0.1:{server.port}/phone/twilio/status"
            assert call.form["StatusCallbackMethod"] == "POST"
            assert call.form["StatusCallbackEvent"] == "initiated ringing answered completed"
            assert call.done.wait(10) and not call.error, call.error
            assert call.callbacks == [("initiated", 204), ("ringing", 204), ("no-answer", 204)]
        calls = owner.get("/api/calls", params={"elder_id": elder["id"]}).json()["calls"]
        assert [(c["purpose"], c["status"], c["call_status"], c["label"]) for c in calls] == [
            ("reminder", "failed", "no-answer", "未送达：无人接听")] * 2, calls
        assert all(c["duration_s"] == 0 and c["status_at"] for c in calls)
    assert "not delivered" in server.log()
