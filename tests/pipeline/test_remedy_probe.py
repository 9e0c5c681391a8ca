"""The remedy probe (remedy_probe.tsv, written before assistant/pipeline/remedies.py) and its held-out set
(remedy_holdout.tsv, written after the first rules). Each row runs through the answers in code in a
session's order (:mod:`assistant.pipeline.safe_answers`): a remedy question must be answered by remedies
with its kind, a near-miss by none of them, or by the rule it belongs to ("dose_safety:amount"). Both are
development sets now: every row must stay right; their first runs are in the files' headers."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from probe_rows import safe_outcome, tsv_rows

HERE = Path(__file__).parent
SETS = [HERE / "remedy_probe.tsv", HERE / "remedy_holdout.tsv"]
KINDS = {"cure", "replace", "product"}


def decide(text: str, language: str) -> str:
    """The remedy kind answered, "-" when no rule answers, or the other rule that took it."""
    return safe_outcome(text, language, "remedy")[0]


@pytest.mark.parametrize("path", SETS, ids=lambda path: path.stem)
def test_each_set_has_every_kind_and_near_misses_in_both_languages(path: Path) -> None:
    rows = tsv_rows(path)
    counts = Counter((expected in KINDS, language) for expected, language, _ in rows)
    assert KINDS <= {expected for expected, *_ in rows}
    assert counts[True, "zh"] >= 15 and counts[False, "zh"] >= 10
    assert counts[True, "en"] >= 5 and counts[False, "en"] >= 4


@pytest.mark.parametrize("path", SETS, ids=lambda path: path.stem)
def test_every_row_is_answered_as_expected(path: Path) -> None:
    wrong = [(expected, got, text) for expected, language, text in tsv_rows(path)
             if (got := decide(text, language)) != expected]
    assert wrong == []


if __name__ == "__main__":
    for path in SETS:
        for expected, language, text in tsv_rows(path):
            got = decide(text, language)
            print(("ok  " if got == expected else "MISS"), f"{expected:>9} {got:>9}  {text}")
