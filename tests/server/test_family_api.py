"""The family console's HTTP API on a real server on 127.0.0.1 (the API needs no models: none load).

Every refusal is checked with real requests: an elder's device, another household's guessed IDs,
a revoked device, bad input that must save nothing, an expired invite, the per-client rate limit.
"""

from __future__ import annotations

import re
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from assistant.storage.auth import DeviceAuth
from assistant.storage.cli import cmd_pair_owner
from assistant.storage.db import Database
from assistant.storage.history import History, TurnRecord
from assistant.storage.household import Households
from tests.server.api_server import Api, serve_api


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    with serve_api(tmp_path) as running:
        yield running


def owner_token(api: Api) -> str:
    import io

    out = io.StringIO()
    with Database(api.db_path) as db:
        assert cmd_pair_owner(db, api.base, out=out) == 0
    link = re.search(r"https?://\S+#pair=\d+", out.getvalue())
    assert link is not None
    return api.redeem(link.group(0))


GRANNY = {
    "name": "王秀英",
    "address": "王奶奶",
    "language": "zh",
    "city": "杭州",
    "speed": 0.9,
    "volume": 1.5,
    "phones": ["+86 138-0000-0001"],
    "words": ["阿司匹林", "小红"],
}


def test_owner_adds_an_elder_pairs_her_phone_and_the_elder_phone_cannot_use_the_family_api(api: Api) -> None:
    owner = api.client(owner_token(api))
    me = owner.get("/api/me").json()
    assert me["member"]["role"] == "family" and me["member"]["owner"] is True
    created = owner.post("/api/elders", json=GRANNY)
    assert created.status_code == 201, created.text
    elder = created.json()
    assert elder["address"] == "王奶奶" and elder["phones"] == ["+8613800000001"] and elder["city"] == "杭州"
    assert owner.get("/api/elders").json()["elders"] == [elder]
    edited = owner.put(f"/api/elders/{elder['id']}", json={**GRANNY, "city": "苏州"}).json()
    assert edited["city"] == "苏州"

    link = owner.post("/api/devices/pair", json={"elder_id": elder["id"]}).json()
    assert link["link"].startswith(api.base + "/#pair=") and link["qr_svg"].lstrip().startswith("<?xml")
    granny = api.client(api.redeem(link["link"]))
    assert granny.get("/api/me").json()["member"]["address"] == "王奶奶"  # her phone knows her settings
    for method, path in [
        ("GET", "/api/elders"),
        ("GET", "/api/devices"),
        ("POST", "/api/messages"),
        ("GET", f"/api/conversations?elder_id={elder['id']}"),
        ("POST", "/api/devices/pair"),
    ]:
        refused = granny.request(method, path, json={"elder_id": elder["id"], "text": "hi"})
        assert refused.status_code == 403 and refused.json()["error"] == "family_only", (method, path)
    devices = owner.get("/api/devices").json()["devices"]
    assert [(d["member"], d["role"]) for d in devices] == [("管理员", "family"), ("王秀英", "elder")]


def test_bad_input_gets_a_reason_and_saves_nothing(api: Api) -> None:
    owner = api.client(owner_token(api))
    owner.post("/api/elders", json=GRANNY)
    cases = [
        ({**GRANNY, "name": ""}, 400, "missing_field"),
        ({k: v for k, v in GRANNY.items() if k != "name"}, 400, "missing_field"),
        ({**GRANNY, "name": "长" * 33}, 400, "too_long"),
        ({**GRANNY, "name": "李爷爷", "speed": 9}, 400, "bad_field"),
        ({**GRANNY, "name": "李爷爷", "phones": ["not a number"]}, 400, "bad_field"),
        ({**GRANNY, "name": "李爷爷"}, 409, "phone_taken"),  # 王奶奶's number
    ]
    for body, status, code in cases:
        response = owner.post("/api/elders", json=body)
        assert (response.status_code, response.json()["error"]) == (status, code), body
        assert response.json()["message"]
    assert owner.post("/api/elders", content=b"{not json").status_code == 400
    assert owner.post("/api/elders", content=b"[" + b"1," * 10000 + b"1]").status_code == 413
    assert [e["name"] for e in owner.get("/api/elders").json()["elders"]] == ["王秀英"]
    for response in (
        owner.get("/api/elders/999"),
        owner.post("/api/messages", json={"elder_id": 999, "text": "x"}),
        owner.post("/api/devices/pair", json={"elder_id": 999}),
    ):
        assert response.status_code == 404 and response.json()["error"] == "unknown_elder"
    elder_id = owner.get("/api/elders").json()["elders"][0]["id"]
    too_long = owner.post("/api/messages", json={"elder_id": elder_id, "text": "话" * 501})
    assert too_long.status_code == 400 and owner.get("/api/messages").json()["messages"] == []
    assert (
        owner.get("/api/conversations", params={"elder_id": elder_id, "day": "tomorrow"}).status_code == 400
    )
    # an expired invite
    invite = owner.post("/api/invites", json={"name": "小红", "relation": "女儿"}).json()
    with sqlite3.connect(api.db_path) as raw:
        raw.execute("UPDATE pairing_codes SET expires_at = 0 WHERE used_at IS NULL")
    expired = httpx.post(f"{api.base}/api/pair", json={"code": invite["code"]}, timeout=10)
    assert expired.status_code == 403 and expired.json()["error"] == "expired_code"
    assert httpx.get(f"{api.base}/api/elders", timeout=10).status_code == 401  # no token at all


