"""``/api/me`` and ``/api/elders``: who is calling, and the elders the family looks after."""

from __future__ import annotations

import math
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

from assistant.server.api.common import ApiError, caller_of, family_of, json_body, path_id, text_field
from assistant.server.call_policy import normalise_number
from assistant.storage.household import ElderProfile, Member

MAX_NAME = 32
MAX_PHONES = 5
MAX_WORDS = 50
MAX_WORD = 20


def member_json(member: Member) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": member.user_id,
        "name": member.display_name,
        "role": member.role,
        "owner": member.owner,
        "relation": member.relation,
    }
    if member.role == "elder":
        p = member.profile
        out.update(
            address=p.address,
            language=p.language,
            city=p.city,
            speed=p.speed,
            volume=p.volume,
            phones=list(p.phones),
            words=list(p.words),
        )
    return out


async def me(request: Request) -> JSONResponse:
    caller = await caller_of(request, family=False)
    fam = family_of(request)
    owner = await fam.storage.thread.run(fam.households.owner, caller.household_id)
    return JSONResponse(
        {
            "device": {"id": caller.device.id, "name": caller.device.name},
            "member": member_json(caller.member),
            "household": caller.household_id,
            "owner": None if owner is None else owner.display_name,
        }
    )


async def list_elders(request: Request) -> JSONResponse:
    caller = await caller_of(request)
    fam = family_of(request)
    elders = await fam.storage.thread.run(fam.households.members, caller.household_id, "elder")
    # the built-in user of --open sessions is nobody's elder
    shown = [
        e for e in elders if e.user_id != fam.storage.open_user_id or request.app.state.assistant.open_access
    ]
    return JSONResponse({"elders": [member_json(e) for e in shown]})


async def add_elder(request: Request) -> JSONResponse:
    caller = await caller_of(request)
    profile = parse_profile(await json_body(request))
    fam = family_of(request)
    elder = await fam.storage.thread.run(fam.households.add_elder, caller.household_id, profile)
    return JSONResponse(member_json(elder), status_code=201)


async def get_elder(request: Request) -> JSONResponse:
    caller = await caller_of(request)
    fam = family_of(request)
    elder = await fam.storage.thread.run(
        fam.households.elder, caller.household_id, path_id(request, "elder_id")
    )
    return JSONResponse(member_json(elder))


async def edit_elder(request: Request) -> JSONResponse:
    """PUT replaces the whole profile; fields left out take their defaults (name is required)."""
    caller = await caller_of(request)
    profile = parse_profile(await json_body(request))
    fam = family_of(request)
    elder = await fam.storage.thread.run(
        fam.households.update_elder, caller.household_id, path_id(request, "elder_id"), profile
    )
    return JSONResponse(member_json(elder))


def parse_profile(body: dict[str, Any]) -> ElderProfile:
    """An elder's profile from a request body; ApiError 400 naming the first bad field."""
    language = body.get("language", "zh")
    if language not in ("zh", "en"):
        raise ApiError(400, "bad_field", "language must be zh or en")
    return ElderProfile(
        display_name=text_field(body, "name", max_chars=MAX_NAME, required=True),
        address=text_field(body, "address", max_chars=MAX_NAME),
        language=language,
        city=text_field(body, "city", max_chars=MAX_NAME),
        speed=_number(body, "speed", 0.5, 2.0),
        volume=_number(body, "volume", 0.2, 2.0),
        phones=_phones(body.get("phones", [])),
        words=_words(body.get("words", [])),
    )


def _number(body: dict[str, Any], key: str, low: float, high: float) -> float:
    value = body.get(key, 1.0)
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not low <= value <= high
    ):
        raise ApiError(400, "bad_field", f"{key} must be a number from {low} to {high}")
    return float(value)


def _phones(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ApiError(400, "bad_field", "phones: send a list of phone numbers")
    numbers = [normalise_number(v) for v in value if v.strip()]
    if len(numbers) > MAX_PHONES:
        raise ApiError(400, "too_long", f"phones: at most {MAX_PHONES} phone numbers")
    for n in numbers:
        digits = n[1:] if n.startswith("+") else n
        if not (digits.isdigit() and digits.isascii() and 3 <= len(digits) <= 16):
            raise ApiError(400, "bad_field", f"phones: {n[:20]!r} is not a phone number")
    if len(set(numbers)) != len(numbers):
        raise ApiError(400, "bad_field", "phones: a number is listed twice")
    return tuple(numbers)


def _words(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [w for w in value.replace("，", ",").replace("、", ",").split(",")]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ApiError(400, "bad_field", "words: send a list of words")
    words = [" ".join(w.split()) for w in value if w.strip()]
    if len(words) > MAX_WORDS or any(len(w) > MAX_WORD for w in words):
        raise ApiError(400, "too_long", f"words: at most {MAX_WORDS} words of {MAX_WORD} characters each")
    return tuple(dict.fromkeys(words))
