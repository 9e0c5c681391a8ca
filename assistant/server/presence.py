"""The care prompts of several gateways on one PostgreSQL database: this gateway's part of
:mod:`assistant.care.relay` (which elders' apps it holds; speaking what other gateways hand to it).

Off on SQLite, the one-box default: no table is read or written, and a care prompt reaches only the
apps on the gateway that fired it, as it always did.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.care.delivery import CarePrompt
from assistant.care.relay import PresenceRelay
from assistant.server.access import resolve_user_id
from assistant.server.care import AppPresence
from assistant.server.care_calls import app_checkin_script
from assistant.storage.presence import PresenceStore

if TYPE_CHECKING:
    from assistant.server.state import AppState

log = logging.getLogger(__name__)


@dataclass(slots=True)
class _Users:
    """The elders whose ``/ws`` sessions are open on this gateway (each session's user resolved once)."""

    state: AppState
    known: dict[str, int] = field(default_factory=dict)  # session id → users.id

    async def __call__(self) -> set[int]:
        storage = self.state.storage
        live = [s for s in list(self.state.sessions) if s.options.transport == "ws"]
        if storage is None or not live:
            self.known.clear()
            return set()
        ids = {s.id for s in live}
        for gone in [k for k in self.known if k not in ids]:
            del self.known[gone]
        for session in live:
            if session.id not in self.known:
                self.known[session.id] = await resolve_user_id(storage, session.options.user_id)
        return set(self.known.values())


async def _deliver(state: AppState, user_id: int, prompt: CarePrompt) -> None:
    """Speak a prompt another gateway handed over, as :meth:`AppPresence.push` does here."""
    presence = AppPresence(state, state.care)
    sessions = await presence.sessions_of(user_id)
    if prompt.kind == "checkin" and sessions:
        script = await app_checkin_script(state, prompt.job_id)
        for session in sessions if script is not None else ():
            session.script = script
    presence.speak_on(sessions, prompt)


@dataclass(slots=True)
class Presence:
    relay: PresenceRelay
    task: asyncio.Task[None]

    async def aclose(self) -> None:
        self.task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self.task
        await self.relay.leave()


async def stop_presence(presence: Presence | None) -> None:
    if presence is not None:
        await presence.aclose()


def start_presence(state: AppState) -> Presence | None:
    """The relay's loop, on PostgreSQL only (None on SQLite, or without storage)."""
    storage = state.storage
    if storage is None or storage.db.dialect.name != "postgres":
        return None

    async def deliver(user_id: int, prompt: CarePrompt) -> None:
        await _deliver(state, user_id, prompt)

    relay = PresenceRelay(storage.thread.run, PresenceStore(storage.db), local_users=_Users(state),
                          deliver=deliver)
    state.presence = relay
    log.info("presence across gateways: this gateway is %s", relay.gateway)
    return Presence(relay=relay, task=asyncio.create_task(relay.loop(), name="care-presence"))
