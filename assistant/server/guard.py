"""An ASGI middleware in front of every route: request bodies have a size and time limit, and
browsers may connect only from our own origin or a configured one.

Bodies. A request whose ``Content-Length`` is over ``limits.max_body_bytes`` gets 413 before a byte
of its body is read. Any other body (chunked, or a lying length) is read here, chunk by chunk, and
the reading stops with 413 as soon as the limit is passed, or with 408 if the whole body does not
arrive within ``limits.body_timeout_s``. The route then gets the body from memory. uvicorn stops
reading from a socket while the application is not asking for body chunks, so an oversized upload
costs at most the limit plus one socket buffer.

Origins. A browser sends ``Origin`` with every websocket handshake and every cross-site POST. A
request with an ``Origin`` that is neither this server's own (the ``Host`` it was sent to, or
``server.public_host``) nor listed in ``server.allowed_origins`` is refused: a websocket is closed
with 4403 and a reason, an HTTP request other than GET/HEAD gets 403. Requests without ``Origin``
come from non-browser clients (the CLI, Twilio) and pass.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from assistant.config import Settings
from assistant.server.api.voice import VOICE_PATH, max_upload_bytes

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

CLOSE_FORBIDDEN = 4403


class BodyTooLarge(Exception):
    pass


class Guard:
    """``Guard(app, settings)``: the limits above, in front of ``app``."""

    def __init__(self, app: App, settings: Settings) -> None:
        self.app = app
        self.max_body = settings.limits.max_body_bytes
        # the one route that takes more: a recorded voice message from the family
        self.upload_limits = {VOICE_PATH: max(self.max_body, max_upload_bytes(settings))}
        self.body_timeout_s = settings.limits.body_timeout_s
        own = [settings.server.public_host] if settings.server.public_host else []
        self.allowed_hosts = {h.lower() for h in own}
        self.allowed_origins = {o.lower().rstrip("/") for o in settings.server.allowed_origins}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "websocket":
            if not self.origin_ok(scope):
                await _refuse_websocket(receive, send)
                return
        elif scope["type"] == "http":
            if scope["method"] not in ("GET", "HEAD", "OPTIONS") and not self.origin_ok(scope):
                await _respond(send, 403, "forbidden", "requests from this web origin are not allowed")
                return
            if _has_body(scope):
                await self._with_body(scope, receive, send)
                return
        await self.app(scope, receive, send)

    def origin_ok(self, scope: Scope) -> bool:
        origin = _header(scope, b"origin")
        if origin is None:
            return True  # not a browser
        origin = origin.lower().rstrip("/")
        if origin in self.allowed_origins:
            return True
        netloc = urlsplit(origin).netloc
        host = (_header(scope, b"host") or "").lower()
        return bool(netloc) and (netloc == host or netloc in self.allowed_hosts)

    async def _with_body(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = self.upload_limits.get(scope.get("path", ""), self.max_body)
        length = _header(scope, b"content-length")
        if length is not None and (not length.isdigit() or int(length) > limit):
            await _respond(send, 413, "body_too_large", f"the request body is over {limit} bytes")
            return
        try:
            async with asyncio.timeout(self.body_timeout_s):
                body = await self._read(receive, limit)
        except BodyTooLarge:
            await _respond(send, 413, "body_too_large", f"the request body is over {limit} bytes")
            return
        except TimeoutError:
            await _respond(send, 408, "body_timeout", "the request body did not arrive in time")
            return
        if body is None:
            return  # the client went away
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()  # after the body: wait for the disconnect, as the server would

        await self.app(scope, replay, send)

    async def _read(self, receive: Receive, limit: int) -> bytes | None:
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                raise BodyTooLarge
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return bytes(value).decode("latin-1").strip()
    return None


def _has_body(scope: Scope) -> bool:
    length = _header(scope, b"content-length")
    return length not in (None, "0") or _header(scope, b"transfer-encoding") is not None


async def _respond(send: Send, status: int, error: str, message: str) -> None:
    body = json.dumps({"error": error, "message": message}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
               (b"connection", b"close")]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def _refuse_websocket(receive: Receive, send: Send) -> None:
    """Accept, then close with 4403 and a reason a page can show (a refused handshake has none)."""
    message = await receive()
    if message["type"] != "websocket.connect":
        return
    await send({"type": "websocket.accept"})
    await send({"type": "websocket.close", "code": CLOSE_FORBIDDEN,
                "reason": "forbidden: this web origin may not connect (server.allowed_origins)"})
