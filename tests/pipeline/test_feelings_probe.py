"""The feelings probe (feelings_probe.tsv): stated feelings in colloquial, dialect and misheard wording,
and hard negatives, written before the rules of assistant/pipeline/feelings.py were read (pure logic).

Each row runs the way a session gives it to :func:`assistant.pipeline.feelings.comfort`: through
:func:`assistant.pipeline.hearing.review` first (Traditional characters read as Simplified, a homophone
of a feeling word read as the word). The probe is a development set now: every row must stay right.
The first run (30 of 61 feelings, 7 of 45 negatives taken) is in the file's header.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from probe_rows import tsv_rows

from assistant.pipeline.feelings import comfort
from assistant.pipeline.hearing import review

PROBE = Path(__file__).with_name("feelings_probe.tsv")
KINDS = {"lonely", "miss", "bored", "sad", "sleep", "grief"}


def rows() -> list[tuple[str, str, str]]:
    return [(expected, language, text) for expected, language, text in tsv_rows(PROBE)]


def taken(text: str, language: str) -> str:
    """The kind of feeling comforted, or "-" when the words go on to the tools and the LLM."""
    heard = review(text, language=language)
    found = comfort(text if heard.ask else heard.text, language)
    return found[0] if found else "-"


def test_the_probe_has_every_kind_and_its_negatives() -> None:
    found = rows()
    counts = Counter(expected.split("|")[0] for expected, _, _ in found)
    assert len(found) == 106 and set(counts) == {*KINDS, "-"} and counts["-"] == 45
    assert sum(1 for _, language, _ in found if language == "en") == 15
    assert all(set(expected.split("|")) <= KINDS for expected, _, _ in found if expected != "-")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_row_is_taken_as_expected(language: str) -> None:
    wrong = [(expected, got, text) for expected, lang, text in rows()
             if lang == language and (got := taken(text, lang)) not in expected.split("|")]
    assert wrong == []
