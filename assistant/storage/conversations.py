"""An elder's conversations as the family sees them: by day, searchable, hidden turns masked.

A turn the elder asked to keep private ("这句话别告诉家人") appears as ``hidden`` with its time and no
text: the family learns that something was said, never what. Search never matches hidden turns.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

from assistant.storage.db import Database
from assistant.storage.sql import Row

MAX_QUERY_CHARS = 100


@dataclass(frozen=True, slots=True, kw_only=True)
class FamilyTurn:
    id: int
    at: float  # when the elder finished speaking (epoch seconds)
    source: str  # "ws", "phone", "text"
    hidden: bool
    question: str  # "" when hidden
    answer: str  # the whole answer ("" when hidden)
    heard: str  # what the elder heard before interrupting ("" when hidden)
    interrupted: bool
    photo: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class DayCount:
    day: str  # YYYY-MM-DD, server local time
    turns: int
    hidden: int


def _turn(row: Row) -> FamilyTurn:
    hidden = bool(row["hidden"])
    return FamilyTurn(
        id=row["id"],
        at=row["started_at"],
        source=row["source"],
        hidden=hidden,
        question="" if hidden else row["user_text"],
        answer="" if hidden else row["assistant_text"],
        heard="" if hidden else row["heard_text"],
        interrupted=bool(row["interrupted"]) and not hidden,
        photo=bool(row["image"]) and not hidden,
    )


def check_day(day: str) -> str:
    """``YYYY-MM-DD`` or ValueError."""
    try:
        return dt.date.fromisoformat(day).isoformat()
    except ValueError as exc:
        raise ValueError(f"day must look like 2026-01-31, not {day[:20]!r}") from exc


class Conversations:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._day = db.dialect.local_day("started_at")  # the server's local day of a turn

    def days(self, elder_id: int, limit: int = 60) -> list[DayCount]:
        """Days with turns, newest first."""
        with self.db.read() as conn:
            rows = conn.execute(
                f"SELECT {self._day} AS day, COUNT(*) AS n, SUM(hidden) AS h FROM turns WHERE user_id = ?"
                " GROUP BY day ORDER BY day DESC LIMIT ?",
                (elder_id, limit),
            ).fetchall()
        return [DayCount(day=r["day"], turns=r["n"], hidden=r["h"] or 0) for r in rows]

    def turns(self, elder_id: int, *, day: str = "", query: str = "", limit: int = 200) -> list[FamilyTurn]:
        """One day's turns (oldest first), or the turns matching ``query`` (newest first)."""
        query = query.strip()
        if len(query) > MAX_QUERY_CHARS:
            raise ValueError(f"a search has at most {MAX_QUERY_CHARS} characters")
        where, params = ["user_id = ?"], list[object]([elder_id])
        if day:
            where.append(f"{self._day} = ?")
            params.append(check_day(day))
        order = "id"
        if query:
            escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            like = self.db.dialect.like
            where.append(f"hidden = 0 AND (user_text {like} ? ESCAPE '\\'"
                         f" OR assistant_text {like} ? ESCAPE '\\')")
            params += [f"%{escaped}%", f"%{escaped}%"]
            order = "id DESC"
        with self.db.read() as conn:
            rows = conn.execute(
                f"SELECT * FROM turns WHERE {' AND '.join(where)} ORDER BY {order} LIMIT ?", (*params, limit)
            ).fetchall()
        return [_turn(r) for r in rows]

    def hide(self, elder_id: int, turn_ids: list[int]) -> None:
        """Mark turns of this elder hidden from the family (the elder's own request)."""
        with self.db.write() as conn:
            conn.executemany(
                "UPDATE turns SET hidden = 1 WHERE id = ? AND user_id = ?", [(t, elder_id) for t in turn_ids]
            )

    def hide_previous(self, elder_id: int, turn_id: int) -> None:
        """Hide the elder's turn just before ``turn_id`` (what a bare "别告诉家人" refers to)."""
        with self.db.write() as conn:
            conn.execute(
                "UPDATE turns SET hidden = 1 WHERE id = (SELECT MAX(id) FROM turns WHERE user_id = ?"
                " AND id < ?)",
                (elder_id, turn_id),
            )

    # ---- daily summaries ---------------------------------------------------------------------
    def save_summary(
        self, elder_id: int, day: str, text: str, *, turns: int, hidden: int, quiet: bool
    ) -> None:
        with self.db.write() as conn:
            conn.execute(
                "INSERT INTO summaries (elder_id, day, text, turns, hidden, quiet, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(elder_id, day) DO UPDATE SET text = excluded.text,"
                " turns = excluded.turns, hidden = excluded.hidden, quiet = excluded.quiet,"
                " created_at = excluded.created_at",
                (elder_id, check_day(day), text, turns, hidden, int(quiet), time.time()),
            )

    def summaries(self, elder_id: int, limit: int = 30) -> list[dict[str, object]]:
        """Stored summaries, newest day first."""
        with self.db.read() as conn:
            rows = conn.execute(
                "SELECT * FROM summaries WHERE elder_id = ? ORDER BY day DESC LIMIT ?", (elder_id, limit)
            ).fetchall()
        return [
            {
                "day": r["day"],
                "text": r["text"],
                "turns": r["turns"],
                "hidden": r["hidden"],
                "quiet": bool(r["quiet"]),
                "created_at": r["created_at"],
            }
            for r in rows
        ]
