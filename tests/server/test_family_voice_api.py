"""Voice messages and photo thumbnails through the family API, on a real server on 127.0.0.1 (no
models: the upload is decoded at once, delivery is tested with models in test_family_session.py)."""

from __future__ import annotations

import io
import wave
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from PIL import Image

from assistant.storage.auth import DeviceAuth
from assistant.storage.db import Database
from assistant.storage.history import History, TurnRecord
from assistant.storage.household import Households
from assistant.storage.messages import Messages
from assistant.storage.photos import TurnPhotos
from tests.audio.test_audio_recording import encoded
from tests.server.api_server import Api, serve_api
from tests.server.test_family_api import GRANNY, owner_token


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    with serve_api(tmp_path) as running:
        yield running


def _stranger(api: Api) -> httpx.Client:
    """A family member of a second household."""
    with Database(api.db_path) as db:
        with db.write() as conn:
            conn.execute("INSERT INTO households (name, created_at) VALUES ('隔壁', 0)")
        homes = Households(db)
        stranger = homes.add_family(2, "隔壁老王")
        code = DeviceAuth(db).create_pairing_code("", homes.user_name(stranger.user_id)).code
    return api.client(api.redeem(f"x#pair={code}"))


def test_a_recorded_message_is_stored_listed_and_played_back_only_to_its_household(api: Api) -> None:
    owner = api.client(owner_token(api))
    invite = owner.post("/api/invites", json={"name": "小红", "relation": "女儿"}).json()
    daughter = api.client(api.redeem(invite["link"]))
    elder = owner.post("/api/elders", json=GRANNY).json()
    webm = encoded("webm", "libopus", 3.0)
    posted = daughter.post("/api/messages/voice", params={"elder_id": elder["id"]}, content=webm,
                           headers={"Content-Type": "audio/webm;codecs=opus"})
    assert posted.status_code == 201, posted.text
    voice = posted.json()
    assert (voice["kind"], voice["text"], voice["delivered_at"]) == ("voice", "", None)
    assert abs(voice["duration_s"] - 3.0) < 0.1 and voice["spoken"] == "您女儿小红给您留了言："
    daughter.post("/api/messages", json={"elder_id": elder["id"], "text": "周末回家"})
    listed = owner.get("/api/messages").json()["messages"]
    assert [(m["kind"], m["text"]) for m in listed] == [("text", "周末回家"), ("voice", "")]
    played = owner.get(f"/api/messages/{voice['id']}/audio")
    assert played.status_code == 200 and played.headers["content-type"] == "audio/wav"
    with wave.open(io.BytesIO(played.content)) as wav:
        assert wav.getnchannels() == 1 and abs(wav.getnframes() / wav.getframerate() - 3.0) < 0.1

    other = _stranger(api)
    assert other.get(f"/api/messages/{voice['id']}/audio").status_code == 404
    refused = other.post("/api/messages/voice", params={"elder_id": elder["id"]}, content=webm)
    assert refused.status_code == 404 and refused.json()["error"] == "unknown_elder"
    assert other.get("/api/messages").json()["messages"] == []


@pytest.mark.parametrize(
    ("make", "status", "code"),
    [
        (lambda: encoded("webm", "libopus", 61.0), 400, "too_long"),
        (lambda: encoded("wav", "pcm_s16le", 2.0, rate=8000, loud=0.0), 400, "silent"),
        (lambda: b"\x89PNG\r\n\x1a\n" + bytes(4000), 400, "not_audio"),
        (lambda: "我是一段文字".encode() * 100, 400, "not_audio"),
        (lambda: b"", 400, "missing_field"),
        (lambda: bytes(2 * 1024 * 1024 + 1), 413, "body_too_large"),
    ],
)
def test_bad_recordings_get_a_reason_and_save_nothing(api: Api, make: object, status: int, code: str) -> None:
    owner = api.client(owner_token(api))
    elder = owner.post("/api/elders", json=GRANNY).json()
    assert callable(make)
    refused = owner.post("/api/messages/voice", params={"elder_id": elder["id"]}, content=make())
    assert (refused.status_code, refused.json()["error"]) == (status, code), refused.text
    assert refused.json()["message"].startswith("audio" if status == 400 else "the request body is over")
    assert owner.get("/api/messages").json()["messages"] == []
    assert owner.post("/api/messages/voice", content=encoded("webm", "libopus", 1.0)).status_code == 400


