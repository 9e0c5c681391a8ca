"""``assistant db migrate`` and ``assistant db copy``: bring a database to the current schema, and move
a household from one database to another (SQLite → PostgreSQL, or back) without losing a row.

The copy runs in ONE write transaction on the target: it fails whole or succeeds whole. Before
committing it compares every table of the target with the source, row by row; any difference
rolls everything back. Row ids are kept (devices keep their tokens, messages their turns), and the
target's id counters are moved past the copied ids. The source is only read (but opening it
applies pending migrations, as any program that opens it would).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from assistant.errors import StorageError
from assistant.storage.db import IDENTITY_TABLES, Database
from assistant.storage.schema import MIGRATIONS
from assistant.storage.sql import Connection, created_tables

TABLES = [t for t in created_tables(MIGRATIONS) if t != "schema_version"]
BATCH = 500


@dataclass(frozen=True, slots=True, kw_only=True)
class CopyReport:
    rows: dict[str, int]  # table → rows copied

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def is_empty(db: Database) -> bool:
    """No data yet: every table empty, except the one household a new database starts with."""
    with db.read() as conn:
        for table in TABLES:
            count = int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
            if count > (1 if table == "households" else 0):
                return False
    return True


def copy_database(source: Database, target: Database, *, force: bool = False) -> CopyReport:
    """Copy every table of ``source`` into ``target``; StorageError ``target_not_empty`` unless ``force``
    (which replaces the target's data). Verified before commit; all or nothing."""
    if not force and not is_empty(target):
        raise StorageError(f"{target.url} already holds data; copying would mix two households "
                           "(use --force to replace it)", code="target_not_empty")
    counts: dict[str, int] = {}
    with source.read() as src, target.write() as dst:
        for table in TABLES:
            # Delete at the table's own turn, not all first: a trigger (every new user joins the
            # first household) needs the rows of a later table until that table is replaced.
            dst.execute(f"DELETE FROM {table}")
            counts[table] = 0
            for columns, rows in _batches(src, table):
                marks = ", ".join("?" for _ in columns)
                dst.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
                counts[table] += len(rows)
        for table in TABLES:
            _verify(src, dst, table)
        for table in sorted(IDENTITY_TABLES & set(TABLES)):
            _advance_ids(target, dst, table, _last_id(source, src, table))
    return CopyReport(rows=counts)


def _batches(conn: Connection, table: str) -> Iterator[tuple[list[str], list[tuple[Any, ...]]]]:
    offset = 0
    while True:
        rows = conn.execute(f"SELECT * FROM {table} ORDER BY 1 LIMIT ? OFFSET ?", (BATCH, offset)).fetchall()
        if not rows:
            return
        yield list(rows[0].keys()), [tuple(r) for r in rows]
        offset += len(rows)


def _all_rows(conn: Connection, table: str, columns: list[str]) -> list[tuple[Any, ...]]:
    rows = [tuple(r) for r in conn.execute(f"SELECT {', '.join(columns)} FROM {table}")]
    return sorted(rows, key=repr)


def _verify(src: Connection, dst: Connection, table: str) -> None:
    first = src.execute(f"SELECT * FROM {table} LIMIT 1").fetchone()
    if first is None:
        if dst.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] != 0:
            raise StorageError(f"copy check failed: {table} has rows the source has not",
                               code="copy_mismatch")
        return
    columns = list(first.keys())
    if _all_rows(src, table, columns) != _all_rows(dst, table, columns):
        raise StorageError(f"copy check failed: {table} differs from the source", code="copy_mismatch")


def _last_id(db: Database, conn: Connection, table: str) -> int:
    """The largest id the source ever gave out (a deleted row's id is never given out again)."""
    last = int(conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0])
    if db.dialect.name == "sqlite":
        row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
    else:
        row = conn.execute("SELECT pg_sequence_last_value(pg_get_serial_sequence(?, 'id')::regclass)",
                           (table,)).fetchone()
    return max(last, int(row[0]) if row is not None and row[0] is not None else 0)


def _advance_ids(db: Database, conn: Connection, table: str, last: int) -> None:
    if last <= 0:
        return
    if db.dialect.name == "sqlite":
        conn.execute("UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = ?", (last, table))
    else:
        conn.execute("SELECT setval(pg_get_serial_sequence(?, 'id'), ?)", (table, last))


# ---- commands -------------------------------------------------------------------------------------
def cmd_db_migrate(url: str, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Open ``url`` (creating and migrating it); print its schema version."""
    out, err = out or sys.stdout, err or sys.stderr
    try:
        with Database(url) as db:
            print(f"{db.url}: schema version {db.schema_version()} (up to date)", file=out)
    except StorageError as exc:
        print(f"error: {exc.message}", file=err)
        return 2 if exc.code == "bad_url" else 1
    return 0


def cmd_db_copy(source_url: str, target_url: str, *, force: bool = False, out: TextIO | None = None,
                err: TextIO | None = None) -> int:
    """Copy one database into another (``--from sqlite:///… --to postgresql://…``)."""
    out, err = out or sys.stdout, err or sys.stderr
    if source_url == target_url:
        print("error: --from and --to are the same database", file=err)
        return 2
    try:
        with Database(source_url) as source, Database(target_url) as target:
            report = copy_database(source, target, force=force)
            print(f"Copied {report.total} rows from {source.url} to {target.url}; every table checked:",
                  file=out)
            for table, n in report.rows.items():
                print(f"  {table:<18} {n}", file=out)
    except StorageError as exc:
        print(f"error: {exc.message}", file=err)
        return 2 if exc.code == "bad_url" else 1
    return 0
