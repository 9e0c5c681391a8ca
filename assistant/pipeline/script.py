"""A conversation step that someone above the session is waiting for: the answer to a reminder
("吃了吗？"), a check-in's next question, or "要我给您家人打电话吗？".

A transport or the care loop sets ``session.script``; while it is ``active``, every committed
utterance is offered to it first (after the emergency check, which always wins). It answers with a
fixed text, or None to let the turn be answered as usual. The script's side effects (recording an
acknowledgement, placing a call) happen only for committed turns: a speculative turn that the user
goes on to change never reaches it.
"""

from __future__ import annotations

from typing import Protocol

from assistant.pipeline.reply import ReplyPlan
from assistant.pipeline.turn import Turn


class Script(Protocol):
    @property
    def active(self) -> bool:
        """Still waiting for an answer."""
        ...

    async def reply(self, text: str, language: str) -> str | None:
        """The fixed answer to the user's utterance ``text``, or None to answer it normally."""
        ...


async def scripted_plan(script: Script | None, turn: Turn, text: str, *, language: str,
                        speed: float) -> ReplyPlan | None:
    if script is None or not script.active:
        return None
    await turn.committed.wait()
    said = await script.reply(text, language)
    if not said:
        return None
    turn.metrics.extra["scripted"] = True
    return ReplyPlan(reply_id=turn.reply_id, speed=speed, fixed_text=said)
