"""The PostgreSQL backend: ``storage.url = "postgresql://USER:PASSWORD@HOST:PORT/DATABASE"``.

Driver: pg8000 (BSD-3, pure Python, synchronous). The store is synchronous and runs on one
dedicated thread per process (:class:`assistant.storage.db.DatabaseThread`) or in a CLI command, so
an async-only driver (asyncpg) would need a private event loop in that thread, and psycopg 3 is
LGPL; pg8000 fits the calling pattern as it is and installs without a compiler or libpq.

Semantics kept from SQLite:

* **Writes are serialised**, like SQLite's ``BEGIN IMMEDIATE``: every write transaction first takes
  one transaction-level advisory lock, so a read-then-write (redeem a pairing code once, claim a
  job once) is as atomic across gateways as it is across processes on one SQLite file. A writer
  waits at most ``busy_timeout_s`` (``lock_timeout``) and then fails with StorageError. Writes are
  short (about one per turn), so one writer at a time is far from the limit; reads run in parallel.
* **Reads see one snapshot** (``REPEATABLE READ READ ONLY``), as a SQLite read transaction does.
* **Durability**: a commit returns after PostgreSQL has flushed its WAL (``synchronous_commit`` as
  configured on the server: keep it ``on``).
* **Failures lose nothing committed**: a failed statement rolls the whole transaction back. A
  connection that died while idle (server restart, a proxy's idle timeout) is replaced at the next
  transaction's ``BEGIN``, before anything ran, so that call succeeds; a connection lost in the
  middle of a transaction fails that call (StorageError), and the next call reconnects.
* Days are computed in the gateway's local time zone (the session's ``TimeZone``).

URL forms: ``postgresql://user:pw@host:5432/db``, ``postgresql://user@/db?host=/run/postgresql``
(unix socket directory), ``?sslmode=require|verify-ca|verify-full``. Without a password in the URL,
the ``PGPASSWORD`` environment variable is used, as libpq does.
"""

from __future__ import annotations

import contextlib
import os
import ssl
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pg8000.dbapi

from assistant.errors import StorageError
from assistant.storage.sql import POSTGRES, Connection

pg8000.dbapi.paramstyle = "qmark"  # the same ``?`` placeholders as sqlite3 (documented pg8000 setting)

WRITE_LOCK_KEY = 0x61737369  # the advisory lock that serialises writers (any constant; "assi")
SOCKET_TIMEOUT_S = 30.0  # a vanished server fails a call after this, instead of hanging the DB thread
SSL_MODES = ("disable", "require", "verify-ca", "verify-full")
CONSTRAINTS = {"23503": "FOREIGN KEY", "23505": "UNIQUE", "23514": "CHECK", "23502": "NOT NULL"}


@dataclass(frozen=True, slots=True, kw_only=True)
class PgTarget:
    user: str
    password: str | None
    database: str
    host: str = "localhost"
    port: int = 5432
    unix_sock: str | None = None
    sslmode: str = "disable"

    def connect_args(self) -> dict[str, Any]:
        args: dict[str, Any] = {"user": self.user, "database": self.database, "port": self.port,
                                "timeout": SOCKET_TIMEOUT_S, "application_name": "assistant"}
        password = self.password if self.password is not None else os.environ.get("PGPASSWORD")
        if password is not None:
            args["password"] = password
        if self.unix_sock:
            args["unix_sock"] = self.unix_sock
        else:
            args["host"] = self.host
        if self.sslmode != "disable":
            context = ssl.create_default_context()
            if self.sslmode in ("require", "verify-ca"):
                context.check_hostname = False
            if self.sslmode == "require":
                context.verify_mode = ssl.CERT_NONE
            args["ssl_context"] = context
        return args


