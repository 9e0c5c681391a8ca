"""Held-out set 39's probe (heldout39_probe.tsv; its blind questions are tests/eval/heldout/everyday_39.toml):
a city bus or the metro on its way (:mod:`assistant.pipeline.unknowable`, "travel": the 1.5B said "大约还需要
5到10分钟"), one who says he is kin and wants money sent (:mod:`assistant.pipeline.scam`, "kin_money": the
1.5B said "请先给他转5000块钱"), "in" heard as "and" after a word of the weather in English
(:mod:`assistant.tools.router`), and the count of one before a discounted thing and a 满减 offer
(:mod:`assistant.tools.calc_words`). Pure logic; every row must stay right.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from probe_rows import tsv_rows

from assistant.pipeline import scam, unknowable
from assistant.tools.calculator import evaluate, to_expression
from assistant.tools.router import route

PROBE = Path(__file__).with_name("heldout39_probe.tsv")


def decide(kind: str, text: str, language: str) -> str:
    """What the rule under test makes of ``text``, written as the probe's expected column."""
    if kind == "city":
        call = route(text)
        assert call is not None and call.name == "weather", call
        return f"city:{call.args.get('city') or '-'}"
    if kind == "calc":
        expression = to_expression(text)
        return "calc:-" if expression is None else f"calc:{float(evaluate(expression)):g}"
    warned = scam.warning(text, language)
    return f"topic:{(warned[0] if warned else None) or unknowable.topic_of(text) or '-'}"


def test_the_probe_has_every_kind_and_sound_rows() -> None:
    rows = tsv_rows(PROBE)
    assert set(Counter(expected.split(":")[0] for expected, *_ in rows)) == {"city", "calc", "topic"}
    assert len([row for row in rows if row[0] in {"city:-", "topic:-"}]) >= 5


@pytest.mark.parametrize(("expected", "language", "text"), tsv_rows(PROBE))
def test_each_row_is_decided_as_expected(expected: str, language: str, text: str) -> None:
    assert decide(expected.split(":")[0], text, language) == expected


def test_the_answers_say_nothing_they_cannot_know() -> None:
    bus = unknowable.topic_of("二十三路公交车还得几分钟到？")
    assert bus == "travel"
    warned = scam.warning("微信上有人说是我孙子，让我先给他转五千块钱。", "zh")
    assert warned is not None and "别转" in warned[1]
