"""The family side of a live session: messages spoken at the elder's next turn, words she leaves for
them, hidden turns, the elder's own speaking speed, and which elder a phone number belongs to."""

from __future__ import annotations

import asyncio
import io
import logging
from datetime import datetime
from typing import TYPE_CHECKING

from PIL import Image

from assistant.asr.vocabulary import user_terms
from assistant.audio.recording import from_pcm16
from assistant.audio.resample import resample
from assistant.care.delivery import addressee
from assistant.errors import AssistantError, StorageError
from assistant.pipeline.clip import Clip
from assistant.pipeline.family_word import FamilyWord, headline
from assistant.pipeline.notes import Notes
from assistant.pipeline.session import TurnReport
from assistant.storage.conversations import Conversations
from assistant.storage.household import Households, Member
from assistant.storage.messages import Message, Messages, voice_preface
from assistant.storage.photos import TurnPhotos
from assistant.storage.reminders import ReminderStore
from assistant.storage.voice_messages import Recording, VoiceMessages

if TYPE_CHECKING:
    from assistant.care.alerts import AlertService
    from assistant.server.access import Storage
    from assistant.server.state import AppState

log = logging.getLogger(__name__)

THUMBNAIL_SIDE = 240  # pixels: sharp at 120 CSS px on a 2x screen
HEARD_SHARE = 0.9  # a message counts as delivered once this share of its text was heard


class FamilyNotes:
    """:class:`assistant.pipeline.notes.NoteSource` over the messages table; a recorded message is
    played (resampled to the session's output ``rate``) after its spoken preface. Words the elder
    leaves for the family become alerts of kind ``message`` (``alerts``: None leaves none)."""

    def __init__(self, storage: Storage, rate: int = 24000, *, alerts: AlertService | None = None) -> None:
        self.storage = storage
        self.messages = Messages(storage.db)
        self.voices = VoiceMessages(storage.db)
        self.rate = rate
        self.alerts = alerts

    async def leave_word(self, user_id: str, session_id: str, word: FamilyWord) -> int | None:
        """Store ``word`` as an alert for the family (listed in their console, sent on every alert
        channel); None when nobody would read it (not in a household, and no channel set up)."""
        from assistant.server.access import resolve_user_id

        if self.alerts is None:
            return None
        try:
            uid = await resolve_user_id(self.storage, user_id)
            households = Households(self.storage.db)
            if not self.alerts.channels and await self.storage.thread.run(households.member, uid) is None:
                return None
            who = await addressee(self.storage.thread.run, households, uid)
            said = headline(word, who.name, f"{datetime.now().astimezone():%m月%d日 %H:%M}")
            return await self.alerts.notify(user_id=uid, name=who.name, kind="message", category=word.who,
                                            text=word.words, headline=said, session_id=session_id)
        except AssistantError as exc:
            log.error("could not leave the words of session %s for the family: %s", session_id, exc)
            return None

    async def notes_for(self, user_id: str, language: str) -> Notes:
        if not user_id.isdigit():
            return Notes()
        try:
            pending = await self.storage.thread.run(self.messages.pending, int(user_id))
            recorded = await self.storage.thread.run(self.voices.recordings, [m.id for m in pending])
        except StorageError as exc:
            log.error("could not read the messages for user %s: %s", user_id, exc)
            return Notes()
        if not pending:
            return Notes()
        ids = tuple(m.id for m in pending)
        if not recorded:
            joiner = " " if language == "en" else ""
            return Notes(ids=ids, text=joiner.join(m.spoken(language) for m in pending) + joiner)
        parts = await asyncio.to_thread(voice_parts, pending, recorded, language, self.rate)
        text = "".join(p if isinstance(p, str) else p.label for p in parts)
        return Notes(ids=ids, text=text, parts=parts)


def voice_parts(pending: list[Message], recorded: dict[int, Recording], language: str,
                rate: int) -> tuple[str | Clip, ...]:
    """The messages as texts to say and recordings to play, in order."""
    joiner = " " if language == "en" else ""
    parts: list[str | Clip] = []
    for message in pending:
        found = recorded.get(message.id)
        if found is None:
            parts.append(message.spoken(language) + joiner)
            continue
        parts += [voice_preface(message.author, language) + joiner, _clip(found, language, rate)]
    return tuple(parts)


def _clip(recording: Recording, language: str, rate: int) -> Clip:
    audio = from_pcm16(recording.pcm)
    if recording.rate != rate:
        audio = resample(audio, recording.rate, rate)
    return Clip(audio=audio, rate=rate, label="(voice message) " if language == "en" else "（语音留言）")


def recorded_note(preface: str, recording: Recording, language: str, rate: int) -> Notes:
    """A voice message whose time has come (the care loop plays it on the open app): its preface
    "您女儿小红给您留了言：", then the recording at the session's output ``rate``."""
    clip = _clip(recording, language, rate)
    return Notes(text=preface + clip.label, parts=(preface, clip))


async def after_turn(storage: Storage, report: TurnReport, turn_id: int | None) -> None:
    """Mark the messages the elder heard as delivered; hide the turn before a bare privacy request;
    keep a thumbnail of the photo the turn asked about."""
    figures = report.metrics
    ids = [int(i) for i in figures.get("notes") or []]
    try:
        if report.photo is not None and turn_id is not None:
            jpeg, width, height = await asyncio.to_thread(thumbnail_jpeg, report.photo.image)
            await storage.thread.run(TurnPhotos(storage.db).save, turn_id, jpeg, width, height)
        if ids and len(report.heard_text) >= HEARD_SHARE * int(figures.get("notes_chars") or 0):
            await storage.thread.run(Messages(storage.db).mark_delivered, ids, turn_id)
        if figures.get("hide_previous") and turn_id is not None and report.user_id.isdigit():
            await storage.thread.run(Conversations(storage.db).hide_previous, int(report.user_id), turn_id)
    except (StorageError, OSError, ValueError) as exc:  # (a photo that cannot be made small: OSError)
        log.error("could not update messages, hidden turns or photos of session %s: %s", report.session_id,
                  exc)


def thumbnail_jpeg(image: Image.Image, side: int = THUMBNAIL_SIDE) -> tuple[bytes, int, int]:
    """A small JPEG of ``image`` (at most ``side`` pixels a side) and its size."""
    small = image.convert("RGB")
    small.thumbnail((side, side))
    out = io.BytesIO()
    small.save(out, format="JPEG", quality=75)
    return out.getvalue(), small.width, small.height


async def member_of(storage: Storage | None, user_id: str) -> Member | None:
    if storage is None or not user_id.isdigit():
        return None
    try:
        return await storage.thread.run(Households(storage.db).member, int(user_id))
    except StorageError:
        return None


async def asr_words_for(storage: Storage | None, member: Member | None) -> tuple[str, ...]:
    """The words the ASR should expect from ``member``: the family's list (the elder's ``words``),
    their city and the medicines in their reminders (:func:`assistant.asr.vocabulary.user_terms`)."""
    if storage is None or member is None:
        return ()
    try:
        reminders = await storage.thread.run(ReminderStore(storage.db).list_active, member.user_id)
    except StorageError as exc:
        log.error("could not read the reminders of user %s: %s", member.user_id, exc)
        reminders = []
    return user_terms(member.profile.words, city=member.profile.city, reminders=[r.text for r in reminders])


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