def mask_url(url: str) -> str:
    """The URL without its password (for messages and logs)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def parse_url(url: str) -> PgTarget:
    """A ``postgresql://`` URL → where to connect; StorageError ``bad_url`` when it is not one."""
    parts = urlsplit(url)
    if parts.scheme not in ("postgresql", "postgres"):
        raise StorageError(f"not a PostgreSQL URL: {mask_url(url)!r}", code="bad_url")
    try:
        port = parts.port or 5432
    except ValueError as exc:
        raise StorageError(f"bad port in {mask_url(url)!r}", code="bad_url") from exc
    database = unquote(parts.path.lstrip("/"))
    if not database or "/" in database:
        raise StorageError(f"say which database: postgresql://USER@HOST:PORT/DATABASE, not {mask_url(url)!r}",
                           code="bad_url")
    query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    unknown = set(query) - {"host", "sslmode"}
    if unknown:
        raise StorageError(f"unknown option(s) {', '.join(sorted(unknown))} in {mask_url(url)!r} "
                           "(known: host, sslmode)", code="bad_url")
    sslmode = query.get("sslmode", "disable")
    if sslmode not in SSL_MODES:
        raise StorageError(f"sslmode must be one of {', '.join(SSL_MODES)}", code="bad_url")
    host = query.get("host") or unquote(parts.hostname or "") or "localhost"
    user = unquote(parts.username or "") or _os_user()
    password = unquote(parts.password) if parts.password is not None else None
    unix_sock = str(Path(host) / f".s.PGSQL.{port}") if host.startswith("/") else None
    return PgTarget(user=user, password=password, database=database, host=host, port=port,
                    unix_sock=unix_sock, sslmode=sslmode)


def _os_user() -> str:
    import getpass

    return getpass.getuser()


class PgRow:
    """A result row readable like ``sqlite3.Row``: by column name, by position, and as a mapping."""

    __slots__ = ("_index", "_values")

    def __init__(self, index: dict[str, int], values: Sequence[Any]) -> None:
        self._index = index
        self._values = tuple(_value(v) for v in values)

    def __getitem__(self, key: int | str) -> Any:
        return self._values[key if isinstance(key, int) else self._index[key]]

    def keys(self) -> list[str]:
        return list(self._index)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"PgRow({dict(zip(self._index, self._values, strict=True))!r})"


def _value(value: Any) -> Any:
    # SUM() and friends over BIGINT are NUMERIC in PostgreSQL; SQLite gives int (or float)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _param(value: Any) -> Any:
    return int(value) if isinstance(value, bool) else value  # booleans are 0/1 integers in the schema


class PgCursor:
    def __init__(self, rows: list[PgRow], rowcount: int, lastrowid: int | None) -> None:
        self._rows = rows
        self._next = 0
        self.rowcount = rowcount
        self.lastrowid = lastrowid

    def fetchone(self) -> PgRow | None:
        if self._next >= len(self._rows):
            return None
        self._next += 1
        return self._rows[self._next - 1]

    def fetchall(self) -> list[PgRow]:
        rest, self._next = self._rows[self._next:], len(self._rows)
        return rest

    def __iter__(self) -> Iterator[PgRow]:
        return iter(self.fetchall())


class PgConnection:
    """sqlite3-like ``execute`` over a pg8000 connection; ``lastrowid`` via ``RETURNING id``."""

    def __init__(self, raw: pg8000.dbapi.Connection, identity_tables: frozenset[str]) -> None:
        self.raw = raw
        self._identity = identity_tables

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> PgCursor:
        returning = self._returns_id(sql)
        if returning:
            sql = sql.rstrip().rstrip(";") + " RETURNING id"
        cur = self.raw.cursor()
        try:
            params = [_param(p) for p in parameters]
            if params:
                cur.execute(sql, params)
            else:
                cur.execute(sql)
            names = [d[0] for d in cur.description] if cur.description else []
            raw_rows = cur.fetchall() if cur.description else ()
            rows = [PgRow({n: i for i, n in enumerate(names)}, r) for r in raw_rows]
            count = cur.rowcount
        finally:
            cur.close()
        if returning:
            return PgCursor([], count, rows[0][0] if rows else None)
        return PgCursor(rows, count, None)

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> PgCursor:
        total = 0
        for params in parameters:
            total += max(self.execute(sql, params).rowcount, 0)
        return PgCursor([], total, None)

    def _returns_id(self, sql: str) -> bool:
        words = sql.split(None, 3)
        return (len(words) >= 3 and words[0].upper() == "INSERT" and words[1].upper() == "INTO"
                and words[2].split("(")[0] in self._identity and "RETURNING" not in sql.upper())


