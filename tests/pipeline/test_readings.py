"""A reading she took at home (assistant/pipeline/readings.py): parsed from spoken numerals, judged by
the published ranges, answered in code; a reminder to measure still reaches the reminder tool."""

from __future__ import annotations

import asyncio

import pytest

from assistant.care.emergency import EmergencyAdvice
from assistant.llm.base import ChatMessage, ChatRequest
from assistant.pipeline.readings import Reading, advice, read
from assistant.pipeline.tooling import plan_text_turn
from assistant.tools.router import route

PARSED = [
    ("血压一百六", Reading("bp", 160)),
    ("血压一百六十五，九十八", Reading("bp", 165, 98)),
    ("高压160低压100", Reading("bp", 160, 100)),
    ("血压一百六和九十五", Reading("bp", 160, 95)),
    ("血压两百一", Reading("bp", 210)),
    ("低压一百零二", Reading("bp", None, 102)),
    ("blood pressure 150/90", Reading("bp", 150, 90)),
    ("血糖空腹八点二", Reading("glucose", 8.2, when="fasting")),
    ("饭后两小时血糖七点一", Reading("glucose", 7.1, when="after")),
    ("my sugar was 180", Reading("glucose", 180, per_dl=True)),
    ("体温三十八度五", Reading("temperature", 38.5)),
    ("体温38度5", Reading("temperature", 38.5)),
    ("my temperature is 101", Reading("temperature", 38.3)),
    ("心跳一分钟一百二", Reading("pulse", 120)),
    ("血氧饱和度百分之九十三", Reading("oxygen", 93)),
    ("SpO2 is 91", Reading("oxygen", 91)),
    ("血压一百五六", Reading("bp", 160)),  # two told together: the one farther from the usual range
    ("高压一百六七，低压九十多", Reading("bp", 170, 90)),
    ("血氧九十四五", Reading("oxygen", 94)),
]


@pytest.mark.parametrize(("said", "reading"), PARSED)
def test_a_spoken_reading_is_parsed(said: str, reading: Reading) -> None:
    assert read(said) == reading


@pytest.mark.parametrize("said", [
    "血糖高，医生让我每天走一万步", "血压高了二十多年", "医生说血压要控制在一百三以下",
    "正常血压一般在140/90以下",
    "水烧到一百度就开了", "I put 2 spoons of sugar in my tea", "the oxygen tank is at 50 percent",
    "what should my blood pressure be at 80", "血压三点量", "高压锅用了二十年",
])
def test_numbers_that_are_no_reading_are_left_alone(said: str) -> None:
    assert read(said) is None


def test_the_usual_range_and_a_danger_sign() -> None:
    assert advice("血压一百三，没有头疼", "zh") == advice("血压一百三", "zh")  # a sign denied is none
    assert advice("血压一百八十五，一百一十", "zh")[0] == "bp.very_high"  # type: ignore[index]
    assert advice("血压一百八十五，一百一十，头疼", "zh")[0] == "bp.danger"  # type: ignore[index]
    low = advice("血糖才三点一", "zh")
    assert low is not None and low[0] == "glucose.danger" and "糖" in low[1] and "一二零" in low[1]
    english = advice("my blood sugar is 60", "en")  # mg/dL
    assert english is not None and english[0] == "glucose.danger" and "sugary" in english[1]
    told = advice("血氧八十五", "zh", number="112")
    assert told is not None and "一一二" in told[1] and "一二零" not in told[1]


@pytest.mark.parametrize("said", ["血压一百六十五，九十八", "my blood pressure is 170 over 100",
                                  "血糖才三点一"])
def test_no_answer_names_a_dose_or_a_disease(said: str) -> None:
    found = advice(said, "en" if said.isascii() else "zh")
    assert found is not None
    for word in ("毫克", "mg", "高血压", "糖尿病", "hypertension", "diabetes", "这是正常的"):
        assert word not in found[1]


def _plan(said: str, extra: dict[str, object], advice_: EmergencyAdvice | None = None) -> str | None:
    async def request(text: str, language: str) -> ChatRequest:
        return ChatRequest(messages=[ChatMessage(role="user", content=text)])

    plan = asyncio.run(plan_text_turn(None, said, language="zh", reply_id=1, speed=1.0, extra=extra,
                                      committed=None, remote=False, request=request, advice=advice_))
    return plan.fixed_text


def test_a_text_turn_answers_a_reading_in_code() -> None:
    extra: dict[str, object] = {}
    said = _plan("我血压一百六十五，九十八，要紧吗", extra)
    assert extra["reading"] == "bp.high" and said is not None and "一百六十五" in said
    extra = {}
    said = _plan("血氧八十五", extra, EmergencyAdvice(number="112"))
    assert extra["reading"] == "oxygen.danger" and said is not None and "一一二" in said


@pytest.mark.parametrize("said", ["每天早上七点提醒我量血压", "提醒我晚上九点测血糖"])
def test_a_reminder_to_measure_reaches_the_reminder_tool(said: str) -> None:
    extra: dict[str, object] = {}
    _plan(said, extra)
    assert "reading" not in extra
    call = route(said)
    assert call is not None and call.name == "reminders"
