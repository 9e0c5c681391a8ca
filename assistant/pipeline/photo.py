"""A photo question becomes a reply plan, and the photo becomes part of the conversation."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

from assistant.llm.base import Usage
from assistant.llm.prompt import History
from assistant.pipeline.engines import Engines
from assistant.pipeline.honesty import CATEGORIES
from assistant.pipeline.reply import ReplyPlan
from assistant.vision.prompt import describe_labels
from assistant.vision.service import Photo


async def photo_plan(engines: Engines, history: History, *, reply_id: int, photo: Photo, question: str,
                     speed: float) -> ReplyPlan:
    """Remote VLM first when configured (falling back inside the stream), else OCR + labels + LLM.

    The photo's description goes into ``history`` so that a follow-up ("那它怎么做？") refers to it.
    """
    photos = engines.photos
    if photos.has_remote:
        history.add_photo_context(f"（用户问：{question}。照片由看图模型识别，见下面的回答。）")

        def stream(usage: Usage) -> AsyncIterator[str]:
            return photos.stream_answer(photo, question, llm=engines.llm, usage=usage)

        return ReplyPlan(reply_id=reply_id, speed=speed, remote_stream=stream)
    context = await photos.answer_context(photo, question)
    summary = [describe_labels(context.description)]
    if context.description.text_lines:
        summary.append("照片上的文字：" + " ".join(context.description.text_lines)[:600])
    history.add_photo_context("\n".join(s for s in summary if s))
    if context.direct_answer is not None:
        return ReplyPlan(reply_id=reply_id, speed=speed, fixed_text=context.direct_answer)
    # What a photo shows (a price tag, a newspaper's weather, a calendar) is its own source.
    # a letter or a label read out says 你 as it is written (polite.py)
    return ReplyPlan(reply_id=reply_id, speed=speed, request=context.request, grounded=CATEGORIES,
                     polite=False)


class PhotoWait:
    """A photo sent without a question waits for the next spoken one; after ``wait_s`` of quiet,
    ``ask_default`` asks a default question about it. At most one photo waits at a time."""

    def __init__(self) -> None:
        self._photo: Photo | None = None
        self._timer: asyncio.Task[None] | None = None

    def hold(self, photo: Photo, *, wait_s: float, ready: Callable[[], bool],
             ask_default: Callable[[Photo], Awaitable[None]]) -> None:
        """Keep ``photo``; after ``wait_s``, if ``ready()`` and it is still waiting, ask about it."""
        self.cancel()
        self._photo = photo

        async def later() -> None:
            await asyncio.sleep(wait_s)
            if self._photo is not None and ready():
                photo, self._photo = self._photo, None
                await ask_default(photo)

        self._timer = asyncio.create_task(later())

    def take(self) -> Photo | None:
        """The waiting photo (the question for it has come), or None; stops the timer."""
        photo, self._photo = self._photo, None
        if photo is not None:
            self._stop_timer()
        return photo

    def cancel(self) -> None:
        """Forget any waiting photo."""
        self._photo = None
        self._stop_timer()

    def _stop_timer(self) -> None:
        if self._timer is not None and self._timer is not asyncio.current_task():
            self._timer.cancel()
        self._timer = None
