"""The database layer on both backends: migrations, users, settings, threads and processes; and
SQLite's own pragmas, file modes and backups."""

from __future__ import annotations

import asyncio
import sqlite3
import stat
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.errors import StorageError
from assistant.storage.db import Database, DatabaseThread
from assistant.storage.history import History, TurnRecord
from assistant.storage.schema import SCHEMA_VERSION


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    with Database(tmp_path / "var" / "assistant.db") as database:
        yield database


def test_pragmas_wal_full_foreign_keys(sqlite_db: Database) -> None:
    db = sqlite_db
    assert db.pragma("journal_mode") == "wal"
    assert db.pragma("synchronous") == 2  # FULL
    assert db.pragma("foreign_keys") == 1
    assert db.pragma("busy_timeout") == 5000
    # WAL is a property of the file: a fresh connection that sets nothing sees it too.
    raw = sqlite3.connect(db.path)
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()


def test_files_are_owner_only(sqlite_db: Database) -> None:
    db = sqlite_db
    db.ensure_user("奶奶")
    assert stat.S_IMODE(db.path.stat().st_mode) == 0o600
    wal = db.path.with_name(db.path.name + "-wal")
    assert wal.exists() and stat.S_IMODE(wal.stat().st_mode) == 0o600
    assert stat.S_IMODE(db.path.parent.stat().st_mode) == 0o700


def test_migrations_apply_once_and_keep_data(db_url: str) -> None:
    with Database(db_url) as db:
        assert db.schema_version() == SCHEMA_VERSION
        db.ensure_user("爷爷", language="zh")
    with Database(db_url) as db:
        assert db.schema_version() == SCHEMA_VERSION
        assert [u.name for u in db.list_users()] == ["爷爷"]
        with db.read() as conn:
            assert conn.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == SCHEMA_VERSION
        if db.dialect.name == "sqlite":
            assert db.integrity_check() == ["ok"]


def test_newer_schema_is_refused(db_url: str) -> None:
    with Database(db_url) as db, db.write() as conn:
        conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, 0)", (SCHEMA_VERSION + 1,))
    with pytest.raises(StorageError, match="newer than this program") as info:
        Database(db_url)
    assert info.value.code == "schema_too_new"


def test_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StorageError, match="not a usable SQLite database"):
        Database(path)


def test_users_and_settings(db: Database) -> None:
    grandma = db.ensure_user("  奶奶 ", language="zh")
    assert grandma.name == "奶奶" and grandma.language == "zh"
    assert db.ensure_user("奶奶", language="en") == grandma  # an existing user keeps her language
    db.set_user_language(grandma.id, "en")
    assert db.get_user(grandma.id) is not None and db.find_user("奶奶").language == "en"  # type: ignore[union-attr]
    assert db.get_user(999) is None and db.find_user("nobody") is None
    with pytest.raises(ValueError, match="language"):
        db.ensure_user("x", language="fr")
    with pytest.raises(StorageError, match="no user"):
        db.set_user_language(999, "zh")

    assert db.get_setting("volume", 5) == 5
    db.set_setting("volume", {"level": 7, "名字": "小助手"})
    db.set_setting("volume", {"level": 8, "名字": "小助手"})
    assert db.get_setting("volume") == {"level": 8, "名字": "小助手"}


def test_failed_write_rolls_back(db: Database) -> None:
    with pytest.raises(RuntimeError), db.write() as conn:
        conn.execute("INSERT INTO users (name, language, created_at) VALUES ('临时', 'zh', 0)")
        raise RuntimeError("boom")
    assert db.find_user("临时") is None
    with pytest.raises(StorageError, match="FOREIGN KEY"):
        History(db).record_turn(_turn(user_id=12345))


def test_two_connections_like_cli_and_server(db_url: str) -> None:
    with Database(db_url) as server, Database(db_url) as cli:
        cli.ensure_user("王阿姨")
        assert server.find_user("王阿姨") is not None
        with server.write() as conn:  # the CLI waits on busy_timeout instead of failing
            conn.execute("INSERT INTO settings (key, value) VALUES ('k', '1')")
        cli.set_setting("k", 2)
        assert server.get_setting("k") == 2


def test_backup_is_a_consistent_copy(sqlite_db: Database, tmp_path: Path) -> None:
    db = sqlite_db
    user = db.ensure_user("奶奶")
    History(db).record_turn(_turn(user_id=user.id))
    copy = tmp_path / "backup.db"
    db.backup(copy)
    with Database(copy) as restored:
        assert restored.integrity_check() == ["ok"]
        assert len(History(restored).history(user.id)) == 1


async def test_database_thread_serialises_concurrent_writes(db: Database) -> None:
    dbt = DatabaseThread(db)
    history = History(db)
    user = await dbt.run(db.ensure_user, "奶奶")
    ids = await asyncio.gather(*(dbt.run(history.record_turn, _turn(user_id=user.id, n=i))
                                 for i in range(40)))
    assert sorted(ids) == list(ids)  # FIFO: submitted order is commit order
    turns = await dbt.run(history.history, user.id, limit=100)
    assert [t.user_text for t in turns] == [f"问题 {i}" for i in range(40)]
    await dbt.aclose()
    with pytest.raises(StorageError, match="closed"):
        db.get_user(user.id)


async def test_cancelled_wait_still_records_the_turn(db: Database, db_url: str) -> None:
    dbt = DatabaseThread(db)
    history = History(db)
    user = db.ensure_user("奶奶")
    gate = threading.Event()
    blocker = dbt.submit(gate.wait, 10)  # holds the DB thread: the write below is queued, not started
    task = asyncio.create_task(dbt.run(history.record_turn, _turn(user_id=user.id)))
    await asyncio.sleep(0.05)
    task.cancel()  # e.g. barge-in or a dropped connection while the turn is being saved
    with pytest.raises(asyncio.CancelledError):
        await task
    gate.set()
    assert blocker.result(timeout=10)
    await dbt.aclose()  # waits for the queued write
    with Database(db_url) as again:
        assert len(History(again).history(user.id)) == 1


def _turn(*, user_id: int, n: int = 0) -> TurnRecord:
    return TurnRecord(user_id=user_id, session_id="s1", source="ws", started_at=1000.0 + n,
                      finished_at=1001.0 + n, user_text=f"问题 {n}", assistant_text=f"回答 {n}")
