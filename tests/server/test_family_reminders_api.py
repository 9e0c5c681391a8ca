"""``/api/reminders`` on a real server on 127.0.0.1 (no models): the family lists, adds, edits,
pauses, resumes and deletes an elder's reminders (the same rows the voice tool uses), sees whether
each was acknowledged, and bad input or another household's IDs change nothing."""

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
from assistant.storage.reminders import NewReminder, ReminderStore
from tests.server.api_server import Api, serve_api
from tests.server.test_family_api import GRANNY, owner_token

# The care scheduler's occurrence records (its migration creates the full table; this is its subset).
CARE_JOBS = """CREATE TABLE IF NOT EXISTS care_jobs (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL,
  user_id INTEGER NOT NULL, ref_id INTEGER, due_at REAL NOT NULL, next_at REAL NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending', attempts INTEGER NOT NULL DEFAULT 0, ack_at REAL,
  created_at REAL NOT NULL)"""


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    with serve_api(tmp_path) as running:
        yield running


def _setup(api: Api) -> tuple[httpx.Client, int]:
    owner = api.client(owner_token(api))
    elder = owner.post("/api/elders", json=GRANNY).json()
    return owner, int(elder["id"])


def test_family_adds_edits_pauses_resumes_and_deletes_a_reminder(api: Api) -> None:
    owner, elder_id = _setup(api)
    made = owner.post("/api/reminders", json={"elder_id": elder_id, "text": "吃降压药", "time": "08:00",
                                              "repeat": "daily"})
    assert made.status_code == 201, made.text
    r = made.json()
    assert (r["text"], r["time"], r["repeat"], r["status"], r["paused"]) == ("吃降压药", "08:00", "daily",
                                                                             "scheduled", False)
    assert r["when"] == "每天早上8点" and r["set_by"] == "family" and r["acknowledged"] is None
    assert r["due_at"] > time.time()
    assert datetime.fromtimestamp(r["due_at"], ZoneInfo(r["timezone"])).hour == 8
    # the voice tool's reminders are the same rows
    with Database(api.db_path) as db:
        zone = ZoneInfo(r["timezone"])
        spoken = ReminderStore(db).add(NewReminder(
            user_id=elder_id, text="泡脚", due=datetime.now(zone).replace(microsecond=0) + timedelta(hours=3),
            source_text="三个小时后提醒我泡脚"))
        listed_by_voice = [x.text for x in ReminderStore(db).list_active(elder_id)]
    assert sorted(listed_by_voice) == ["吃降压药", "泡脚"]
    listed = owner.get("/api/reminders", params={"elder_id": elder_id}).json()["reminders"]
    assert {x["text"]: x["set_by"] for x in listed} == {"吃降压药": "family", "泡脚": "voice"}

    edited = owner.put(f"/api/reminders/{r['id']}", json={"text": "吃降压药和钙片", "time": "20:30",
                                                           "repeat": "weekly", "weekday": 2})
    assert edited.status_code == 200, edited.text
    e = edited.json()
    assert (e["text"], e["time"], e["weekday"]) == ("吃降压药和钙片", "20:30", 2)
    assert e["when"] == "每周三晚上8点半"
    assert datetime.fromtimestamp(e["due_at"], ZoneInfo(e["timezone"])).weekday() == 2

    paused = owner.post(f"/api/reminders/{r['id']}/pause").json()
    assert paused["paused"] is True and paused["status"] == "paused"
    with Database(api.db_path) as db:  # a paused reminder does not fire, and the voice tool skips it
        assert [x.id for x in ReminderStore(db).due(time.time() + 8 * 86400)] == [spoken.id]
        assert [x.text for x in ReminderStore(db).list_active(elder_id)] == ["泡脚"]
    with sqlite3.connect(api.db_path) as raw:  # paused past its time: it resumes at its next one
        raw.execute("UPDATE reminders SET due_at = ? WHERE id = ?", (time.time() - 3600, r["id"]))
    resumed = owner.post(f"/api/reminders/{r['id']}/resume").json()
    assert resumed["paused"] is False and resumed["due_at"] > time.time() and resumed["status"] == "scheduled"

    gone = owner.delete(f"/api/reminders/{r['id']}")
    assert gone.status_code == 200
    assert [x["text"] for x in owner.get("/api/reminders").json()["reminders"]] == ["泡脚"]
    assert owner.delete(f"/api/reminders/{r['id']}").json()["error"] == "unknown_reminder"


