"""The native websocket endpoint ``/ws``: JSON + PCM16 frames in front of a Session."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import MutableMapping
from typing import Any

from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from assistant.config import LimitSettings
from assistant.errors import ProtocolError, SlowClient
from assistant.pipeline.intake import AudioFlood
from assistant.pipeline.options import SessionOptions
from assistant.pipeline.outbox import Outbox
from assistant.pipeline.session import Session
from assistant.protocol.close import CloseCode
from assistant.protocol.messages import (
    Bye,
    CareAnswerIn,
    ErrorOut,
    Hangup,
    Hello,
    ImageIn,
    InterruptIn,
    Ready,
    TextIn,
)
from assistant.protocol.native import encode_event, parse_client_text
from assistant.server.access import chosen_subprotocol
from assistant.server.care import answer_button
from assistant.server.family import asr_words_for, member_of, speed_for
from assistant.server.state import Admission, AppState, Identity

log = logging.getLogger(__name__)

Message = MutableMapping[str, Any]
RECHECK_TOKEN_S = 5.0  # how often a live connection's device token is checked again (revocation)


async def native_endpoint(websocket: WebSocket) -> None:
    state: AppState = websocket.app.state.assistant
    # accept first, so that a refusal can carry a close code and reason
    await websocket.accept(subprotocol=chosen_subprotocol(websocket))
    identity = await state.identify(websocket)
    if identity is not None:
        await _serve(websocket, state, identity)


class _Clock:
    """The deadlines of one connection: the next input (hello, then idle) and the next token check."""

    def __init__(self, limits: LimitSettings) -> None:
        self.loop = asyncio.get_running_loop()
        self.limits = limits
        now = self.loop.time()
        self.input_by = now + limits.hello_timeout_s
        self.recheck_at = now + RECHECK_TOKEN_S

    def heard(self, *, started: bool) -> None:
        if started:  # before hello, other frames do not extend the hello deadline
            self.input_by = self.loop.time() + self.limits.idle_timeout_s

    def wait_s(self) -> float:
        return max(0.0, min(self.input_by, self.recheck_at) - self.loop.time())

    def recheck_due(self) -> bool:
        if self.loop.time() < self.recheck_at:
            return False
        self.recheck_at = self.loop.time() + RECHECK_TOKEN_S
        return True

    def input_overdue(self) -> bool:
        return self.loop.time() >= self.input_by


class _Connection:
    """One ``/ws`` connection's state between frames: the session, once ``hello`` has come."""

    def __init__(self, websocket: WebSocket, state: AppState, identity: Identity, outbox: Outbox) -> None:
        self.websocket = websocket
        self.state = state
        self.identity = identity
        self.outbox = outbox
        self.session: Session | None = None
        self.admission: Admission | None = None  # a session slot, taken at hello
        self.clock = _Clock(state.settings.limits)

    async def next_message(self) -> Message | None:
        """The next frame; None once the connection was closed here (no hello or input in time, or
        the token was revoked: checked every RECHECK_TOKEN_S even when nothing arrives)."""
        while True:
            try:
                message: Message = await asyncio.wait_for(self.websocket.receive(),
                                                          timeout=self.clock.wait_s())
            except TimeoutError:
                message = {}
            if self.clock.recheck_due() and await self._revoked():
                return None
            if message:
                self.clock.heard(started=self.session is not None)
                return message
            if self.clock.input_overdue():
                await self._timed_out()
                return None

    async def _revoked(self) -> bool:
        """True (after a fatal ``revoked`` error and 4401) if the token was revoked."""
        if await self.state.still_valid(self.identity.token):
            return False
        log.info("device %s was revoked: closing its connection", self.identity.device_id)
        await _send_now(self.websocket, ErrorOut(code="revoked", fatal=True,
                                                 message="this device was revoked; pair it again"))
        await self.websocket.close(CloseCode.UNAUTHORIZED, "unauthorized: this device was revoked")
        return True

    async def _timed_out(self) -> None:
        if self.session is not None:
            await _send_now(self.websocket, ErrorOut(code="idle_timeout", fatal=True,
                                                     message="no input for a while; bye"))
            await self.websocket.close(CloseCode.NORMAL, "idle timeout")
        else:
            await _send_now(self.websocket, ErrorOut(code="hello_timeout", fatal=True,
                                                     message="no hello message in time; bye"))
            await self.websocket.close(CloseCode.POLICY, "hello_timeout: no hello message in time")

    async def start(self, hello: Hello) -> bool:
        """The session of a hello; a session slot is taken only now. False: refused (closed 1013)."""
        slot = self.state.take_slot(self.identity)
        if isinstance(slot, str):
            await self.websocket.close(CloseCode.BUSY, slot)
            return False
        self.admission = slot
        self.clock.heard(started=True)  # from now on the idle timeout, not the hello timeout, applies
        member = await member_of(self.state.storage, self.identity.user_id)  # the elder's own speed
        self.session = self.state.new_session(self.outbox, SessionOptions(
            input_rate=hello.rate, language=hello.language,
            speed=speed_for(member, self.state.settings.tts.speed),
            transport="ws", user_id=self.identity.user_id, device_id=self.identity.device_id,
            asr_words=await asr_words_for(self.state.storage, member)))
        await self.outbox.put(Ready(session=self.session.id, rate=self.session.engines.output_rate))
        return True

    async def on_bytes(self, data: bytes) -> bool:
        """Handle one audio frame; True when the connection was closed (audio flood, 1008)."""
        if self.session is None:
            await self.outbox.put(ErrorOut(code="hello_required",
                                           message="send a hello message before any audio"))
            return False
        try:
            await self.session.feed_pcm16(data)
        except AudioFlood as exc:
            log.warning("session %s: %s; closing", self.session.id, exc.message)
            await _send_now(self.websocket, ErrorOut(code=exc.code, message=exc.message, fatal=True))
            await self.websocket.close(CloseCode.POLICY, "audio faster than real time")
            return True
        except ProtocolError as exc:
            await self.outbox.put(ErrorOut(code=exc.code, message=exc.message))
        return False

    async def on_text(self, text: str) -> bool:
        """Handle one text frame; True when the connection ends (``bye``, or no session slot)."""
        try:
            parsed = parse_client_text(text)
        except ProtocolError as exc:
            await self.outbox.put(ErrorOut(code=exc.code, message=exc.message))
            return False
        if isinstance(parsed, Hello):
            if self.session is not None:
                await self.outbox.put(ErrorOut(code="already_started", message="hello was already sent"))
                return False
            return not await self.start(parsed)
        elif isinstance(parsed, Bye):
            return True
        elif self.session is None:
            await self.outbox.put(ErrorOut(code="hello_required", message="send a hello message first"))
        elif isinstance(parsed, CareAnswerIn):
            if not await answer_button(self.state, self.session, parsed):
                await self.outbox.put(ErrorOut(code="unknown_reminder",
                                               message="that reminder is not waiting for an answer"))
        else:
            await _dispatch(self.session, parsed, self.outbox)
        return False


