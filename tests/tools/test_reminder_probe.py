"""The reminder probe (``reminder_probe.tsv``, 70 utterances written before the parser was read) through
the session's path: misheard-words check, router, reminders tool on a real SQLite database.

First run 51/70; after the fixes 70/70. The probe is now a development set, so the bar is:
* no harmful outcome at all: a reminder saved at a time, with a repeat or a task other than the one
  said, or one cancelled that was not meant (an elder believes the confirmation);
* at least 95% of the lines right (66/70), so that a new general rule may trade a colloquial line or
  two for others without the test blocking it, while a real regression (4 lines or more) fails.
"""

from __future__ import annotations

from reminder_probe import report, run_probe


async def test_the_reminder_probe_saves_nothing_wrong_and_gets_95_percent_right() -> None:
    outcomes = await run_probe()
    assert len(outcomes) == 70
    harmful = [o for o in outcomes if o.action in ("set", "cancel") and not o.ok]
    assert not harmful, report(outcomes)
    right = sum(o.ok for o in outcomes)
    assert right / len(outcomes) >= 0.95, report(outcomes)
