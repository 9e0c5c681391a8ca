"""``/api/devices`` and ``/api/invites``: pair an elder's phone, invite family, list and revoke.

A pairing link is ``<this server>/#pair=CODE``: a one-time code (10 minutes) that the other phone
opens by scanning the QR code shown on the family's screen. Creating links is rate-limited per
client, on top of the failed-redemption limit of ``POST /api/pair``.
"""

from __future__ import annotations

import io
from typing import Any

import qrcode
import qrcode.image.svg
from starlette.requests import Request
from starlette.responses import JSONResponse

from assistant.server.api.common import (
    ApiError,
    Family,
    caller_of,
    client_of,
    family_of,
    int_param,
    json_body,
    path_id,
    text_field,
)
from assistant.server.api.elders import MAX_NAME, member_json
from assistant.storage.auth import Device, PairingCode
from assistant.storage.household import Member
from assistant.storage.shared import RateLog

PAIR_TTL_S = 600.0
LINKS_PER_CLIENT = 10  # pairing links and invites per client ...
LINKS_WINDOW_S = 600.0  # ... per 10 minutes


def qr_svg(data: str) -> str:
    """``data`` as an SVG QR code (black modules, no background)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    buf = io.BytesIO()
    image.save(buf)
    return buf.getvalue().decode("utf-8")


def public_base(request: Request) -> str:
    """The address the family's phone used: the other phone on the same network can use it too."""
    return str(request.base_url).rstrip("/")


def link_json(code: PairingCode, member: Member, base: str) -> dict[str, Any]:
    link = code.link(base)
    return {
        "code": code.code,
        "spoken": code.spoken,
        "link": link,
        "qr_svg": qr_svg(link),
        "expires_at": code.expires_at,
        "member": member_json(member),
    }


def device_json(device: Device, member: Member) -> dict[str, Any]:
    return {
        "id": device.id,
        "name": device.name,
        "member": member.display_name,
        "member_id": member.user_id,
        "role": member.role,
        "paired_at": device.created_at,
        "last_seen_at": device.last_seen_at,
        "revoked_at": device.revoked_at,
    }


async def _count_link(request: Request, fam: Family) -> None:
    """One more pairing link for this client; 429 past the limit (counted in the database, so the
    limit holds across gateways)."""
    links = RateLog(fam.storage.db, "pair_link", limit=LINKS_PER_CLIENT, window_s=LINKS_WINDOW_S)
    if not await fam.storage.thread.run(links.hit, client_of(request)):
        raise ApiError(429, "too_many_requests", "too many pairing links from this phone; wait a few minutes")


def _household_devices(fam: Family, household_id: int) -> list[tuple[Device, Member]]:
    members = {m.user_id: m for m in fam.households.members(household_id)}
    return [(d, members[d.user.id]) for d in fam.storage.auth.list_devices() if d.user.id in members]


async def list_devices(request: Request) -> JSONResponse:
    caller = await caller_of(request)
    fam = family_of(request)
    found = await fam.storage.thread.run(_household_devices, fam, caller.household_id)
    return JSONResponse({"devices": [device_json(d, m) for d, m in found]})


async def pair_elder_device(request: Request) -> JSONResponse:
    """A one-time link that pairs a phone for one of the household's elders."""
    caller = await caller_of(request)
    body = await json_body(request)
    elder_id = int_param(body.get("elder_id"), "elder_id")
    name = text_field(body, "name", max_chars=64)
    fam = family_of(request)
    elder = await fam.storage.thread.run(fam.households.elder, caller.household_id, elder_id)
    await _count_link(request, fam)
    user = await fam.storage.thread.run(fam.households.user_name, elder.user_id)
    code = await fam.storage.thread.run(
        fam.storage.auth.create_pairing_code, name or f"{elder.named}的手机", user, PAIR_TTL_S
    )
    return JSONResponse(link_json(code, elder, public_base(request)), status_code=201)


async def invite_family(request: Request) -> JSONResponse:
    """The owner invites another family member: a new member and a one-time link for their phone."""
    caller = await caller_of(request)
    if not caller.member.owner:
        raise ApiError(403, "owner_only", "only the owner can invite family members")
    body = await json_body(request)
    name = text_field(body, "name", max_chars=MAX_NAME, required=True)
    relation = text_field(body, "relation", max_chars=16)
    fam = family_of(request)
    await _count_link(request, fam)
    member = await fam.storage.thread.run(fam.households.add_family, caller.household_id, name, relation)
    user = await fam.storage.thread.run(fam.households.user_name, member.user_id)
    code = await fam.storage.thread.run(
        fam.storage.auth.create_pairing_code, f"{name}的手机", user, PAIR_TTL_S
    )
    return JSONResponse(link_json(code, member, public_base(request)), status_code=201)


async def revoke_device(request: Request) -> JSONResponse:
    """Revoke one of the household's devices: its token stops working at once."""
    caller = await caller_of(request)
    device_id = path_id(request, "device_id")
    fam = family_of(request)
    found = await fam.storage.thread.run(_household_devices, fam, caller.household_id)
    match = next(((d, m) for d, m in found if d.id == device_id), None)
    if match is None:
        raise ApiError(404, "unknown_device", f"no such device: {device_id}")
    if match[1].owner and not caller.member.owner:
        raise ApiError(403, "owner_only", "only the owner can unpair the owner's phone")
    revoked = await fam.storage.thread.run(fam.storage.auth.revoke, device_id)
    assert revoked is not None
    return JSONResponse(device_json(revoked, match[1]))
