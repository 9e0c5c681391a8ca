"""The home-safety probe (home_safety_probe.tsv), written before assistant/pipeline/home_safety.py, and
a held-out set written after its first rules (home_safety_holdout.tsv; pure logic).

Each row runs through the order a session takes: an emergency first (its answer always wins), then
:func:`assistant.pipeline.home_safety.advice`, whose topic is counted by its group ("electric", "gas",
"heat", "fall"; "-": left alone). Both files are development sets now: every row must stay right. The
first runs (probe: 23 of 61 before the module; held out: 25 of 37, the fair figure for new wording) are
in the files' headers.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from probe_rows import tsv_rows

from assistant.care.emergency import detect_emergency
from assistant.pipeline.home_safety import GROUP, advice

PROBE = Path(__file__).with_name("home_safety_probe.tsv")
HOLDOUT = Path(__file__).with_name("home_safety_holdout.tsv")
KINDS = {"electric", "gas", "heat", "fall", "-", "emergency"}


def rows(path: Path = PROBE) -> list[tuple[str, str, str]]:
    return [(expected, language, text) for expected, language, text in tsv_rows(path)]


def decide(text: str, language: str) -> str:
    """A group of hazards, "-" (left alone) or "emergency"."""
    if detect_emergency(text) is not None:
        return "emergency"
    found = advice(text, language)
    return "-" if found is None else GROUP[found[0]]


@pytest.mark.parametrize(("path", "least"), [(PROBE, 50), (HOLDOUT, 35)], ids=["probe", "holdout"])
def test_each_file_has_every_kind_in_both_languages(path: Path, least: int) -> None:
    found = rows(path)
    counts = Counter(expected for expected, *_ in found)
    assert len(found) >= least and set(counts) == KINDS
    assert {language for _, language, _ in found} == {"zh", "en"}


@pytest.mark.parametrize("path", [PROBE, HOLDOUT], ids=["probe", "holdout"])
def test_every_row_is_decided_as_expected(path: Path) -> None:
    wrong = [(expected, got, text) for expected, language, text in rows(path)
             if (got := decide(text, language)) != expected]
    assert wrong == []


if __name__ == "__main__":
    for expected, language, text in rows(PROBE) + rows(HOLDOUT):
        got = decide(text, language)
        print(("ok  " if got == expected else "MISS"), f"{expected:>9} {got:>9}  {text}")
