"""Probe 14 of discovery 10 (papers_probe.tsv), written before the "papers" topic of
assistant/pipeline/unknowable_local.py (pure logic): where a card or certificate is made, renewed or replaced,
a yearly check done, and what to bring, asked of :func:`assistant.pipeline.unknowable.topic_of`, must be
"papers"; a row marked "-" any other topic or none. The probe is a development set now: every row must stay
right; its first run is in the file's header."""

from __future__ import annotations

from pathlib import Path

import pytest
from probe_rows import tsv_rows

from assistant.pipeline import unknowable

PROBE = Path(__file__).with_name("papers_probe.tsv")


def decide(text: str) -> str:
    return "papers" if unknowable.topic_of(text) == "papers" else "-"


def test_the_probe_has_both_outcomes_in_both_languages() -> None:
    rows = tsv_rows(PROBE)
    assert len(rows) >= 30 and {expected for expected, *_ in rows} == {"papers", "-"}
    assert {language for _, language, _ in rows} == {"zh", "en"}


def test_every_row_is_decided_as_expected() -> None:
    wrong = [(expected, got, text) for expected, _, text in tsv_rows(PROBE)
             if (got := decide(text)) != expected]
    assert wrong == []


@pytest.mark.parametrize(("text", "language"), [("户口本丢了怎么办？", "zh"),
                                              ("Where do I renew my ID card?", "en")])
def test_the_answer_names_who_to_ask_and_no_made_up_list(text: str, language: str) -> None:
    said = unknowable.honest_reply(text, language)
    assert said is not None and any(w in said for w in ("一二三四五", "12345"))
    assert not any(w in said for w in ("一寸", "照片", "photo"))


def test_an_amount_stays_a_benefit() -> None:
    assert unknowable.topic_of("办了老年证，每个月补贴多少钱？") == "benefit"
