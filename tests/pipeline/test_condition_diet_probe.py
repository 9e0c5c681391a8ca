"""Probe 37 (condition_diet_probe.tsv), written before assistant/pipeline/condition_diet.py (pure logic).
Each row runs through the answers in code in a session's order (:mod:`assistant.pipeline.safe_answers`):
a food asked of with a condition named must be answered by condition_diet with that condition; a recipe or
a food question naming no condition by none of them; a condition with no food or a medicine question by
anything but condition_diet; an emergency is found before the text turn. The probe is a development set
now: every row must stay right; its first run is in the file's header."""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from pathlib import Path

import pytest
from probe_rows import safe_outcome, tsv_rows

from assistant.care.emergency import detect_emergency
from assistant.llm.base import ChatMessage, ChatRequest
from assistant.pipeline import condition_diet
from assistant.pipeline.tooling import plan_text_turn

PROBE = Path(__file__).with_name("condition_diet_probe.tsv")
CONDITIONS = {"sugar", "pressure", "gout", "lipids", "kidney", "stomach"}
KINDS = CONDITIONS | {"-", "other", "emergency"}
# what no answer may say: that a food lowers or cures the condition
LOWERS = re.compile(r"降[糖压脂]|降血|缓解|治|\b(?:lowers?|cures?|relieves?|helps? with)\b", re.I)


def decide(text: str, language: str) -> str:
    """The condition answered, "-" when no rule answers, or the other rule that took it."""
    return safe_outcome(text, language, "condition_diet")[0]


def test_the_probe_has_every_kind_in_both_languages() -> None:
    rows = tsv_rows(PROBE)
    counts = Counter(expected for expected, *_ in rows)
    assert len(rows) >= 40 and set(counts) == KINDS
    assert sum(counts[kind] for kind in CONDITIONS) >= 30 and counts["-"] + counts["other"] >= 12
    assert {language for expected, language, _ in rows if expected in CONDITIONS} == {"zh", "en"}


@pytest.mark.parametrize(("expected", "language", "text"), tsv_rows(PROBE))
def test_every_row_is_answered_as_expected(expected: str, language: str, text: str) -> None:
    if expected == "emergency":  # found first, before the text turn (pipeline/emergency.py)
        assert detect_emergency(text) is not None, text
    elif expected == "other":
        assert decide(text, language) not in CONDITIONS, text
    else:
        assert decide(text, language) == expected, text


@pytest.mark.parametrize(("expected", "language", "text"),
                         [row for row in tsv_rows(PROBE) if row[0] in CONDITIONS])
def test_every_answer_is_short_advice_that_ends_with_her_doctor(expected: str, language: str,
                                                                text: str) -> None:
    found = condition_diet.advice(text, language)
    assert found is not None and found[0] == expected
    said = found[1]
    assert not LOWERS.search(said), said
    if language == "en":
        assert said.isascii() and "doctor" in said, said
    else:
        assert re.search(r"[\u4e00-\u9fff]", said) and "医生" in said, said
        assert said.count("。") + said.count("；") <= 6 and len(said) <= 140, said  # short and spoken
    assert said.count("医生") + said.lower().count("doctor") == 1, said  # said once, not twice


ANSWERS = [("我血糖有点高，能吃西瓜吗？", ("少", "两顿饭中间", "测")), ("痛风能喝啤酒吗", ("别喝",)),
           ("高血压的人能吃咸菜吗", ("少吃", "盐")), ("胆固醇高，鸡蛋黄还能吃吗", ("一天一个",)),
           ("我有糖尿病，早上喝粥行不行", ("小半碗",)), ("肾不好能多吃豆腐吗", ("别多吃", "化验")),
           ("高血压能吃鸡蛋吗？", ("鸡蛋可以吃", "少盐")),  # a food with no line of its own: in moderation
           ("痛风能吃鸡蛋吗", ("鸡蛋可以吃",)),  # 鸡蛋 is no 鸡 (meat)
           ("我血糖高，医生让我少吃甜的，那水果能吃吗", ("一个拳头",)),  # the food of the clause that asks
           ("老胃病能吃粽子吗", ("糯米",)), ("痛风能吃咸鸭蛋吗", ("盐多",)),
           ("I have diabetes, can I eat bananas?", ("small amounts", "between meals"))]


@pytest.mark.parametrize(("text", "words"), ANSWERS)
def test_the_answer_says_what_to_do(text: str, words: tuple[str, ...]) -> None:
    found = condition_diet.advice(text, "en" if text.isascii() else "zh")
    assert found is not None and all(word in found[1] for word in words), found


NOT_HERE = ["吃西瓜会让血糖高吗？", "血糖才三点一，能吃块糖吗？", "我有点低血糖，能吃糖吗",
            "吃苦瓜能降血糖吗？", "我血糖高，吃药的时候能吃柚子吗", "开窗通风能吃饭吗",
            "血压一百六，能喝酒吗", "高血压的人吃什么菜好，怎么做？", "我有糖尿病，饿得发慌，能吃块饼干吗",
            "我血糖高，现在头晕眼花，能喝点糖水吗", "我胃疼，能喝牛奶吗"]


@pytest.mark.parametrize("text", NOT_HERE)
def test_what_is_not_this_module_s_is_left_alone(text: str) -> None:
    """No condition she has (an effect asked, an open window), low sugar or a reading (readings'), a
    food said to lower it (remedies'), a medicine (dose_safety's), a recipe (the LLM's), a sign felt now
    (shaky with hunger may be low sugar, when sugar is what helps)."""
    assert condition_diet.advice(text, "zh") is None


def test_a_sign_felt_now_is_not_answered_with_a_diet_in_english_either() -> None:
    text = "I have diabetes and I feel shaky and sweaty, can I eat some candy?"
    assert condition_diet.advice(text, "en") is None


async def _request(text: str, language: str) -> ChatRequest:
    return ChatRequest(messages=[ChatMessage(role="user", content=text)])


def test_a_session_answers_in_code_even_when_the_condition_was_misheard() -> None:
    """"血唐" and "通风" as Whisper wrote them: the session's turn answers, the LLM is never asked."""
    for text, condition in (("血唐偏高，能吃西瓜吗", "sugar"), ("通风能喝啤酒吗", "gout")):
        extra: dict[str, object] = {}
        plan = asyncio.run(plan_text_turn(None, text, language="zh", reply_id=1, speed=1.0, extra=extra,
                                          committed=None, remote=False, request=_request))
        assert extra["condition_diet"] == condition and "医生" in (plan.fixed_text or ""), (text, extra)


if __name__ == "__main__":
    for expected, language, text in tsv_rows(PROBE):
        got = decide(text, language)
        print(("ok  " if got == expected else "MISS"), f"{expected:>9} {got:>9}  {text}")
