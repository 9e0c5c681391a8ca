"""The reminder probes through the session's path: misheard-words check, router, reminders tool on a
real SQLite database. ``reminder_probe.tsv`` (70 utterances written before the parser was read): first
run 51/70, after the fixes 70/70. ``reminder_probe_2.tsv`` (25 more, written after those fixes): first
run 18/25, after its fixes 25/25. ``reminder_probe_3.tsv`` (30 more, with listings for one day): first run
24/30, after its fixes 30/30. ``reminder_probe_4.tsv`` (42 more: colloquial and lunar times, reminders moved
by voice, cancels in other words, ask-backs that must offer a time): first run 25/42 (one harmful: "Cancel
the water reminder" cancelled two), after its fixes 42/42. All are now development sets, so the bar is:
* no harmful outcome at all: a reminder saved at a time, with a repeat or a task other than the one
  said, or one cancelled that was not meant (an elder believes the confirmation);
* at least 95% of the lines right (67/70, 24/25, 29/30, 40/42), so that a new general rule may trade a
  colloquial line for others without the test blocking it, while a real regression (4 lines, or 2 of
  probe 2) fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reminder_probe import PROBE, report, run_probe


@pytest.mark.parametrize(("probe", "size"), [(PROBE, 70), (PROBE.with_name("reminder_probe_2.tsv"), 25),
                                             (PROBE.with_name("reminder_probe_3.tsv"), 30),
                                             (PROBE.with_name("reminder_probe_4.tsv"), 42)])
async def test_a_reminder_probe_saves_nothing_wrong_and_gets_95_percent_right(probe: Path, size: int) -> None:
    outcomes = await run_probe(probe)
    assert len(outcomes) == size
    harmful = [o for o in outcomes if o.action in ("set", "change", "cancel") and not o.ok]
    assert not harmful, report(outcomes)
    right = sum(o.ok for o in outcomes)
    assert right / len(outcomes) >= 0.95, report(outcomes)
