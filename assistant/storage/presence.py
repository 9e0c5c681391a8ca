"""Which gateway holds which elder's open app, and care prompts handed from one gateway to another.

``app_presence``: one row per (elder, gateway) while that gateway holds one of the elder's ``/ws``
sessions, its ``seen_at`` refreshed by the gateway's heartbeat. A row older than ``fresh_s`` belongs
to a gateway that stopped (killed, hung, cut off) and is ignored, then pruned.

``care_handoffs``: a care prompt that fired on a gateway without the elder's session, addressed to
a gateway that holds one. Its ``state`` moves from ``waiting`` exactly once, by a conditional UPDATE:
to ``taken`` by the holder (who then speaks it), or to ``expired`` by the sender when the holder did
not take it in time (then the job goes on as if the app were closed). So a prompt handed over is
spoken once or not at all, never twice, and the sender knows which.

Synchronous and thread-safe; from asyncio code call it through ``DatabaseThread.run``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from assistant.storage.db import Database
from assistant.storage.sql import Row

HandoffState = Literal["waiting", "taken", "expired"]
KEEP_S = 3600.0  # stale presence rows and settled handoffs are deleted after this


@dataclass(frozen=True, slots=True, kw_only=True)
class Handoff:
    id: int
    gateway: str  # the gateway it is addressed to
    user_id: int
    job_id: int
    prompt: Mapping[str, Any]  # the care prompt's fields (JSON)
    audio: bytes | None = None  # a recording played after the prompt's text (16-bit PCM)
    state: HandoffState = "waiting"
    created_at: float = 0.0
    expires_at: float = 0.0
    taken_at: float | None = None


def _handoff(row: Row) -> Handoff:
    audio = row["audio"]
    return Handoff(id=row["id"], gateway=row["gateway"], user_id=row["user_id"], job_id=row["job_id"],
                   prompt=json.loads(row["prompt"]), audio=None if audio is None else bytes(audio),
                   state=row["state"], created_at=row["created_at"], expires_at=row["expires_at"],
                   taken_at=row["taken_at"])


class PresenceStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ---- presence ---------------------------------------------------------------------------------
    def publish(self, gateway: str, user_ids: Iterable[int], *, now: float) -> None:
        """This gateway holds sessions of exactly ``user_ids`` now: its rows are replaced by those,
        seen at ``now``. Also prunes what stopped gateways left behind, and old handoffs."""
        users = sorted(set(user_ids))
        with self.db.write() as conn:
            if users:
                marks = ",".join("?" * len(users))
                conn.execute(f"DELETE FROM app_presence WHERE gateway = ? AND user_id NOT IN ({marks})",
                             (gateway, *users))
                conn.executemany(
                    "INSERT INTO app_presence (user_id, gateway, seen_at) VALUES (?, ?, ?)"
                    " ON CONFLICT (user_id, gateway) DO UPDATE SET seen_at = excluded.seen_at",
                    [(user_id, gateway, now) for user_id in users])
            else:
                conn.execute("DELETE FROM app_presence WHERE gateway = ?", (gateway,))
            conn.execute("DELETE FROM app_presence WHERE seen_at < ?", (now - KEEP_S,))
            conn.execute("DELETE FROM care_handoffs WHERE expires_at < ?", (now - KEEP_S,))

    def holders(self, user_id: int, *, now: float, fresh_s: float, exclude: str = "") -> list[str]:
        """The gateways that hold an open app of ``user_id`` (seen within ``fresh_s``), freshest first."""
        with self.db.read() as conn:
            rows = conn.execute("SELECT gateway FROM app_presence WHERE user_id = ? AND seen_at >= ?"
                                " AND gateway != ? ORDER BY seen_at DESC, gateway",
                                (user_id, now - fresh_s, exclude)).fetchall()
        return [str(r["gateway"]) for r in rows]

    # ---- handoffs ---------------------------------------------------------------------------------
    def hand_over(self, gateways: Iterable[str], *, user_id: int, job_id: int, prompt: Mapping[str, Any],
                  audio: bytes | None = None, now: float, expires_at: float) -> list[int]:
        """One waiting handoff per gateway; their ids."""
        text = json.dumps(dict(prompt), ensure_ascii=False)
        ids = []
        with self.db.write() as conn:
            for gateway in gateways:
                cur = conn.execute(
                    "INSERT INTO care_handoffs (gateway, user_id, job_id, prompt, audio, created_at,"
                    " expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (gateway, user_id, job_id, text, audio, now, expires_at))
                assert cur.lastrowid is not None
                ids.append(cur.lastrowid)
        return ids

    def waiting(self, gateway: str, *, now: float) -> list[Handoff]:
        """The handoffs addressed to ``gateway`` that may still be taken, oldest first."""
        with self.db.read() as conn:
            rows = conn.execute("SELECT * FROM care_handoffs WHERE gateway = ? AND state = 'waiting'"
                                " AND expires_at > ? ORDER BY id", (gateway, now)).fetchall()
        return [_handoff(r) for r in rows]

    def take(self, handoff_id: int, *, now: float) -> bool:
        """The holder takes a handoff to speak it: True for exactly one of :meth:`take` and
        :meth:`expire`. Taking it also records that its job reached the elder on the app (so that
        the app's button answers it at once, before the sender records the attempt)."""
        with self.db.write() as conn:
            taken = conn.execute("UPDATE care_handoffs SET state = 'taken', taken_at = ? WHERE id = ?"
                                 " AND state = 'waiting' AND expires_at > ?",
                                 (now, handoff_id, now)).rowcount == 1
            if taken:
                conn.execute("UPDATE care_jobs SET last_channel = 'app' WHERE state = 'pending' AND id ="
                             " (SELECT job_id FROM care_handoffs WHERE id = ?)", (handoff_id,))
        return taken

    def expire(self, handoff_id: int) -> bool:
        """The sender gives up on a handoff nobody took: True when it was still waiting (it will
        never be spoken now), False when the holder took it first."""
        with self.db.write() as conn:
            return conn.execute("UPDATE care_handoffs SET state = 'expired' WHERE id = ?"
                                " AND state = 'waiting'", (handoff_id,)).rowcount == 1

    def states(self, handoff_ids: Iterable[int]) -> dict[int, HandoffState]:
        ids = list(handoff_ids)
        if not ids:
            return {}
        with self.db.read() as conn:
            marks = ",".join("?" * len(ids))
            rows = conn.execute(f"SELECT id, state FROM care_handoffs WHERE id IN ({marks})", ids).fetchall()
        return {int(r["id"]): r["state"] for r in rows}

    def for_job(self, job_id: int) -> list[Handoff]:
        with self.db.read() as conn:
            rows = conn.execute("SELECT * FROM care_handoffs WHERE job_id = ? ORDER BY id",
                                (job_id,)).fetchall()
        return [_handoff(r) for r in rows]
