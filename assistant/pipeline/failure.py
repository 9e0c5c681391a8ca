"""A turn whose backend failed: an ``error`` event and a short spoken apology; the session goes on."""

from __future__ import annotations

import contextlib
import logging

from assistant.errors import BackendError
from assistant.pipeline import intents
from assistant.pipeline.engines import Engines
from assistant.pipeline.outbox import Outbox
from assistant.pipeline.reply import ReplyPlan, ReplyRun, is_backend_error
from assistant.pipeline.turn import Turn, TurnMetrics
from assistant.protocol.messages import AudioEnd, ErrorOut

log = logging.getLogger(__name__)


async def apologise(turn: Turn, exc: Exception, *, engines: Engines, outbox: Outbox, language: str,
                    speed: float, session_id: str) -> str:
    """Send the ``error`` event for ``exc`` and speak the apology for ``turn``; returns its text.

    The apology's audio is not part of the turn's reply: a barge-in cannot cut it from the history."""
    backend = is_backend_error(exc)
    if backend is None:
        log.error("turn failed unexpectedly in session %s", session_id, exc_info=exc)
        code, message = "internal_error", "something went wrong while answering"
    else:
        log.warning("backend failed in session %s: %s", session_id, backend.message)
        code, message = backend.code, backend.message
    await outbox.put(ErrorOut(code=code, message=message))
    plan = ReplyPlan(reply_id=turn.reply_id, speed=speed, fixed_text=intents.apology(language))
    run = ReplyRun(llm=engines.llm, tts=engines.tts.for_reply(), emit=outbox.put, plan=plan,
                   metrics=TurnMetrics(source="apology"))
    with contextlib.suppress(BackendError):
        await run.run()
    await outbox.put(AudioEnd(reply_id=turn.reply_id))
    turn.metrics.extra["error"] = code
    turn.metrics.first_audio_wall = run.metrics.first_audio_wall
    return run.text
