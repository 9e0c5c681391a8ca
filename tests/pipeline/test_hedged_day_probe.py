"""Probe 15 of discovery 10 (hedged_day_probe.tsv), written before the rule it tests was read: a sentence
that names the day or hour her family will come, when nothing was told, is a made-up fact of her own life
for :func:`assistant.pipeline.honesty_personal.personal_claim` ("visit") even with "可能" or "maybe" before
it; a sentence that names none, or says it does not know, is not. The probe is a development set now: every
row must stay right; its first run is in the file's header. Pure logic."""

from __future__ import annotations

from pathlib import Path

from probe_rows import tsv_rows

from assistant.pipeline.honesty_personal import personal_claim

PROBE = Path(__file__).with_name("hedged_day_probe.tsv")


def decide(question: str, said: str) -> str:
    return "visit" if personal_claim(said, question, "") == "visit" else "-"


def test_the_probe_has_both_outcomes_in_both_languages() -> None:
    rows = tsv_rows(PROBE)
    assert len(rows) >= 30 and {expected for expected, *_ in rows} == {"visit", "-"}
    assert {language for _, language, *_ in rows} == {"zh", "en"}


def test_every_row_is_decided_as_expected() -> None:
    wrong = [(expected, got, said) for expected, _, question, said in tsv_rows(PROBE)
             if (got := decide(question, said)) != expected]
    assert wrong == []


def test_a_day_she_told_is_said_back() -> None:
    assert personal_claim("她可能周末回来。", "我女儿什么时候回来？", "女儿说她周末回来") is None
