"""Who may talk to the assistant, and where finished turns are stored.

Devices pair once (``assistant pair`` → code / QR link → ``POST /api/pair``) and then present a
long-lived token, never in the URL (URLs end up in logs):

* ``Authorization: Bearer TOKEN`` where the client can set headers (CLI, bench, tests);
* in a browser, which cannot, as a websocket subprotocol: ``new WebSocket(url, ["assistant",
  "assistant.token.TOKEN"])``; the server answers with the subprotocol ``assistant``.

``?token=`` in the URL still works for old clients, but is deprecated: the server masks query
strings in its own log (assistant/server/redact.py), a proxy in front of it may not. Without
``--open`` an unpaired connection is accepted only to be closed with 4401 and a reason the client
can show.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.websockets import WebSocket

from assistant.errors import AuthError, StorageError
from assistant.pipeline.session import TurnReport
from assistant.protocol.close import CloseCode
from assistant.storage.auth import DeviceAuth
from assistant.storage.calls import UsedCalls
from assistant.storage.db import Database, DatabaseThread
from assistant.storage.history import History, TurnRecord

log = logging.getLogger(__name__)



@dataclass(slots=True)
class Storage:
    db: Database
    thread: DatabaseThread
    auth: DeviceAuth
    history: History
    calls: UsedCalls
    open_user_id: int  # the user of --open (local development) sessions

    @classmethod
    def open(cls, db: Database) -> Storage:
        user = db.ensure_user("default")
        return cls(db=db, thread=DatabaseThread(db), auth=DeviceAuth(db), history=History(db),
                   calls=UsedCalls(db), open_user_id=user.id)

    async def aclose(self) -> None:
        await self.thread.aclose()


SUBPROTOCOL = "assistant"
TOKEN_SUBPROTOCOL = "assistant.token."


def token_of(websocket: WebSocket) -> str | None:
    """The device token: Authorization header, else the token subprotocol, else ``?token=`` (old clients)."""
    header = websocket.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    for offered in websocket.scope.get("subprotocols", ()):
        if offered.startswith(TOKEN_SUBPROTOCOL):
            return str(offered[len(TOKEN_SUBPROTOCOL):])
    return websocket.query_params.get("token")


def chosen_subprotocol(websocket: WebSocket) -> str | None:
    """``assistant`` if the client offered it (a browser must get one of its offers back), else None."""
    return SUBPROTOCOL if SUBPROTOCOL in websocket.scope.get("subprotocols", ()) else None


async def authenticate_websocket(storage: Storage, websocket: WebSocket) -> tuple[str, str] | None:
    """(user id, device id) for a valid token; otherwise close with 4401 and a reason, and None."""
    try:
        device = await storage.thread.run(storage.auth.verify, token_of(websocket))
    except AuthError as exc:
        reason = {"missing_token": "unauthorized: this device is not paired (no token)",
                  "unknown_token": "unauthorized: unknown token",
                  "revoked": "unauthorized: this device was revoked"}.get(exc.code,
                                                                          f"unauthorized: {exc.code}")
        await websocket.close(CloseCode.UNAUTHORIZED, reason)
        return None
    return str(device.user.id), str(device.id)


async def resolve_user_id(storage: Storage, user: str) -> int:
    """users.id of a session's user: a paired device's user id, a caller, or the --open user."""
    if user.isdigit():
        return int(user)
    if user:  # e.g. a caller ("phone:+8613800000000") gets a user of its own
        return (await storage.thread.run(storage.db.ensure_user, user)).id
    return storage.open_user_id


async def store_turn(storage: Storage, report: TurnReport) -> int | None:
    """Save a finished turn; its id, or None if it could not be saved (logged)."""
    figures = report.metrics
    try:
        user_id = await resolve_user_id(storage, report.user_id)
        device_id = int(report.device_id) if report.device_id.isdigit() else None
        record = TurnRecord(
            user_id=user_id, session_id=report.session_id,
            source="phone" if report.transport == "phone" else (
                "text" if figures.get("source") == "text" else "ws"),
            started_at=report.started_at, finished_at=time.time(), user_text=report.user_text,
            assistant_text=report.assistant_text, heard_text=report.heard_text,
            interrupted=report.interrupted, device_id=device_id, language=str(figures.get("language", "")),
            image=report.image, audio_in_s=report.audio_in_s, audio_out_s=report.audio_out_s,
            prompt_tokens=int(figures.get("prompt_tokens") or 0),
            completion_tokens=int(figures.get("completion_tokens") or 0),
            cost=float(figures.get("cost_yuan") or 0.0), provider=str(figures.get("llm_backend") or ""),
            hidden=bool(figures.get("hidden")),
        )
        return await storage.thread.run(storage.history.record_turn, record)
    except (StorageError, ValueError) as exc:
        log.error("could not save a turn of session %s: %s", report.session_id, exc)
        return None


async def pair(request: Request) -> Response:
    storage: Storage | None = request.app.state.assistant.storage
    if storage is None:
        return JSONResponse({"error": "pairing_unavailable", "message": "storage is not ready"},
                            status_code=503)
    try:
        body = json.loads(await request.body() or b"{}")
        code = str(body.get("code", ""))
        name = str(body.get("name") or body.get("device_name") or "")[:64]
    except (ValueError, AttributeError):
        return JSONResponse({"error": "bad_request", "message": "send JSON {code, name}"}, status_code=400)
    try:
        client = request.client.host if request.client else ""
        issued = await storage.thread.run(storage.auth.redeem, code, name, client=client)
    except AuthError as exc:
        status = 429 if exc.code == "too_many_attempts" else 403
        return JSONResponse({"error": exc.code, "message": exc.message}, status_code=status)
    return JSONResponse({"token": issued.token, "device_id": issued.device.id,
                         "user": issued.device.user.name})


def access_routes() -> list[Route]:
    return [Route("/api/pair", pair, methods=["POST"])]
