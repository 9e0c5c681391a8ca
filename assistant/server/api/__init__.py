"""The family console's HTTP JSON API under ``/api/`` (documented route by route in docs/api.md)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from assistant.server.api import (
    checkins,
    devices,
    elders,
    history,
    reminder_edit,
    reminders,
    summaries,
    voice,
)
from assistant.server.api.common import error_response

Handler = Callable[[Request], Awaitable[Response]]


def _guarded(handler: Handler) -> Handler:
    async def run(request: Request) -> Response:
        try:
            response = await handler(request)
        except Exception as exc:  # known refusals become a 4xx; anything else propagates (500)
            return error_response(exc)
        response.headers["Cache-Control"] = "no-store"
        return response

    return run


def api_routes() -> list[Route]:
    table: list[tuple[str, Handler, str]] = [
        ("/api/me", elders.me, "GET"),
        ("/api/elders", elders.list_elders, "GET"),
        ("/api/elders", elders.add_elder, "POST"),
        ("/api/elders/{elder_id:int}", elders.get_elder, "GET"),
        ("/api/elders/{elder_id:int}", elders.edit_elder, "PUT"),
        ("/api/devices", devices.list_devices, "GET"),
        ("/api/devices/pair", devices.pair_elder_device, "POST"),
        ("/api/devices/{device_id:int}", devices.revoke_device, "DELETE"),
        ("/api/invites", devices.invite_family, "POST"),
        ("/api/conversations", history.conversations, "GET"),
        ("/api/turns/{turn_id:int}/photo", history.turn_photo, "GET"),
        ("/api/messages", history.list_messages, "GET"),
        ("/api/messages", history.post_message, "POST"),
        ("/api/messages/voice", voice.post_voice_message, "POST"),
        ("/api/messages/{message_id:int}/audio", voice.voice_audio, "GET"),
        ("/api/summaries", summaries.list_summaries, "GET"),
        ("/api/summaries", summaries.make_summary, "POST"),
        ("/api/reminders", reminders.list_reminders, "GET"),
        ("/api/reminders", reminders.add_reminder, "POST"),
        ("/api/alerts", reminders.list_alerts, "GET"),
        ("/api/reminders/{reminder_id:int}", reminder_edit.edit_reminder, "PUT"),
        ("/api/reminders/{reminder_id:int}", reminder_edit.delete_reminder, "DELETE"),
        ("/api/reminders/{reminder_id:int}/pause", reminder_edit.pause_reminder, "POST"),
        ("/api/reminders/{reminder_id:int}/resume", reminder_edit.resume_reminder, "POST"),
        ("/api/checkins", checkins.list_checkins, "GET"),
        ("/api/checkins/plan", checkins.set_plan, "PUT"),
        ("/api/calls", checkins.list_calls, "GET"),
    ]
    by_path: dict[str, dict[str, Handler]] = {}
    for path, handler, method in table:
        by_path.setdefault(path, {})[method] = _guarded(handler)
    return [Route(path, _dispatch(methods), methods=list(methods)) for path, methods in by_path.items()]


def _dispatch(methods: dict[str, Handler]) -> Handler:
    async def run(request: Request) -> Response:
        handler = methods.get(request.method)
        if handler is None:
            return JSONResponse({"error": "method_not_allowed", "message": request.method}, status_code=405)
        return await handler(request)

    return run