def test_acknowledgement_comes_from_the_care_schedulers_records(api: Api) -> None:
    owner, elder_id = _setup(api)
    ids = [owner.post("/api/reminders", json={"elder_id": elder_id, "text": t, "time": "09:00"}).json()["id"]
           for t in ("吃药", "量血压", "喝水")]
    now = time.time()
    with Database(api.db_path) as db, db.write() as conn:
        conn.execute(CARE_JOBS)
        for rid, state, attempts, ack in [
            (ids[0], "acknowledged", 1, now - 50),
            (ids[1], "escalated", 3, None),
            (ids[2], "pending", 1, None),
        ]:
            conn.execute("UPDATE reminders SET last_fired_at = ? WHERE id = ?", (now - 60, rid))
            conn.execute("INSERT INTO care_jobs (kind, user_id, ref_id, due_at, next_at, state, attempts,"
                         " ack_at, created_at) VALUES ('reminder', ?, ?, ?, ?, ?, ?, ?, ?)",
                         (elder_id, rid, now - 60, now + 600, state, attempts, ack, now - 60))
    found = {x["text"]: x for x in owner.get("/api/reminders").json()["reminders"]}
    assert (found["吃药"]["status"], found["吃药"]["acknowledged"]) == ("acknowledged", True)
    assert found["吃药"]["last"]["acknowledged_at"] == pytest.approx(now - 50)
    assert (found["量血压"]["status"], found["量血压"]["acknowledged"]) == ("missed", False)
    assert (found["喝水"]["status"], found["喝水"]["acknowledged"]) == ("waiting", None)
    owner.post(f"/api/reminders/{ids[1]}/pause")
    with sqlite3.connect(api.db_path) as raw:
        raw.execute("UPDATE reminders SET due_at = ? WHERE id = ?", (now - 10, ids[1]))
    refused = owner.post(f"/api/reminders/{ids[1]}/resume")  # a one-off whose time passed while paused
    assert refused.status_code == 409 and refused.json()["error"] == "time_passed"
    assert {x["id"]: x["paused"] for x in owner.get("/api/reminders").json()["reminders"]}[ids[1]] is True


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"text": "吃药", "time": "25:00"}, "bad_field"),
        ({"text": "吃药", "time": "8点"}, "bad_field"),
        ({"text": "吃药"}, "missing_field"),
        ({"time": "08:00"}, "missing_field"),
        ({"text": "药" * 201, "time": "08:00"}, "too_long"),
        ({"text": "吃药", "time": "08:00", "repeat": "hourly"}, "bad_field"),
        ({"text": "吃药", "time": "08:00", "repeat": "weekly"}, "bad_field"),
        ({"text": "吃药", "time": "08:00", "repeat": "weekly", "weekday": 7}, "bad_field"),
        ({"text": "吃药", "time": "08:00", "date": "2020-01-01"}, "time_passed"),
        ({"text": "吃药", "time": "08:00", "date": "明天"}, "bad_field"),
        ({"text": ["吃药"], "time": "08:00"}, "bad_field"),
    ],
)
def test_bad_reminders_get_a_reason_and_save_nothing(api: Api, body: dict[str, object], code: str) -> None:
    owner, elder_id = _setup(api)
    made = owner.post("/api/reminders", json={"elder_id": elder_id, "text": "喝水", "time": "10:00"}).json()
    refused = owner.post("/api/reminders", json={"elder_id": elder_id, **body})
    assert refused.status_code == 400 and refused.json()["error"] == code and refused.json()["message"]
    edit = owner.put(f"/api/reminders/{made['id']}", json=body)
    assert edit.status_code == 400 and edit.json()["error"] == code
    listed = owner.get("/api/reminders").json()["reminders"]
    assert [(x["text"], x["time"]) for x in listed] == [("喝水", "10:00")]  # nothing half-saved


def test_another_household_cannot_see_or_touch_a_reminder(api: Api) -> None:
    owner, elder_id = _setup(api)
    made = owner.post("/api/reminders", json={"elder_id": elder_id, "text": "吃药", "time": "08:00"}).json()
    unknown = owner.post("/api/reminders", json={"elder_id": 999, "text": "x", "time": "08:00"})
    assert unknown.status_code == 404 and unknown.json()["error"] == "unknown_elder"
    with Database(api.db_path) as db:
        with db.write() as conn:
            conn.execute("INSERT INTO households (name, created_at) VALUES ('隔壁', 0)")
        homes = Households(db)
        stranger = homes.add_family(2, "隔壁老王")
        code = DeviceAuth(db).create_pairing_code("", homes.user_name(stranger.user_id)).code
    other = api.client(api.redeem(f"x#pair={code}"))
    assert other.get("/api/reminders").json()["reminders"] == []
    for method, path, body in [
        ("GET", f"/api/reminders?elder_id={elder_id}", None),
        ("POST", "/api/reminders", {"elder_id": elder_id, "text": "x", "time": "08:00"}),
        ("PUT", f"/api/reminders/{made['id']}", {"text": "改掉", "time": "09:00"}),
        ("POST", f"/api/reminders/{made['id']}/pause", None),
        ("POST", f"/api/reminders/{made['id']}/resume", None),
        ("DELETE", f"/api/reminders/{made['id']}", None),
    ]:
        response = other.request(method, path, json=body)
        assert response.status_code == 404, (method, path, response.text)
        assert "吃药" not in response.text
    kept = owner.get("/api/reminders").json()["reminders"]
    assert [(x["text"], x["paused"]) for x in kept] == [("吃药", False)]
