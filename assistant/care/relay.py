"""Presence across gateways: a care prompt that fires on one gateway reaches the elder's app that is
open on another.

Each gateway runs one :class:`PresenceRelay` (only when the database is shared: PostgreSQL). Every
``POLL_S`` it looks at its own live app sessions, in memory; while it holds any, it

* publishes which elders it holds (``app_presence``), at once when that set changes, and at least
  every ``BEAT_S`` (the heartbeat), and
* takes the care prompts other gateways handed to it (``care_handoffs``) and speaks them on the
  elder's sessions exactly as if they had fired here (``deliver``).

A gateway holding no session costs nothing: no query at all. When a prompt fires on a gateway
without the elder's session, :meth:`PresenceRelay.hand_over` addresses it to each gateway with a row
fresher than ``FRESH_S`` and waits up to ``HANDOFF_WAIT_S`` for them to take it. Taken: the app
reached her (``True``). Not taken in time (that gateway died or hangs): the sender expires the handoff,
so that it can never be spoken later, and the job goes on as with the app closed: the next channel,
its retries, the family's alert. See :mod:`assistant.storage.presence` for why it is never spoken twice.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import socket
import time
from collections.abc import Awaitable, Callable, Collection, Coroutine
from typing import Any

from assistant.care.delivery import CarePrompt
from assistant.care.scheduler import DbRun
from assistant.errors import StorageError
from assistant.storage.presence import Handoff, PresenceStore
from assistant.storage.voice_messages import Recording

log = logging.getLogger(__name__)

POLL_S = 0.5  # how often a gateway holding app sessions looks for prompts handed to it
BEAT_S = 5.0  # its presence is refreshed at least this often
FRESH_S = 15.0  # a presence row older than this is a stopped gateway's: ignored
HANDOFF_WAIT_S = 5.0  # the sender waits this long for the holder to take a prompt
CHECK_S = 0.2  # ... looking this often

LocalUsers = Callable[[], Awaitable[Collection[int]]]  # the elders whose app sessions are open here
Deliver = Callable[[int, CarePrompt], Coroutine[Any, Any, None]]  # speak a prompt on this gateway's sessions


def gateway_id() -> str:
    """This process among the gateways: host, process id and a random part (pids repeat across
    containers and restarts)."""
    return f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(3)}"


def encode(prompt: CarePrompt) -> tuple[dict[str, Any], bytes | None]:
    """A prompt as a handoff's JSON fields and its recording's PCM."""
    fields: dict[str, Any] = {"job_id": prompt.job_id, "kind": prompt.kind, "text": prompt.text,
                              "language": prompt.language, "answerable": prompt.answerable,
                              "late": prompt.late}
    if prompt.recording is None:
        return fields, None
    fields["recording"] = {"rate": prompt.recording.rate, "duration_s": prompt.recording.duration_s}
    return fields, prompt.recording.pcm


def decode(handoff: Handoff) -> CarePrompt:
    fields = handoff.prompt
    spec = fields.get("recording")
    recording = None if spec is None or handoff.audio is None else Recording(
        pcm=handoff.audio, rate=int(spec["rate"]), duration_s=float(spec["duration_s"]))
    return CarePrompt(job_id=handoff.job_id, kind=str(fields["kind"]), text=str(fields["text"]),
                      language=str(fields["language"]), answerable=bool(fields["answerable"]),
                      late=bool(fields.get("late", False)), recording=recording)


class PresenceRelay:
    def __init__(self, run: DbRun, store: PresenceStore, *, local_users: LocalUsers, deliver: Deliver,
                 gateway: str = "", clock: Callable[[], float] = time.time) -> None:
        self._run = run
        self.store = store
        self.gateway = gateway or gateway_id()
        self._local_users = local_users
        self._deliver = deliver
        self._clock = clock
        self._published: frozenset[int] = frozenset()
        self._beat_at = float("-inf")
        self._speaking: set[asyncio.Task[None]] = set()

    async def hand_over(self, user_id: int, prompt: CarePrompt, *, wait: bool = True) -> bool:
        """Give ``prompt`` to the other gateways that hold ``user_id``'s app; True when one took it.

        ``wait=False`` (her app is open here too): address it to them and return at once."""
        now = self._clock()
        try:
            holders = await self._run(self.store.holders, user_id, now=now, fresh_s=FRESH_S,
                                      exclude=self.gateway)
            if not holders:
                return False
            fields, audio = encode(prompt)
            ids = await self._run(self.store.hand_over, holders, user_id=user_id, job_id=prompt.job_id,
                                  prompt=fields, audio=audio, now=now, expires_at=now + HANDOFF_WAIT_S)
            if not wait:
                return True
            return await self._settle(ids)
        except StorageError as exc:  # as if her app were closed: the job's next channel, its retries
            log.error("care job %d: could not hand it to another gateway: %s", prompt.job_id, exc.message)
            return False

    async def _settle(self, ids: list[int]) -> bool:
        """Wait for the handoffs to be taken; expire those that were not. True when any was taken."""
        loop = asyncio.get_running_loop()
        end = loop.time() + HANDOFF_WAIT_S
        states = await self._run(self.store.states, ids)
        while any(s == "waiting" for s in states.values()) and loop.time() < end:
            await asyncio.sleep(CHECK_S)
            states = await self._run(self.store.states, ids)
        taken = [i for i, s in states.items() if s == "taken"]
        for handoff_id in (i for i, s in states.items() if s == "waiting"):
            if not await self._run(self.store.expire, handoff_id):
                taken.append(handoff_id)  # taken at the last moment
        log.info("care handoffs %s: %s", ids, f"taken ({taken})" if taken else "nobody took them")
        return bool(taken)

    async def step(self) -> None:
        """One look: publish this gateway's elders when due, and take what was handed to it."""
        now = self._clock()
        users = frozenset(await self._local_users())
        if users != self._published or (users and now - self._beat_at >= BEAT_S):
            await self._run(self.store.publish, self.gateway, users, now=now)
            self._published, self._beat_at = users, now
        if not users:
            return
        for handoff in await self._run(self.store.waiting, self.gateway, now=now):
            if handoff.user_id in users and await self._run(self.store.take, handoff.id, now=self._clock()):
                log.info("care job %d handed over: speaking it here", handoff.job_id)
                task = asyncio.create_task(self._speak(handoff), name=f"care-handoff:{handoff.id}")
                self._speaking.add(task)
                task.add_done_callback(self._speaking.discard)

    async def _speak(self, handoff: Handoff) -> None:
        try:
            await self._deliver(handoff.user_id, decode(handoff))
        except asyncio.CancelledError:
            raise
        except Exception:  # taken but not spoken (her session just closed): the job's retries apply
            log.exception("could not speak care job %d handed to this gateway", handoff.job_id)

    async def loop(self) -> None:
        """:meth:`step` every ``POLL_S`` until cancelled; a failing step is logged and the loop goes on."""
        while True:
            try:
                await self.step()
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("presence step failed")
            await asyncio.sleep(POLL_S)

    async def leave(self) -> None:
        """At shutdown: this gateway holds nobody any more (others stop handing prompts to it)."""
        for task in list(self._speaking):
            task.cancel()
        try:
            await self._run(self.store.publish, self.gateway, (), now=self._clock())
        except StorageError as exc:
            log.warning("could not clear this gateway's presence: %s", exc.message)
        self._published = frozenset()
