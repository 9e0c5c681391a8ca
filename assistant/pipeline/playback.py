"""A finished reply is stored once the listener has heard it, or cut to what they heard.

Generation usually ends long before playback: a 30 s answer is produced in a few seconds and then
plays for half a minute. If the user speaks up, or the server shuts down, before the end, the
stored turn must say ``interrupted`` and keep only the heard part. So the session hands each
finished, recorded reply to :class:`UnheardReply`, which stores it

- in full when its estimated playback end has passed (a timer),
- cut, via :meth:`UnheardReply.cut`, on barge-in or shutdown,
- in full on :meth:`UnheardReply.flush` (the connection closed: what was sent counts as heard).

At most one reply is held per session; holding a new one stores the previous one first.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from assistant.pipeline.turn import SpokenLog, now

log = logging.getLogger(__name__)

# Stores the held turn: ``None`` means "heard in full", a string is the heard part of a cut reply.
StoreHeard = Callable[[str | None], Awaitable[None]]


class UnheardReply:
    def __init__(self) -> None:
        self._reply_id = 0
        self._store: StoreHeard | None = None
        self._timer: asyncio.Task[None] | None = None

    @property
    def reply_id(self) -> int:
        """The held reply's id, 0 when none is held."""
        return self._reply_id if self._store is not None else 0

    async def hold(self, reply_id: int, spoken: SpokenLog, store: StoreHeard) -> None:
        """Store now if nothing is left to play, else when playback should have ended."""
        await self.flush()
        delay = spoken.playing_until() - now() if spoken.first_audio_wall is not None else 0.0
        if delay <= 0.0 or spoken.confirmed_clauses == len(spoken.clauses):
            await store(None)
            return
        self._reply_id, self._store = reply_id, store
        self._timer = asyncio.create_task(self._store_after(delay))

    async def cut(self, reply_id: int, heard: str) -> None:
        """The held reply ``reply_id`` was cut off: store it as interrupted with ``heard`` only."""
        if self._store is None or reply_id != self._reply_id:
            return
        await self._take(heard)

    async def flush(self) -> None:
        """Store the held reply (if any) as heard in full."""
        if self._store is not None:
            await self._take(None)

    async def _store_after(self, delay: float) -> None:
        await asyncio.sleep(delay)
        self._timer = None  # this task is finishing: _take must not cancel it
        await self._take(None)

    async def _take(self, heard: str | None) -> None:
        store, self._store = self._store, None
        timer, self._timer = self._timer, None
        if timer is not None and timer is not asyncio.current_task():
            timer.cancel()
        if store is None:
            return
        try:
            await store(heard)
        except Exception:  # a failed write must not end the session
            log.exception("storing a finished turn failed")
