"""The family side of a live session: messages spoken at the elder's next turn, hidden turns, the
elder's own speaking speed, and which elder a phone number belongs to."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from assistant.errors import StorageError
from assistant.pipeline.notes import Notes
from assistant.pipeline.session import TurnReport
from assistant.storage.conversations import Conversations
from assistant.storage.household import Households, Member
from assistant.storage.messages import Messages

if TYPE_CHECKING:
    from assistant.server.access import Storage
    from assistant.server.state import AppState

log = logging.getLogger(__name__)

HEARD_SHARE = 0.9  # a message counts as delivered once this share of its text was heard


class FamilyNotes:
    """:class:`assistant.pipeline.notes.NoteSource` over the messages table."""

    def __init__(self, storage: Storage) -> None:
        self.storage = storage
        self.messages = Messages(storage.db)

    async def notes_for(self, user_id: str, language: str) -> Notes:
        if not user_id.isdigit():
            return Notes()
        try:
            pending = await self.storage.thread.run(self.messages.pending, int(user_id))
        except StorageError as exc:
            log.error("could not read the messages for user %s: %s", user_id, exc)
            return Notes()
        if not pending:
            return Notes()
        joiner = " " if language == "en" else ""
        return Notes(
            ids=tuple(m.id for m in pending), text=joiner.join(m.spoken(language) for m in pending) + joiner
        )


async def after_turn(storage: Storage, report: TurnReport, turn_id: int | None) -> None:
    """Mark the messages the elder heard as delivered; hide the turn before a bare privacy request."""
    figures = report.metrics
    ids = [int(i) for i in figures.get("notes") or []]
    try:
        if ids and len(report.heard_text) >= HEARD_SHARE * int(figures.get("notes_chars") or 0):
            await storage.thread.run(Messages(storage.db).mark_delivered, ids, turn_id)
        if figures.get("hide_previous") and turn_id is not None and report.user_id.isdigit():
            await storage.thread.run(Conversations(storage.db).hide_previous, int(report.user_id), turn_id)
    except StorageError as exc:
        log.error("could not update messages or hidden turns of session %s: %s", report.session_id, exc)


async def member_of(storage: Storage | None, user_id: str) -> Member | None:
    if storage is None or not user_id.isdigit():
        return None
    try:
        return await storage.thread.run(Households(storage.db).member, int(user_id))
    except StorageError:
        return None


def speed_for(member: Member | None, default: float) -> float:
    """The TTS length factor for this elder: the server's default divided by their speaking rate."""
    if member is None or member.role != "elder":
        return default
    return min(2.0, max(0.5, default / member.profile.speed))


async def elder_by_phone(storage: Storage | None, number: str) -> Member | None:
    if storage is None or not number:
        return None
    try:
        return await storage.thread.run(Households(storage.db).by_phone, number)
    except StorageError:
        return None


def start_evening_summaries(state: AppState) -> asyncio.Task[None] | None:
    """The evening summary job (``family.summary_at``), or None when it is switched off."""
    from assistant.care.evening import evening_loop

    at = state.settings.family.summary_at
    if not at or state.storage is None:
        return None
    storage = state.storage
    return asyncio.create_task(
        evening_loop(
            storage.thread,
            lambda: state.engines.llm if state.engines is not None else None,
            at,
            skip=frozenset({storage.open_user_id}),
        )
    )
