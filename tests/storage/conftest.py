"""Every storage test runs twice: on a SQLite file and on a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.storage.db import Database


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database: a SQLite path, or a ``postgresql://`` URL of a new database."""
    if request.param == "sqlite":
        return str(tmp_path / "var" / "assistant.db")
    server: Any = request.getfixturevalue("postgres")
    return str(server.new_database())


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    with Database(db_url) as database:
        yield database


def is_postgres(db: Database) -> bool:
    return db.dialect.name == "postgres"
