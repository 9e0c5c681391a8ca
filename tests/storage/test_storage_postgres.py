"""PostgreSQL only: a lost connection, a slow writer, column types, and the settings' URL."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from assistant.config import load_settings
from assistant.errors import StorageError
from assistant.storage.db import Database
from assistant.storage.history import History, TurnRecord


def _kill_connections(postgres: Any, url: str) -> None:
    """What a server restart or a network cut does to our idle connection."""
    name = url.rsplit("/", 1)[1]
    killed = postgres.psql(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'"
                           " AND pid <> pg_backend_pid()")
    assert killed.split() == ["t"], killed  # exactly our one connection


def _turn(user_id: int, n: int) -> TurnRecord:
    return TurnRecord(user_id=user_id, session_id="s", source="ws", started_at=1_700_000_000.123456 + n,
                      finished_at=1_700_000_001.5 + n, user_text=f"问题{n}", assistant_text=f"回答{n}")


def test_a_dropped_idle_connection_is_replaced(postgres: Any) -> None:
    url = postgres.new_database()
    with Database(url) as db:
        user = db.ensure_user("奶奶")
        History(db).record_turn(_turn(user.id, 0))
        _kill_connections(postgres, url)
        History(db).record_turn(_turn(user.id, 1))  # reconnects at BEGIN: nothing is lost or failed
        assert [t.user_text for t in History(db).history(user.id)] == ["问题0", "问题1"]


def test_a_connection_lost_mid_write_loses_that_write_only(postgres: Any) -> None:
    url = postgres.new_database()
    with Database(url) as db:
        user = db.ensure_user("奶奶")
        History(db).record_turn(_turn(user.id, 0))
        with pytest.raises(StorageError), db.write() as conn:
            conn.execute("INSERT INTO settings (key, value) VALUES ('half', '1')")
            _kill_connections(postgres, url)
            conn.execute("INSERT INTO settings (key, value) VALUES ('other half', '2')")
        assert db.get_setting("half") is None and db.get_setting("other half") is None
        History(db).record_turn(_turn(user.id, 1))
        assert len(History(db).history(user.id)) == 2


def test_a_writer_waits_for_another_then_gives_up(postgres: Any) -> None:
    url = postgres.new_database()
    with Database(url, busy_timeout_s=0.5) as a, Database(url, busy_timeout_s=0.5) as b:
        held, release = threading.Event(), threading.Event()

        def hold() -> None:
            with a.write():
                held.set()
                release.wait(10)

        holder = threading.Thread(target=hold)
        holder.start()
        held.wait(10)
        started = time.monotonic()
        with pytest.raises(StorageError, match="busy"):
            b.set_setting("k", 1)
        assert 0.4 < time.monotonic() - started < 5
        release.set()
        holder.join()
        b.set_setting("k", 2)  # the lock is free again
        assert a.get_setting("k") == 2


def test_times_keep_full_precision(postgres: Any) -> None:
    """SQLite's REAL is a double: so is the column on PostgreSQL (not its 4-byte REAL)."""
    with Database(postgres.new_database()) as db:
        user = db.ensure_user("奶奶")
        turn_id = History(db).record_turn(_turn(user.id, 7))
        stored = History(db).history(user.id)[0]
        assert stored.id == turn_id and stored.started_at == 1_700_000_007.123456
        assert db.dialect.name == "postgres"
        with pytest.raises(StorageError, match="not a SQLite database"):
            _ = db.path


def test_the_url_comes_from_the_settings(postgres: Any) -> None:
    url = postgres.new_database()
    settings = load_settings(environ={"ASSISTANT_STORAGE__URL": url})
    assert settings.storage.url == url
    with Database(settings.storage.url or settings.db_path) as db:
        assert db.url.endswith(url.rsplit("@", 1)[1]) and "test-password" not in db.url
    with pytest.raises(StorageError, match="unknown database URL") as info:
        Database(load_settings(environ={"ASSISTANT_STORAGE__URL": "mysql://x/y"}).storage.url)
    assert info.value.code == "bad_url"
