"""SQLite persistence: one file, WAL journal, a versioned schema, and an asyncio-friendly front.

Durability contract: every public write is one transaction, committed before the call returns. A
process killed at any instant (``kill -9``) loses at most the write in progress; the file is never
corrupted. Settings that make this true:

* ``journal_mode=WAL``: a commit appends to the ``-wal`` file; readers never block the writer, and a
  torn append is ignored at recovery because every WAL frame is checksummed.
* ``synchronous=FULL``: the WAL is fsync'ed at every commit. ``NORMAL`` is already corruption-safe
  and loses nothing on a process crash (committed pages sit in the OS cache), but after a power cut
  it may roll back the last few commits, and one of those could be a device *revocation*: a revoked
  phone would work again. We commit about once per turn (seconds apart), so one fsync per commit
  costs nothing noticeable; FULL makes a committed revocation or turn survive power loss too.
* ``busy_timeout``: the CLI (``assistant pair``, ``assistant devices revoke``) opens its own
  connection while the server runs; a writer waits up to ``busy_timeout_s`` instead of failing.
  Writes start with ``BEGIN IMMEDIATE`` so two writers queue instead of deadlocking on an upgrade.
* ``foreign_keys=ON``.

The file and its WAL are created owner-only (0600): history is private even though tokens are hashed.

Threads: a :class:`Database` owns ONE connection guarded by a lock, so it is safe from any thread.
Asyncio code goes through :class:`DatabaseThread`, which runs every call on one dedicated thread
(see its docstring for why not ``asyncio.to_thread``).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from assistant.errors import StorageError
from assistant.storage.schema import MIGRATIONS, SCHEMA_VERSION

P = ParamSpec("P")
T = TypeVar("T")
log = logging.getLogger(__name__)

LANGUAGES = ("zh", "en")


@dataclass(frozen=True, slots=True, kw_only=True)
class User:
    id: int
    name: str
    language: str  # "zh" or "en": the reply language when the client does not say
    created_at: float


def user_from_row(row: sqlite3.Row) -> User:
    return User(id=row["id"], name=row["name"], language=row["language"], created_at=row["created_at"])


class Database:
    """One SQLite file. Opening it creates the file (0600) and applies pending migrations.

    All methods are synchronous and thread-safe (one connection, one lock). Use as a context manager
    or call :meth:`close`.
    """

    def __init__(self, path: Path | str, *, busy_timeout_s: float = 5.0) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = _connect(self.path, busy_timeout_s)
        try:
            _migrate(self._conn)
        except BaseException:
            self._conn.close()
            raise

    # ---- life cycle ------------------------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- transactions ----------------------------------------------------------------------------
    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (``BEGIN IMMEDIATE`` … ``COMMIT``), rolled back on any exception.

        sqlite3 errors come out as :class:`StorageError`; other exceptions pass through unchanged.
        """
        with self._transaction("BEGIN IMMEDIATE") as conn:
            yield conn

    @contextlib.contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """One read transaction: every query inside sees the same snapshot."""
        with self._transaction("BEGIN DEFERRED") as conn:
            yield conn

    @contextlib.contextmanager
    def _transaction(self, begin: str) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._conn is None:
                raise StorageError(f"database {self.path} is closed")
            conn = self._conn
            try:
                conn.execute(begin)
            except sqlite3.Error as exc:
                raise StorageError(f"database {self.path}: {exc}") from exc
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StorageError(f"database {self.path}: {exc}") from exc
                raise

    # ---- maintenance -----------------------------------------------------------------------------
    def schema_version(self) -> int:
        with self.read() as conn:
            return int(conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0])

    def pragma(self, name: str) -> Any:
        """The current value of a PRAGMA (read-only use, e.g. ``journal_mode``, ``synchronous``)."""
        if not name.replace("_", "").isalnum():
            raise ValueError(f"bad pragma name {name!r}")
        with self._lock:
            if self._conn is None:
                raise StorageError(f"database {self.path} is closed")
            return self._conn.execute(f"PRAGMA {name}").fetchone()[0]

    def integrity_check(self) -> list[str]:
        """``PRAGMA integrity_check``: ``["ok"]`` for a healthy file, else the problems found."""
        with self.read() as conn:
            return [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]

    def backup(self, dest: Path | str) -> None:
        """A consistent copy of the live database (safe while the server writes)."""
        dest = Path(dest)
        with self._lock:
            if self._conn is None:
                raise StorageError(f"database {self.path} is closed")
            try:
                target = sqlite3.connect(dest)
                try:
                    self._conn.backup(target)
                finally:
                    target.close()
            except sqlite3.Error as exc:
                raise StorageError(f"backup to {dest} failed: {exc}") from exc
        os.chmod(dest, 0o600)

    # ---- users -----------------------------------------------------------------------------------
    def ensure_user(self, name: str, *, language: str = "zh") -> User:
        """The user called ``name``, created with ``language`` if new (an existing user keeps theirs)."""
        name = name.strip()
        if not name:
            raise ValueError("a user needs a name")
        _check_language(language)
        with self.write() as conn:
            conn.execute(
                "INSERT INTO users (name, language, created_at) VALUES (?, ?, ?) ON CONFLICT(name) DO "
                "NOTHING",
                (name, language, time.time()),
            )
            return user_from_row(conn.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone())

    def get_user(self, user_id: int) -> User | None:
        with self.read() as conn:
            row = conn.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
        return None if row is None else user_from_row(row)

    def find_user(self, name: str) -> User | None:
        with self.read() as conn:
            row = conn.execute("SELECT * FROM users WHERE name = ?", (name.strip(),)).fetchone()
        return None if row is None else user_from_row(row)

    def list_users(self) -> list[User]:
        with self.read() as conn:
            return [user_from_row(r) for r in conn.execute("SELECT * FROM users ORDER BY id")]

    def set_user_language(self, user_id: int, language: str) -> None:
        _check_language(language)
        with self.write() as conn:
            if conn.execute("UPDATE users SET language = ? WHERE id = ?", (language, user_id)).rowcount == 0:
                raise StorageError(f"no user with id {user_id}", code="unknown_user")

    # ---- settings (JSON values) ------------------------------------------------------------------
    def get_setting(self, key: str, default: Any = None) -> Any:
        with self.read() as conn:
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set_setting(self, key: str, value: Any) -> None:
        """Store any JSON-serialisable ``value`` under ``key`` (replacing the old one)."""
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
        with self.write() as conn:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = "
                "excluded.value",
                (key, text),
            )


