"""Messages from the family to an elder, spoken by the assistant at the elder's next turn.

A message is *pending* until a turn that spoke it was heard to the end of the message; then it
records when (``delivered_at``) and in which turn. Family members see both.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.storage.db import Database
from assistant.storage.household import require_elder
from assistant.storage.sql import Connection, Row

MAX_MESSAGE_CHARS = 500
MAX_PENDING = 5  # at most this many are spoken in one turn (oldest first)


@dataclass(frozen=True, slots=True, kw_only=True)
class Message:
    id: int
    household_id: int
    elder_id: int
    author_id: int | None
    author: str  # how the elder knows the author: "您女儿小红"
    text: str
    created_at: float
    delivered_at: float | None
    turn_id: int | None
    deliver_at: float | None = None  # not before this time (None: at the next turn)

    def spoken(self, language: str = "zh") -> str:
        """Said: "您女儿小红给您留了言：……" ("Your daughter 小红 left you a message: …")."""
        if language == "en":
            return f"{author_en(self.author)} left you a message: {self.text}"
        text = self.text if self.text[-1:] in "。！？!?." else self.text + "。"
        return f"{self.author}给您留了言：{text}"


def _message(row: Row) -> Message:
    return Message(
        id=row["id"],
        household_id=row["household_id"],
        elder_id=row["elder_id"],
        author_id=row["author_id"],
        author=row["author"],
        text=row["text"],
        created_at=row["created_at"],
        delivered_at=row["delivered_at"],
        turn_id=row["turn_id"],
        deliver_at=row["deliver_at"],
    )


def voice_preface(author: str, language: str = "zh") -> str:
    """What the assistant says before playing a recorded message: "您女儿小红给您留了言："."""
    return f"{author_en(author)} left you a voice message:" if language == "en" else f"{author}给您留了言："


# How an English-speaking elder hears the relations a family member may give (free text in the console).
_RELATIONS_EN = {
    "老伴": "husband or wife", "丈夫": "husband", "老公": "husband", "妻子": "wife", "老婆": "wife",
    "儿子": "son", "女儿": "daughter", "闺女": "daughter", "儿媳": "daughter-in-law",
    "儿媳妇": "daughter-in-law", "媳妇": "daughter-in-law", "女婿": "son-in-law",
    "孙子": "grandson", "孙女": "granddaughter", "外孙": "grandson", "外孙女": "granddaughter",
    "哥哥": "brother", "弟弟": "brother", "姐姐": "sister", "妹妹": "sister",
    "侄子": "nephew", "侄女": "niece", "外甥": "nephew", "外甥女": "niece",
}


def author_en(author: str) -> str:
    """``author_phrase``'s Chinese for an English-speaking elder: "您女儿小红" → "Your daughter 小红",
    "您的家人" → "Your family"; a relation it does not know stays as the family wrote it."""
    if author == "您的家人":
        return "Your family"
    if not author.startswith("您"):
        return author  # a bare name
    rest = author[1:]
    for relation in sorted(_RELATIONS_EN, key=len, reverse=True):
        if rest.startswith(relation):
            name = rest[len(relation):].strip()
            return f"Your {_RELATIONS_EN[relation]}" + (f" {name}" if name else "")
    return rest


def author_phrase(relation: str, name: str) -> str:
    """How the elder knows a family member: relation "女儿" + name "小红" → "您女儿小红"."""
    relation, name = relation.strip(), name.strip()
    if relation:
        return f"您{relation}{name}" if name != relation else f"您{relation}"
    return name or "您的家人"


def insert_message(conn: Connection, *, household_id: int, elder_id: int, author_id: int, author: str,
                   text: str, deliver_at: float | None) -> int:
    """Inside a write: a new message row (typed, or the row of a recording, whose text is empty);
    StorageError ``unknown_elder`` unless the elder is the household's, ValueError for a past time."""
    if deliver_at is not None and deliver_at <= time.time():
        raise ValueError("the delivery time must be in the future")
    require_elder(conn, household_id, elder_id)
    message_id = conn.execute(
        "INSERT INTO messages (household_id, elder_id, author_id, author, text, created_at, deliver_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (household_id, elder_id, author_id, author, text, time.time(), deliver_at),
    ).lastrowid
    assert message_id is not None
    return int(message_id)


class Messages:
    def __init__(self, db: Database) -> None:
        self.db = db

    def post(self, *, household_id: int, elder_id: int, author_id: int, author: str, text: str,
             deliver_at: float | None = None) -> Message:
        """Store a message; with ``deliver_at`` (epoch seconds, in the future) it waits until then."""
        text = " ".join(text.split())
        if not text:
            raise ValueError("a message needs some text")
        if len(text) > MAX_MESSAGE_CHARS:
            raise ValueError(f"a message has at most {MAX_MESSAGE_CHARS} characters")
        with self.db.write() as conn:
            message_id = insert_message(conn, household_id=household_id, elder_id=elder_id,
                                        author_id=author_id, author=author, text=text, deliver_at=deliver_at)
            return _message(conn.execute("SELECT * FROM messages WHERE id = ?", (message_id,)).fetchone())

    def recent(self, household_id: int, elder_id: int | None = None, limit: int = 100) -> list[Message]:
        """The household's messages, newest first (one elder's when ``elder_id`` is given)."""
        where, params = "household_id = ?", list[object]([household_id])
        if elder_id is not None:
            where, params = where + " AND elder_id = ?", [household_id, elder_id]
        with self.db.read() as conn:
            rows = conn.execute(
                f"SELECT * FROM messages WHERE {where} ORDER BY id DESC LIMIT ?", (*params, limit)
            ).fetchall()
        return [_message(r) for r in rows]

    def pending(self, elder_id: int, now: float | None = None) -> list[Message]:
        """Undelivered messages for the elder whose delivery time (if any) has come, oldest first."""
        with self.db.read() as conn:
            rows = conn.execute(
                "SELECT * FROM messages WHERE elder_id = ? AND delivered_at IS NULL"
                " AND (deliver_at IS NULL OR deliver_at <= ?) ORDER BY id LIMIT ?",
                (elder_id, time.time() if now is None else now, MAX_PENDING),
            ).fetchall()
        return [_message(r) for r in rows]

    def mark_delivered(self, message_ids: Sequence[int], turn_id: int | None) -> None:
        now = time.time()
        with self.db.write() as conn:
            conn.executemany(
                "UPDATE messages SET delivered_at = ?, turn_id = ? WHERE id = ? AND delivered_at IS NULL",
                [(now, turn_id, i) for i in message_ids],
            )

    def get(self, message_id: int) -> Message | None:
        with self.db.read() as conn:
            row = conn.execute("SELECT * FROM messages WHERE id = ?", (message_id,)).fetchone()
        return None if row is None else _message(row)
