"""``/api/summaries``: the daily summary of an elder's conversations, written by the LLM on demand."""

from __future__ import annotations

import dataclasses
import datetime as dt

from starlette.requests import Request
from starlette.responses import JSONResponse

from assistant.care.summary import write_summary
from assistant.errors import LlmError
from assistant.server.api.common import (
    ApiError,
    caller_of,
    family_of,
    int_param,
    json_body,
    queried_elder,
    text_field,
)
from assistant.storage.conversations import check_day


async def list_summaries(request: Request) -> JSONResponse:
    """``?elder_id=``: the stored summaries, newest first."""
    fam, elder = await queried_elder(request)
    found = await fam.storage.thread.run(fam.conversations.summaries, elder.user_id)
    return JSONResponse({"elder_id": elder.user_id, "summaries": found})


async def make_summary(request: Request) -> JSONResponse:
    """Write (or rewrite) one day's summary now. A quiet day needs no model."""
    caller = await caller_of(request)
    body = await json_body(request)
    elder_id = int_param(body.get("elder_id"), "elder_id")
    day = text_field(body, "day", max_chars=10) or dt.date.today().isoformat()
    try:
        day = check_day(day)
    except ValueError as exc:
        raise ApiError(400, "bad_field", f"day: {exc}") from exc
    fam = family_of(request)
    run = fam.storage.thread.run
    elder = await run(fam.households.elder, caller.household_id, elder_id)
    turns = await run(lambda: fam.conversations.turns(elder.user_id, day=day, limit=1000))
    engines = request.app.state.assistant.engines
    llm = engines.llm if engines is not None else None
    if llm is None and any(not t.hidden for t in turns):
        raise ApiError(503, "starting", "the language model is still loading; try again in a minute")
    try:
        summary = await write_summary(llm, elder.named, day, turns, elder.profile.language)
    except LlmError as exc:
        raise ApiError(503, "llm_error", f"the summary could not be written: {exc.message}") from exc
    await run(
        lambda: fam.conversations.save_summary(
            elder.user_id, day, summary.text, turns=summary.turns, hidden=summary.hidden, quiet=summary.quiet
        )
    )
    return JSONResponse(
        {"elder_id": elder.user_id, "day": day, **dataclasses.asdict(summary)}, status_code=201
    )