def test_one_household_cannot_reach_another(api: Api) -> None:
    owner = api.client(owner_token(api))
    elder = owner.post("/api/elders", json=GRANNY).json()
    my_device = owner.get("/api/devices").json()["devices"][0]["id"]
    owner.post("/api/messages", json={"elder_id": elder["id"], "text": "早点睡"})
    with Database(api.db_path) as db:
        with db.write() as conn:
            conn.execute("INSERT INTO households (name, created_at) VALUES ('隔壁', 0)")
        homes = Households(db)
        stranger = homes.add_family(2, "隔壁老王")
        History(db).record_turn(
            TurnRecord(
                user_id=elder["id"],
                session_id="s",
                source="ws",
                started_at=1e9,
                finished_at=1e9,
                user_text="我的存折在哪",
                assistant_text="在抽屉里",
            )
        )
        code = DeviceAuth(db).create_pairing_code("", homes.user_name(stranger.user_id)).code
    other = api.client(api.redeem(f"x#pair={code}"))
    assert other.get("/api/elders").json()["elders"] == []
    assert other.get("/api/devices").json()["devices"][0]["member"] == "隔壁老王"
    assert other.get("/api/messages").json()["messages"] == []
    for method, path, body in [
        ("GET", f"/api/elders/{elder['id']}", None),
        ("PUT", f"/api/elders/{elder['id']}", {**GRANNY, "phones": []}),
        ("GET", f"/api/conversations?elder_id={elder['id']}", None),
        ("GET", f"/api/messages?elder_id={elder['id']}", None),
        ("POST", "/api/messages", {"elder_id": elder["id"], "text": "hi"}),
        ("POST", "/api/devices/pair", {"elder_id": elder["id"]}),
        ("DELETE", f"/api/devices/{my_device}", None),
    ]:
        response = other.request(method, path, json=body)
        assert response.status_code == 404, (method, path, response.text)
        assert "存折" not in response.text
    assert owner.get("/api/me").status_code == 200  # the owner's device was not revoked
    assert owner.get(f"/api/elders/{elder['id']}").json()["phones"] == ["+8613800000001"]


def test_revoked_family_device_is_cut_off_at_once_and_links_are_rate_limited(api: Api) -> None:
    owner = api.client(owner_token(api))
    invite = owner.post("/api/invites", json={"name": "小红", "relation": "女儿"})
    assert invite.status_code == 201 and invite.json()["member"]["role"] == "family"
    daughter = api.client(api.redeem(invite.json()["link"]))
    assert daughter.get("/api/elders").status_code == 200
    refused = daughter.post("/api/invites", json={"name": "小明"})
    assert refused.status_code == 403 and refused.json()["error"] == "owner_only"
    owners_phone = next(d for d in daughter.get("/api/devices").json()["devices"] if d["member"] == "管理员")
    refused = daughter.delete(f"/api/devices/{owners_phone['id']}")
    assert refused.status_code == 403 and refused.json()["error"] == "owner_only"
    her_device = next(d for d in owner.get("/api/devices").json()["devices"] if d["member"] == "小红")
    assert owner.delete(f"/api/devices/{her_device['id']}").json()["revoked_at"] is not None
    cut = daughter.get("/api/elders")
    assert cut.status_code == 401 and cut.json()["error"] == "revoked"
    elder = owner.post("/api/elders", json=GRANNY).json()
    statuses = [
        owner.post("/api/devices/pair", json={"elder_id": elder["id"]}).status_code for _ in range(10)
    ]
    assert statuses == [201] * 9 + [429]  # the invite above was the first of ten
    limited = owner.post("/api/invites", json={"name": "小明"})
    assert limited.status_code == 429 and limited.headers["retry-after"]
    with Database(api.db_path) as db:
        assert [m.display_name for m in Households(db).members(1, "family")] == ["管理员", "小红"]


