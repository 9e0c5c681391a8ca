"""Recorded voice messages from the family: a ``messages`` row (empty text) plus its recording.

The recording is stored decoded, as mono signed 16-bit PCM at :data:`STORE_RATE`, so that playing it
to the elder needs no decoder, only a resample to the session's output rate. Delivery is tracked on
the message row like a typed message's (:mod:`assistant.storage.messages`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.errors import StorageError
from assistant.storage.db import Database
from assistant.storage.messages import Message, _message, insert_message

STORE_RATE = 24000


@dataclass(frozen=True, slots=True, kw_only=True)
class Recording:
    pcm: bytes  # mono signed 16-bit little-endian
    rate: int
    duration_s: float


class VoiceMessages:
    def __init__(self, db: Database) -> None:
        self.db = db

    def post(self, *, household_id: int, elder_id: int, author_id: int, author: str,
             recording: Recording, deliver_at: float | None = None) -> Message:
        """Store a voice message for one of the household's elders; all or nothing. With ``deliver_at``
        (epoch seconds, in the future) it waits until then, as a typed message does."""
        if not recording.pcm:
            raise ValueError("a voice message needs some audio")
        with self.db.write() as conn:
            message_id = insert_message(conn, household_id=household_id, elder_id=elder_id,
                                        author_id=author_id, author=author, text="", deliver_at=deliver_at)
            conn.execute(
                "INSERT INTO message_audio (message_id, pcm, rate, duration_s) VALUES (?, ?, ?, ?)",
                (message_id, recording.pcm, recording.rate, recording.duration_s),
            )
            return _message(conn.execute("SELECT * FROM messages WHERE id = ?", (message_id,)).fetchone())

    def durations(self, message_ids: Sequence[int]) -> dict[int, float]:
        """Which of these messages are recordings, and how long each is (seconds)."""
        if not message_ids:
            return {}
        marks = ",".join("?" * len(message_ids))
        with self.db.read() as conn:
            rows = conn.execute(
                f"SELECT message_id, duration_s FROM message_audio WHERE message_id IN ({marks})",
                list(message_ids),
            ).fetchall()
        return {r["message_id"]: r["duration_s"] for r in rows}

    def recordings(self, message_ids: Sequence[int]) -> dict[int, Recording]:
        """The recordings of those of these messages that have one."""
        if not message_ids:
            return {}
        marks = ",".join("?" * len(message_ids))
        with self.db.read() as conn:
            rows = conn.execute(
                f"SELECT * FROM message_audio WHERE message_id IN ({marks})", list(message_ids)
            ).fetchall()
        return {
            r["message_id"]: Recording(pcm=bytes(r["pcm"]), rate=r["rate"], duration_s=r["duration_s"])
            for r in rows
        }

    def recording_of(self, household_id: int, message_id: int) -> Recording:
        """One of the household's recordings; StorageError ``unknown_message`` otherwise."""
        with self.db.read() as conn:
            row = conn.execute(
                "SELECT a.* FROM message_audio a JOIN messages m ON m.id = a.message_id"
                " WHERE a.message_id = ? AND m.household_id = ?",
                (message_id, household_id),
            ).fetchone()
        if row is None:
            raise StorageError(f"no such voice message: {message_id}", code="unknown_message")
        return Recording(pcm=bytes(row["pcm"]), rate=row["rate"], duration_s=row["duration_s"])
