"""An emergency turn: answered in code, at once, never by the LLM, and the family is alerted."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from assistant.care.emergency import EmergencyAdvice, EmergencyReport, detect_emergency, emergency_reply
from assistant.care.emergency_sounds import sound_alike_emergency
from assistant.pipeline.reply import ReplyPlan
from assistant.pipeline.turn import Turn

AlertSink = Callable[[EmergencyReport], Awaitable[None]]


async def emergency_plan(turn: Turn, text: str, *, language: str, speed: float, advice: EmergencyAdvice,
                         user_id: str, session_id: str, on_alert: AlertSink | None) -> ReplyPlan | None:
    """The fixed 120 answer when ``text`` reports an emergency (the family is alerted first), else None.

    The alert waits for the turn's commit: the family is never told about words the user went on
    to change (a speculative turn that is dropped alerts nobody). Spoken words are also read as they
    sound ("我相思" for 我想死: :mod:`assistant.care.emergency_sounds`)."""
    alarm = detect_emergency(text)
    if alarm is None and turn.heard is not None:
        alarm = sound_alike_emergency(text)
    if alarm is None:
        return None
    turn.metrics.extra["emergency"] = alarm.kind
    await turn.committed.wait()
    if on_alert is not None:
        await on_alert(EmergencyReport(user_id=user_id, session_id=session_id, emergency=alarm,
                                       at=time.time()))
    return ReplyPlan(reply_id=turn.reply_id, speed=speed,
                     fixed_text=emergency_reply(alarm, language=language, advice=advice))
