"""Persistence: SQLite database, device pairing and tokens, conversation history.

Server wiring::

    db = Database(settings.storage.url or settings.db_path)
    dbt = DatabaseThread(db)              # asyncio front: one dedicated thread
    auth, history = DeviceAuth(db), History(db)
    device = await dbt.run(auth.verify, token)        # AuthError(code=...) when refused
    await dbt.run(history.record_turn, TurnRecord(...))
    await dbt.aclose()
"""

from __future__ import annotations

from assistant.errors import StorageError
from assistant.storage.auth import Device, DeviceAuth, IssuedToken, PairingCode
from assistant.storage.db import Database, DatabaseThread, User
from assistant.storage.history import History, TurnRecord

__all__ = [
    "Database",
    "DatabaseThread",
    "Device",
    "DeviceAuth",
    "History",
    "IssuedToken",
    "PairingCode",
    "StorageError",
    "TurnRecord",
    "User",
]
