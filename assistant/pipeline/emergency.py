"""An emergency turn: answered in code, at once, never by the LLM, and the family is alerted."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable

from assistant.care.emergency import (
    Emergency,
    EmergencyAdvice,
    EmergencyReport,
    detect_emergency,
    emergency_reply,
    family_lines,
)
from assistant.care.emergency_sounds import sound_alike_emergency
from assistant.pipeline import readings
from assistant.pipeline.reply import ReplyPlan
from assistant.pipeline.turn import Turn

AlertSink = Callable[[EmergencyReport], Awaitable[None]]


async def emergency_plan(turn: Turn, text: str, *, language: str, speed: float, advice: EmergencyAdvice,
                         user_id: str, session_id: str, on_alert: AlertSink | None) -> ReplyPlan | None:
    """The fixed 120 answer when ``text`` reports an emergency (the family is alerted first), else None.

    The alert waits for the turn's commit: the family is never told about words the user went on
    to change (a speculative turn that is dropped alerts nobody). Spoken words are also read as they
    sound ("我相思" for 我想死: :mod:`assistant.care.emergency_sounds`). A dangerous reading she measured
    ("血糖才二点八", "血氧八十七": :mod:`.readings`) alerts the family too, as kind "illness", and she hears
    what to do for it first."""
    alarm = detect_emergency(text)
    if alarm is None and turn.heard is not None:
        alarm = sound_alike_emergency(text)
    said = ""
    if alarm is None and (measured := readings.advice(text, language, advice.number)) is not None \
            and measured[0].endswith(".danger"):
        alarm = Emergency(kind="illness", phrase=measured[0], text=text)
        said = measured[1] + family_lines(advice, language)
    if alarm is None:
        return None
    turn.metrics.extra["emergency"] = alarm.kind
    await turn.committed.wait()
    if on_alert is not None:
        await on_alert(EmergencyReport(user_id=user_id, session_id=session_id, emergency=alarm,
                                       at=time.time()))
    return ReplyPlan(reply_id=turn.reply_id, speed=speed,
                     fixed_text=said or emergency_reply(alarm, language=language, advice=advice))
