"""Discovery 12's second probe (history_year_probe.tsv), written after its first run had answered
"孙中山是哪一年去世的？" with today's date and before the router's rules were read (pure logic): the year
of an event or a life long past is for the LLM (or, her own, :mod:`assistant.pipeline.own_life`), not
the clock; the year now, or counted from now, stays the clock's.

The probe is a development set now: every row must stay right; its first run is in the file's header.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from assistant.tools.router import route

PROBE = Path(__file__).with_name("history_year_probe.tsv")


def tsv_rows(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def decide(text: str) -> str:
    call = route(text)
    return "-" if call is None else call.name


def test_the_probe_has_both_outcomes_in_both_languages() -> None:
    rows = tsv_rows(PROBE)
    assert len(rows) >= 30 and set(Counter(expected for expected, *_ in rows)) == {"clock", "-"}
    assert sum(language == "en" for _, language, _ in rows) >= 6


@pytest.mark.parametrize(("expected", "language", "text"), tsv_rows(PROBE))
def test_each_row_is_decided_as_expected(expected: str, language: str, text: str) -> None:
    assert decide(text) == expected
