"""The care scheduler: jobs in the database, fired once each, retried, escalated to the family.

Jobs (:mod:`assistant.storage.jobs`) are rows of ``care_jobs``. Each tick (``care.tick_s``):

1. :meth:`JobStore.materialize` writes the jobs of reminders and timed family messages that have
   come due (a repeating reminder moves on to its next occurrence, computed by ``dateutil.rrule`` in
   the reminder's own time zone);
2. every pending job whose ``next_at`` has passed is *claimed* with a conditional UPDATE; only the
   process whose UPDATE changed the row runs that attempt, so a job fires once even with several
   server processes on one database;
3. the job's kind's handler runs (in its own task: a slow or failing one never holds up others).

**Job kinds** are a registry, ``kind → handler``::

    scheduler.register("reminder", handler, needs_answer=True)

    async def handler(job: Job, firing: Firing) -> Outcome:
        ...  # try to reach the elder; say which channel did ("app", "call"), or "" for none
        return Outcome(channel="app")

``Outcome(done=True)`` ends the job (state ``done``). Otherwise a kind with ``needs_answer`` waits
for an answer (:func:`answer`: by voice or by the app's button; acknowledged, or snoozed) and is tried
again ``retry_interval_s`` later, whether or not anybody was reached, up to ``retries`` times (per
job; default ``care.retries`` = 2, ten minutes apart). When those are used up, ``escalate(job)``
alerts the family and the job ends ``escalated``. Built-in kinds: ``reminder`` and ``message``
(:mod:`assistant.care.delivery`); ``checkin`` and other kinds are added with :meth:`Scheduler.add`.

**Late jobs** (the server was down or busy; also retries and snoozes): an attempt that starts more
than ``care.late_after_s`` (2 min) after the job's own time is spoken with a word that it is late
("刚才八点的提醒：……", ``Firing.late``). A job whose first attempt is found more than
``care.max_late_s`` (2 h) after its time is not spoken at all and is marked ``missed``, visible to
the family; one already tried whose retry is that stale is escalated at once (nobody answered).

The clock is injectable (``clock``: epoch seconds), so that tests drive time by hand.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import socket
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any, ParamSpec, Protocol, TypeVar

from assistant.care.prompts import Reply
from assistant.config import CareSettings
from assistant.storage.jobs import Job, JobStore, RetryPolicy

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")
HANDLER_TIMEOUT_S = 120.0


class DbRun(Protocol):
    """``DatabaseThread.run``: run a storage call off the event loop."""

    async def __call__(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Firing:
    attempt: int  # 1 for the first time, 2.. for the retries
    now: float
    late: bool  # more than care.late_after_s after the job's own time (a retry, a snooze, a restart)


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    channel: str = ""  # who was reached: "app", "call", "next_turn"; "" = nobody
    done: bool = False  # nothing more to do (no answer to wait for)


Handler = Callable[[Job, Firing], Awaitable[Outcome]]
Escalate = Callable[[Job], Awaitable[int | None]]  # alert the family; returns the alert's id


@dataclass(frozen=True, slots=True, kw_only=True)
class JobKind:
    handler: Handler
    needs_answer: bool


class Scheduler:
    def __init__(self, run: DbRun, store: JobStore, settings: CareSettings, *,
                 clock: Callable[[], float] = time.time, escalate: Escalate | None = None,
                 worker: str = "") -> None:
        self._run = run
        self.store = store
        self.settings = settings
        self.clock = clock
        self.escalate = escalate
        self.worker = worker or f"{socket.gethostname()}:{os.getpid()}"
        self.kinds: dict[str, JobKind] = {}
        self._inflight: dict[int, asyncio.Task[None]] = {}

    @property
    def policy(self) -> RetryPolicy:
        return RetryPolicy(retries=self.settings.retries, retry_interval_s=self.settings.retry_interval_s)

    def register(self, kind: str, handler: Handler, *, needs_answer: bool) -> None:
        self.kinds[kind] = JobKind(handler=handler, needs_answer=needs_answer)

    async def add(self, kind: str, *, user_id: int, due_at: float, payload: Mapping[str, Any] | None = None,
                  policy: RetryPolicy | None = None) -> Job | None:
        """Schedule a job of a registered kind (e.g. a check-in); None if that occurrence exists."""
        if kind not in self.kinds:
            raise ValueError(f"unknown job kind {kind!r} (registered: {', '.join(sorted(self.kinds))})")
        return await self._run(self.store.add, kind=kind, user_id=user_id, due_at=due_at, now=self.clock(),
                               payload=payload, policy=policy or self.policy)

    async def tick(self, *, wait: bool = True) -> list[int]:
        """One pass: write the jobs that came due, start an attempt of each due job; with ``wait``,
        return after those attempts finished. Returns the ids of the jobs looked at."""
        now = self.clock()
        await self._run(self.store.materialize, now, self.policy)
        jobs = [j for j in await self._run(self.store.due, now) if j.id not in self._inflight]
        tasks = []
        for job in jobs:
            task = asyncio.create_task(self._fire(job), name=f"care-job:{job.id}")
            self._inflight[job.id] = task
            task.add_done_callback(functools.partial(self._forget, job.id))
            tasks.append(task)
        if wait and tasks:
            await asyncio.gather(*tasks)
        return [j.id for j in jobs]

    def _forget(self, job_id: int, _task: asyncio.Task[None]) -> None:
        self._inflight.pop(job_id, None)

    async def loop(self) -> None:
        """Tick every ``care.tick_s`` until cancelled; a failing tick is logged and the loop goes on."""
        while True:
            try:
                await self.tick(wait=False)
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("care scheduler tick failed")
            await asyncio.sleep(self.settings.tick_s)

    async def aclose(self, grace_s: float = 2.0) -> None:
        tasks = list(self._inflight.values())
        if tasks:
            _done, pending = await asyncio.wait(tasks, timeout=grace_s)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)

    async def _fire(self, job: Job) -> None:
        try:
            await self._attempt(job)
        except asyncio.CancelledError:
            raise
        except Exception:  # the job stays pending and is tried again at its next_at
            log.exception("care job %d (%s) failed", job.id, job.kind)

    async def _attempt(self, job: Job) -> None:
        now = self.clock()
        kind = self.kinds.get(job.kind)
        if kind is None:
            log.warning("care job %d has an unknown kind %r; left pending", job.id, job.kind)
            return
        lateness = now - job.next_at
        if job.attempts == 0 and lateness > self.settings.max_late_s:
            if await self._run(self.store.finish, job.id, "missed", now=now):
                log.warning("care job %d (%s) missed: found %.0f s after its time", job.id, job.kind,
                            lateness)
            return
        if not await self._run(self.store.claim, job, now=now, worker=self.worker):
            return  # another process took this attempt
        if kind.needs_answer and (job.attempts >= 1 + job.retries
                                  or (job.attempts and lateness > self.settings.max_late_s)):
            alert_id = await self.escalate(job) if self.escalate is not None else None
            await self._run(self.store.finish, job.id, "escalated", now=now, alert_id=alert_id)
            log.warning("care job %d (%s) unanswered after %d tries: family alerted (alert %s)", job.id,
                        job.kind, job.attempts, alert_id)
            return
        firing = Firing(attempt=job.attempts + 1, now=now, late=now - job.due_at > self.settings.late_after_s)
        outcome = await asyncio.wait_for(kind.handler(job, firing), timeout=HANDLER_TIMEOUT_S)
        log.info("care job %d (%s) attempt %d: %s", job.id, job.kind, firing.attempt,
                 outcome.channel or "nobody reached")
        if outcome.done or not kind.needs_answer:
            await self._run(self.store.finish, job.id, "done", now=now, channel=outcome.channel)
        else:
            await self._run(self.store.attempted, job.id, outcome.channel)


async def answer(run: DbRun, store: JobStore, settings: CareSettings, *, user_id: int, reply: Reply,
                 channel: str, now: float, job_id: int | None = None) -> Job | None:
    """Apply an elder's answer to the reminder last put to them (or to ``job_id``, the button's):
    acknowledge it, or snooze it (``reply.snooze_s`` or ``care.snooze_s``). None: nothing to answer."""
    job = await run(store.answerable, user_id, now=now, window_s=settings.ack_window_s, job_id=job_id)
    if job is None:
        return None
    if reply.kind == "snooze":
        done = await run(store.snooze, job.id, now=now, snooze_s=reply.snooze_s or settings.snooze_s)
    else:
        done = await run(store.acknowledge, job.id, now=now, channel=channel)
    if not done:
        return None
    log.info("care job %d of user %d: %s by %s", job.id, user_id, reply.kind, channel)
    return await run(store.get, job.id)
