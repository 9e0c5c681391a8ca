"""The SQLite backend: one file, WAL journal, one connection (see :mod:`assistant.storage.db`).

Settings that make the durability contract true:

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
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from typing import Any

from assistant.errors import StorageError
from assistant.storage.sql import SQLITE, Connection


class SqliteBackend:
    dialect = SQLITE
    errors: tuple[type[Exception], ...] = (sqlite3.Error,)

    def __init__(self, path: Path, busy_timeout_s: float) -> None:
        self.path = path
        self.url = str(path)
        self.conn = _connect(path, busy_timeout_s)

    def begin(self, *, write: bool) -> Connection:
        self.conn.execute("BEGIN IMMEDIATE" if write else "BEGIN DEFERRED")
        return self.conn

    def commit(self) -> None:
        self.conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("ROLLBACK")

    def explain(self, exc: BaseException) -> str:
        return str(exc)

    def close(self) -> None:
        self.conn.close()

    def pragma(self, name: str) -> Any:
        if not name.replace("_", "").isalnum():
            raise ValueError(f"bad pragma name {name!r}")
        return self.conn.execute(f"PRAGMA {name}").fetchone()[0]

    def backup(self, dest: Path) -> None:
        try:
            target = sqlite3.connect(dest)
            try:
                self.conn.backup(target)
            finally:
                target.close()
        except sqlite3.Error as exc:
            raise StorageError(f"backup to {dest} failed: {exc}") from exc
        os.chmod(dest, 0o600)


def sqlite_path(url: str) -> Path:
    """``sqlite:///relative/or/absolute`` → a path (``sqlite:////abs`` and ``sqlite:///abs`` both work)."""
    rest = url.split("://", 1)[1]
    if not rest.startswith("/") or rest == "/":
        raise StorageError(f"a SQLite URL looks like sqlite:///path/to/assistant.db, not {url!r}",
                           code="bad_url")
    return Path(rest[1:] if rest.startswith("//") else rest)


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
