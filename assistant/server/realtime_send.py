"""The OpenAI-Realtime endpoint's way out: session events → official server events → the socket."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

from starlette.websockets import WebSocket

from assistant.protocol.close import CloseCode
from assistant.protocol.messages import (
    AudioEnd,
    AudioOut,
    ErrorOut,
    FunctionCalled,
    Hangup,
    Interrupted,
    Metrics,
    ReplyDelta,
    ServerEvent,
    SpeechStarted,
    SpeechStopped,
    TranscriptOut,
)
from assistant.protocol.realtime_out import Event, RealtimeEncoder
from assistant.server.realtime_audio import speech_out

log = logging.getLogger(__name__)

SEND_TIMEOUT_S = 30.0
CLIENT_ERRORS = ("bad_", "audio_", "invalid", "too_", "image", "unknown", "missing")


class RealtimeSender:
    """Sends events in order (one lock), from the session's outbox and from the receive side."""

    def __init__(self, websocket: WebSocket, encoder: RealtimeEncoder,
                 on_heard: Callable[[str, str], None] | None = None) -> None:
        self.websocket = websocket
        self.encoder = encoder
        self.on_heard = on_heard  # (item id, transcript) of each audio item transcribed
        self.cancel_reason = ""  # set by response.cancel: the next Interrupted was the client's
        self._lock = asyncio.Lock()

    async def send(self, events: list[Event]) -> None:
        async with self._lock:
            for frame in self.encoder.frames(events):
                await asyncio.wait_for(self.websocket.send_text(frame), timeout=SEND_TIMEOUT_S)

    async def error(self, message: str, *, code: str, param: str | None = None, event_id: str | None = None,
                    kind: str = "invalid_request_error") -> None:
        await self.send([self.encoder.error(message, code=code, param=param, event_id=event_id, kind=kind)])

    async def events_for(self, event: ServerEvent) -> list[Event]:
        enc = self.encoder
        match event:
            case SpeechStarted(at_ms=at):
                return enc.speech_started(at)
            case SpeechStopped(at_ms=at):
                return enc.speech_stopped(at)
            case TranscriptOut(text=text, final=True):
                item_id = enc.transcribing
                events = enc.transcript(text)
                if item_id and events and self.on_heard is not None:
                    self.on_heard(item_id, text)
                return events
            case ReplyDelta(reply_id=reply_id, text=text):
                return enc.reply_text(reply_id, text)
            case AudioOut(reply_id=reply_id, audio=audio, rate=rate):
                if "audio" not in enc.config.modalities:
                    return []
                chunks = await asyncio.to_thread(speech_out, enc.config.output_format, audio, rate)
                return [e for payload, ms in chunks for e in enc.reply_audio(reply_id, payload, ms)]
            case AudioEnd(reply_id=reply_id):
                return enc.reply_end(reply_id)
            case Interrupted(reply_id=reply_id):
                reason, self.cancel_reason = self.cancel_reason or "turn_detected", ""
                events = enc.interrupted(reply_id, reason)
                if not events and reason == "client_cancelled":  # cancelled before it said anything
                    events = [*enc.begin_empty(), *enc.finish_response(status="cancelled", reason=reason)]
                return events
            case Metrics(turn=turn):
                return enc.reply_figures(turn)
            case FunctionCalled(reply_id=reply_id, call_id=call_id, name=name, arguments=arguments):
                return enc.function_call(reply_id, call_id, name, arguments)
            case ErrorOut(code=code, message=message):
                kind = "invalid_request_error" if code.startswith(CLIENT_ERRORS) else "server_error"
                return [enc.error(message, code=code, kind=kind)]
        return []

    async def drain(self, outbox: Any) -> None:
        """Drain ``outbox`` to the socket until it closes; a client that stops reading is closed."""
        while (event := await outbox.get()) is not None:
            if isinstance(event, Hangup):
                with contextlib.suppress(Exception):
                    await self.websocket.close(CloseCode.GOING_AWAY if event.going_away else CloseCode.NORMAL,
                                               event.reason)
                return
            try:
                await self.send(await self.events_for(event))
            except TimeoutError:
                log.warning("realtime client stopped reading; closing")
                with contextlib.suppress(Exception):
                    await self.websocket.close(CloseCode.POLICY, "client not reading")
                return
            except Exception as exc:
                log.info("realtime send loop ended: %s", type(exc).__name__)
                return