class PostgresBackend:
    dialect = POSTGRES
    errors: tuple[type[Exception], ...] = (pg8000.dbapi.Error, OSError)

    def __init__(self, url: str, busy_timeout_s: float, identity_tables: frozenset[str]) -> None:
        self.target = parse_url(url)
        self.url = mask_url(url)
        self._busy_ms = int(busy_timeout_s * 1000)
        self._identity = identity_tables
        self._conn: PgConnection | None = None
        self._connection()  # fail now, with a clear message, if the server cannot be reached

    # ---- connections ----------------------------------------------------------------------------
    def _connection(self) -> PgConnection:
        if self._conn is None:
            try:
                raw = pg8000.dbapi.connect(**self.target.connect_args())
            except (pg8000.dbapi.Error, OSError) as exc:
                raise StorageError(f"cannot connect to {self.url}: {self.explain(exc)}",
                                   code="db_unavailable") from exc
            raw.autocommit = True  # we BEGIN and COMMIT ourselves
            conn = PgConnection(raw, self._identity)
            try:
                conn.execute(f"SET lock_timeout = {self._busy_ms}")
                conn.execute("SELECT set_config('TimeZone', ?, false)", (_local_zone(),))
            except pg8000.dbapi.Error as exc:
                with contextlib.suppress(Exception):
                    raw.close()
                raise StorageError(f"cannot set up {self.url}: {self.explain(exc)}") from exc
            self._conn = conn
        return self._conn

    def _drop(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.raw.close()
            self._conn = None

    # ---- transactions ---------------------------------------------------------------------------
    def begin(self, *, write: bool) -> Connection:
        try:
            return self._begin(write)
        except self.errors as exc:
            if not _disconnected(exc):
                self.rollback()
                raise
            self._drop()  # died while idle: nothing of this call ran yet, so one fresh try is safe
        try:
            return self._begin(write)
        except self.errors:
            self.rollback()
            raise

    def _begin(self, write: bool) -> Connection:
        conn = self._connection()
        if write:
            conn.execute("BEGIN")
            conn.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK_KEY,))
        else:
            conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        return conn

    def commit(self) -> None:
        try:
            self._connection().execute("COMMIT")
        except self.errors as exc:
            if _disconnected(exc):
                self._drop()
            raise

    def rollback(self) -> None:
        if self._conn is None:
            return
        try:
            self._conn.execute("ROLLBACK")
        except self.errors:
            self._drop()  # a connection that cannot roll back is not reused

    def explain(self, exc: BaseException) -> str:
        details = exc.args[0] if exc.args and isinstance(exc.args[0], dict) else None
        if details is None:
            return str(exc) or type(exc).__name__
        code = details.get("C", "")
        if code == "55P03":
            return "the database is busy (another writer held it too long)"
        same_as_sqlite = CONSTRAINTS.get(code)  # the words SQLite uses, so that messages read alike
        prefix = f"{same_as_sqlite} constraint failed: " if same_as_sqlite else ""
        return f"{prefix}{details.get('M', exc)} (SQLSTATE {code})"

    def close(self) -> None:
        self._drop()


def _disconnected(exc: BaseException) -> bool:
    if isinstance(exc, (pg8000.dbapi.InterfaceError, OSError)):
        return True
    details = exc.args[0] if exc.args and isinstance(exc.args[0], dict) else {}
    return str(details.get("C", "")).startswith(("08", "57P"))  # connection exception, admin shutdown


def _local_zone() -> str:
    """The IANA name of this machine's time zone (what SQLite's 'localtime' uses), else UTC."""
    zone = os.environ.get("TZ", "").lstrip(":")
    if zone and not zone.startswith("/"):
        return zone
    try:
        target = os.path.realpath("/etc/localtime")
    except OSError:
        return "UTC"
    marker = "/zoneinfo/"
    return target.split(marker, 1)[1] if marker in target else "UTC"
