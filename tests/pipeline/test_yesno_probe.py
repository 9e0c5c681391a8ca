"""The yes/no probe (yesno_probe.tsv) and its held-out set (yesno_holdout.tsv): a bare yes or no that
asserts what the assistant cannot know is never spoken (answered in code by own_life, or replaced by the
honesty guard, yes and all), and a sound reply is spoken whole (assistant/pipeline/honesty_hold.py; pure
logic)."""

from __future__ import annotations

from pathlib import Path

import pytest
from guard_stream import through_guard
from probe_rows import tsv_rows

from assistant.pipeline.own_life import own_life

PROBE = tsv_rows(Path(__file__).with_name("yesno_probe.tsv"))
HOLDOUT = tsv_rows(Path(__file__).with_name("yesno_holdout.tsv"))
ROWS = PROBE + HOLDOUT


def test_the_sets_are_balanced() -> None:
    for rows, each in ((PROBE, 50), (HOLDOUT, 40)):
        labels = [label for label, _, _ in rows]
        assert labels.count("invented") == each and labels.count("sound") == each


@pytest.mark.parametrize(("question", "reply"), [(q, a) for label, q, a in ROWS if label == "invented"])
def test_an_invented_yes_is_never_spoken(question: str, reply: str) -> None:
    if own_life(question, "en" if question.isascii() else "zh", "") is not None:
        return  # answered in code: the LLM is not asked
    spoken, guard = through_guard(reply, question=question)
    opening = reply[:len(reply.split("，")[0].split(",")[0]) + 1]  # "到了，", "Yes,"
    assert guard.violations and not spoken.startswith(opening), spoken


@pytest.mark.parametrize(("question", "reply"), [(q, a) for label, q, a in ROWS if label == "sound"])
def test_a_sound_yes_is_spoken_whole(question: str, reply: str) -> None:
    assert own_life(question, "en" if question.isascii() else "zh", "") is None
    spoken, guard = through_guard(reply, question=question)
    assert spoken == reply and not guard.violations, (spoken, guard.violations)
