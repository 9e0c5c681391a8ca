"""Discovery 12's probe 2 (discovery12_probe_2.tsv), written after its first run had answered
"退休了手里有点闲钱，买黄金好还是存定期好？" with "买黄金好。" and before the rules it tests (pure
logic): a choice of where to put her savings is a money decision (:mod:`assistant.pipeline.money_safety`);
a request for a story, a song, a joke or a poem told with a feeling is served, not comforted
(:mod:`assistant.pipeline.feelings`).

The probe is a development set now: every row must stay right; its first run is in the file's header.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from probe_rows import safe_outcome, tsv_rows

from assistant.pipeline import feelings

PROBE = Path(__file__).with_name("discovery12_probe_2.tsv")


def decide(text: str, language: str) -> str:
    found, _ = safe_outcome(text, language, "money_safety")
    if found != "-":
        return found if ":" in found else "money"
    return "feeling" if feelings.comfort(text, language) is not None else "-"


def test_the_probe_has_every_outcome_in_both_languages() -> None:
    rows = tsv_rows(PROBE)
    assert len(rows) >= 15 and set(Counter(expected for expected, *_ in rows)) == {"money", "feeling", "-"}
    assert sum(language == "en" for _, language, _ in rows) >= 5


@pytest.mark.parametrize(("expected", "language", "text"), tsv_rows(PROBE))
def test_each_row_is_decided_as_expected(expected: str, language: str, text: str) -> None:
    assert decide(text, language) == expected
