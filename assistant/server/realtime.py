"""The OpenAI-Realtime-compatible endpoint ``/v1/realtime?model=…`` (docs/realtime.md).

A thin transport: the wire format is :mod:`assistant.protocol.realtime` (events in),
:mod:`assistant.protocol.realtime_out` (events out); the conversation runs on the same session core
as ``/ws`` (:class:`~assistant.pipeline.realtime.RealtimeSession`). Authentication is ``/ws``'s:
``Authorization: Bearer <device token>``, or none with ``--open``. The beta event names are spoken
when the client sends ``OpenAI-Beta: realtime=v1``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.websockets import WebSocket, WebSocketDisconnect, WebSocketState

from assistant.errors import ProtocolError, SlowClient
from assistant.pipeline.intake import AudioFlood
from assistant.pipeline.options import SessionOptions
from assistant.pipeline.outbox import Outbox
from assistant.pipeline.realtime import RealtimeSession
from assistant.protocol.close import CloseCode
from assistant.protocol.realtime import (
    AudioAppend,
    AudioCommit,
    AudioPart,
    ClientEvent,
    ImagePart,
    ItemCreate,
    ItemDelete,
    ItemRetrieve,
    ItemTruncate,
    RealtimeError,
    ResponseCancel,
    ResponseCreate,
    SessionUpdate,
    TextPart,
    UserMessage,
    parse_client_event,
)
from assistant.protocol.realtime_config import apply
from assistant.server.family import member_of, speed_for
from assistant.server.realtime_audio import InputAudio, decode_item_audio
from assistant.server.realtime_send import RealtimeSender
from assistant.server.realtime_turns import Pending, delete_item, respond, truncate_item
from assistant.server.state import Admission, AppState

log = logging.getLogger(__name__)

RECHECK_TOKEN_S = 5.0
MAX_BUFFER_MS = 60_000  # audio the client may leave uncommitted (turn_detection null)
MIN_COMMIT_MS = 100


async def realtime_endpoint(websocket: WebSocket) -> None:
    state: AppState = websocket.app.state.assistant
    await websocket.accept()
    identity = await state.identify(websocket)
    if identity is None:
        return
    slot = state.take_slot(identity)
    if isinstance(slot, str):
        await websocket.close(CloseCode.BUSY, slot)
        return
    beta = "realtime=v1" in websocket.headers.get("openai-beta", "")
    model = websocket.query_params.get("model", "")[:64]
    member = await member_of(state.storage, slot.user_id)
    conn = RealtimeConnection(websocket, state, slot, beta=beta, model=model,
                              speed=speed_for(member, state.settings.tts.speed))
    await conn.serve()


class RealtimeConnection:
    """One ``/v1/realtime`` connection: its session, input audio, and what waits for response.create."""

    def __init__(self, websocket: WebSocket, state: AppState, admission: Admission, *, beta: bool, model: str,
                 speed: float) -> None:
        self.websocket = websocket
        self.state = state
        self.admission = admission
        self.outbox = Outbox(max_events=state.settings.limits.send_queue_frames)
        session = state.new_session(self.outbox, SessionOptions(
            input_rate=16000, speed=speed, transport="realtime", user_id=admission.user_id,
            device_id=admission.device_id), kind=RealtimeSession)
        assert isinstance(session, RealtimeSession)
        self.session = session
        from assistant.protocol.realtime_out import RealtimeEncoder

        self.encoder = RealtimeEncoder(beta=beta, model=model or "assistant-realtime")
        vad = session.engines.options.vad
        self.encoder.vad_defaults = {"threshold": vad.threshold, "prefix_padding_ms": vad.preroll_ms,
                                     "silence_duration_ms": vad.end_silence_ms}
        self.sender = RealtimeSender(websocket, self.encoder, on_heard=session.heard)
        self.input = InputAudio("pcm16")
        self.pending = Pending()
        self._handlers: dict[type, Callable[[Any], Awaitable[None]]] = {
            SessionUpdate: self.on_session_update, AudioAppend: self.on_append, AudioCommit: self.on_commit,
            ItemCreate: self.on_item, ItemTruncate: self.on_truncate, ItemDelete: self.on_delete,
            ItemRetrieve: self.on_retrieve, ResponseCreate: self.on_response, ResponseCancel: self.on_cancel}

    async def serve(self) -> None:
        sender = asyncio.create_task(self.sender.drain(self.outbox))
        try:
            await self.sender.send([self.encoder.session("session.created", self.session.id)])
            await self._receive(sender)
        except (WebSocketDisconnect, SlowClient, RuntimeError, TimeoutError) as exc:
            log.info("realtime connection ended: %s", type(exc).__name__)
        finally:
            self.admission.release()
            try:
                await self.session.close()
            finally:
                self.state.end_session(self.session)
            await self.outbox.close()
            sender.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await sender
            if self.websocket.application_state == WebSocketState.CONNECTED:
                with contextlib.suppress(Exception):
                    await self.websocket.close(CloseCode.NORMAL)

    async def _receive(self, sender: asyncio.Task[None]) -> None:
        loop = asyncio.get_running_loop()
        idle_by = loop.time() + self.state.settings.limits.idle_timeout_s
        recheck_at = loop.time() + RECHECK_TOKEN_S
        while not sender.done():
            try:
                message = await asyncio.wait_for(self.websocket.receive(),
                                                 timeout=max(0.0, recheck_at - loop.time()))
            except TimeoutError:
                message = {}
            if loop.time() >= recheck_at:  # a revoked device is closed within RECHECK_TOKEN_S
                recheck_at = loop.time() + RECHECK_TOKEN_S
                if not await self.state.still_valid(self.admission.token):
                    await self.sender.error("this device was revoked; pair it again", code="revoked")
                    await self.websocket.close(CloseCode.UNAUTHORIZED,
                                               "unauthorized: this device was revoked")
                    return
            if not message:
                if loop.time() > idle_by:
                    await self.websocket.close(CloseCode.NORMAL, "idle timeout")
                    return
                continue
            if message["type"] == "websocket.disconnect":
                return
            idle_by = loop.time() + self.state.settings.limits.idle_timeout_s
            frame = message.get("text") if message.get("text") is not None else message.get("bytes")
            if frame is not None and await self.on_frame(frame):
                return

    async def on_frame(self, frame: str | bytes) -> bool:
        """Handle one client event; True when the connection was closed (an audio flood)."""
        event_id = None
        try:
            event = parse_client_event(frame)
            event_id = event.event_id
            handler = self._handlers.get(type(event))
            await (handler(event) if handler is not None else self.on_simple(event))
        except RealtimeError as exc:
            await self.sender.error(exc.message, code=exc.code, param=exc.param,
                                    event_id=exc.event_id or event_id, kind=exc.kind)
        except AudioFlood as exc:
            await self.sender.error(exc.message, code=exc.code, event_id=event_id)
            await self.websocket.close(CloseCode.POLICY, "audio faster than real time")
            return True
        except ProtocolError as exc:
            await self.sender.error(exc.message, code=exc.code, event_id=event_id)
        except (SlowClient, WebSocketDisconnect):
            raise
        except Exception:  # a bug in one event must not end the conversation
            log.exception("realtime event failed in session %s", self.session.id)
            await self.sender.error("that event failed; please try again", code="internal_error",
                                    event_id=event_id, kind="server_error")
        return False

    # ---- handlers -----------------------------------------------------------------------------
    async def on_session_update(self, event: SessionUpdate) -> None:
        old = self.encoder.config
        config = self.encoder.config = apply(old, event.changes)
        if config.input_format != old.input_format:
            self.input = InputAudio(config.input_format)
        if config.turn_detection != old.turn_detection:
            self.session.set_turn_detection(config.turn_detection)
        self.session.instructions = config.instructions
        self.session.set_tools(config.tools, config.tool_choice)
        self.session.language = config.language
        self.session.speaks = "audio" in config.modalities
        await self.sender.send([self.encoder.session("session.updated", self.session.id)])

    async def on_append(self, event: AudioAppend) -> None:
        pieces = self.input.convert(event.audio)
        if self.encoder.config.turn_detection is None:
            if self.input.buffered_ms > MAX_BUFFER_MS:
                raise RealtimeError(f"the input audio buffer holds over {MAX_BUFFER_MS // 1000} s; "
                                    "commit or clear it", code="input_audio_buffer_full", param="audio")
            self.input.keep(pieces)
            return
        for piece in pieces:
            await self.session.feed_audio(piece)

    async def on_commit(self, event: AudioCommit) -> None:
        if self.encoder.config.turn_detection is not None:
            raise RealtimeError("server_vad commits the audio itself; set turn_detection to null to commit",
                                code="input_audio_buffer_commit_empty")
        if self.input.buffered_ms < MIN_COMMIT_MS:
            raise RealtimeError(f"buffer too small: expected at least {MIN_COMMIT_MS} ms of audio, "
                                f"got {self.input.buffered_ms:.0f} ms",
                                code="input_audio_buffer_commit_empty")
        seconds = self.input.buffered_ms / 1000.0
        events = self.encoder.committed(audio_s=seconds)
        self.pending.audio.append((events[0]["item_id"], self.input.take()))
        await self.sender.send(events)

    async def on_item(self, event: ItemCreate) -> None:
        item = event.item
        if not isinstance(item, UserMessage):
            events = self.encoder.function_output(item.item_id, item.call_id, item.output)
            await self.sender.send(events)
            if not self.session.function_output(item.call_id, item.output):  # its call is over: a note
                note = f"（工具 {item.call_id} 的结果：{item.output}）"
                self.pending.add(events[0]["item"]["id"], texts=[note])
            return
        shown: list[dict[str, Any]] = []
        for part in item.parts:
            if isinstance(part, TextPart):
                shown.append({"type": "input_text", "text": part.text})
            elif isinstance(part, AudioPart):
                shown.append({"type": "input_audio", "transcript": part.transcript or None})
            else:
                shown.append({"type": "input_image", "detail": "auto"})
        audio = [decode_item_audio(self.encoder.config.input_format, p.audio)
                 for p in item.parts if isinstance(p, AudioPart)]
        images = [p for p in item.parts if isinstance(p, ImagePart)]
        texts = [p.text for p in item.parts if isinstance(p, TextPart)]
        events = self.encoder.user_item(item.item_id, shown, role=item.role)
        await self.sender.send(events)
        if item.role == "system":
            self.session.instructions = "\n".join(filter(None, [self.session.instructions, *texts]))
            return
        self.pending.add(events[0]["item"]["id"], texts=texts, audio=audio, images=images)

    async def on_truncate(self, event: ItemTruncate) -> None:
        await self.sender.send(await truncate_item(self.session, self.encoder, event))

    async def on_delete(self, event: ItemDelete) -> None:
        item = self.encoder.items.get(event.item_id)
        if item is None:
            raise RealtimeError(f"Item with item_id '{event.item_id[:64]}' not found", code="item_not_found",
                                param="item_id")
        await delete_item(self.session, self.sender, self.pending, item)
        await self.sender.send(self.encoder.deleted(event.item_id))

    async def on_retrieve(self, event: ItemRetrieve) -> None:
        item = self.encoder.items.get(event.item_id)
        if item is None:
            raise RealtimeError(f"Item with item_id '{event.item_id[:64]}' not found", code="item_not_found",
                                param="item_id")
        await self.sender.send([self.encoder.event("conversation.item.retrieved",
                                                   item=self.encoder.item_object(item))])

    async def on_response(self, event: ResponseCreate) -> None:
        await respond(self.session, self.sender, self.pending, instructions=event.instructions)

    async def on_cancel(self, event: ResponseCancel) -> None:
        if self.encoder.response_id is None and self.session.idle:
            raise RealtimeError("Cancellation failed: no active response found",
                                code="response_cancel_not_active")
        self.sender.cancel_reason = "client_cancelled"
        await self.session.interrupt()

    async def on_simple(self, event: ClientEvent) -> None:
        if isinstance(event, AudioCommit):  # pragma: no cover - has a handler
            return
        name = type(event).__name__
        if name == "AudioClear":
            self.input.clear()
            await self.sender.send([self.encoder.event("input_audio_buffer.cleared")])
        elif name == "OutputAudioClear":
            self.sender.cancel_reason = "client_cancelled"
            await self.session.interrupt()
            await self.sender.send([self.encoder.event("output_audio_buffer.cleared",
                                                       response_id=self.encoder.response_id)])
