"""What every family-console route shares: who is calling, JSON in and out, errors, rate limits.

Every call presents its device token as ``Authorization: Bearer``. The token's device gives the
caller's member row, hence their household and role; a revoked token is refused at once (the check
runs on every request). Routes for the family refuse an elder's device with 403 ``family_only``.
Errors are ``{"error": code, "message": reason}`` with a 4xx status; a refused request changes nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from assistant.errors import AssistantError, AuthError, StorageError
from assistant.server.access import Storage
from assistant.storage.auth import Device
from assistant.storage.conversations import Conversations
from assistant.storage.household import Households, Member
from assistant.storage.messages import Messages

MAX_BODY_BYTES = 16 * 1024
MAX_ID = 2**63  # SQLite's INTEGER range
STATUS_OF = {
    "unknown_elder": 404,
    "unknown_member": 404,
    "unknown_device": 404,
    "phone_taken": 409,
    "unknown_household": 404,
    "unknown_reminder": 404,
    "unknown_message": 404,
    "unknown_photo": 404,
    "time_passed": 409,
}


class ApiError(AssistantError):
    """A refused API call: ``status`` (4xx), ``code`` and a reason a person can read."""

    def __init__(self, status: int, code: str, message: str, *, reason: str = "") -> None:
        super().__init__(message, code=code)
        self.status = status
        self.reason = reason  # a finer cause a client may say in its own words (``bad_schedule``)


@dataclass(frozen=True, slots=True, kw_only=True)
class Caller:
    device: Device
    member: Member

    @property
    def household_id(self) -> int:
        return self.member.household_id


@dataclass(frozen=True, slots=True, kw_only=True)
class Family:
    """The storage pieces the routes use (thin wrappers over one Database)."""

    storage: Storage
    households: Households
    messages: Messages
    conversations: Conversations


def family_of(request: Request) -> Family:
    storage: Storage | None = request.app.state.assistant.storage
    if storage is None:
        raise ApiError(503, "starting", "the server is starting; try again shortly")
    cached: Family | None = getattr(request.app.state, "family", None)
    if cached is None or cached.storage is not storage:
        cached = Family(
            storage=storage,
            households=Households(storage.db),
            messages=Messages(storage.db),
            conversations=Conversations(storage.db),
        )
        request.app.state.family = cached
    return cached


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    return header[7:].strip() if header.lower().startswith("bearer ") else None


async def caller_of(request: Request, *, family: bool = True) -> Caller:
    """The calling device and member; ApiError 401 (no/unknown/revoked token) or 403 (not family)."""
    fam = family_of(request)
    try:
        device = await fam.storage.thread.run(fam.storage.auth.verify, bearer(request))
    except AuthError as exc:
        raise ApiError(401, exc.code, exc.message) from exc
    member = await fam.storage.thread.run(fam.households.member, device.user.id)
    if member is None:
        raise ApiError(401, "unknown_member", "this device belongs to nobody; pair it again")
    if family and not member.is_family:
        raise ApiError(403, "family_only", "only a family member's phone can open the family console")
    return Caller(device=device, member=member)


async def json_body(request: Request) -> dict[str, Any]:
    """The request's JSON object (at most MAX_BODY_BYTES), or ApiError 400/413."""
    raw = b""
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_BODY_BYTES:
            raise ApiError(413, "too_large", f"the request is larger than {MAX_BODY_BYTES} bytes")
    try:
        body = json.loads(raw or b"{}")
    except ValueError as exc:
        raise ApiError(400, "bad_json", "the request body is not JSON") from exc
    if not isinstance(body, dict):
        raise ApiError(400, "bad_json", "the request body must be a JSON object")
    return body


def error_response(exc: Exception) -> JSONResponse:
    """ApiError, StorageError (known codes) and ValueError as a 4xx; anything else propagates."""
    reason = ""
    if isinstance(exc, ApiError):
        status, code, message, reason = exc.status, exc.code, exc.message, exc.reason
    elif isinstance(exc, StorageError) and exc.code in STATUS_OF:
        status, code, message = STATUS_OF[exc.code], exc.code, exc.message
    elif isinstance(exc, ValueError):
        status, code, message = 400, "bad_request", str(exc)
    else:
        raise exc
    headers = {"Retry-After": "60"} if status == 429 else None
    body = {"error": code, "message": message} | ({"reason": reason} if reason else {})
    return JSONResponse(body, status_code=status, headers=headers)


def client_of(request: Request) -> str:
    return request.client.host if request.client is not None else "unknown"


def text_field(
    body: dict[str, Any], key: str, *, max_chars: int, required: bool = False, default: str = ""
) -> str:
    value = body.get(key, default)
    if value is None:
        value = default
    if not isinstance(value, str):
        raise ApiError(400, "bad_field", f"{key} must be text")
    value = " ".join(value.split())
    if required and not value:
        raise ApiError(400, "missing_field", f"{key} is required")
    if len(value) > max_chars:
        raise ApiError(400, "too_long", f"{key} has at most {max_chars} characters")
    return value


def int_param(value: Any, key: str) -> int:
    """A whole-number ID from JSON (an int) or a query string (digits); ApiError 400 otherwise."""
    if value is None or value == "":
        raise ApiError(400, "missing_field", f"{key} is required")
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < MAX_ID:
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 18:
        return int(value)
    raise ApiError(400, "bad_field", f"{key} must be a whole number")


def path_id(request: Request, key: str) -> int:
    """An ID from the path (``{elder_id:int}``); one too big for the database is simply unknown."""
    value = int(request.path_params[key])
    if not 0 <= value < MAX_ID:
        raise ApiError(
            404, f"unknown_{key.removesuffix('_id')}", f"no such {key.removesuffix('_id')}: {value}"
        )
    return value


async def queried_elder(request: Request) -> tuple[Family, Member]:
    """The elder a family route's ``?elder_id=`` names, of the caller's household (400 for a missing
    or malformed ID, 404 ``unknown_elder`` for another household's or nobody's)."""
    caller = await caller_of(request)
    fam = family_of(request)
    elder_id = int_param(request.query_params.get("elder_id"), "elder_id")
    return fam, await fam.storage.thread.run(fam.households.elder, caller.household_id, elder_id)
