"""The worker of the two-process claim test (tests/care/test_scheduler.py), in a module of its own: a
spawned process imports the module its target lives in, and this one needs only the storage layer
(the test module pulls in the whole pipeline, seconds of imports in each process)."""

from __future__ import annotations

import multiprocessing

from assistant.storage.db import Database
from assistant.storage.jobs import JobStore


def claim_all(path: str, worker: str, out: multiprocessing.Queue[list[int]]) -> None:
    """Claim every due job of the database at ``path`` as ``worker``; put the ids it won on ``out``."""
    with Database(path) as db:
        store = JobStore(db)
        won = [job.id for job in store.due(2e9, limit=500) if store.claim(job, now=2e9 - 1, worker=worker)]
    out.put(won)
