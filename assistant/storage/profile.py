"""Per-user settings (the city for the weather, the time zone) and the session's user key → user id."""

from __future__ import annotations

import json
from typing import Any

from assistant.storage.db import Database

USER_KEYS = ("city", "timezone")


def resolve_user_id(db: Database, key: str) -> int:
    """The user behind a session's user key: a paired device's numeric user id, a named user
    (``phone:+86…``, created when new), or the local user ``default`` for an empty key.
    The same mapping stores the turns (``server.access.store_turn``)."""
    if key.isdigit():
        return int(key)
    return db.ensure_user(key or "default").id


class UserSettings:
    """Small JSON values per user; every call is one transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, user_id: int, key: str, default: Any = None) -> Any:
        with self.db.read() as conn:
            row = conn.execute(
                "SELECT value FROM user_settings WHERE user_id = ? AND key = ?", (user_id, key)
            ).fetchone()
        return default if row is None else json.loads(row[0])

    def set(self, user_id: int, key: str, value: Any) -> None:
        if key not in USER_KEYS:
            raise ValueError(f"unknown user setting {key!r} (known: {', '.join(USER_KEYS)})")
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
        with self.db.write() as conn:
            conn.execute(
                "INSERT INTO user_settings (user_id, key, value) VALUES (?, ?, ?)"
                " ON CONFLICT(user_id, key) DO UPDATE SET value = excluded.value",
                (user_id, key, text),
            )

    def delete(self, user_id: int, key: str) -> None:
        with self.db.write() as conn:
            conn.execute("DELETE FROM user_settings WHERE user_id = ? AND key = ?", (user_id, key))
