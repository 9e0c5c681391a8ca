"""Running a daily check-in over the phone: start it (a ``checkins`` row and an outbound call whose
first turn is the opening), continue it on the call (the dialogue remembers last time's complaint),
and record the answers with the family's summary, or after ``tries`` unanswered attempts mark it
unanswered (the caller then alerts the family).

The same dialogue is rebuilt on the server that takes the call's stream: the follow-up question is a
pure function of the last answered check-in and the day, so both sides agree on the questions.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any
from zoneinfo import ZoneInfo

from assistant.care.checkin import Answers, CheckinDialogue, CheckinPlan, follow_up, summarize
from assistant.care.outbound import OutboundCaller
from assistant.storage.checkins import Checkin, Checkins
from assistant.storage.outbound import OutboundCall

log = logging.getLogger(__name__)

DbRun = Callable[..., Awaitable[Any]]


async def dialogue_for(run: DbRun, store: Checkins, *, checkin: Checkin, name: str, language: str,
                       zone: ZoneInfo, then: Callable[[], Awaitable[None]] | None = None) -> CheckinDialogue:
    """The dialogue of ``checkin``; its answers are recorded (with the summary) when it ends, then
    ``then`` runs (the care loop acknowledges its job)."""
    last: Checkin | None = await run(store.last_answered, checkin.user_id)
    follow = follow_up(last.answers, last.started_at, checkin.started_at, zone, language) if last else ""

    async def done(answers: Answers) -> None:
        await run(lambda: store.finish(checkin.id, status="answered", answers=answers,
                                       summary=summarize(name, answers)))
        log.info("check-in %d of user %d answered", checkin.id, checkin.user_id)
        if then is not None:
            await then()

    return CheckinDialogue(name=name, on_done=done, language=language, follow=follow)


async def call_for_checkin(run: DbRun, store: Checkins, caller: OutboundCaller, *, user_id: int, number: str,
                           name: str, language: str, zone: ZoneInfo,
                           checkin: Checkin | None = None) -> tuple[Checkin, OutboundCall]:
    """One try: the check-in (started now unless given, for a retry) and its outbound call."""
    if checkin is None:
        checkin = await run(store.start, user_id, "call", at=time.time())
    assert checkin is not None
    checkin = await run(store.tried, checkin.id)
    dialogue = await dialogue_for(run, store, checkin=checkin, name=name, language=language, zone=zone)
    record = await caller.call_elder(user_id=user_id, to=number, purpose="checkin",
                                     opening=dialogue.opening(), ref_id=checkin.id)
    return checkin, record


async def give_up_if_unanswered(run: DbRun, store: Checkins, checkin_id: int, plan: CheckinPlan) -> bool:
    """After a try that got no answer: True (now ``unanswered``: alert the family) once ``plan.tries``
    tries were made, else False (try again later)."""
    found: Checkin | None = await run(store.get, checkin_id)
    if found is None or found.status != "open" or found.tries < plan.tries:
        return False
    await run(lambda: store.finish(checkin_id, status="unanswered"))
    log.warning("check-in %d of user %d: no answer after %d tries", checkin_id, found.user_id, found.tries)
    return True
