"""Outbound calls in the server: the caller (from settings), the stream of an outbound call (its record,
its first turn, the script that waits for the elder's answer), and the emergency offer to call the
family."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from assistant.care.channels.twilio_rest import twilio_account
from assistant.care.checkin_call import dialogue_for
from assistant.care.outbound import OutboundCaller, outbound_key
from assistant.care.prompts import Reply, ack_reply
from assistant.care.replies import ReminderReply
from assistant.care.scripts import OfferScript, ReminderScript
from assistant.config import Settings
from assistant.errors import StorageError
from assistant.pipeline.script import Script
from assistant.protocol.twilio import Start
from assistant.server.care_calls import answer_job, checkin_job_of
from assistant.server.family import member_of
from assistant.storage.checkins import Checkins
from assistant.storage.outbound import OutboundCall, OutboundCalls
from assistant.tools.registry import local_zone

if TYPE_CHECKING:
    from assistant.care.emergency import EmergencyReport
    from assistant.server.access import Storage
    from assistant.server.state import AppState

log = logging.getLogger(__name__)

# Told to the family on an emergency call (Twilio's own voice reads it, twice).
FAMILY_CALL = ("您好，这里是{name}的语音助手。{name}刚才说：{text}。"
               "助手已建议拨打{number}。请您尽快联系{name}。")


def stream_url(settings: Settings) -> str:
    """Where Twilio connects an outbound call's media: the public host (wss), else this server (ws)."""
    if settings.server.public_host:
        return f"wss://{settings.server.public_host}/phone/twilio"
    host = "127.0.0.1" if settings.server.host in ("0.0.0.0", "::", "") else settings.server.host
    return f"ws://{host}:{settings.server.port}/phone/twilio"


def status_url(settings: Settings) -> str:
    """Where Twilio posts an outbound call's StatusCallback: the public host (https), else this server."""
    if settings.server.public_host:
        return f"https://{settings.server.public_host}/phone/twilio/status"
    host = "127.0.0.1" if settings.server.host in ("0.0.0.0", "::", "") else settings.server.host
    return f"http://{host}:{settings.server.port}/phone/twilio/status"


def build_caller(settings: Settings, storage: Storage) -> OutboundCaller | None:
    """The outbound caller, or None while Twilio is not configured."""
    account = twilio_account(settings.phone)
    if account is None:
        return None
    return OutboundCaller(account, store=OutboundCalls(storage.db), db_run=storage.thread.run,
                          stream_url=stream_url(settings), status_url=status_url(settings),
                          retries=settings.alerts.retries, backoff_s=settings.alerts.backoff_s)


def ticket_key(start: Start) -> str:
    """What the stream's ticket is bound to: ``outbound:<id>`` for our own calls, else the CallSid."""
    outbound = start.parameters.get("outbound", "")
    return outbound_key(int(outbound)) if outbound.isdigit() else start.call_sid


async def outbound_call(state: AppState, start: Start) -> OutboundCall | None:
    """The record of an outbound call's stream (its ticket already checked), now ``answered``."""
    outbound = start.parameters.get("outbound", "")
    if not outbound.isdigit() or state.storage is None:
        return None
    store = OutboundCalls(state.storage.db)
    try:
        return await state.storage.thread.run(store.set_status, int(outbound), "answered")
    except StorageError as exc:
        log.warning("outbound stream for an unknown call %s: %s", outbound, exc.message)
        return None


async def call_ended(state: AppState, record: OutboundCall) -> None:
    if state.storage is not None:
        try:
            await state.storage.thread.run(OutboundCalls(state.storage.db).set_status, record.id, "completed")
        except StorageError as exc:
            log.error("could not record the end of outbound call %d: %s", record.id, exc.message)


async def script_for(state: AppState, record: OutboundCall) -> Script | None:
    """What the call waits for after its first turn: a reminder's answer (recorded on the call), or
    the rest of a check-in's questions."""
    storage = state.storage
    if storage is None:
        return None
    if record.purpose == "checkin" and record.ref_id is not None and record.user_id is not None:
        return await _checkin_script(state, storage, record)
    if record.purpose != "reminder":
        return None

    async def on_reply(reply: ReminderReply, text: str) -> None:
        log.info("outbound call %d: reminder %s answered %s: %r", record.id, record.ref_id, reply, text)
        try:
            await storage.thread.run(OutboundCalls(storage.db).set_reply, record.id, reply, text)
        except StorageError as exc:
            log.error("could not record the answer on outbound call %d: %s", record.id, exc.message)
        if record.ref_id is not None and record.user_id is not None:  # the care job the call is for
            await answer_job(state, user_id=record.user_id, job_id=record.ref_id, snooze=reply == "snooze")

    def say(reply: ReminderReply, language: str) -> str:  # the care loop's words ("…分钟后我再提醒您")
        return ack_reply(Reply(kind="ack" if reply == "done" else "snooze"), language=language,
                         snooze_s=state.settings.care.snooze_s)

    return ReminderScript(on_reply, say=say)


async def _checkin_script(state: AppState, storage: Storage, record: OutboundCall) -> Script | None:
    store = Checkins(storage.db)
    checkin = await storage.thread.run(store.get, record.ref_id or 0)
    if checkin is None:
        return None
    member = await member_of(storage, str(record.user_id))
    name = member.spoken_name if member else ""
    language = member.profile.language if member else "zh"

    async def answered() -> None:  # acknowledge the care job of this check-in
        job_id = await checkin_job_of(state, checkin)
        if job_id is not None:
            await answer_job(state, user_id=checkin.user_id, job_id=job_id, snooze=False)

    return await dialogue_for(storage.thread.run, store, checkin=checkin, name=name, language=language,
                              zone=local_zone(state.settings.tools.timezone), then=answered)


def offer_family_call(state: AppState, report: EmergencyReport) -> None:
    """After an emergency, the session waits for "好" / "打吧" to call ``alerts.family_phone``."""
    caller, number = state.caller, state.settings.alerts.family_phone
    session = next((s for s in state.sessions if s.id == report.session_id), None)
    if caller is None or not number or session is None:
        return
    user = int(report.user_id) if report.user_id.isdigit() else None

    async def place() -> None:
        member = await member_of(state.storage, report.user_id)
        name = (member.spoken_name if member else "") or "老人"
        text = FAMILY_CALL.format(name=name, text=report.emergency.text,
                                  number=state.settings.alerts.emergency_number)
        record = await caller.call_family(user_id=user, to=number, text=text)
        log.warning("emergency call to the family (%s): %s", report.emergency.kind, record.status)

    session.script = OfferScript(place)
