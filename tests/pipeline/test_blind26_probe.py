"""The twenty-sixth stop's blind probes (``blind26_probe.tsv``): what the rules in code make of each row.

Found by typing 80 new questions to the shipped 1.5B through the real server: a pension per day was
answered with the benefits' "我说不准", a supply's days and a unit price paid bare got "我不知道您的处方"
and "价格我查不到", "every morning at 8" was saved as "every today at 8:00 p.m.", a caller who "needs my
PIN" got "Could you please provide your PIN?", 头孢 and drink got "每种药不一样", "下礼拜会不会冷空气来"
got a made-up "可能会", "这个月的第三个星期天" got the day after tomorrow, "我说的话会被录下来吗" was asked
back, dark before the eyes on standing up got the one-eye answer, and a husband awake again after a faint
got "看看他还有没有呼吸". Pure logic.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from probe_rows import tsv_rows

from assistant.care.emergency import detect_emergency
from assistant.care.emergency_first import first_words
from assistant.knowledge.facts import find_facts
from assistant.pipeline import doctor_signs, dose_safety, feelings, home_safety, scam, selfhelp
from assistant.pipeline.honesty_code import code_claim
from assistant.pipeline.honesty_parrot import parrots
from assistant.pipeline.remedies import remedy_question
from assistant.pipeline.unknowable import topic_of
from assistant.tools.base import ToolContext
from assistant.tools.calculator import evaluate, to_expression, unit_conversion
from assistant.tools.clock import ClockTool
from assistant.tools.registry import check_arguments
from assistant.tools.router import route
from assistant.tools.when import When, parse_when

PROBE = Path(__file__).with_name("blind26_probe.tsv")
NOW = datetime(2026, 12, 4, 13, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _clock(text: str, language: str) -> str:
    call = route(text)
    if call is None or call.name != "clock":
        return f"not the clock: {call}"
    clock = ClockTool()
    args = check_arguments(clock.spec.parameters, call.args)
    return asyncio.run(clock.run(args, ToolContext(user_key="1", now=NOW, language=language))).text


def decide(expected: str, text: str, language: str, answer: str = "") -> bool:
    """Whether the rule under test makes of ``text`` what the row expects (``answer``: the model's, for
    "parrot" rows)."""
    kind, _, want = expected.partition(":")
    if kind == "parrot":
        return parrots(answer, text, sides=True) == (want == "yes")
    if kind == "fact":
        return ([fact.id for fact in find_facts(text)] or ["-"])[0] == want
    if kind == "code":
        return code_claim(answer, text) == (want == "yes")
    if kind == "home":
        return ((found[0] if (found := home_safety.advice(text, language)) else None) or "-") == want
    if kind == "remedy":
        return ((found[0] if (found := remedy_question(text)) else None) or "-") == want
    if kind == "feel":
        return (feelings.feeling(text) or "-") == want
    if kind == "calc" and (converted := unit_conversion(text)) is not None:
        return abs(float(converted.value) - float(want)) < 0.001
    if kind == "emergency":
        return ((found.kind if (found := detect_emergency(text)) else None) or "-") == want
    if kind == "local":
        return (topic_of(text) or "-") == want
    if kind == "calc":
        expression = to_expression(text)
        got = "-" if expression is None else f"{float(evaluate(expression)):g}"
        return got == want if want == "-" or got == "-" else abs(float(got) - float(want)) < 0.001
    if kind == "when":
        parsed = parse_when(text, NOW)
        return isinstance(parsed, When) and f"{parsed.repeat} {parsed.due:%H:%M}" == want
    if kind == "scam":
        return (scam.fraud(text) or "-") == want
    if kind == "dose":
        found = dose_safety.dose_question(text)
        return (found[1] if found else "-") == want
    if kind == "route":
        call = route(text)
        return (call.name if call else "-") == want
    if kind == "clock":
        return _clock(text, language).startswith(want)
    if kind == "selfhelp":
        return (selfhelp.topic(text) or "-") == want
    if kind == "sign":
        found = doctor_signs.advice(text, language)
        return (found[0] if found else "-") == want
    emergency = detect_emergency(text)
    assert emergency is not None, text
    words = first_words(emergency.kind, text, language, phrase=emergency.phrase) or ""
    return words.startswith(want)


def test_the_probe_has_every_kind_and_sound_rows() -> None:
    rows = tsv_rows(PROBE)
    kinds = Counter(expected.split(":")[0] for expected, *_ in rows)
    assert set(kinds) == {"calc", "when", "scam", "dose", "route", "clock", "selfhelp", "sign", "first",
                          "feel", "parrot", "fact", "emergency", "local", "code", "remedy", "home"}
    assert len([row for row in rows if row[0].endswith(":-")]) >= 10


@pytest.mark.parametrize("row", tsv_rows(PROBE), ids=lambda row: row[2])
def test_each_row_is_decided_as_expected(row: list[str]) -> None:
    expected, language, text, *answer = row
    assert decide(expected, text, language, *answer), expected


@pytest.mark.parametrize(("said", "answer"), [
    ("一瓶药六十粒，一天吃三粒，能吃几天？", "能吃二十天。"),
    ("一袋米五十斤，一天吃一斤半，能吃多少天", "能吃三十三天多。"),
    ("一个月两千八的退休金，一天能花多少？", "约等于九十三块三毛三分。"),
    ("买了两斤排骨花了七十六，一斤多少钱？", "等于三十八块。"),
])
def test_a_supply_is_counted_in_days_and_a_pension_in_money(said: str, answer: str) -> None:
    from assistant.tools.calculator import CalculatorTool

    result = asyncio.run(CalculatorTool().run({"expression": said},
                                              ToolContext(user_key="1", now=NOW, language="zh")))
    assert result.text == answer


def test_an_answer_about_programming_is_replaced_whole() -> None:
    from guard_stream import through_guard

    said, guard = through_guard(
        "Pandas is a powerful data manipulation library in Python that allows you to work with structured "
        "data. One of the most interesting features of pandas is its ability to handle missing data.",
        question="Tell me something interesting about pandas.")
    assert said == "I'm not sure about that one, and I don't want to guess. Could you ask it another way?"
    assert [v.category for v in guard.violations] == ["code"]


def test_one_side_of_a_question_of_her_world_is_still_the_question_said_back() -> None:
    from guard_stream import through_guard

    said, _ = through_guard("冬至是要吃饺子。", question="冬至是不是要吃饺子？")
    assert said == "冬至是要吃饺子。"
    said, guard = through_guard("孙子打电话了。", question="孙子有没有打电话？")
    assert "孙子打电话了" not in said and guard.violations
