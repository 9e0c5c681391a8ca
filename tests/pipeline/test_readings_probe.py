"""The first readings probe (readings_probe.tsv): home readings told in spoken Chinese and English, and
words with a number or a measuring word that are no reading, written before assistant/pipeline/
readings.py existed (pure logic).

The probe is a development set now: every row must stay right. The first run is in the file's header.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from probe_rows import tsv_rows

from assistant.pipeline.care_tail import care_tail
from assistant.pipeline.readings import advice

PROBE = Path(__file__).with_name("readings_probe.tsv")


def rows() -> list[tuple[str, str, str]]:
    return [(expected, language, text) for expected, language, text in tsv_rows(PROBE)]


def test_the_probe_has_every_kind_and_negatives_in_both_languages() -> None:
    counts = Counter(expected.split(":")[0] for expected, _, _ in rows())
    assert set(counts) == {"bp", "glucose", "temperature", "pulse", "oxygen", "-"}
    assert counts["-"] >= 15 and sum(counts.values()) - counts["-"] >= 35
    assert {language for _, language, _ in rows()} == {"zh", "en"}


@pytest.mark.parametrize(("expected", "language", "text"), rows())
def test_each_probe_row(expected: str, language: str, text: str) -> None:
    found = advice(text, language)
    if expected == "-":
        assert found is None, found
        return
    assert found is not None, text
    kind, said = found
    assert kind == expected.replace(":", "."), said
    says_120 = ("120" in said) if language == "en" else ("一二零" in said)
    if kind.endswith(".danger"):
        assert says_120 and ("family" in said if language == "en" else "家人" in said), said
    if kind.endswith(".ok"):
        assert not says_120, said
    assert care_tail(text, said) == ""  # it already points to the family, a doctor or 120
