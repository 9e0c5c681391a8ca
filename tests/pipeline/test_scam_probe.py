"""The second scam probe (scam_probe.tsv): frauds told in colloquial words and hard negatives, written
before the rules of assistant/pipeline/scam.py were read (pure logic).

The probe is a development set now: every row must stay right. The first run (11 of 28 frauds caught,
0 of 26 negatives taken) is in the file's header.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from probe_rows import tsv_rows

from assistant.pipeline.scam import fraud, warning

PROBE = Path(__file__).with_name("scam_probe.tsv")


def rows() -> list[tuple[str, str, str]]:
    return [(expected, language, text) for expected, language, text in tsv_rows(PROBE)]


def test_the_probe_has_frauds_and_negatives_in_both_languages() -> None:
    counts = Counter((expected, language) for expected, language, _ in rows())
    assert set(counts) == {("scam", "zh"), ("scam", "en"), ("-", "zh"), ("-", "en")}
    assert counts["scam", "zh"] >= 20 and counts["-", "zh"] >= 20


@pytest.mark.parametrize(("expected", "language", "text"), rows())
def test_each_probe_row(expected: str, language: str, text: str) -> None:
    found = warning(text, language)
    if expected == "-":
        assert fraud(text) is None and found is None
    else:
        assert found is not None, text
        assert ("scam" in found[1] or "door" in found[1]) if language == "en" else "幺幺零" in found[1]