def test_a_photo_turn_has_a_thumbnail_for_its_household_only_and_none_once_hidden(api: Api) -> None:
    owner = api.client(owner_token(api))
    elder = owner.post("/api/elders", json=GRANNY).json()
    small = io.BytesIO()
    Image.new("RGB", (240, 180), "orange").save(small, format="JPEG")
    with Database(api.db_path) as db:
        history = History(db)
        turn_ids = [
            history.record_turn(TurnRecord(user_id=elder["id"], session_id="s", source="ws", started_at=t,
                                           finished_at=t, user_text=q, assistant_text="好的", image=photo))
            for t, q, photo in [(1e9, "这是什么？", True), (1e9 + 9, "今天几号", False)]
        ]
        TurnPhotos(db).save(turn_ids[0], small.getvalue(), 240, 180)
    talks = owner.get("/api/conversations", params={"elder_id": elder["id"]}).json()["turns"]
    assert [(t["photo"], t["thumbnail"]) for t in talks] == [(True, f"/api/turns/{turn_ids[0]}/photo"),
                                                            (False, None)]
    shown = owner.get(talks[0]["thumbnail"])
    assert shown.status_code == 200 and shown.headers["content-type"] == "image/jpeg"
    assert Image.open(io.BytesIO(shown.content)).size == (240, 180)
    assert owner.get(f"/api/turns/{turn_ids[1]}/photo").status_code == 404
    assert _stranger(api).get(talks[0]["thumbnail"]).status_code == 404  # another household
    with Database(api.db_path) as db:
        from assistant.storage.conversations import Conversations

        Conversations(db).hide(elder["id"], [turn_ids[0]])
    assert owner.get(talks[0]["thumbnail"]).status_code == 404  # hidden from the family
    talks = owner.get("/api/conversations", params={"elder_id": elder["id"]}).json()["turns"]
    assert talks[0]["thumbnail"] is None


def test_a_recorded_message_takes_a_delivery_time_like_a_typed_one(api: Api) -> None:
    owner = api.client(owner_token(api))
    elder = owner.post("/api/elders", json=GRANNY).json()
    at = (datetime.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    posted = owner.post("/api/messages/voice", params={"elder_id": elder["id"], "deliver_at": at.isoformat()},
                        content=encoded("webm", "libopus", 2.0))
    assert posted.status_code == 201, posted.text
    assert posted.json()["kind"] == "voice" and posted.json()["deliver_at"] == at.timestamp()
    with Database(api.db_path) as db:
        assert Messages(db).pending(elder["id"]) == []  # not before its time
        assert [m.id for m in Messages(db).pending(elder["id"], at.timestamp())] == [posted.json()["id"]]
    untimed = owner.post("/api/messages/voice", params={"elder_id": elder["id"], "deliver_at": ""},
                         content=encoded("webm", "libopus", 2.0))
    assert untimed.status_code == 201 and untimed.json()["deliver_at"] is None


@pytest.mark.parametrize(
    ("deliver_at", "reason"),
    [
        ("明天晚上", "bad deliver_at"),
        ("2020-01-01T08:00", "has already passed"),
        ((datetime.now() + timedelta(days=400)).strftime("%Y-%m-%dT%H:%M"), "at most a year ahead"),
        ("2026-13-01T08:00", "bad deliver_at"),
    ],
)
def test_a_bad_delivery_time_is_refused_as_for_a_typed_message_and_nothing_is_saved(
    api: Api, deliver_at: str, reason: str
) -> None:
    owner = api.client(owner_token(api))
    elder = owner.post("/api/elders", json=GRANNY).json()
    voice = owner.post("/api/messages/voice", params={"elder_id": elder["id"], "deliver_at": deliver_at},
                       content=encoded("webm", "libopus", 2.0))
    typed = owner.post("/api/messages",
                       json={"elder_id": elder["id"], "text": "周末回家", "deliver_at": deliver_at})
    assert (voice.status_code, voice.json()["error"]) == (400, "bad_schedule"), voice.text
    assert reason in voice.json()["message"]
    assert voice.json() == typed.json()  # the same reason, word for word
    assert owner.get("/api/messages").json()["messages"] == []
    with Database(api.db_path) as db, db.read() as conn:
        assert conn.execute("SELECT COUNT(*) FROM message_audio").fetchone()[0] == 0
    unknown = owner.post("/api/messages/voice", params={"elder_id": 999, "deliver_at": deliver_at},
                         content=encoded("webm", "libopus", 2.0))
    assert (unknown.status_code, unknown.json()["error"]) == (404, "unknown_elder")
