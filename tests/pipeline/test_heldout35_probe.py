"""Held-out set 35's probe (heldout35_probe.tsv; its blind questions are
tests/eval/heldout/chat_reminders_35.toml): a "叫我" told by someone else or asking to be taught is no
reminder, a reminder listing asked in the English singular (:mod:`assistant.tools.router`,
:mod:`assistant.tools.reminder_words`), a quarter written as a digit ("6点3刻", :mod:`assistant.tools.when`),
a 歇后语's second half and the birthday song (:mod:`assistant.pipeline.recitals`), and a piece's name
Whisper wrote with the wrong characters (``domain_words.txt``, :mod:`assistant.pipeline.hearing`). Pure
logic.

The probe is a development set now: every row must stay right.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from probe_rows import tsv_rows

from assistant.pipeline import recitals
from assistant.pipeline.hearing import review
from assistant.tools.router import route
from assistant.tools.when import When, parse_when

PROBE = Path(__file__).with_name("heldout35_probe.tsv")
NOW = datetime(2026, 12, 2, 10, 0)


def decide(kind: str, text: str, language: str) -> str:
    """What the rule under test makes of ``text``, written as the probe's expected column."""
    if kind == "route":
        call = route(text)
        return "route:-" if call is None else f"route:{call.name}:{call.args.get('action', '')}"
    if kind == "at":
        when = parse_when(text, NOW)
        return f"at:{when.due:%H:%M}" if isinstance(when, When) else f"at:{when!r}"
    if kind == "recital":
        told = recitals.recital(text, language)
        return f"recital:{told[0] if told else '-'}"
    heard = review(text, language=language).text
    return "heard:=" if heard == text else f"heard:{heard}"


def test_the_probe_has_every_kind_and_sound_rows() -> None:
    counts = Counter(expected.split(":")[0] for expected, *_ in tsv_rows(PROBE))
    assert set(counts) == {"route", "at", "recital", "heard"}
    sound = [row for row in tsv_rows(PROBE) if row[0] in {"route:-", "recital:-", "heard:="}]
    assert len(sound) >= 12 and sum(language == "en" for _, language, _ in tsv_rows(PROBE)) >= 6


@pytest.mark.parametrize(("expected", "language", "text"), tsv_rows(PROBE))
def test_each_row_is_decided_as_expected(expected: str, language: str, text: str) -> None:
    assert decide(expected.split(":")[0], text, language) == expected


def test_the_second_half_of_a_saying_is_told_with_its_first() -> None:
    told = recitals.recital("猪八戒照镜子，后半句是啥？", "zh")
    assert told is not None and told[1].startswith("猪八戒照镜子——里外不是人")
