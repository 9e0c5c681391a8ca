"""``/api/checkins`` and ``/api/calls`` on a real server (no models): the check-in plan, refused with a
reason when malformed, the stored check-ins with their summaries, the outbound calls with 未送达."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.care.checkin import summarize
from assistant.storage.checkins import Checkins
from assistant.storage.db import Database
from assistant.storage.outbound import OutboundCalls
from tests.server.api_server import Api, serve_api
from tests.server.test_family_api import GRANNY, owner_token


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    with serve_api(tmp_path) as running:
        yield running


def test_checkin_plan_checkins_and_calls(api: Api) -> None:
    owner = api.client(owner_token(api))
    elder = owner.post("/api/elders", json=GRANNY).json()
    listed = owner.get("/api/checkins", params={"elder_id": elder["id"]}).json()
    assert listed["plan"]["enabled"] is False and listed["checkins"] == []  # off by default

    bad = owner.put("/api/checkins/plan", json={"elder_id": elder["id"], "enabled": True, "at": "8点"})
    assert bad.status_code == 400 and "a time like 09:00" in bad.json()["message"]
    assert owner.get("/api/checkins", params={"elder_id": elder["id"]}).json()["plan"]["enabled"] is False
    ok = owner.put("/api/checkins/plan", json={"elder_id": elder["id"], "enabled": True, "at": "08:30",
                                               "channel": "call", "tries": 2})
    assert ok.status_code == 200 and ok.json()["plan"]["at"] == "08:30"
    assert owner.put("/api/checkins/plan", json={"elder_id": 999, "enabled": True}).status_code == 404

    answers = {"sleep": "睡得挺好", "meal": "吃了", "pain": "我腿有点疼"}
    with Database(api.db_path) as db:
        store = Checkins(db)
        done = store.start(elder["id"], "call")
        store.finish(done.id, status="answered", answers=answers, summary=summarize("王奶奶", answers))
        calls = OutboundCalls(db)
        failed = calls.add(user_id=elder["id"], purpose="reminder", to_number="+8613800000001",
                           opening="该吃药了")
        calls.set_status(failed.id, "failed")
        unanswered = calls.add(user_id=elder["id"], purpose="checkin", to_number="+8613800000001",
                               opening="您昨晚睡得好吗？")
        calls.attempt(unanswered.id, call_sid="CA" + "7" * 32)
        calls.line_status(unanswered.id, "no-answer", duration_s=0, at=1796000470.0)  # Twilio's callback
    listed = owner.get("/api/checkins", params={"elder_id": elder["id"]}).json()
    assert listed["plan"] == {"enabled": True, "at": "08:30", "channel": "call", "tries": 2}
    checkin, = listed["checkins"]
    assert checkin["summary"] == "王奶奶今天：睡得还好；吃过饭了；说腿有点疼。"
    assert checkin["answers"] == answers
    rang, call = owner.get("/api/calls", params={"elder_id": elder["id"]}).json()["calls"]
    assert call["status"] == "failed" and call["label"] == "未送达" and call["call_status"] == ""
    assert (rang["status"], rang["call_status"], rang["duration_s"], rang["status_at"]) == (
        "failed", "no-answer", 0, 1796000470.0)
    assert rang["label"] == "未送达：无人接听" and rang["outcome"] == "无人接听"
