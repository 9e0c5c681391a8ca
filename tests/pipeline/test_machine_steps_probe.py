"""Discovery 12's third probe (machine_steps_probe.tsv), written after its first run had answered "医院的
自助机怎么挂号？" with buttons it made up and before the rules it tests (pure logic): the steps on a public
machine she stands at (a hospital's kiosk, a cash or ticket machine) are a topic of
:mod:`assistant.pipeline.unknowable` (:mod:`assistant.pipeline.unknowable_phone`: "machine"); a swallowed
card, which is quicker, what a machine is and housework machines go on as before.

The probe is a development set now: every row must stay right; its first run is in the file's header.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from probe_rows import tsv_rows

from assistant.pipeline import unknowable

PROBE = Path(__file__).with_name("machine_steps_probe.tsv")


def decide(text: str) -> str:
    """"machine", or "-" for anything else: a card the machine kept is its own topic ("card_kept", discovery
    13), answered in code too, but not with a machine's steps."""
    found = unknowable.topic_of(text)
    return "machine" if found == "machine" else "-"


def test_the_probe_has_both_outcomes_in_both_languages() -> None:
    rows = tsv_rows(PROBE)
    assert len(rows) >= 20 and set(Counter(expected for expected, *_ in rows)) == {"machine", "-"}
    assert sum(language == "en" for _, language, _ in rows) >= 5


@pytest.mark.parametrize(("expected", "language", "text"), tsv_rows(PROBE))
def test_each_row_is_decided_as_expected(expected: str, language: str, text: str) -> None:
    assert decide(text) == expected


@pytest.mark.parametrize(("text", "language"), [("医院的自助机怎么挂号？", "zh"),
                                                ("How do I use the ATM at the bank?", "en")])
def test_the_answer_names_no_step_and_who_can_help(text: str, language: str) -> None:
    said = unknowable.honest_reply(text, language)
    assert said is not None
    words = ("工作人员", "看不到") if language == "zh" else ("staff", "can't see")
    assert all(word in said for word in words), said
