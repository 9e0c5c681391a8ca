"""Small JPEGs of the photos that turns asked about, for the family's conversation view.

A thumbnail is served only to the elder's household, and never while its turn is hidden from the
family ("这句话别告诉家人"): then it behaves as if there were none (``unknown_photo``).
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.errors import StorageError
from assistant.storage.db import Database


class TurnPhotos:
    def __init__(self, db: Database) -> None:
        self.db = db

    def save(self, turn_id: int, jpeg: bytes, width: int, height: int) -> None:
        with self.db.write() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO turn_photos (turn_id, jpeg, width, height) VALUES (?, ?, ?, ?)",
                (turn_id, jpeg, width, height),
            )

    def having(self, turn_ids: Sequence[int]) -> set[int]:
        """Which of these turns have a thumbnail."""
        if not turn_ids:
            return set()
        marks = ",".join("?" * len(turn_ids))
        with self.db.read() as conn:
            rows = conn.execute(
                f"SELECT turn_id FROM turn_photos WHERE turn_id IN ({marks})", list(turn_ids)
            ).fetchall()
        return {r["turn_id"] for r in rows}

    def thumbnail(self, household_id: int, turn_id: int) -> bytes:
        """The JPEG of a turn of one of the household's elders, unless the turn is hidden."""
        with self.db.read() as conn:
            row = conn.execute(
                "SELECT p.jpeg FROM turn_photos p JOIN turns t ON t.id = p.turn_id"
                " JOIN members m ON m.user_id = t.user_id"
                " WHERE p.turn_id = ? AND m.household_id = ? AND m.role = 'elder' AND t.hidden = 0",
                (turn_id, household_id),
            ).fetchone()
        if row is None:
            raise StorageError(f"no photo for turn {turn_id}", code="unknown_photo")
        return bytes(row["jpeg"])
