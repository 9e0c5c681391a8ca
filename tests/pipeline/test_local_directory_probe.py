"""The local-directory probe (local_directory_probe.tsv), written before the rules of
assistant/pipeline/unknowable_local.py (pure logic): a local service's number, where it is, which bus goes
there and what a local benefit pays are asked of :func:`assistant.pipeline.unknowable.topic_of`, whose topic
must be the row's kind; a row marked "-" must get no topic at all. The probe is a development set now:
every row must stay right; its first run is in the file's header."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from probe_rows import tsv_rows

from assistant.pipeline import unknowable

PROBE = Path(__file__).with_name("local_directory_probe.tsv")
KINDS = {"contact", "place", "route", "benefit", "phone", "-"}


def decide(text: str) -> str:
    return unknowable.topic_of(text) or "-"


def test_the_probe_has_every_kind_in_both_languages() -> None:
    rows = tsv_rows(PROBE)
    assert len(rows) >= 40 and set(Counter(expected for expected, *_ in rows)) == KINDS
    assert {language for _, language, _ in rows} == {"zh", "en"}


def test_every_row_is_decided_as_expected() -> None:
    wrong = [(expected, got, text) for expected, _, text in tsv_rows(PROBE)
             if (got := decide(text)) != expected]
    assert wrong == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_each_kind_has_an_honest_answer_that_names_where_to_ask(language: str) -> None:
    for expected, row_language, text in tsv_rows(PROBE):
        if expected != "-" and row_language == language:
            said = unknowable.honest_reply(text, language)
            assert said is not None and not any(ch.isdigit() for ch in said.replace("12345", "")), said


if __name__ == "__main__":
    for expected, _, text in tsv_rows(PROBE):
        got = decide(text)
        print(("ok  " if got == expected else "MISS"), f"{expected:>8} {got:>8}  {text}")
