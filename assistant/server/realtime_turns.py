"""``response.create``, ``conversation.item.truncate`` and ``.delete`` of the OpenAI-Realtime endpoint.

What the client added since the last response (typed text, committed or item audio, photos)
waits in :class:`Pending`, each with its item id; ``response.create`` turns it into one question
for the session, and tells the session's :class:`~assistant.pipeline.realtime_items.ItemLedger`
which items it is made of, so that deleting one of them later takes exactly its words out of the
history the LLM sees.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from assistant.pipeline.realtime import RealtimeSession
from assistant.pipeline.realtime_items import Piece, joined
from assistant.protocol.messages import ImageIn
from assistant.protocol.realtime import ImagePart, ItemTruncate, RealtimeError
from assistant.protocol.realtime_out import Event, Item, RealtimeEncoder
from assistant.server.realtime_send import RealtimeSender

Float32Audio = npt.NDArray[np.float32]
MAX_PENDING = 16


@dataclass(slots=True)
class Pending:
    """What waits for ``response.create``, each with the id of the item it came in."""

    texts: list[Piece] = field(default_factory=list)
    audio: list[tuple[str, Float32Audio]] = field(default_factory=list)
    images: list[tuple[str, ImagePart]] = field(default_factory=list)

    def add(self, item_id: str, *, texts: Sequence[str], audio: Sequence[Float32Audio] = (),
            images: Sequence[ImagePart] = ()) -> None:
        if len(self.texts) + len(self.audio) + len(self.images) + len(texts) + len(audio) > MAX_PENDING:
            raise RealtimeError(f"at most {MAX_PENDING} items may wait for response.create",
                                code="too_many_items", param="item")
        self.texts += [Piece(item_id=item_id, text=t) for t in texts]
        self.audio += [(item_id, a) for a in audio]
        self.images = (self.images + [(item_id, i) for i in images])[-1:]  # one photo a question: the latest

    def drop(self, item_id: str) -> bool:
        """Forget what item ``item_id`` added; False when nothing of it waits."""
        size = len(self.texts) + len(self.audio) + len(self.images)
        self.texts = [p for p in self.texts if p.item_id != item_id]
        self.audio = [a for a in self.audio if a[0] != item_id]
        self.images = [i for i in self.images if i[0] != item_id]
        return len(self.texts) + len(self.audio) + len(self.images) < size

    def clear(self) -> None:
        self.texts, self.audio, self.images = [], [], []


async def respond(session: RealtimeSession, sender: RealtimeSender, pending: Pending, *,
                  instructions: str = "") -> None:
    """Answer what is pending: a photo (with its question), typed text, or committed audio."""
    if not (pending.texts or pending.audio or pending.images or session.held_audio) and (
            session.waiting_for_client or not session.idle or sender.encoder.response_id):
        return  # an answer is running (e.g. going on with a function's output): that is this response
    pieces, images = [p for p in pending.texts if p.text.strip()], list(pending.images)
    audio = [*session.held_audio, *(a for _, a in pending.audio)]
    pending.clear()
    session.held_audio = []
    question = joined(pieces)
    if instructions:
        session.instructions = instructions if not session.instructions else \
            f"{session.instructions}\n{instructions}"
    if images:
        item_id, image = images[-1]
        if not question and not audio:  # the default question is the photo's own
            question = "这是什么？" if session.language != "en" else "What is this?"
            pieces = [Piece(item_id=item_id, text=question)]
        session.ledger.photo(item_id)
        if not audio:
            session.ledger.asked(pieces)
        await session.ask_image(ImageIn(mime=image.mime, data=image.data, text="" if audio else question))
        if audio:
            await session.ask_audio(np.concatenate(audio))
    elif question and not audio:
        session.ledger.asked(pieces)
        await session.ask_text(question)
    elif audio:
        await session.ask_audio(np.concatenate(audio))
    else:  # nothing new to answer: an empty, completed response
        await sender.send([*sender.encoder.begin_empty(), *sender.encoder.finish_response()])


async def truncate_item(session: RealtimeSession, encoder: RealtimeEncoder,
                        event: ItemTruncate) -> list[Event]:
    """Cut an assistant audio item to what the client played; the history keeps only that part."""
    item = encoder.items.get(event.item_id)
    if item is None:
        raise RealtimeError(f"Item with item_id '{event.item_id[:64]}' not found", code="item_not_found",
                            param="item_id")
    if item.type != "message" or item.role != "assistant" or not item.reply_id:
        raise RealtimeError("only assistant messages can be truncated", code="invalid_value", param="item_id")
    if event.content_index != 0:
        raise RealtimeError("content_index must be 0", code="invalid_value", param="content_index")
    if event.audio_end_ms > item.audio_ms + 1:
        raise RealtimeError(f"audio_end_ms {event.audio_end_ms} is greater than the audio's duration "
                            f"({item.audio_ms:.0f} ms)", code="invalid_value", param="audio_end_ms")
    heard = await session.truncate(item.reply_id, event.audio_end_ms)
    return encoder.truncated(item, event.audio_end_ms, heard)


async def delete_item(session: RealtimeSession, sender: RealtimeSender, pending: Pending, item: Item) -> None:
    """Take ``item`` out of what the LLM sees from the next response on (docs/realtime.md): an answer
    still being produced is cancelled first (``response.done``, ``client_cancelled``)."""
    if item.type == "message" and item.role == "assistant":
        running = sender.encoder.response_id if session.answering(item.reply_id) else None
        if running:
            sender.cancel_reason = "client_cancelled"
        if item.reply_id:
            await session.forget_reply(item.reply_id)
        for _ in range(200):  # its response.done (cancelled) goes first, then conversation.item.deleted
            if not running or sender.encoder.response_id != running:
                break
            await asyncio.sleep(0.01)
    elif item.type == "function_call":
        await session.forget_call(item.call.get("call_id", ""))
    elif item.type == "message" and item.role == "system":
        for part in item.parts:
            session.instructions = _without_line(session.instructions, str(part.get("text") or ""))
    elif not pending.drop(item.id):
        session.forget_item(item.id)


def _without_line(instructions: str, text: str) -> str:
    """``instructions`` less the line ``text`` a system item added (see ``on_item``)."""
    for old in (f"\n{text}", f"{text}\n", text):
        if text and old in instructions:
            return instructions.replace(old, "", 1)
    return instructions