class DatabaseThread:
    """Runs storage calls on ONE dedicated thread, for asyncio code.

    ``await dbt.run(auth.authenticate, token)``; ``await dbt.run(history.record_turn, turn)``.

    Why a dedicated thread rather than ``asyncio.to_thread``: the default executor is shared with
    ASR/LLM/TTS work; on a 2-core box a DB write queued behind inference would delay the end of a
    turn, and several DB calls waiting on the connection lock would hold executor threads hostage.
    One thread also keeps submission order (FIFO) and confines the connection to one thread.

    A call, once submitted, always runs to completion: cancelling the awaiting task (barge-in,
    disconnect) stops the wait, not the write, so a finished turn is never half-recorded or lost.
    The ``CancelledError`` still propagates to the caller.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        self._executor = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="sqlite")

    def submit(self, fn: Callable[P, T], /, *args: P.args,
               **kwargs: P.kwargs) -> concurrent.futures.Future[T]:
        """Queue ``fn(*args, **kwargs)`` without waiting (e.g. from a ``finally`` of a cancelled task)."""
        return self._executor.submit(functools.partial(fn, *args, **kwargs))

    async def run(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
        """Run ``fn(*args, **kwargs)`` on the database thread and return its result."""
        future = asyncio.wrap_future(self.submit(fn, *args, **kwargs))
        try:
            return await asyncio.shield(future)
        except asyncio.CancelledError:
            future.add_done_callback(_log_orphan_failure)  # nobody awaits it any more
            raise

    def close(self) -> None:
        """Finish every queued call, then close the database (for synchronous shutdown code)."""
        self._executor.shutdown(wait=True)
        self.db.close()

    async def aclose(self) -> None:
        """Finish every queued call, then close the database."""
        await asyncio.to_thread(self._executor.shutdown, wait=True)
        self.db.close()


def _log_orphan_failure(future: asyncio.Future[Any]) -> None:
    if not future.cancelled() and future.exception() is not None:
        log.error("storage call failed after its caller was cancelled", exc_info=future.exception())


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")


def _connect(path: Path, busy_timeout_s: float) -> sqlite3.Connection:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Create the file owner-only before SQLite does: the -wal and -shm files copy its mode.
        # Only when it does not exist: closing any descriptor of a file drops every POSIX lock this
        # process holds on it, so re-opening a database another connection of this process has
        # open (the tools' connection beside the server's) would make other processes believe
        # nobody uses it, and they would read it without the WAL.
        if not path.exists():
            with contextlib.suppress(FileExistsError):  # another process just created it
                os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
    except OSError as exc:
        raise StorageError(f"cannot create database {path}: {exc}") from exc
    try:
        # isolation_level=None: the module never opens transactions behind our back; we BEGIN ourselves.
        conn = sqlite3.connect(path, timeout=busy_timeout_s, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StorageError(f"cannot open database {path}: {exc}") from exc
    conn.row_factory = sqlite3.Row
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StorageError(f"database {path} cannot use WAL mode (got {mode!r}); is it on a network "
                               "drive?")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        # truncate the WAL back to 8 MiB after checkpoints
        conn.execute("PRAGMA journal_size_limit = 8388608")
    except sqlite3.Error as exc:
        conn.close()
        raise StorageError(f"{path} is not a usable SQLite database: {exc}") from exc
    except BaseException:
        conn.close()
        raise
    return conn


def _migrate(conn: sqlite3.Connection) -> None:
    """Bring the schema to SCHEMA_VERSION, one transaction per migration; refuse a newer file."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at REAL NOT "
            "NULL)"
        )
        conn.execute("COMMIT")
        while True:
            # read the version under the write lock: another process may migrate
            conn.execute("BEGIN IMMEDIATE")
            current = int(conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0])
            if current > SCHEMA_VERSION:
                raise StorageError(
                    f"database schema version {current} is newer than this program's ({SCHEMA_VERSION}); "
                    "upgrade the assistant", code="schema_too_new")
            if current == SCHEMA_VERSION:
                conn.execute("COMMIT")
                return
            for statement in MIGRATIONS[current]:
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                         (current + 1, time.time()))
            conn.execute("COMMIT")
    except sqlite3.Error as exc:
        raise StorageError(f"migrating the database failed: {exc}") from exc
    finally:
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
