"""Every evening at ``family.summary_at``: write each elder's summary of the day (see summary.py)."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from collections.abc import Callable

from assistant.care.summary import write_summary
from assistant.errors import AssistantError
from assistant.llm.base import ChatModel
from assistant.storage.conversations import Conversations
from assistant.storage.db import DatabaseThread
from assistant.storage.household import Households
from assistant.storage.shared import JobClaims

log = logging.getLogger(__name__)


def seconds_until(at: str, now: dt.datetime) -> float:
    """Seconds from ``now`` to the next ``HH:MM`` (local time of ``now``); tomorrow's if passed."""
    hh, mm = (int(x) for x in at.split(":"))
    target = now.replace(hour=hh, minute=mm, second=0, microsecond=0)
    if target <= now:
        target += dt.timedelta(days=1)
    return (target - now).total_seconds()


async def write_day_summaries(
    dbt: DatabaseThread, llm: ChatModel | None, day: str, *, skip: frozenset[int] = frozenset()
) -> int:
    """Write ``day``'s summary for every elder (except ``skip``); returns how many were written.

    One elder's failure (the model, the disk) is logged and the others still get theirs.
    """
    homes, talks = Households(dbt.db), Conversations(dbt.db)
    written = 0
    for elder in await dbt.run(homes.all_elders):
        if elder.user_id in skip:
            continue
        try:
            turns = await dbt.run(talks.turns, elder.user_id, day=day, limit=1000)
            summary = await write_summary(llm, elder.named, day, turns, elder.profile.language)
            await dbt.run(
                talks.save_summary,
                elder.user_id,
                day,
                summary.text,
                turns=summary.turns,
                hidden=summary.hidden,
                quiet=summary.quiet,
            )
            written += 1
        except (AssistantError, RuntimeError) as exc:
            log.error("no summary for elder %s on %s: %s", elder.user_id, day, exc)
    return written


async def evening_loop(
    dbt: DatabaseThread,
    llm_of: Callable[[], ChatModel | None],
    at: str,
    *,
    skip: frozenset[int] = frozenset(),
) -> None:
    """Run forever (cancel to stop): sleep until ``at``, then write that day's summaries."""
    while True:
        await asyncio.sleep(seconds_until(at, dt.datetime.now().astimezone()))
        day = dt.date.today().isoformat()
        # several gateways share one database: only the one that claims the day writes its summaries
        if await dbt.run(JobClaims(dbt.db).claim, "evening_summaries", day):
            count = await write_day_summaries(dbt, llm_of(), day, skip=skip)
            log.info("wrote %d daily summaries for %s", count, day)
        await asyncio.sleep(61)  # not twice in the same minute
