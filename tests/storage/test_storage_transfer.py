"""`assistant db copy`: a household filled through the real store APIs moves to PostgreSQL (and back)
without losing a row; a non-empty target is refused; bad URLs and unreachable servers say so."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from assistant.config import REPO_ROOT
from assistant.errors import AuthError
from assistant.storage.alerts import AlertStore
from assistant.storage.auth import DeviceAuth
from assistant.storage.calls import UsedCalls
from assistant.storage.checkins import Checkins
from assistant.storage.conversations import Conversations
from assistant.storage.db import Database
from assistant.storage.history import History, TurnRecord
from assistant.storage.household import ElderProfile, Households
from assistant.storage.jobs import JobStore
from assistant.storage.messages import Messages
from assistant.storage.outbound import OutboundCalls
from assistant.storage.photos import TurnPhotos
from assistant.storage.presence import PresenceStore
from assistant.storage.profile import UserSettings
from assistant.storage.reminders import NewReminder, ReminderStore
from assistant.storage.shared import JobClaims
from assistant.storage.transfer import TABLES, cmd_db_copy, cmd_db_migrate
from assistant.storage.voice_messages import Recording, VoiceMessages


def _fill(db: Database) -> dict[str, Any]:
    """A lived-in household: every table gets rows, through the same calls the server makes."""
    homes = Households(db)
    owner = homes.ensure_owner()
    elder = homes.add_elder(1, ElderProfile(display_name="王奶奶", address="奶奶", city="杭州",
                                            phones=("+8613800000000",), words=("老伴",)))
    daughter = homes.add_family(1, "小红", "女儿")
    auth = DeviceAuth(db)
    phone = auth.redeem(auth.create_pairing_code("奶奶的手机", homes.user_name(elder.user_id)).code)
    lost = auth.redeem(auth.create_pairing_code("旧手机", homes.user_name(elder.user_id)).code)
    auth.revoke(lost.device.id)
    auth.create_pairing_code("还没用的码", homes.user_name(daughter.user_id))
    history = History(db)
    turn_ids = [history.record_turn(TurnRecord(
        user_id=elder.user_id, session_id="s1", source="ws", started_at=1_700_000_000.0 + n * 0.123456789,
        finished_at=1_700_000_002.5 + n, user_text=f"第{n}个问题", assistant_text=f"回答{n}",
        interrupted=n == 1, hidden=n == 2, device_id=phone.device.id, cost=0.0012 * n, prompt_tokens=n))
        for n in range(4)]
    Conversations(db).save_summary(elder.user_id, "2026-11-30", "聊得很好", turns=4, hidden=1, quiet=False)
    message = Messages(db).post(household_id=1, elder_id=elder.user_id, author_id=daughter.user_id,
                                author="您女儿小红", text="晚上回来吃饭")
    Messages(db).mark_delivered([message.id], turn_ids[-1])
    VoiceMessages(db).post(household_id=1, elder_id=elder.user_id, author_id=daughter.user_id,
                           author="您女儿小红",
                           recording=Recording(pcm=bytes(range(256)) * 8, rate=24000, duration_s=0.04))
    TurnPhotos(db).save(turn_ids[0], b"\xff\xd8\xff\xe0 not really a jpeg \x00\xff", 240, 180)
    call = OutboundCalls(db).add(user_id=elder.user_id, purpose="reminder", to_number="+8613800000000",
                                 opening="王奶奶，八点了，该吃降压药了。吃了吗？")
    OutboundCalls(db).attempt(call.id, call_sid="CA456")
    checkin = Checkins(db).start(elder.user_id, "call", at=1_700_000_050.0)
    Checkins(db).finish(checkin.id, status="answered", answers={"sleep": "睡得好"}, summary="睡得好",
                        at=1.7e9)
    alerts = AlertStore(db)
    alert = alerts.add(user_id=elder.user_id, kind="emergency", category="fall", text="我摔倒了")
    alerts.record_delivery(alert.id, "wecom:qyapi.weixin.qq.com", "delivered", attempts=2)
    zone = ZoneInfo("Asia/Shanghai")
    ReminderStore(db).add(NewReminder(user_id=elder.user_id, text="吃降压药", repeat="daily",
                                      due=datetime(2026, 12, 1, 8, 0, tzinfo=zone)))
    UserSettings(db).set(elder.user_id, "timezone", "Asia/Shanghai")
    UsedCalls(db).claim("CA123")
    db.set_setting("greeting", {"text": "您好", "n": 1})
    with pytest.raises(AuthError):
        auth.redeem("0" * 12, client="203.0.113.5")  # a wrong code, counted for the rate limit
    JobClaims(db, owner="gateway-a").claim("evening_summaries", "2026-11-30")
    job = JobStore(db).add(kind="checkin", user_id=elder.user_id, due_at=1_700_000_100.0, now=1_700_000_000.0,
                           payload={"text": "今天身体好吗"})
    assert job is not None
    PresenceStore(db).publish("gateway-b", [elder.user_id], now=1_700_000_100.0)
    PresenceStore(db).hand_over(["gateway-b"], user_id=elder.user_id, job_id=job.id, prompt={"text": "好吗"},
                                audio=bytes(range(256)), now=1_700_000_100.0, expires_at=1_700_000_105.0)
    history.record_turn(TurnRecord(user_id=owner.user_id, session_id="gone", source="text", started_at=1.0,
                                   finished_at=2.0, user_text="x", assistant_text="y"))
    with db.write() as conn:  # a deleted row: its id must never be handed out again
        conn.execute("DELETE FROM turns WHERE session_id = 'gone'")
    return {"token": phone.token, "lost": lost.token, "elder": elder.user_id, "due": datetime.now(zone)
            + timedelta(days=1)}


def _snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    with db.read() as conn:
        return {t: sorted((tuple(r) for r in conn.execute(f"SELECT * FROM {t}")), key=repr) for t in TABLES}


def test_copy_sqlite_to_postgres_loses_nothing(tmp_path: Path, postgres: Any) -> None:
    source_url = f"sqlite:///{tmp_path / 'home.db'}"
    target_url = postgres.new_database()
    with Database(source_url) as source:
        facts = _fill(source)
        before = _snapshot(source)
    assert all(before[t] for t in TABLES), [t for t in TABLES if not before[t]]  # every table has rows

    out, err = io.StringIO(), io.StringIO()
    assert cmd_db_copy(source_url, target_url, out=out, err=err) == 0, err.getvalue()
    assert "every table checked" in out.getvalue()
    with Database(target_url) as target:
        assert _snapshot(target) == before
        auth = DeviceAuth(target)
        assert auth.verify(facts["token"]).user.id == facts["elder"]  # the phone keeps working
        assert auth.authenticate(facts["lost"]) is None  # the revoked one stays revoked
        elder = Households(target).elder(1, facts["elder"])
        assert elder.profile.phones == ("+8613800000000",) and elder.profile.city == "杭州"
        days = Conversations(target).days(facts["elder"])
        assert sum(d.turns for d in days) == 4 and sum(d.hidden for d in days) == 1
        new_id = History(target).record_turn(TurnRecord(
            user_id=facts["elder"], session_id="after", source="ws", started_at=3.0, finished_at=4.0,
            user_text="新问题", assistant_text="新回答"))
        assert new_id > max(row[0] for row in before["turns"]) + 1  # past the deleted one too
        newcomer = target.ensure_user("新来的")
        assert Households(target).member(newcomer.id) is not None  # the trigger still works
        after = _snapshot(target)

    # and back again, into a fresh SQLite file, through the real command line
    back = tmp_path / "back.db"
    done = subprocess.run([sys.executable, "-m", "assistant", "db", "copy", "--from", target_url, "--to",
                           f"sqlite:///{back}"], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
    assert done.returncode == 0, done.stderr
    with Database(back) as again:
        assert _snapshot(again) == after


def test_a_non_empty_target_is_refused_unless_forced(tmp_path: Path, postgres: Any) -> None:
    source_url, target_url = str(tmp_path / "a.db"), postgres.new_database()
    with Database(source_url) as source:
        source.ensure_user("奶奶")
    with Database(target_url) as target:
        target.ensure_user("别人家的爷爷")
    err = io.StringIO()
    assert cmd_db_copy(source_url, target_url, out=io.StringIO(), err=err) == 1
    assert "already holds data" in err.getvalue() and "--force" in err.getvalue()
    with Database(target_url) as target:
        assert [u.name for u in target.list_users()] == ["别人家的爷爷"]  # untouched
    assert cmd_db_copy(source_url, target_url, force=True, out=io.StringIO(), err=io.StringIO()) == 0
    with Database(target_url) as target:
        assert [u.name for u in target.list_users()] == ["奶奶"]


def test_bad_urls_and_unreachable_servers(tmp_path: Path, postgres: Any) -> None:
    cases = [
        ("mysql://h/db", 2, "unknown database URL"),
        ("postgresql://127.0.0.1:5432", 2, "say which database"),
        ("postgresql://u@127.0.0.1:99999/db", 2, "bad port"),
        ("postgresql://u@127.0.0.1/db?sslmode=maybe", 2, "sslmode"),
        ("postgresql://u@127.0.0.1/db?colour=red", 2, "unknown option"),
        (f"postgresql://nobody:secret@127.0.0.1:{_closed_port()}/db", 1, "cannot connect"),
        (postgres.url("no_such_database"), 1, "no_such_database"),
        (postgres.url().replace(":test-password@", ":wrong-password@"), 1, "password"),
    ]
    for url, status, words in cases:
        err = io.StringIO()
        assert cmd_db_migrate(url, out=io.StringIO(), err=err) == status, (url, err.getvalue())
        assert words in err.getvalue(), (url, err.getvalue())
        assert "secret" not in err.getvalue() and "wrong-password" not in err.getvalue()  # never printed
    err = io.StringIO()
    assert cmd_db_copy(str(tmp_path / "x.db"), "postgresql://u@127.0.0.1/", out=io.StringIO(), err=err) == 2
    out = io.StringIO()
    assert cmd_db_migrate(postgres.new_database(), out=out, err=io.StringIO()) == 0
    assert "schema version" in out.getvalue() and "test-password" not in out.getvalue()


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(autouse=True)
def _no_pg_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
