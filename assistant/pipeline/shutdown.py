"""Closing live sessions when the server stops: nobody waits for somebody else's reply."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Protocol

log = logging.getLogger(__name__)


class Closable(Protocol):
    def is_speaking(self) -> bool: ...

    async def shutdown(self) -> None: ...


async def shutdown_sessions(sessions: Sequence[Closable], *, deadline_s: float, poll_s: float = 0.05) -> None:
    """Shut down each session as soon as it is not speaking, and all of them by ``deadline_s``.

    Sessions are handled concurrently: an idle session closes at once even while another one is
    still finishing a long answer.
    """
    loop = asyncio.get_running_loop()
    end = loop.time() + max(0.0, deadline_s)

    async def one(session: Closable) -> None:
        while session.is_speaking() and loop.time() < end:  # noqa: ASYNC110 - no event for "stopped"
            await asyncio.sleep(poll_s)
        await session.shutdown()

    results = await asyncio.gather(*(one(s) for s in sessions), return_exceptions=True)
    for result in results:
        if isinstance(result, Exception):  # one broken session must not keep the others open
            log.error("shutting a session down failed: %r", result)
