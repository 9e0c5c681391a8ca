"""Conversation steps the care loop waits for (:class:`assistant.pipeline.script.Script`).

* :class:`ReminderScript`: after "王奶奶，八点了，该吃降压药了。吃了吗？", the answer: "吃了" / "知道了"
  acknowledges, "等一会儿再提醒我" / "还没吃" snoozes. Anything else is answered as usual, and the
  next utterance is tried again (two in all).
* :class:`OfferScript`: after "要我现在给您家人打电话吗？", "好" / "打吧" runs the action (placing
  the call, in the background) and says so; "不用了" declines.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from assistant.care.replies import ReminderReply, accepts_offer, reminder_reply

log = logging.getLogger(__name__)

ReplySink = Callable[[ReminderReply, str], Awaitable[None]]  # (reply, the elder's words)

ACK = {"done": {"zh": "好的，记下了。", "en": "Good, I've noted that."},
       "snooze": {"zh": "好的，我过十分钟再提醒您。",
                  "en": "All right, I'll remind you again in ten minutes."}}
CALLING = {"zh": "好的，我这就给您家人打电话。", "en": "All right, I'm calling your family now."}
DECLINED = {"zh": "好的。有事随时叫我。", "en": "All right. Call me any time."}
OFFER = {"zh": "要我现在给您家人打电话吗？", "en": "Shall I call your family now?"}


def _lang(language: str) -> str:
    return "en" if language == "en" else "zh"


class ReminderScript:
    def __init__(self, on_reply: ReplySink, *, tries: int = 2,
                 say: Callable[[ReminderReply, str], str] | None = None) -> None:
        self._on_reply = on_reply
        self._say = say  # (reply, language) -> what to answer; default ACK
        self._left = tries
        self.answer: ReminderReply | None = None

    @property
    def active(self) -> bool:
        return self._left > 0

    async def reply(self, text: str, language: str) -> str | None:
        self._left -= 1
        found = reminder_reply(text)
        if found is None:
            return None
        self._left = 0
        self.answer = found
        await self._on_reply(found, text)
        return self._say(found, _lang(language)) if self._say else ACK[found][_lang(language)]


class OfferScript:
    def __init__(self, action: Callable[[], Awaitable[object]], *, tries: int = 2) -> None:
        self._action = action
        self._left = tries
        self._tasks: set[asyncio.Task[None]] = set()
        self.accepted: bool | None = None

    @property
    def active(self) -> bool:
        return self._left > 0

    async def reply(self, text: str, language: str) -> str | None:
        self._left -= 1
        found = accepts_offer(text)
        if found is None:
            return None
        self._left = 0
        self.accepted = found
        if not found:
            return DECLINED[_lang(language)]
        task = asyncio.create_task(self._run(), name="offer")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return CALLING[_lang(language)]

    async def _run(self) -> None:
        try:
            await self._action()
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("the offered action failed")
