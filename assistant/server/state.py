"""Process-wide server state: settings, the shared engines, live sessions, admission control."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from starlette.websockets import WebSocket

from assistant.config import Settings
from assistant.errors import AuthError
from assistant.pipeline.options import SessionOptions
from assistant.pipeline.outbox import Outbox
from assistant.pipeline.session import Session, TurnReport
from assistant.pipeline.shutdown import shutdown_sessions
from assistant.protocol.close import CloseCode

if TYPE_CHECKING:
    from assistant.care.alerts import AlertService
    from assistant.care.emergency import EmergencyReport
    from assistant.care.outbound import OutboundCaller
    from assistant.care.relay import PresenceRelay
    from assistant.pipeline.engines import Engines
    from assistant.server.access import Storage
    from assistant.server.care import CareRuntime

log = logging.getLogger(__name__)

CLOSE_WAIT_S = 2.0  # at shutdown, how long to wait for the transports to finish closing

@dataclass(frozen=True, slots=True, kw_only=True)
class Identity:
    """Who a connection is (its token checked), before it holds a session slot."""

    user_id: str
    device_id: str
    token: str | None  # None: --open


@dataclass(slots=True)
class Admission:
    """A connection let in: who it is, and how to give its slot back."""

    user_id: str
    device_id: str
    state: AppState
    token: str | None = None  # the device token it was admitted with (None: --open, phone calls)
    released: bool = False

    def release(self) -> None:
        if not self.released:
            self.released = True
            self.state.connections[self.device_id] -= 1
            if self.state.connections[self.device_id] <= 0:
                del self.state.connections[self.device_id]


@dataclass(slots=True)
class AppState:
    settings: Settings
    engines: Engines | None = None
    load_error: str = ""
    sessions: set[Session] = field(default_factory=set)
    connections: Counter[str] = field(default_factory=Counter)
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    storage: Storage | None = None
    alerts: AlertService | None = None
    care: CareRuntime | None = None  # the care loop's scheduler (assistant/server/care.py)
    presence: PresenceRelay | None = None  # care prompts across gateways (assistant/server/presence.py)
    caller: OutboundCaller | None = None  # outbound phone calls (Twilio), when configured

    @property
    def open_access(self) -> bool:
        return self.settings.server.open

    async def identify(self, websocket: WebSocket) -> Identity | None:
        """Check readiness and the device token; close the (accepted) socket with a reason and return
        None if refused. Takes no session slot: see :meth:`take_slot`."""
        if self.engines is None:
            await websocket.close(CloseCode.BUSY, "starting up, models are loading; try again shortly")
            return None
        if self.open_access:
            return Identity(user_id="local", device_id="open", token=None)
        from assistant.server.access import authenticate_websocket, token_of

        if self.storage is None:
            await websocket.close(CloseCode.BUSY, "starting up; try again shortly")
            return None
        found = await authenticate_websocket(self.storage, websocket)
        if found is None:
            return None
        return Identity(user_id=found[0], device_id=found[1], token=token_of(websocket))

    def take_slot(self, identity: Identity) -> Admission | str:
        """A session slot for a connection that said hello, or why not (the session caps)."""
        if sum(self.connections.values()) >= self.settings.limits.max_sessions:
            return "busy: too many sessions, try again later"
        if identity.token is not None and \
                self.connections[identity.device_id] >= self.settings.limits.max_sessions_per_device:
            return "busy: too many sessions for this device"
        self.connections[identity.device_id] += 1
        return Admission(user_id=identity.user_id, device_id=identity.device_id, state=self,
                         token=identity.token)

    async def still_valid(self, token: str | None) -> bool:
        """Whether the device token a connection was admitted with still works (not revoked since)."""
        if token is None or self.storage is None:
            return True
        try:
            await self.storage.thread.run(self.storage.auth.verify, token)
        except AuthError:
            return False
        return True

    def new_session(self, outbox: Outbox, options: SessionOptions, *,
                    kind: type[Session] = Session) -> Session:
        assert self.engines is not None
        from assistant.server.family import FamilyNotes

        notes = FamilyNotes(self.storage, self.engines.output_rate, alerts=self.alerts) \
            if self.storage is not None else None
        session = kind(self.engines, outbox, options=options, on_turn=self.record_turn,
                          on_alert=self.raise_alert, inbox=notes)
        self.sessions.add(session)
        return session

    def end_session(self, session: Session) -> None:
        self.sessions.discard(session)

    async def drain(self, *, deadline_s: float) -> None:
        """At shutdown: close every session, an idle one at once, one that is speaking when its reply
        ends or after ``deadline_s`` (then the reply is stored as cut off). Returns once the
        transports have sent their close frames (1001 "server shutting down"), so that uvicorn's
        own shutdown, which would send 1012, finds them closed."""
        await shutdown_sessions(list(self.sessions), deadline_s=deadline_s)
        loop = asyncio.get_running_loop()
        end = loop.time() + CLOSE_WAIT_S
        while self.sessions and loop.time() < end:  # noqa: ASYNC110 - end_session() has no event
            await asyncio.sleep(0.02)

    async def record_turn(self, report: TurnReport) -> None:
        from assistant.server.access import store_turn
        from assistant.server.family import after_turn

        if self.storage is not None:
            await after_turn(self.storage, report, await store_turn(self.storage, report))

    async def raise_alert(self, report: EmergencyReport) -> None:
        """Tell the family (in the background: the turn goes on at once)."""
        from assistant.server.outbound import offer_family_call

        if self.alerts is not None:
            self.alerts.submit(report)
        else:
            log.error("an emergency was heard but alerts are not running: %r", report.emergency.text)
        offer_family_call(self, report)  # "要我现在给您家人打电话吗？" was said: wait for "好"
