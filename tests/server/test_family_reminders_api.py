"""``PUT /api/reminders/{id}``, ``…/pause``, ``…/resume`` and ``DELETE`` on a real server on
127.0.0.1 (no models): the family edits, pauses, resumes and deletes an elder's reminders (the same
rows the voice tool and the care scheduler use); bad input or another household's IDs change nothing."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

from assistant.storage.auth import DeviceAuth
from assistant.storage.db import Database
from assistant.storage.household import Households
from assistant.storage.jobs import JobStore, RetryPolicy
from assistant.storage.reminders import NewReminder, ReminderStore
from tests.server.api_server import Api, serve_api
from tests.server.test_family_api import GRANNY, owner_token


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    with serve_api(tmp_path) as running:
        yield running


def _setup(api: Api) -> tuple[httpx.Client, int]:
    owner = api.client(owner_token(api))
    elder = owner.post("/api/elders", json=GRANNY).json()
    return owner, int(elder["id"])


def _listed(owner: httpx.Client, elder_id: int) -> dict[str, dict[str, object]]:
    found = owner.get("/api/reminders", params={"elder_id": elder_id}).json()["reminders"]
    return {str(r["text"]): r for r in found}


def test_family_edits_pauses_resumes_and_deletes_a_reminder(api: Api) -> None:
    owner, elder_id = _setup(api)
    made = owner.post("/api/reminders", json={"elder_id": elder_id, "text": "吃降压药", "time": "08:00",
                                              "repeat": "daily"}).json()
    edited = owner.put(f"/api/reminders/{made['id']}", json={"text": "吃降压药和钙片", "time": "20:30",
                                                              "repeat": "weekly", "weekday": 2})
    assert edited.status_code == 200, edited.text
    e = edited.json()
    assert (e["text"], e["time"], e["repeat"], e["weekday"], e["status"]) == (
        "吃降压药和钙片", "20:30", "weekly", 2, "scheduled")
    assert datetime.fromisoformat(e["next_at"]).weekday() == 2

    paused = owner.post(f"/api/reminders/{made['id']}/pause").json()
    assert paused["paused"] is True and paused["status"] == "paused"
    with Database(api.db_path) as db:  # it does not fire, and the voice tool's list leaves it out
        assert ReminderStore(db).due(time.time() + 8 * 86400) == []
        assert ReminderStore(db).list_active(elder_id) == []
        assert JobStore(db).materialize(time.time() + 8 * 86400, RetryPolicy()) == 0
    with sqlite3.connect(api.db_path) as raw:  # paused past its time: it resumes at its next one
        raw.execute("UPDATE reminders SET due_at = ? WHERE id = ?", (time.time() - 3600, made["id"]))
    resumed = owner.post(f"/api/reminders/{made['id']}/resume").json()
    assert resumed["paused"] is False and resumed["status"] == "scheduled"
    assert datetime.fromisoformat(resumed["next_at"]).timestamp() > time.time()

    gone = owner.delete(f"/api/reminders/{made['id']}")
    assert gone.status_code == 200 and gone.json()["status"] == "cancelled"
    assert _listed(owner, elder_id)["吃降压药和钙片"]["status"] == "cancelled"
    again = owner.delete(f"/api/reminders/{made['id']}")
    assert again.status_code == 404 and again.json()["error"] == "unknown_reminder"


def test_a_reminder_set_by_voice_can_be_edited_and_a_passed_one_off_is_not_resumed(api: Api) -> None:
    owner, elder_id = _setup(api)
    zone = ZoneInfo("Asia/Shanghai")
    with Database(api.db_path) as db:
        spoken = ReminderStore(db).add(NewReminder(
            user_id=elder_id, text="泡脚", due=datetime.now(zone).replace(microsecond=0) + timedelta(hours=3),
            source_text="三个小时后提醒我泡脚"))
    moved = owner.put(f"/api/reminders/{spoken.id}", json={"text": "泡脚", "time": "21:00"}).json()
    assert moved["time"] == "21:00" and moved["repeat"] == "once"
    owner.post(f"/api/reminders/{spoken.id}/pause")
    with sqlite3.connect(api.db_path) as raw:
        raw.execute("UPDATE reminders SET due_at = ? WHERE id = ?", (time.time() - 10, spoken.id))
    refused = owner.post(f"/api/reminders/{spoken.id}/resume")
    assert refused.status_code == 409 and refused.json()["error"] == "time_passed"
    assert _listed(owner, elder_id)["泡脚"]["paused"] is True  # nothing changed


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"text": "吃药", "time": "25:00"}, "bad_schedule:format"),
        ({"text": "吃药", "time": "8点"}, "bad_schedule:format"),
        ({"text": "吃药"}, "bad_schedule:format"),
        ({"time": "08:00"}, "missing_field"),
        ({"text": "药" * 201, "time": "08:00"}, "too_long"),
        ({"text": "吃药", "time": "08:00", "repeat": "hourly"}, "bad_schedule:repeat"),
        ({"text": "吃药", "time": "08:00", "repeat": "weekly"}, "bad_schedule:weekday"),
        ({"text": "吃药", "time": "08:00", "date": "2020-01-01"}, "bad_schedule:passed"),
        ({"text": "吃药", "time": "08:00", "date": "2099-01-01"}, "bad_schedule:too_far"),
        ({"text": ["吃药"], "time": "08:00"}, "bad_field"),
    ],
)
def test_bad_edits_get_a_reason_and_change_nothing(api: Api, body: dict[str, object], code: str) -> None:
    owner, elder_id = _setup(api)
    made = owner.post("/api/reminders", json={"elder_id": elder_id, "text": "喝水", "time": "10:00",
                                              "repeat": "daily"}).json()
    refused = owner.put(f"/api/reminders/{made['id']}", json=body)
    error, _, reason = code.partition(":")  # a schedule's refusal names its cause for the console
    assert refused.status_code == 400 and refused.json()["error"] == error and refused.json()["message"]
    assert refused.json().get("reason", "") == reason, refused.json()
    kept = _listed(owner, elder_id)
    assert list(kept) == ["喝水"] and (kept["喝水"]["time"], kept["喝水"]["repeat"]) == ("10:00", "daily")


def test_a_reminder_keeps_its_own_retry_policy_and_a_bad_one_is_refused(api: Api) -> None:
    owner, elder_id = _setup(api)
    made = owner.post("/api/reminders", json={"elder_id": elder_id, "text": "量血压", "time": "08:00",
                                              "retries": 0, "retry_interval_min": 5})
    assert made.status_code == 201, made.text
    with sqlite3.connect(api.db_path) as raw:
        stored = raw.execute("SELECT retries, retry_interval_s FROM reminders WHERE id = ?",
                             (made.json()["id"],)).fetchone()
    assert stored == (0, 300.0)
    for bad in ({"retries": 11}, {"retries": True}, {"retry_interval_min": 0}, {"retry_interval_min": "5"}):
        body = {"elder_id": elder_id, "text": "喝水", "time": "09:00", **bad}
        refused = owner.post("/api/reminders", json=body)
        assert refused.status_code == 400 and refused.json()["error"] == "bad_field", bad
    assert list(_listed(owner, elder_id)) == ["量血压"]


def test_another_household_cannot_touch_a_reminder(api: Api) -> None:
    owner, elder_id = _setup(api)
    made = owner.post("/api/reminders", json={"elder_id": elder_id, "text": "吃药", "time": "08:00"}).json()
    with Database(api.db_path) as db:
        with db.write() as conn:
            conn.execute("INSERT INTO households (name, created_at) VALUES ('隔壁', 0)")
        homes = Households(db)
        stranger = homes.add_family(2, "隔壁老王")
        code = DeviceAuth(db).create_pairing_code("", homes.user_name(stranger.user_id)).code
    other = api.client(api.redeem(f"x#pair={code}"))
    for method, path, body in [
        ("PUT", f"/api/reminders/{made['id']}", {"text": "改掉", "time": "09:00"}),
        ("POST", f"/api/reminders/{made['id']}/pause", None),
        ("POST", f"/api/reminders/{made['id']}/resume", None),
        ("DELETE", f"/api/reminders/{made['id']}", None),
        ("DELETE", "/api/reminders/99999999999999999999999", None),
    ]:
        response = other.request(method, path, json=body)
        assert response.status_code == 404, (method, path, response.text)
        assert "吃药" not in response.text
    kept = _listed(owner, elder_id)["吃药"]
    assert (kept["time"], kept["paused"], kept["status"]) == ("08:00", False, "scheduled")
