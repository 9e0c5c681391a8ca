"""``response.create`` and ``conversation.item.truncate`` of the OpenAI-Realtime endpoint.

What the client added since the last response (typed text, committed or item audio, photos)
waits in :class:`Pending`; ``response.create`` turns it into one question for the session.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from assistant.pipeline.realtime import RealtimeSession
from assistant.protocol.messages import ImageIn
from assistant.protocol.realtime import ImagePart, ItemTruncate, RealtimeError
from assistant.protocol.realtime_out import Event, RealtimeEncoder
from assistant.server.realtime_send import RealtimeSender

Float32Audio = npt.NDArray[np.float32]
MAX_PENDING = 16


@dataclass(slots=True)
class Pending:
    texts: list[str] = field(default_factory=list)
    audio: list[Float32Audio] = field(default_factory=list)
    images: list[ImagePart] = field(default_factory=list)

    def add(self, *, texts: list[str], audio: list[Float32Audio], images: list[ImagePart]) -> None:
        if len(self.texts) + len(self.audio) + len(self.images) + len(texts) + len(audio) > MAX_PENDING:
            raise RealtimeError(f"at most {MAX_PENDING} items may wait for response.create",
                                code="too_many_items", param="item")
        self.texts += texts
        self.audio += audio
        self.images = (self.images + images)[-1:]  # one photo per question: the latest

    def clear(self) -> None:
        self.texts, self.audio, self.images = [], [], []


async def respond(session: RealtimeSession, sender: RealtimeSender, pending: Pending, *,
                  instructions: str = "") -> None:
    """Answer what is pending: a photo (with its question), typed text, or committed audio."""
    if not (pending.texts or pending.audio or pending.images or session.held_audio) and (
            session.waiting_for_client or not session.idle or sender.encoder.response_id):
        return  # an answer is running (e.g. going on with a function's output): that is this response
    texts, audio, images = list(pending.texts), [*session.held_audio, *pending.audio], list(pending.images)
    pending.clear()
    session.held_audio = []
    question = "，".join(t.strip() for t in texts if t.strip())
    if instructions:
        session.instructions = instructions if not session.instructions else \
            f"{session.instructions}\n{instructions}"
    if images:
        image = images[-1]
        default = "这是什么？" if session.language != "en" else "What is this?"
        await session.ask_image(ImageIn(mime=image.mime, data=image.data,
                                        text="" if audio else (question or default)))
        if audio:
            await session.ask_audio(np.concatenate(audio))
    elif question and not audio:
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
