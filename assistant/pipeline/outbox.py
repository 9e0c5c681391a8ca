"""The bounded queue of events from a session to its transport.

Reply frames (text deltas, audio) of a reply can be dropped at once on barge-in; control events
never are. When the client stops reading, ``put`` waits (backpressure) and, after
``stall_timeout_s``, raises :class:`SlowClient` so the session can be closed instead of growing
server memory without bound.
"""

from __future__ import annotations

import asyncio
from collections import deque

from assistant.errors import SlowClient
from assistant.protocol.messages import REPLY_FRAMES, ServerEvent


class Outbox:
    def __init__(self, *, max_events: int = 256, stall_timeout_s: float = 20.0) -> None:
        self._items: deque[ServerEvent] = deque()
        self._max = max_events
        self._stall = stall_timeout_s
        self._changed = asyncio.Condition()
        self._closed = False

    def __len__(self) -> int:
        return len(self._items)

    async def put(self, event: ServerEvent) -> None:
        """Queue ``event``; control events may exceed the bound by a little, reply frames wait."""
        async with self._changed:
            if isinstance(event, REPLY_FRAMES):
                try:
                    await asyncio.wait_for(
                        self._changed.wait_for(lambda: self._closed or len(self._items) < self._max),
                        self._stall,
                    )
                except TimeoutError:
                    raise SlowClient(f"client read nothing for {self._stall:.0f} s") from None
            elif len(self._items) >= self._max * 2:
                raise SlowClient("client is not reading its events")
            if self._closed:
                return
            self._items.append(event)
            self._changed.notify_all()

    async def get(self) -> ServerEvent | None:
        """The next event, or None once closed and drained."""
        async with self._changed:
            await self._changed.wait_for(lambda: bool(self._items) or self._closed)
            if not self._items:
                return None
            event = self._items.popleft()
            self._changed.notify_all()
            return event

    async def drop_reply(self, reply_id: int) -> int:
        """Remove the queued frames of ``reply_id``; returns how many were dropped."""
        async with self._changed:
            keep = [e for e in self._items
                    if not (isinstance(e, REPLY_FRAMES) and e.reply_id == reply_id)]
            dropped = len(self._items) - len(keep)
            self._items = deque(keep)
            self._changed.notify_all()
            return dropped

    async def close(self) -> None:
        async with self._changed:
            self._closed = True
            self._changed.notify_all()
