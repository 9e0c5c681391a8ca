"""``/api/checkins``: an elder's daily check-in plan (off by default) and the check-ins so far, with
their summaries for the family; ``/api/calls``: the outbound calls about an elder and how far each got
(``未送达`` when Twilio could not be reached or nobody answered; Twilio's own status, the duration
and the outcome: 已接通 n 秒, 无人接听, 占线, 呼叫失败)."""

from __future__ import annotations

import dataclasses

from starlette.requests import Request
from starlette.responses import JSONResponse

from assistant.care.checkin import CheckinPlan
from assistant.server.api.common import ApiError, caller_of, family_of, int_param, json_body, queried_elder
from assistant.server.care_calls import schedule_checkin
from assistant.storage.checkins import Checkins
from assistant.storage.outbound import OutboundCalls


async def list_checkins(request: Request) -> JSONResponse:
    """``?elder_id=``: the plan and the latest check-ins, newest first."""
    fam, elder = await queried_elder(request)
    run = fam.storage.thread.run
    store = Checkins(fam.storage.db)
    plan = CheckinPlan.parse(await run(store.plan, elder.user_id))
    found = await run(store.for_user, elder.user_id)
    return JSONResponse({"elder_id": elder.user_id, "plan": dataclasses.asdict(plan),
                         "checkins": [c.as_json() for c in found]})


async def set_plan(request: Request) -> JSONResponse:
    """``{"elder_id", "enabled", "at", "channel", "tries"}``: a malformed plan is refused with the reason."""
    caller = await caller_of(request)
    body = await json_body(request)
    elder_id = int_param(body.pop("elder_id", None), "elder_id")
    try:
        plan = CheckinPlan.parse(body)
    except ValueError as exc:
        raise ApiError(400, "bad_field", f"check-in plan: {exc}") from exc
    fam = family_of(request)
    run = fam.storage.thread.run
    elder = await run(fam.households.elder, caller.household_id, elder_id)
    await run(Checkins(fam.storage.db).set_plan, elder.user_id, dataclasses.asdict(plan))
    job = await schedule_checkin(request.app.state.assistant, elder.user_id, plan)
    return JSONResponse({"elder_id": elder.user_id, "plan": dataclasses.asdict(plan),
                         "next_at": job.due_at if job is not None else None})


async def list_calls(request: Request) -> JSONResponse:
    """``?elder_id=``: the outbound calls about the elder, newest first, with a label to show."""
    fam, elder = await queried_elder(request)
    found = await fam.storage.thread.run(OutboundCalls(fam.storage.db).for_user, elder.user_id)
    return JSONResponse({"elder_id": elder.user_id, "calls": [
        {"id": c.id, "purpose": c.purpose, "opening": c.opening, "status": c.status, "label": c.label,
         "attempts": c.attempts,
         "last_error": c.last_error, "reply": c.reply, "reply_text": c.reply_text, "created_at": c.created_at,
         "updated_at": c.updated_at, "call_status": c.call_status, "duration_s": c.duration_s,
         "status_at": c.status_at, "outcome": c.outcome} for c in found]})
