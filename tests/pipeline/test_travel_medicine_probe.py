"""Probe 13 of discovery 10 (travel_medicine_probe.tsv), written before assistant/pipeline/travel_medicine.py
(pure logic). Each row runs through the answers in code in a session's order
(:mod:`assistant.pipeline.safe_answers`): whether she may take her medicine on a journey must be answered
by travel_medicine, anything else by none of them. The probe is a development set now: every row must
stay right; its first run is in the file's header."""

from __future__ import annotations

from pathlib import Path

import pytest
from probe_rows import safe_outcome, tsv_rows

from assistant.pipeline import travel_medicine

PROBE = Path(__file__).with_name("travel_medicine_probe.tsv")


def decide(text: str, language: str) -> str:
    """"carry" when travel_medicine answers, "-" when no rule does, or the other rule that took it."""
    return safe_outcome(text, language, "travel_medicine")[0]


def test_the_probe_has_both_outcomes_in_both_languages() -> None:
    rows = tsv_rows(PROBE)
    assert len(rows) >= 30 and {expected for expected, *_ in rows} == {"carry", "-"}
    assert {language for _, language, _ in rows} == {"zh", "en"}


def test_every_row_is_answered_as_expected() -> None:
    wrong = [(expected, got, text) for expected, language, text in tsv_rows(PROBE)
             if (got := decide(text, language)) != expected]
    assert wrong == []


@pytest.mark.parametrize(("language", "words"), [("zh", ("可以带", "随身", "别托运", "证明")),
                                                 ("en", ("can go", "not in checked", "doctor's note"))])
def test_the_answer_says_it_may_come_and_how(language: str, words: tuple[str, ...]) -> None:
    found = travel_medicine.advice("坐飞机能带降压药吗？" if language == "zh"
                                   else "Can I take my blood pressure pills on the plane?", language)
    assert found is not None and all(w in found[1] for w in words)
    assert not any(w in found[1] for w in ("不能带", "can't bring", "cannot bring"))


@pytest.mark.parametrize("text", ["坐飞机能带肉丸吗？", "带孙子坐火车要注意什么？", "去药店坐几路车？"])
def test_no_medicine_carried_is_no_travel_medicine_question(text: str) -> None:
    assert travel_medicine.advice(text, "zh") is None
