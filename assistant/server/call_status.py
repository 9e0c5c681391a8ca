"""``POST /phone/twilio/status``: Twilio's StatusCallback for the calls we place, and what it means.

Every outbound call asks for it (:class:`assistant.care.outbound.OutboundCaller`, ``status_url``):
Twilio posts, form-encoded and signed (``X-Twilio-Signature``, checked as for every Twilio webhook:
403 and nothing stored otherwise), ``CallSid``, ``AccountSid``, ``CallStatus`` (``initiated`` is kept
as ``queued``; ``ringing``, ``in-progress``, ``completed``, ``busy``, ``no-answer``, ``failed``,
``canceled``), ``CallDuration`` once it ended, ``Timestamp``, ``SequenceNumber``, ``Direction``,
``From``, ``To``, …. Only a CallSid we placed is taken (404 and a log line otherwise). The status, the
duration and the time go on the call's record (``outbound_calls``).

A call that ends busy, unanswered, failed or canceled, or completed while our media stream never
opened, did not reach anybody. For a reminder or a check-in, the care job's attempt then counts as
reaching nobody (:meth:`JobStore.unreached`): its retries and then the family's alert run as for any
unanswered reminder. An emergency call to the family that nobody answered shows as 未送达.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from assistant.errors import AssistantError
from assistant.server.care_calls import checkin_job_of
from assistant.server.twilio_webhook import read_signed
from assistant.storage.checkins import Checkins
from assistant.storage.outbound import LINE_STATUSES, OutboundCall, OutboundCalls

if TYPE_CHECKING:
    from assistant.server.state import AppState

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class LineStatus:
    call_sid: str
    status: str  # one of LINE_STATUSES
    duration_s: int | None
    at: float  # epoch seconds


def parse_status(form: dict[str, str], *, now: float) -> LineStatus:
    """The fields we keep from one callback; ValueError says what is wrong with it."""
    call_sid = form.get("CallSid", "").strip()
    if not call_sid:
        raise ValueError("no CallSid")
    status = form.get("CallStatus", "").strip().lower()
    status = "queued" if status == "initiated" else status
    if status not in LINE_STATUSES:
        raise ValueError(f"unknown CallStatus {form.get('CallStatus', '')!r}")
    duration = form.get("CallDuration", "").strip()
    if duration and not duration.isdigit():
        raise ValueError(f"CallDuration must be whole seconds, not {duration!r}")
    at = now
    if form.get("Timestamp"):
        try:
            at = parsedate_to_datetime(form["Timestamp"]).timestamp()
        except (TypeError, ValueError):
            log.info("call %s: unreadable Timestamp %r; using the time it came", call_sid, form["Timestamp"])
    return LineStatus(call_sid=call_sid, status=status, duration_s=int(duration) if duration else None, at=at)


async def twilio_status(request: Request) -> Response:
    state: AppState = request.app.state.assistant
    form, refusal = await read_signed(request, state.settings)
    if refusal is not None:
        return refusal
    try:
        update = parse_status(dict(form), now=time.time())
    except ValueError as exc:
        return PlainTextResponse(f"bad request: {exc}", status_code=400)
    if state.storage is None:
        return PlainTextResponse("unavailable: no database", status_code=503)
    record = await record_status(state, update)
    if record is None:
        log.info("ignored a Twilio status callback for call %s (not one we placed)", update.call_sid)
        return PlainTextResponse("not found: not a call we placed", status_code=404)
    return Response(status_code=204)


async def record_status(state: AppState, update: LineStatus) -> OutboundCall | None:
    """Store ``update`` on the call it is about (None: not one of ours) and apply what it means."""
    assert state.storage is not None
    run, store = state.storage.thread.run, OutboundCalls(state.storage.db)
    record: OutboundCall | None = await run(store.by_sid, update.call_sid)
    if record is None:
        return None
    updated: OutboundCall = await run(store.line_status, record.id, update.status,
                                      duration_s=update.duration_s, at=update.at)
    log.info("outbound call %d (%s): %s%s", record.id, record.purpose, update.status,
             f", {update.duration_s} s" if update.duration_s is not None else "")
    if updated.status == "failed" and record.status != "failed":
        await not_delivered(state, updated)
    return updated


async def not_delivered(state: AppState, record: OutboundCall) -> None:
    """A call that reached nobody: its care job's attempt reached nobody either."""
    if record.purpose == "family":
        log.warning("emergency call %d to the family: %s (未送达)", record.id, record.call_status)
        return
    job_id = record.ref_id
    if record.purpose == "checkin" and record.ref_id is not None and state.storage is not None:
        checkin = await state.storage.thread.run(Checkins(state.storage.db).get, record.ref_id)
        job_id = await checkin_job_of(state, checkin) if checkin is not None else None
    if job_id is None or state.care is None or state.storage is None:
        return
    try:
        failed = await state.storage.thread.run(state.care.store.unreached, job_id, "call")
    except AssistantError as exc:
        log.error("could not record the unanswered call of care job %d: %s", job_id, exc.message)
        return
    log.warning("outbound call %d (%s): %s; care job %d not delivered%s", record.id, record.purpose,
                record.call_status, job_id, " (retries and escalation go on)" if failed else "")
