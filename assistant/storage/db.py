"""Persistence: SQLite (the embedded default) or PostgreSQL, a versioned schema, an asyncio front.

``Database("var/assistant.db")`` or ``Database("sqlite:///var/assistant.db")`` opens a SQLite file
(:mod:`assistant.storage.sqlite`); ``Database("postgresql://user:pw@host/db")`` a PostgreSQL database
(:mod:`assistant.storage.postgres`). Both run the same migrations (:mod:`assistant.storage.schema`)
and the same SQL (:mod:`assistant.storage.sql` says what differs).

Durability contract, on both: every public write is one transaction, committed before the call
returns; a failed write rolls back whole and changes nothing. A process killed at any instant
(``kill -9``) loses at most the write in progress. Writers are serialised (SQLite's write lock;
PostgreSQL: one advisory lock), so a read-then-write inside ``write()`` is atomic across processes
and gateways; a writer waits up to ``busy_timeout_s`` for another one.

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
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, Protocol, TypeVar

from assistant.errors import StorageError
from assistant.storage.schema import MIGRATIONS, SCHEMA_VERSION
from assistant.storage.sql import Connection, Dialect, Row, identity_tables

P = ParamSpec("P")
T = TypeVar("T")
log = logging.getLogger(__name__)

LANGUAGES = ("zh", "en")
IDENTITY_TABLES = identity_tables(MIGRATIONS)


@dataclass(frozen=True, slots=True, kw_only=True)
class User:
    id: int
    name: str
    language: str  # "zh" or "en": the reply language when the client does not say
    created_at: float


def user_from_row(row: Row) -> User:
    return User(id=row["id"], name=row["name"], language=row["language"], created_at=row["created_at"])


class Backend(Protocol):
    """One connection to one database (sqlite.py, postgres.py); used under the Database's lock."""

    dialect: Dialect
    url: str  # for messages: a path, or a URL without its password
    errors: tuple[type[Exception], ...]  # the driver's errors, turned into StorageError

    def begin(self, *, write: bool) -> Connection: ...
    def commit(self) -> None: ...
    def rollback(self) -> None: ...
    def explain(self, exc: BaseException) -> str: ...
    def close(self) -> None: ...


def is_postgres_url(target: Path | str) -> bool:
    return isinstance(target, str) and target.startswith(("postgresql://", "postgres://"))


def open_backend(target: Path | str, busy_timeout_s: float) -> Backend:
    """A path or ``sqlite:///path`` → SQLite; ``postgresql://…`` → PostgreSQL; else StorageError bad_url."""
    if is_postgres_url(target):
        from assistant.storage.postgres import PostgresBackend

        return PostgresBackend(str(target), busy_timeout_s, IDENTITY_TABLES)
    from assistant.storage.sqlite import SqliteBackend, sqlite_path

    if isinstance(target, str) and "://" in target:
        if not target.startswith("sqlite://"):
            raise StorageError(f"unknown database URL {target.split('://')[0]}://…: use sqlite:///PATH or "
                               "postgresql://USER@HOST/DATABASE", code="bad_url")
        target = sqlite_path(target)
    return SqliteBackend(Path(target), busy_timeout_s)


class Database:
    """One database. Opening it connects (creating a SQLite file 0600) and applies pending migrations.

    All methods are synchronous and thread-safe (one connection, one lock). Use as a context manager
    or call :meth:`close`. ``target``: a path, ``sqlite:///PATH`` or ``postgresql://…``.
    """

    def __init__(self, target: Path | str, *, busy_timeout_s: float = 5.0) -> None:
        self._lock = threading.RLock()
        backend = open_backend(target, busy_timeout_s)
        self.url = backend.url
        self.dialect = backend.dialect
        self._file: Path | None = getattr(backend, "path", None)
        self._backend: Backend | None = backend
        try:
            self._migrate()
        except BaseException:
            backend.close()
            raise

    @property
    def path(self) -> Path:
        """The SQLite file (StorageError for PostgreSQL)."""
        if self._file is None:
            raise StorageError(f"{self.url} is not a SQLite database", code="not_sqlite")
        return self._file

    # ---- life cycle ------------------------------------------------------------------------------
    def close(self) -> None:
        with self._lock:
            if self._backend is not None:
                self._backend.close()
                self._backend = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- transactions ----------------------------------------------------------------------------
    @contextlib.contextmanager
    def write(self) -> Iterator[Connection]:
        """One write transaction, rolled back on any exception.

        Database errors come out as :class:`StorageError`; other exceptions pass through unchanged.
        """
        with self._transaction(write=True) as conn:
            yield conn

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        """One read transaction: every query inside sees the same snapshot."""
        with self._transaction(write=False) as conn:
            yield conn

    @contextlib.contextmanager
    def _transaction(self, *, write: bool) -> Iterator[Connection]:
        with self._lock:
            backend = self._open()
            try:
                conn = backend.begin(write=write)
            except backend.errors as exc:
                raise StorageError(f"database {self.url}: {backend.explain(exc)}") from exc
            try:
                yield conn
                backend.commit()
            except BaseException as exc:
                backend.rollback()
                if isinstance(exc, backend.errors):
                    raise StorageError(f"database {self.url}: {backend.explain(exc)}") from exc
                raise

    def _open(self) -> Backend:
        if self._backend is None:
            raise StorageError(f"database {self.url} is closed")
        return self._backend

    def _sqlite(self) -> Any:
        backend = self._open()
        if backend.dialect.name != "sqlite":
            raise StorageError(f"{self.url} is not a SQLite database", code="not_sqlite")
        return backend

    # ---- maintenance -----------------------------------------------------------------------------
    def schema_version(self) -> int:
        with self.read() as conn:
            return int(conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0])

    def pragma(self, name: str) -> Any:
        """The current value of a SQLite PRAGMA (read-only use, e.g. ``journal_mode``, ``synchronous``)."""
        with self._lock:
            return self._sqlite().pragma(name)

    def integrity_check(self) -> list[str]:
        """SQLite's ``PRAGMA integrity_check``: ``["ok"]`` for a healthy file, else the problems found."""
        self._sqlite()
        with self.read() as conn:
            return [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]

    def backup(self, dest: Path | str) -> None:
        """A consistent copy of a live SQLite database (safe while the server writes)."""
        with self._lock:
            self._sqlite().backup(Path(dest))

    def _migrate(self) -> None:
        """Bring the schema to SCHEMA_VERSION, one transaction per migration; refuse a newer database."""
        with self.write() as conn:
            conn.execute(self.dialect.statement(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at REAL NOT "
                "NULL)"))
        while True:
            with self.write() as conn:  # read the version under the write lock: another process may migrate
                row = conn.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()
                current = int(row[0])
                if current > SCHEMA_VERSION:
                    raise StorageError(
                        f"database schema version {current} is newer than this program's ({SCHEMA_VERSION}); "
                        "upgrade the assistant", code="schema_too_new")
                if current == SCHEMA_VERSION:
                    return
                for statement in MIGRATIONS[current]:
                    conn.execute(self.dialect.statement(statement))
                conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                             (current + 1, time.time()))

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
        self._executor = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="database")

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