async def _serve(websocket: WebSocket, state: AppState, identity: Identity) -> None:
    outbox = Outbox(max_events=state.settings.limits.send_queue_frames)
    conn = _Connection(websocket, state, identity, outbox)
    sender = asyncio.create_task(_send_loop(websocket, outbox))
    try:
        while True:
            message = await conn.next_message()
            if message is None or message["type"] == "websocket.disconnect" or sender.done():
                return  # sender done: the client stopped reading, and the sender gave up
            if (raw_bytes := message.get("bytes")) is not None:
                if await conn.on_bytes(raw_bytes):
                    return
            elif (raw_text := message.get("text")) is not None and await conn.on_text(raw_text):
                if websocket.application_state != WebSocketState.CONNECTED:
                    return  # refused at hello (no session slot): closed already
                await outbox.close()
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(sender, timeout=5.0)
                await websocket.close(CloseCode.NORMAL, "bye")
                return
    except (WebSocketDisconnect, SlowClient, RuntimeError) as exc:
        log.info("connection ended: %s", type(exc).__name__)
    finally:
        if conn.admission is not None:  # the connection is gone: its slot is free at once, even while
            conn.admission.release()     # the session below still stores its last turn
        if conn.session is not None:
            try:
                await conn.session.close()
            finally:  # also when this handler is cancelled while the session closes
                state.end_session(conn.session)
        await outbox.close()
        sender.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await sender
        if websocket.application_state == WebSocketState.CONNECTED:
            with contextlib.suppress(Exception):
                await websocket.close(CloseCode.NORMAL)


async def _dispatch(session: Session, message: TextIn | ImageIn | InterruptIn, outbox: Outbox) -> None:
    try:
        if isinstance(message, TextIn):
            await session.ask_text(message.text)
        elif isinstance(message, ImageIn):
            await session.ask_image(message)
        else:
            await session.interrupt()
    except SlowClient:
        raise
    except Exception:  # a bug in one request must not end the call
        log.exception("handling %s failed in session %s", type(message).__name__, session.id)
        await outbox.put(ErrorOut(code="internal_error", message="that request failed; please try again"))


async def _send_now(websocket: WebSocket, event: ErrorOut) -> None:
    frame = encode_event(event)
    if isinstance(frame, str):
        with contextlib.suppress(Exception):
            await websocket.send_text(frame)


async def _send_loop(websocket: WebSocket, outbox: Outbox) -> None:
    """Drain the outbox to the socket. A send that blocks too long means a client that never reads."""
    while (event := await outbox.get()) is not None:
        if isinstance(event, Hangup):
            with contextlib.suppress(Exception):
                await websocket.close(CloseCode.GOING_AWAY if event.going_away else CloseCode.NORMAL,
                                      event.reason)
            return
        frame = encode_event(event)
        if frame is None:
            continue
        try:
            if isinstance(frame, bytes):
                await asyncio.wait_for(websocket.send_bytes(frame), timeout=30.0)
            else:
                await asyncio.wait_for(websocket.send_text(frame), timeout=30.0)
        except TimeoutError:
            log.warning("client stopped reading; closing")
            with contextlib.suppress(Exception):
                await websocket.close(CloseCode.POLICY, "client not reading")
            return
        except Exception:
            return
