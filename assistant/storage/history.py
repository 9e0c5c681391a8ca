"""Conversation history: one row per finished turn, written once when the turn ends.

A turn in progress lives only in the session object; :meth:`History.record_turn` commits it whole at
the end (also for an interrupted turn, with ``interrupted=True`` and what was actually heard). A crash
mid-turn therefore loses that turn and nothing else.
"""

from __future__ import annotations

import dataclasses
import math
import time
from dataclasses import dataclass
from typing import Any, Literal, cast, get_args

from assistant.errors import StorageError
from assistant.storage.db import Database, user_from_row
from assistant.storage.schema import SCHEMA_VERSION
from assistant.storage.sql import Row

Source = Literal["ws", "phone", "text"]
SOURCES: tuple[str, ...] = get_args(Source)
EXPORT_FORMAT = "voice-assistant/export"
EXPORT_VERSION = 1
MAX_HISTORY = 1000


@dataclass(frozen=True, slots=True, kw_only=True)
class TurnRecord:
    """One exchange: what the user said (or typed), and what the assistant answered."""

    user_id: int
    session_id: str
    source: Source  # "ws" (web/CLI voice), "phone", "text" (typed)
    started_at: float  # seconds since the epoch: end of the user's speech / arrival of the text
    finished_at: float  # the reply finished playing, or was interrupted
    user_text: str  # the ASR transcript or the typed text
    assistant_text: str  # the whole reply as generated
    heard_text: str = ""  # the part the user actually heard (= assistant_text unless interrupted)
    interrupted: bool = False
    device_id: int | None = None  # None for phone calls
    language: str = ""  # "zh" / "en" as detected for this turn
    image: bool = False  # the turn asked about a photo
    audio_in_s: float = 0.0
    audio_out_s: float = 0.0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0  # yuan, from settings.prices
    provider: str = ""  # which LLM answered, e.g. "embedded" or "deepseek/deepseek-chat"
    hidden: bool = False  # the elder asked to keep this turn from the family ("这句话别告诉家人")
    id: int | None = None  # set by the database

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TurnRecord:
        """Inverse of :meth:`to_dict` (unknown keys are an error, missing optional keys take defaults)."""
        known = {f.name for f in dataclasses.fields(cls)}
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown turn fields: {', '.join(sorted(unknown))}")
        return cls(**data)

    def check(self) -> None:
        if self.source not in SOURCES:
            raise ValueError(f"turn source must be one of {SOURCES}, not {self.source!r}")
        if not (math.isfinite(self.started_at) and math.isfinite(self.finished_at)):
            raise ValueError("turn times must be finite")
        if self.finished_at < self.started_at:
            raise ValueError("a turn cannot finish before it starts")
        if min(self.audio_in_s, self.audio_out_s, self.prompt_tokens, self.completion_tokens, self.cost) < 0:
            raise ValueError("durations, token counts and cost cannot be negative")


_COLUMNS = tuple(f.name for f in dataclasses.fields(TurnRecord) if f.name != "id")


def _turn_from_row(row: Row) -> TurnRecord:
    values = {name: row[name] for name in (*_COLUMNS, "id")}
    values["interrupted"] = bool(values["interrupted"])
    values["image"] = bool(values["image"])
    values["hidden"] = bool(values["hidden"])
    values["source"] = cast(Source, values["source"])
    return TurnRecord(**values)


class History:
    """Record, read and export finished turns. Thread-safe (it only uses the Database)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def record_turn(self, turn: TurnRecord) -> int:
        """Commit one finished turn (durable when this returns); returns its id.

        ``heard_text`` defaults to ``assistant_text`` for a turn that was not interrupted.
        Raises ValueError for an inconsistent record, StorageError if the database refuses it
        (unknown user or device, disk full, locked too long).
        """
        turn.check()
        if not turn.heard_text and not turn.interrupted:
            turn = dataclasses.replace(turn, heard_text=turn.assistant_text)
        values = [getattr(turn, name) for name in _COLUMNS]
        placeholders = ", ".join("?" for _ in _COLUMNS)
        with self.db.write() as conn:
            cursor = conn.execute(f"INSERT INTO turns ({', '.join(_COLUMNS)}) VALUES ({placeholders})",
                                  values)
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def history(self, user_id: int, limit: int = 20) -> list[TurnRecord]:
        """The user's last ``limit`` turns, oldest first (ready to become LLM context)."""
        if not 0 < limit <= MAX_HISTORY:
            raise ValueError(f"limit must be 1..{MAX_HISTORY}")
        with self.db.read() as conn:
            rows = conn.execute(
                "SELECT * FROM turns WHERE user_id = ? ORDER BY id DESC LIMIT ?", (user_id, limit)
            ).fetchall()
        return [_turn_from_row(r) for r in reversed(rows)]

    def session_turns(self, session_id: str) -> list[TurnRecord]:
        """Every turn of one session, oldest first."""
        with self.db.read() as conn:
            rows = conn.execute("SELECT * FROM turns WHERE session_id = ? ORDER BY id",
                                (session_id,)).fetchall()
        return [_turn_from_row(r) for r in rows]

    def export_user(self, user_id: int) -> dict[str, Any]:
        """Everything stored about one user as a JSON-able dict (no token or code hashes).

        Keys: format, version, schema_version, exported_at, user, devices, turns, totals.
        ``turns`` holds :meth:`TurnRecord.to_dict` dicts, oldest first.
        """
        with self.db.read() as conn:  # one snapshot: turns and totals agree
            user_row = conn.execute("SELECT * FROM users WHERE id = ?", (user_id,)).fetchone()
            if user_row is None:
                raise StorageError(f"no user with id {user_id}", code="unknown_user")
            devices = conn.execute(
                "SELECT id, name, created_at, last_seen_at, revoked_at FROM devices WHERE user_id = ? ORDER "
                "BY id",
                (user_id,),
            ).fetchall()
            turns = [_turn_from_row(r) for r in conn.execute(
                "SELECT * FROM turns WHERE user_id = ? ORDER BY id", (user_id,))]
        user = user_from_row(user_row)
        return {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "schema_version": SCHEMA_VERSION,
            "exported_at": time.time(),
            "user": dataclasses.asdict(user),
            "devices": [dict(row) for row in devices],
            "turns": [t.to_dict() for t in turns],
            "totals": {
                "turns": len(turns),
                "prompt_tokens": sum(t.prompt_tokens for t in turns),
                "completion_tokens": sum(t.completion_tokens for t in turns),
                "cost": sum(t.cost for t in turns),
                "audio_in_s": sum(t.audio_in_s for t in turns),
                "audio_out_s": sum(t.audio_out_s for t in turns),
            },
        }
