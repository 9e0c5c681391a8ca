"""Households, members, messages and the family's view of conversations (real SQLite files)."""

from __future__ import annotations

import time

import pytest

from assistant.errors import StorageError
from assistant.storage.auth import DeviceAuth, hash_secret
from assistant.storage.conversations import Conversations
from assistant.storage.db import Database, open_backend
from assistant.storage.history import History, TurnRecord
from assistant.storage.household import ElderProfile, Households
from assistant.storage.messages import Messages, author_phrase
from assistant.storage.schema import MIGRATIONS

# the schema version just before households came in
BEFORE_HOUSEHOLDS = next(n for n, m in enumerate(MIGRATIONS) if any("TABLE households" in s for s in m))


def _database_before_households(url: str) -> None:
    """A database exactly as the previous release left it, with two users, devices and turns."""
    backend = open_backend(url, 5.0)
    conn = backend.begin(write=True)
    conn.execute(backend.dialect.statement(
        "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at REAL NOT NULL)"))
    for migration in MIGRATIONS[:BEFORE_HOUSEHOLDS]:
        for statement in migration:
            conn.execute(backend.dialect.statement(statement))
    conn.execute("INSERT INTO schema_version VALUES (?, 0)", (BEFORE_HOUSEHOLDS,))
    now = time.time()
    conn.execute(
        "INSERT INTO users (name, language, created_at) VALUES ('奶奶', 'zh', ?), ('grandpa', 'en', ?)",
        (now, now),
    )
    conn.execute(
        "INSERT INTO devices (user_id, name, token_hash, created_at) VALUES (1, '奶奶的手机', ?, ?)",
        (hash_secret("old-token"), now),
    )
    conn.execute(
        "INSERT INTO devices (user_id, name, token_hash, created_at, revoked_at) VALUES (2, 'old', ?, ?, ?)",
        (hash_secret("revoked-token"), now, now),
    )
    conn.execute(
        "INSERT INTO turns (user_id, device_id, session_id, source, started_at, finished_at, user_text,"
        " assistant_text, heard_text) VALUES (1, 1, 's', 'ws', ?, ?, '今天几号', '今天一号', '今天一号')",
        (now, now),
    )
    conn.execute("INSERT INTO settings VALUES ('k', '\"v\"')")
    backend.commit()
    backend.close()


def test_migration_moves_every_user_and_device_into_a_default_household(db_url: str) -> None:
    _database_before_households(db_url)
    with Database(db_url) as db:
        assert db.schema_version() == len(MIGRATIONS)
        homes = Households(db)
        members = homes.members(1)
        assert [(m.display_name, m.role, m.owner) for m in members] == [
            ("奶奶", "elder", False),
            ("grandpa", "elder", False),
        ]
        assert members[1].profile.language == "en"
        auth = DeviceAuth(db)
        assert auth.verify("old-token").user.name == "奶奶"  # the paired phone still works
        assert auth.authenticate("revoked-token") is None  # and a revoked one stays revoked
        turns = History(db).history(1)
        assert [(t.user_text, t.hidden) for t in turns] == [("今天几号", False)]
        assert db.get_setting("k") == "v"
        if db.dialect.name == "sqlite":
            assert db.integrity_check() == ["ok"]
        assert homes.owner() is None and not homes.owner_paired()


def test_users_created_anywhere_belong_to_a_household(db_url: str) -> None:
    with Database(db_url) as db:
        user = db.ensure_user("phone:+8613800000000")  # the phone bridge's way
        member = Households(db).member(user.id)
        assert member is not None and member.household_id == 1 and member.role == "elder"


