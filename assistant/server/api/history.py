"""``/api/conversations`` and ``/api/messages``: what an elder said, and notes for them."""

from __future__ import annotations

import dataclasses
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from assistant.server.api.common import (
    Caller,
    caller_of,
    family_of,
    int_param,
    json_body,
    path_id,
    text_field,
)
from assistant.server.api.reminders import delivery_time
from assistant.storage.messages import MAX_MESSAGE_CHARS, Message, author_phrase, voice_preface
from assistant.storage.photos import TurnPhotos
from assistant.storage.voice_messages import VoiceMessages


async def conversations(request: Request) -> JSONResponse:
    """``?elder_id=`` and optionally ``day=YYYY-MM-DD`` or ``q=`` (search); default: the latest day."""
    caller = await caller_of(request)
    params = request.query_params
    elder_id = int_param(params.get("elder_id"), "elder_id")
    fam = family_of(request)
    run = fam.storage.thread.run
    elder = await run(fam.households.elder, caller.household_id, elder_id)
    days = await run(fam.conversations.days, elder.user_id)
    query = params.get("q", "")
    day = params.get("day", "") or ("" if query or not days else days[0].day)
    turns = await run(lambda: fam.conversations.turns(elder.user_id, day=day, query=query))
    photos = await run(TurnPhotos(fam.storage.db).having, [t.id for t in turns if t.photo])
    return JSONResponse(
        {
            "elder_id": elder.user_id,
            "day": day,
            "q": query,
            "days": [dataclasses.asdict(d) for d in days],
            "turns": [
                {**dataclasses.asdict(t), "thumbnail": f"/api/turns/{t.id}/photo" if t.id in photos else None}
                for t in turns
            ],
        }
    )


async def turn_photo(request: Request) -> Response:
    """The small JPEG of the photo a turn asked about (not while the turn is hidden)."""
    caller = await caller_of(request)
    fam = family_of(request)
    jpeg = await fam.storage.thread.run(
        TurnPhotos(fam.storage.db).thumbnail, caller.household_id, path_id(request, "turn_id")
    )
    return Response(jpeg, media_type="image/jpeg")


def message_json(message: Message, voice_s: float | None = None) -> dict[str, Any]:
    """A typed message, or (``voice_s``: its length) a recorded one, whose ``text`` is empty."""
    return {
        "id": message.id,
        "elder_id": message.elder_id,
        "author": message.author,
        "kind": "text" if voice_s is None else "voice",
        "text": message.text,
        "duration_s": voice_s,
        "created_at": message.created_at,
        "delivered_at": message.delivered_at,
        "deliver_at": message.deliver_at,
        "spoken": message.spoken() if voice_s is None else voice_preface(message.author),
    }


async def list_messages(request: Request) -> JSONResponse:
    caller = await caller_of(request)
    fam = family_of(request)
    raw = request.query_params.get("elder_id")
    elder_id = None
    if raw:
        elder_id = (
            await fam.storage.thread.run(
                fam.households.elder, caller.household_id, int_param(raw, "elder_id")
            )
        ).user_id
    found = await fam.storage.thread.run(fam.messages.recent, caller.household_id, elder_id)
    voice = await fam.storage.thread.run(VoiceMessages(fam.storage.db).durations, [m.id for m in found])
    return JSONResponse({"messages": [message_json(m, voice.get(m.id)) for m in found]})


async def message_target(request: Request, caller: Caller, elder_id: int, deliver_at: Any) -> float | None:
    """The checks a typed and a recorded message share: the elder is the caller's household's (404
    ``unknown_elder``), and ``deliver_at`` (empty: at the next turn) is a time to come, in the elder's
    zone (400 ``bad_schedule`` with the reason); returns the delivery time in epoch seconds."""
    fam = family_of(request)
    await fam.storage.thread.run(fam.households.elder, caller.household_id, elder_id)
    return await delivery_time(request, fam, elder_id, deliver_at)


def sender(caller: Caller, elder_id: int) -> dict[str, Any]:
    """Whose message it is, and for whom: the fields a typed and a recorded message share."""
    me = caller.member
    return {"household_id": caller.household_id, "elder_id": elder_id, "author_id": me.user_id,
            "author": author_phrase(me.relation, me.display_name)}


async def post_message(request: Request) -> JSONResponse:
    caller = await caller_of(request)
    body = await json_body(request)
    elder_id = int_param(body.get("elder_id"), "elder_id")
    text = text_field(body, "text", max_chars=MAX_MESSAGE_CHARS, required=True)
    fam = family_of(request)
    deliver_at = await message_target(request, caller, elder_id, body.get("deliver_at"))
    message = await fam.storage.thread.run(
        lambda: fam.messages.post(**sender(caller, elder_id), text=text, deliver_at=deliver_at)
    )
    return JSONResponse(message_json(message), status_code=201)
