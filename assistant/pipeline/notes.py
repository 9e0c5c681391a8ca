"""What the family side hands a session: messages to speak before the next answer; and what goes the
other way, words the elder asks to pass on to them (:mod:`.family_word`).

The server implements :class:`NoteSource` over storage; the session only asks for the text (and, for
a recorded voice message, the recording, which plays after its preface "您女儿小红给您留了言："). A
message counts as delivered when the turn that spoke it was heard past the message (the server
decides that from the turn's report: ``notes`` ids and ``notes_chars``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Protocol

from assistant.pipeline import intents
from assistant.pipeline.clip import Clip
from assistant.pipeline.family_word import FamilyWord, family_word, left_text, not_left_text
from assistant.pipeline.reply import ReplyPlan
from assistant.pipeline.turn import Turn, TurnMetrics


@dataclass(frozen=True, slots=True, kw_only=True)
class Notes:
    ids: tuple[int, ...] = ()
    text: str = ""  # spoken before the answer: "您女儿小红给您留了言：周末回家吃饭。"
    # The same in order, when a recording is among them: texts to speak and clips to play (a clip's
    # label stands for it in ``text``). Empty: speak ``text``.
    parts: tuple[str | Clip, ...] = ()


class NoteSource(Protocol):
    async def notes_for(self, user_id: str, language: str) -> Notes:
        """Undelivered messages for ``user_id`` (empty Notes when none or unknown)."""
        ...

    async def leave_word(self, user_id: str, session_id: str, word: FamilyWord) -> int | None:
        """Leave ``word`` for the family of ``user_id`` (an alert of kind ``message``, sent on every
        alert channel); the alert's id, or None when it could not be left."""
        ...


async def preface_notes(source: NoteSource | None, user_id: str, language: str,
                        extra: dict[str, Any]) -> Notes:
    """The messages to speak before this turn's answer; records their ids in the turn's ``extra``."""
    if source is None or not user_id:
        return Notes()
    notes = await source.notes_for(user_id, language)
    if notes.ids and notes.text:
        extra["notes"] = list(notes.ids)
        extra["notes_chars"] = len(notes.text)
    return notes


async def preface_for(source: NoteSource | None, user_id: str, language: str, extra: dict[str, Any]) -> str:
    """The text of :func:`preface_notes`."""
    return (await preface_notes(source, user_id, language, extra)).text


def with_preface(plan: ReplyPlan, notes: Notes) -> ReplyPlan:
    """``plan`` with the messages said (and played) before its answer."""
    if not notes.text:
        return plan
    return dataclasses.replace(plan, preface=notes.text, preface_parts=notes.parts)


def said_plan(reply_id: int, speed: float, said: str | Notes) -> ReplyPlan:
    """What ``Session.say`` speaks: a fixed text, or a family's note with its recordings (a timed one)."""
    if isinstance(said, str):
        return ReplyPlan(reply_id=reply_id, speed=speed, fixed_text=said)
    return with_preface(ReplyPlan(reply_id=reply_id, speed=speed), said)


def privacy_reply(text: str, language: str, metrics: TurnMetrics) -> str:
    """Mark a turn that asks for privacy as hidden; for a bare request (which hides the previous
    turn too, and becomes a turn of source ``privacy``) return the short acknowledgement to speak
    instead of an answer, else ""."""
    if not intents.wants_privacy(text):
        return ""
    metrics.extra["hidden"] = True
    if intents.only_privacy(text):
        metrics.extra["hide_previous"] = True
        metrics.source = "privacy"
        return intents.privacy_ack(language)
    return ""


async def direct_reply(source: NoteSource | None, turn: Turn, text: str, language: str, user_id: str,
                       session_id: str) -> str:
    """A reply decided without the LLM, or "": the acknowledgement of a privacy request
    (:func:`privacy_reply`), or words passed on to the family ("帮我告诉女儿，周末回来吃饭"), left once the
    turn is committed (a speculative turn that is dropped leaves nothing). The alert's id, or 0 when
    nothing could be left, goes into the turn's ``extra["family_word"]``."""
    if ack := privacy_reply(text, language, turn.metrics):
        return ack
    word = family_word(text)
    if word is None or turn.metrics.extra.get("hidden"):
        return ""
    await turn.committed.wait()
    left = await source.leave_word(user_id, session_id, word) if source is not None else None
    turn.metrics.extra["family_word"] = left or 0
    return left_text(word, language) if left else not_left_text(word, language)