def test_summaries_quiet_day_without_a_model_and_refusals(api: Api) -> None:
    owner = api.client(owner_token(api))
    elder = owner.post("/api/elders", json=GRANNY).json()
    quiet = owner.post("/api/summaries", json={"elder_id": elder["id"], "day": "2026-01-31"})
    assert quiet.status_code == 201, quiet.text
    assert quiet.json()["text"] == "安静的一天：王奶奶没有和助手说话。" and quiet.json()["quiet"] is True
    listed = owner.get("/api/summaries", params={"elder_id": elder["id"]}).json()["summaries"]
    assert [(s["day"], s["quiet"]) for s in listed] == [("2026-01-31", True)]
    with Database(api.db_path) as db:
        History(db).record_turn(
            TurnRecord(
                user_id=elder["id"],
                session_id="s",
                source="ws",
                started_at=time.mktime((2026, 2, 1, 9, 0, 0, 0, 0, -1)),
                finished_at=time.mktime((2026, 2, 1, 9, 0, 5, 0, 0, -1)),
                user_text="我有点想你们",
                assistant_text="我陪您聊聊",
            )
        )
    busy = owner.post("/api/summaries", json={"elder_id": elder["id"], "day": "2026-02-01"})
    assert busy.status_code == 503 and busy.json()["error"] == "starting"  # no model loaded in this server
    assert owner.post("/api/summaries", json={"elder_id": elder["id"], "day": "31/01"}).status_code == 400
    assert owner.post("/api/summaries", json={"elder_id": 999}).status_code == 404
    assert len(owner.get("/api/summaries", params={"elder_id": elder["id"]}).json()["summaries"]) == 1


def test_first_run_prints_an_owner_link_until_the_owner_has_paired(
    api: Api, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.config import load_settings
    from assistant.server.launch import print_owner_link

    settings = load_settings(environ={}, overrides={"server": {"data_dir": str(api.db_path.parent)}})
    print_owner_link(settings, api.base + "/")
    printed = capsys.readouterr().out
    assert "管理员链接" in printed
    link = re.search(r"https?://\S+#pair=\d+", printed)
    assert link is not None
    owner = api.client(api.redeem(link.group(0)))
    assert owner.get("/api/me").json()["member"]["owner"] is True
    print_owner_link(settings, api.base + "/")
    assert capsys.readouterr().out == ""  # the owner's phone is paired: nothing more to print


@pytest.mark.parametrize(
    "body",
    [
        '{"name": 123}',
        '{"name": null}',
        '{"name": "a", "phones": "123"}',
        '{"name": "a", "speed": "fast"}',
        '{"name": "a", "speed": true}',
        '{"name": "a", "volume": 1e999}',
        '{"name": "a", "volume": NaN}',
        '{"name": "a", "words": [1, 2]}',
        '{"name": "a", "language": ["zh"]}',
        '{"elder_id": "abc", "text": "hi"}',
        '{"elder_id": true, "text": "hi"}',
        '{"elder_id": 1.5, "text": ["a"]}',
        '{"elder_id": {"$ne": 0}}',
        '{"name": {"a": 1}, "relation": 5}',
        '"just a string"',
        "",
        '{"elder_id": 1000000000000000000000000}',
    ],
)
def test_wrong_types_never_break_a_route(api: Api, body: str) -> None:
    """Each body is wrong for /api/elders (refused, nothing saved); elsewhere: a 4xx, or fine (201)."""
    owner = api.client(owner_token(api))
    refused = owner.post("/api/elders", content=body)
    assert refused.status_code == 400 and refused.json()["message"], refused.text
    for path in ("/api/messages", "/api/devices/pair", "/api/invites", "/api/summaries"):
        response = owner.post(path, content=body)
        assert response.status_code == 201 or 400 <= response.status_code < 500, (path, body, response.text)
    assert owner.put("/api/elders/1", content=body).status_code in (400, 404)
    assert owner.get("/api/elders/99999999999999999999999").status_code == 404
    assert owner.delete("/api/devices/99999999999999999999999").status_code == 404
    assert owner.get("/api/conversations?elder_id=99999999999999999999999").status_code == 400
    with Database(api.db_path) as db:
        assert [m.display_name for m in Households(db).members(1, "elder")] == ["default"]
