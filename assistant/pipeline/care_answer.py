"""An elder's spoken answer to a reminder ("吃了", "知道了", "等一会儿再提醒我"), handled in code
before any LLM: only while a reminder spoken to this user in the last ``care.ack_window_s`` waits for
an answer (:func:`assistant.care.scheduler.answer`); otherwise the words go on as a normal turn."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from assistant.care.prompts import ack_reply, answer_of
from assistant.care.scheduler import answer
from assistant.config import CareSettings
from assistant.errors import AssistantError
from assistant.pipeline.reply import ReplyPlan
from assistant.storage.db import DatabaseThread
from assistant.storage.jobs import JobStore
from assistant.storage.profile import resolve_user_id

log = logging.getLogger(__name__)


async def care_answer_plan(database: DatabaseThread | None, settings: CareSettings, user_key: str, text: str,
                           *, language: str, reply_id: int, speed: float, extra: dict[str, Any],
                           committed: asyncio.Event | None) -> ReplyPlan | None:
    """The short confirmation to speak when ``text`` answers a waiting reminder, else None.

    A speculative turn waits until it is committed before it records anything."""
    reply = answer_of(text)
    if reply is None or database is None or not settings.enabled:
        return None
    store = JobStore(database.db)
    try:
        user_id = await database.run(resolve_user_id, database.db, user_key)
        waiting = await database.run(store.answerable, user_id, now=time.time(),
                                     window_s=settings.ack_window_s)
        if waiting is None:
            return None
        if committed is not None:
            await committed.wait()
        job = await answer(database.run, store, settings, user_id=user_id, reply=reply, channel="voice",
                           now=time.time())
    except AssistantError as exc:
        log.error("could not record an answer to a reminder: %s", exc.message)
        return None
    if job is None:
        return None
    extra["care"] = {"job_id": job.id, "answer": reply.kind}
    return ReplyPlan(reply_id=reply_id, speed=speed,
                     fixed_text=ack_reply(reply, language=language, snooze_s=settings.snooze_s))
