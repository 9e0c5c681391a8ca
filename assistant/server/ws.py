"""The native websocket endpoint ``/ws``: JSON + PCM16 frames in front of a Session."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from assistant.errors import ProtocolError
from assistant.pipeline.outbox import Outbox, SlowClient
from assistant.pipeline.session import Session, SessionOptions
from assistant.protocol.messages import Bye, ErrorOut, Hangup, Hello, ImageIn, InterruptIn, Ready, TextIn
from assistant.protocol.native import ProtocolFault, encode_event, parse_client_text
from assistant.server.state import CLOSE_UNAUTHORIZED, Admission, AppState

log = logging.getLogger(__name__)

CLOSE_NORMAL = 1000
CLOSE_POLICY = 1008
CLOSE_GOING_AWAY = 1001
RECHECK_TOKEN_S = 5.0  # how often a live connection's device token is checked again (revocation)


async def native_endpoint(websocket: WebSocket) -> None:
    state: AppState = websocket.app.state.assistant
    await websocket.accept()  # first, so that a refusal can carry a close code and reason
    admission = await state.admit(websocket)
    if admission is None:
        return
    try:
        await _serve(websocket, state, admission)
    finally:
        admission.release()


async def _serve(websocket: WebSocket, state: AppState, admission: Admission) -> None:
    settings = state.settings
    outbox = Outbox(max_events=settings.limits.send_queue_frames)
    session: Session | None = None
    sender = asyncio.create_task(_send_loop(websocket, outbox))
    idle = settings.limits.idle_timeout_s
    loop = asyncio.get_running_loop()
    token_checked = loop.time()
    try:
        while True:
            try:
                message = await asyncio.wait_for(websocket.receive(), timeout=idle)
            except TimeoutError:
                await _send_now(websocket, ErrorOut(code="idle_timeout", message="no input for a while; bye",
                                                    fatal=True))
                await websocket.close(CLOSE_NORMAL, "idle timeout")
                return
            if message["type"] == "websocket.disconnect":
                return
            if sender.done():
                return  # the client stopped reading: the sender gave up
            if loop.time() - token_checked >= RECHECK_TOKEN_S:
                token_checked = loop.time()
                if not await state.still_valid(admission):
                    log.info("device %s was revoked: closing its connection", admission.device_id)
                    await _send_now(websocket, ErrorOut(code="revoked", fatal=True,
                                                        message="this device was revoked; pair it again"))
                    await websocket.close(CLOSE_UNAUTHORIZED, "unauthorized: this device was revoked")
                    return
            raw_text = message.get("text")
            raw_bytes = message.get("bytes")
            if raw_bytes is not None:
                if session is None:
                    await outbox.put(ErrorOut(code="hello_required",
                                              message="send a hello message before any audio"))
                    continue
                try:
                    await session.feed_pcm16(raw_bytes)
                except ProtocolError as exc:
                    await outbox.put(ErrorOut(code=exc.code, message=exc.message))
                continue
            if raw_text is None:
                continue
            try:
                parsed = parse_client_text(raw_text)
            except ProtocolFault as fault:
                await outbox.put(ErrorOut(code=fault.code, message=fault.message))
                continue
            if isinstance(parsed, Hello):
                if session is not None:
                    await outbox.put(ErrorOut(code="already_started", message="hello was already sent"))
                    continue
                session = state.new_session(outbox, SessionOptions(
                    input_rate=parsed.rate, language=parsed.language, speed=settings.tts.speed,
                    transport="ws", user_id=admission.user_id, device_id=admission.device_id))
                await outbox.put(Ready(session=session.id, rate=session.engines.output_rate))
            elif isinstance(parsed, Bye):
                await outbox.close()
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(sender, timeout=5.0)
                await websocket.close(CLOSE_NORMAL, "bye")
                return
            elif session is None:
                await outbox.put(ErrorOut(code="hello_required", message="send a hello message first"))
            else:
                await _dispatch(session, parsed, outbox)
    except (WebSocketDisconnect, SlowClient, RuntimeError) as exc:
        log.info("connection ended: %s", type(exc).__name__)
    finally:
        if session is not None:
            await session.close()
            state.end_session(session)
        await outbox.close()
        sender.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await sender
        if websocket.application_state == WebSocketState.CONNECTED:
            with contextlib.suppress(Exception):
                await websocket.close(CLOSE_NORMAL)


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
                await websocket.close(CLOSE_GOING_AWAY if event.going_away else CLOSE_NORMAL,
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
                await websocket.close(CLOSE_POLICY, "client not reading")
            return
        except Exception:
            return
