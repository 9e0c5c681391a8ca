"""Twilio phone calls: the TwiML webhook and the Media Streams websocket in front of a PhoneCall.

Authentication. Twilio signs its webhook requests (``X-Twilio-Signature``) but not the websocket.
With an auth token configured (the variable named by ``phone.twilio_auth_token_env``), the webhook
rejects unsigned or forged requests with 403 and puts a short-lived HMAC ticket, bound to the
CallSid and the caller's number, into the TwiML; the stream's ``start`` must bring it back
(each CallSid once: the CallSids of opened streams are kept a day in the database, so a replayed
webhook gets no new ticket, even after a restart). Without a token, both endpoints refuse unless
the server runs ``--open`` (:mod:`assistant.server.twilio_webhook`, shared with the StatusCallback of
our own calls, ``/phone/twilio/status``: :mod:`assistant.server.call_status`).
``phone.allowed_callers`` (if set) is checked at both steps.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route, WebSocketRoute
from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from assistant.audio.mulaw import ulaw_decode, ulaw_encode
from assistant.config import Settings
from assistant.errors import ProtocolError
from assistant.protocol.close import CloseCode
from assistant.protocol.twilio import (
    Dtmf,
    Mark,
    Media,
    Start,
    Stop,
    TwilioParser,
    check_ticket,
    encode_clear,
    encode_mark,
    encode_media,
    make_ticket,
    split_frames,
    twiml_reject,
    twiml_stream,
)
from assistant.server.call import Float32Audio, PhoneCall
from assistant.server.call_policy import (
    CallerProfile,
    admit_call,
    caller_allowed,
    load_profiles,
    normalise_number,
)
from assistant.server.call_status import twilio_status
from assistant.server.family import asr_words_for, elder_by_phone
from assistant.server.outbound import call_ended, outbound_call, script_for, ticket_key
from assistant.server.state import AppState
from assistant.server.twilio_webhook import read_signed, twilio_auth_token

log = logging.getLogger(__name__)

TICKET_TTL_S = 120
START_TIMEOUT_S = 15.0
MAX_BAD_FRAMES = 50  # a few bad frames are logged and skipped; a flood ends the call
REJECTED = "对不起，这个号码不能使用本服务。再见。"


def phone_routes() -> list[Route | WebSocketRoute]:
    return [WebSocketRoute("/phone/twilio", twilio_stream),
            Route("/phone/twilio/voice", twilio_voice, methods=["GET", "POST"]),
            Route("/phone/twilio/status", twilio_status, methods=["POST"])]


# ---- the webhook -------------------------------------------------------------------------------
async def twilio_voice(request: Request) -> Response:
    """Twilio asks what to do with a call: connect it to our media stream (or refuse it)."""
    settings: Settings = request.app.state.assistant.settings
    form, refusal = await read_signed(request, settings)
    if refusal is not None:
        return refusal
    token = twilio_auth_token(settings)
    params = dict(request.query_params) | dict(form)
    caller = normalise_number(params.get("From", ""))
    call_sid = params.get("CallSid", "")
    if not caller_allowed(settings, caller):
        log.info("refused a call from %s (not in phone.allowed_callers)", caller or "an unknown number")
        return Response(twiml_reject(REJECTED), media_type="application/xml")
    stream_params = {"from": caller}
    if token:
        if not call_sid:
            return PlainTextResponse("bad request: no CallSid", status_code=400)
        if await _call_used(request.app.state.assistant, call_sid):
            log.warning("refused a replayed Twilio webhook for call %s (its stream was opened already)",
                        call_sid)
            return PlainTextResponse("forbidden: this call was already connected", status_code=403)
        stream_params["ticket"] = make_ticket(token, call_sid=call_sid, caller=caller,
                                              expires=int(time.time()) + TICKET_TTL_S)
    return Response(twiml_stream(_stream_url(request, settings), stream_params), media_type="application/xml")


def _stream_url(request: Request, settings: Settings) -> str:
    public = settings.server.public_host
    host = public or request.headers.get("host", request.url.netloc)
    secure = bool(public) or request.url.scheme == "https"
    return f"{'wss' if secure else 'ws'}://{host}/phone/twilio"


# ---- the media stream --------------------------------------------------------------------------
class TwilioLink:
    """Media, marks and clears to Twilio for one stream."""

    echoes_marks = True

    def __init__(self, websocket: WebSocket, stream_sid: str, *, lead_s: float = 0.16) -> None:
        self.websocket = websocket
        self.stream_sid = stream_sid
        self.lead_s = lead_s
        self._closed = False

    def encode(self, audio: Float32Audio) -> list[bytes]:
        return split_frames(ulaw_encode(audio))

    async def _send(self, text: str) -> None:
        if self._closed:
            raise RuntimeError("the stream is closed")
        try:
            await asyncio.wait_for(self.websocket.send_text(text), timeout=10.0)
        except WebSocketDisconnect as exc:
            self._closed = True
            raise ConnectionError("Twilio closed the stream") from exc

    async def send_audio(self, frame: bytes) -> None:
        await self._send(encode_media(self.stream_sid, frame))

    async def send_mark(self, name: str) -> None:
        await self._send(encode_mark(self.stream_sid, name))

    async def clear(self) -> None:
        await self._send(encode_clear(self.stream_sid))

    async def hangup(self, reason: str, *, going_away: bool = False) -> None:
        if not self._closed:
            self._closed = True
            code = CloseCode.GOING_AWAY if going_away else CloseCode.NORMAL
            await self.websocket.close(code, reason[:100])


async def twilio_stream(websocket: WebSocket) -> None:
    state: AppState = websocket.app.state.assistant
    await websocket.accept()  # first, so that a refusal can carry a close code and reason
    parser = TwilioParser()
    try:
        start = await _wait_for_start(websocket, parser)
        if start is None:
            return
        refusal = await _check_start(websocket, state, start)
        if refusal is not None:
            log.warning("refused Twilio stream of call %s: %s", start.call_sid, refusal[1])
            await _close(websocket, *refusal)
            return
        caller = normalise_number(start.parameters.get("from", ""))
        elder = await elder_by_phone(state.storage, caller)  # the family console's phone numbers
        outbound = await outbound_call(state, start)  # one of our calls: a reminder, a check-in
        user_id = outbound.user_id if outbound is not None and outbound.user_id else elder and elder.user_id
        admission = admit_call(state, device_id=f"twilio:{start.call_sid}",
                               user_id=str(user_id) if user_id else f"phone:{caller}")
        if isinstance(admission, str):
            await _close(websocket, CloseCode.BUSY, admission)
            return
        profile = (CallerProfile(name=elder.spoken_name, language=elder.profile.language,
                                 words=await asr_words_for(state.storage, elder)) if elder
                   else await _profile(state.settings, caller))
        call = PhoneCall(state, TwilioLink(websocket, start.stream_sid), admission, caller=caller,
                         call_id=start.call_sid, profile=profile,
                         opening=outbound.opening if outbound else None)
        if outbound is not None:
            call.session.script = await script_for(state, outbound)
        try:
            await call.start()
            await _receive(websocket, parser, call, state.settings)
        finally:
            await call.close()
            if outbound is not None:
                await call_ended(state, outbound)
    except (WebSocketDisconnect, RuntimeError) as exc:
        log.info("Twilio stream ended: %s", type(exc).__name__)
    finally:
        await _close(websocket, CloseCode.NORMAL, "call ended")


async def _wait_for_start(websocket: WebSocket, parser: TwilioParser) -> Start | None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + START_TIMEOUT_S
    while True:
        try:
            message = await asyncio.wait_for(websocket.receive(), timeout=max(0.0, deadline - loop.time()))
        except TimeoutError:
            await _close(websocket, CloseCode.POLICY, "no_start: no 'start' frame in time")
            return None
        if message["type"] == "websocket.disconnect":
            return None
        try:
            parsed = parser.feed(message.get("text") or message.get("bytes") or b"")
        except ProtocolError as fault:
            await _close(websocket, CloseCode.POLICY, f"{fault.code}: {fault.message}")
            return None
        if isinstance(parsed, Start):
            return parsed


async def _check_start(websocket: WebSocket, state: AppState, start: Start) -> tuple[int, str] | None:
    """(close code, reason) if this stream may not go on."""
    settings = state.settings
    token = twilio_auth_token(settings)
    caller = normalise_number(start.parameters.get("from", ""))
    key = ticket_key(start)  # the CallSid, or "outbound:<id>" for a call we placed
    if token:
        try:
            check_ticket(token, start.parameters.get("ticket", ""), call_sid=key, caller=caller,
                         now=time.time())
        except ProtocolError as fault:
            return CloseCode.UNAUTHORIZED, f"{fault.code}: {fault.message}"
    elif not settings.server.open:
        return CloseCode.UNAUTHORIZED, (f"unauthorized: set {settings.phone.twilio_auth_token_env} "
                                    "(the Twilio auth token) or run with --open")
    if key == start.call_sid and not caller_allowed(settings, caller):  # (we chose whom we called)
        return CloseCode.FORBIDDEN, "forbidden: this caller is not allowed"
    if token and not await _claim_call(websocket, state, key):  # each CallSid opens one stream
        return CloseCode.UNAUTHORIZED, "unauthorized: this call's ticket was already used"
    return None


async def _call_used(state: AppState, call_sid: str) -> bool:
    if state.storage is None:
        return False
    return await state.storage.thread.run(state.storage.calls.used, call_sid)


async def _claim_call(websocket: WebSocket, state: AppState, call_sid: str) -> bool:
    """Record that ``call_sid`` opened its stream; False if it had already (kept a day, in the database)."""
    if state.storage is not None:
        return await state.storage.thread.run(state.storage.calls.claim, call_sid)
    used: set[str] = getattr(websocket.app.state, "twilio_calls", set())  # no database (in-process tests)
    websocket.app.state.twilio_calls = used
    if call_sid in used:
        return False
    used.add(call_sid)
    return True


async def _profile(settings: Settings, caller: str) -> CallerProfile | None:
    if not settings.phone.profiles_file or not caller:
        return None
    profiles = await asyncio.to_thread(load_profiles, settings.path(settings.phone.profiles_file))
    return profiles.get(caller)


async def _receive(websocket: WebSocket, parser: TwilioParser, call: PhoneCall, settings: Settings) -> None:
    bad = 0
    while not call.ended.is_set():
        try:
            message = await asyncio.wait_for(websocket.receive(), timeout=settings.limits.idle_timeout_s)
        except TimeoutError:
            await call.end("no media from Twilio")
            return
        if message["type"] == "websocket.disconnect":
            return
        try:
            parsed = parser.feed(message.get("text") or message.get("bytes") or b"")
        except ProtocolError as fault:
            # A live call is not dropped over one bad frame; the log says what was wrong.
            bad += 1
            log.warning("Twilio call %s: bad frame skipped: %s: %s", call.call_id, fault.code, fault.message)
            if bad > MAX_BAD_FRAMES:
                await _close(websocket, CloseCode.POLICY, f"{fault.code}: too many bad frames")
                return
            continue
        if isinstance(parsed, Media):
            if parsed.track in ("inbound", "inbound_track") and parsed.payload:
                await call.feed(ulaw_decode(parsed.payload))
        elif isinstance(parsed, Dtmf):
            await call.dtmf(parsed.digit)
        elif isinstance(parsed, Mark):
            call.mark_played(parsed.name)
        elif isinstance(parsed, Stop):
            log.info("Twilio call %s: stop", call.call_id)
            return


async def _close(websocket: WebSocket, code: int, reason: str) -> None:
    if websocket.application_state == WebSocketState.CONNECTED:
        with contextlib.suppress(Exception):
            await websocket.close(code, reason.encode()[:120].decode(errors="ignore"))