def test_owner_elders_and_phone_numbers(db_url: str) -> None:
    with Database(db_url) as db:
        homes = Households(db)
        owner = homes.ensure_owner()
        assert owner.owner and owner.is_family and homes.ensure_owner().user_id == owner.user_id
        profile = ElderProfile(
            display_name="王秀英",
            address="王奶奶",
            city="杭州",
            speed=0.9,
            phones=("+8613800000001",),
            words=("阿司匹林",),
        )
        elder = homes.add_elder(1, profile)
        assert elder.profile == profile and elder.spoken_name == "王奶奶"
        assert homes.by_phone("+8613800000001") == elder
        from assistant.storage.profile import UserSettings

        assert UserSettings(db).get(elder.user_id, "city") == "杭州"  # the weather tool's city
        UserSettings(db).set(elder.user_id, "city", "北京")  # the elder changed it by voice
        found = homes.member(elder.user_id)
        assert found is not None and found.profile.city == "北京"
        # a second elder with the same number: refused, nothing saved
        with pytest.raises(StorageError) as err:
            homes.add_elder(1, ElderProfile(display_name="李爷爷", phones=("+8613800000001",)))
        assert err.value.code == "phone_taken"
        assert [m.display_name for m in homes.members(1, "elder")] == ["王秀英"]
        # another household's ID is unknown here
        with db.write() as conn:
            conn.execute("INSERT INTO households (name, created_at) VALUES ('别家', 0)")
        other = homes.add_elder(2, ElderProfile(display_name="王秀英"))
        assert other.user_id != elder.user_id
        with pytest.raises(StorageError) as err:
            homes.update_elder(1, other.user_id, profile)
        assert err.value.code == "unknown_elder"
        assert homes.member(other.user_id, 1) is None


def test_messages_and_hidden_turns(db_url: str) -> None:
    with Database(db_url) as db:
        homes, messages = Households(db), Messages(db)
        elder = homes.add_elder(1, ElderProfile(display_name="王奶奶"))
        daughter = homes.add_family(1, "小红", "女儿")
        posted = messages.post(
            household_id=1,
            elder_id=elder.user_id,
            author_id=daughter.user_id,
            author=author_phrase(daughter.relation, daughter.display_name),
            text="周末回家吃饭",
        )
        assert posted.spoken() == "您女儿小红给您留了言：周末回家吃饭。"
        assert messages.pending(elder.user_id) == [posted]
        with pytest.raises(StorageError):
            messages.post(household_id=2, elder_id=elder.user_id, author_id=1, author="x", text="hi")
        with pytest.raises(ValueError):
            messages.post(household_id=1, elder_id=elder.user_id, author_id=1, author="x", text="长" * 501)
        history = History(db)
        t1 = history.record_turn(
            TurnRecord(
                user_id=elder.user_id,
                session_id="s",
                source="ws",
                started_at=1e9,
                finished_at=1e9 + 1,
                user_text="我头疼",
                assistant_text="多休息",
            )
        )
        history.record_turn(
            TurnRecord(
                user_id=elder.user_id,
                session_id="s",
                source="ws",
                started_at=1e9 + 5,
                finished_at=1e9 + 6,
                user_text="天气",
                assistant_text="晴天",
            )
        )
        messages.mark_delivered([posted.id], t1)
        assert messages.pending(elder.user_id) == []
        assert messages.recent(1)[0].turn_id == t1
        convo = Conversations(db)
        convo.hide(elder.user_id, [t1])
        turns = convo.turns(elder.user_id)
        assert [(t.hidden, t.question) for t in turns] == [(True, ""), (False, "天气")]
        assert convo.turns(elder.user_id, query="头疼") == []  # search never reveals a hidden turn
        assert [t.question for t in convo.turns(elder.user_id, query="天")] == ["天气"]
        day = convo.days(elder.user_id)[0]
        assert (day.turns, day.hidden) == (2, 1)
        assert [t.id for t in convo.turns(elder.user_id, day=day.day)] == [t.id for t in turns]
        with pytest.raises(ValueError):
            convo.turns(elder.user_id, day="yesterday")


def test_a_user_known_only_by_an_internal_key_is_never_named_aloud(db_url: str) -> None:
    with Database(db_url) as db:
        households = Households(db)
        households.ensure_owner()
        for key in ("local", "default", "phone:+8613800000000"):
            member = households.member(db.ensure_user(key).id)
            assert member is not None and member.spoken_name == "" and member.named == key
        granny = households.add_elder(1, ElderProfile(display_name="王秀兰"))
        assert (granny.spoken_name, granny.named) == ("王秀兰", "王秀兰")
        called = households.add_elder(1, ElderProfile(display_name="李桂兰", address="李奶奶"))
        assert called.spoken_name == "李奶奶"
