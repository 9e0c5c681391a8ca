"""The honesty guard on its blind probe tests/pipeline/promise_probe.tsv (probe 40): 36 reply lines that
promise an action nothing in code performed this turn (a reminder, remembering for later, telling or calling
the family, a booking, an errand) must be replaced, and 17 sound ones (advice, how to set a reminder, what
the assistant can do, "记住" said to her, replies after the reminder tool ran) spoken as they are; each
streamed through the guard as the reply path does. The held-out set tests/pipeline/promise_holdout.tsv (30 new
phrasings, 17 promises, 13 sound lines) is judged the same way. The headers have the first-run figures."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from guard_stream import through_guard
from probe_rows import tsv_rows

PROBE = Path(__file__).with_name("promise_probe.tsv")
HOLDOUT = Path(__file__).with_name("promise_holdout.tsv")


def rows(path: Path = PROBE) -> list[tuple[str, frozenset[str], str, str]]:
    return [(expected, frozenset() if grounded == "-" else frozenset(grounded.split(",")), question, reply)
            for expected, grounded, question, reply, _note in tsv_rows(path)]


def test_the_probe_and_the_holdout_are_read_whole() -> None:
    assert Counter(expected for expected, *_ in rows()) == {"block": 36, "pass": 17}
    assert Counter(expected for expected, *_ in rows(HOLDOUT)) == {"block": 17, "pass": 13}


@pytest.mark.parametrize("path", [PROBE, HOLDOUT], ids=["probe", "holdout"])
def test_the_guard_replaces_only_the_promises_nothing_kept(path: Path) -> None:
    wrong = []
    for expected, grounded, question, reply in rows(path):
        spoken, guard = through_guard(reply, question=question, grounded=grounded)
        got = "block" if guard.violations else "pass"
        if got != expected:
            wrong.append(f"{expected} -> {got}: {question} | {reply} => {spoken}")
    assert wrong == []
