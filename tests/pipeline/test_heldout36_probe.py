"""Held-out set 36's probe (heldout36_probe.tsv; its blind questions are tests/eval/heldout/mixed_36.toml):
a time of day is no city and a known city named first is one (:mod:`assistant.tools.router`,
:mod:`assistant.tools.city_names`), the date asked with 几日 and an age asked of a birth year
(:mod:`assistant.tools.zodiac`), notes handed over and a dose course with 一共
(:mod:`assistant.tools.calc_words`), what a relative is busy with now (:mod:`assistant.pipeline.own_life`),
a free check-up that ends in a sale (:mod:`assistant.pipeline.scam`), a thing of the house doing what only
a living thing does (:mod:`assistant.pipeline.false_premise`), whether this month's pension has come
(:mod:`assistant.pipeline.unknowable`), "cold" heard as "called" in English, and festivals, birthday
wishes and household machines Whisper wrote in other characters (``domain_words.txt``). Pure logic.

The probe is a development set now: every row must stay right.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from probe_rows import tsv_rows

from assistant.pipeline import false_premise, own_life, scam, unknowable
from assistant.pipeline.hearing import review
from assistant.tools.base import ToolContext
from assistant.tools.calculator import evaluate, to_expression
from assistant.tools.clock import ClockTool
from assistant.tools.router import route

PROBE = Path(__file__).with_name("heldout36_probe.tsv")


def _topic(text: str, language: str) -> str:
    told = own_life.own_life(text, language, "")
    impossible = false_premise.honest_reply(text, language)
    found = told[0] if told else scam.fraud(text) or (impossible[0] if impossible else None) \
        or unknowable.topic_of(text)
    return found or "-"


def decide(kind: str, text: str, language: str) -> str:
    """What the rule under test makes of ``text``, written as the probe's expected column."""
    call = route(text)
    if kind == "city":
        assert call is not None and call.name == "weather", call
        return f"city:{call.args.get('city') or '-'}"
    if kind == "route":
        return "route:-" if call is None else f"route:{call.name}:{call.args.get('what', '')}"
    if kind == "calc":
        expression = to_expression(text)
        return "calc:-" if expression is None else f"calc:{float(evaluate(expression)):g}"
    if kind == "topic":
        return f"topic:{_topic(text, language)}"
    heard = review(text, language=language).text
    return "heard:=" if heard == text else f"heard:{heard}"


def test_the_probe_has_every_kind_and_sound_rows() -> None:
    rows = tsv_rows(PROBE)
    assert set(Counter(expected.split(":")[0] for expected, *_ in rows)) == {"city", "route", "calc", "topic",
                                                                             "heard"}
    sound = [row for row in rows if row[0] in {"city:-", "route:-", "calc:-", "topic:-", "heard:="}]
    assert len(sound) >= 20


@pytest.mark.parametrize(("expected", "language", "text"), tsv_rows(PROBE))
def test_each_row_is_decided_as_expected(expected: str, language: str, text: str) -> None:
    assert decide(expected.split(":")[0], text, language) == expected


@pytest.mark.parametrize(("language", "text", "said"), [
    ("zh", "我是一九四八年生的，今年多大岁数了？", ("78周岁", "77周岁")),
    ("en", "I was born in 1948, how old am I?", ("78 after", "77 before")),
    ("zh", "二零三零年生的孩子今年几岁？", ("算不出",)),
])
def test_the_age_is_the_clocks_year_less_the_year_said(language: str, text: str,
                                                       said: tuple[str, ...]) -> None:
    call = route(text)
    assert call is not None and call.args.get("age") is True
    ctx = ToolContext(user_key="", now=datetime(2026, 12, 2, 10, 0, tzinfo=UTC), language=language)
    answer = asyncio.run(ClockTool().run(call.args, ctx)).text
    assert all(word in answer for word in said), answer
