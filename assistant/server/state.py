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
from assistant.pipeline.outbox import Outbox
from assistant.pipeline.session import Session, SessionOptions, TurnReport
from assistant.pipeline.shutdown import shutdown_sessions
from assistant.protocol.close import CloseCode

if TYPE_CHECKING:
    from assistant.pipeline.engines import Engines
    from assistant.server.access import Storage

log = logging.getLogger(__name__)

CLOSE_WAIT_S = 2.0  # at shutdown, how long to wait for the transports to finish closing


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

    @property
    def open_access(self) -> bool:
        return self.settings.server.open

    async def admit(self, websocket: WebSocket) -> Admission | None:
        """Check readiness, the session cap and the token; close the (accepted) socket with a reason
        and return None if refused."""
        if self.engines is None:
            await websocket.close(CloseCode.BUSY, "starting up, models are loading; try again shortly")
            return None
        if sum(self.connections.values()) >= self.settings.limits.max_sessions:
            await websocket.close(CloseCode.BUSY, "busy: too many sessions, try again later")
            return None
        user_id, device_id, token = "local", "open", None
        if not self.open_access:
            identity = await self._authenticate(websocket)
            if identity is None:
                return None
            user_id, device_id, token = identity
            if self.connections[device_id] >= self.settings.limits.max_sessions_per_device:
                await websocket.close(CloseCode.BUSY, "busy: too many sessions for this device")
                return None
        self.connections[device_id] += 1
        return Admission(user_id=user_id, device_id=device_id, state=self, token=token)

    async def _authenticate(self, websocket: WebSocket) -> tuple[str, str, str | None] | None:
        from assistant.server.access import authenticate_websocket, token_of

        if self.storage is None:
            await websocket.close(CloseCode.BUSY, "starting up; try again shortly")
            return None
        identity = await authenticate_websocket(self.storage, websocket)
        return None if identity is None else (*identity, token_of(websocket))

    async def still_valid(self, admission: Admission) -> bool:
        """Whether the device token a connection was admitted with still works (not revoked since)."""
        if admission.token is None or self.storage is None:
            return True
        try:
            await self.storage.thread.run(self.storage.auth.verify, admission.token)
        except AuthError:
            return False
        return True

    def new_session(self, outbox: Outbox, options: SessionOptions) -> Session:
        assert self.engines is not None
        session = Session(self.engines, outbox, options=options, on_turn=self.record_turn)
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

        if self.storage is not None:
            await store_turn(self.storage, report)
