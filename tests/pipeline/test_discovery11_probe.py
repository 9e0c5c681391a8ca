"""Probe 16 (discovery11_probe.tsv), written after discovery 11's first run and before the rules it tests
(pure logic): money asked to lift bad luck or buy a blessing, gifts at a sales talk or trip, and a free
check at the door (the fraud warning); a device set to a level (no hands); what the assistant costs; a
grandchild's school facts (her own life); and near-misses that must reach the LLM, not the weather, the
clock or the phone's steps.

Each row runs in the order a session takes it: an emergency, the answers in code
(:mod:`assistant.pipeline.safe_answers`), the questions about the assistant and the physical requests
(:mod:`assistant.pipeline.selfhelp`), the tools, the honest "can't know" (:mod:`.unknowable`), then her own
life (:mod:`.own_life`). The probe is a development set now: every row must stay right; its first run
(13 of 53) is in the file's header.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest
from probe_rows import tsv_rows

from assistant.care.emergency import detect_emergency
from assistant.llm.prompt import format_now_zh
from assistant.pipeline import hands, safe_answers, selfhelp, unknowable
from assistant.pipeline.own_life import own_life
from assistant.pipeline.scam import warning
from assistant.tools.router import route

PROBE = Path(__file__).with_name("discovery11_probe.tsv")
KINDS = {"scam", "hands", "cost", "own", "phone", "-"}


def decide(text: str, language: str) -> str:
    """One of :data:`KINDS`, or the earlier step that took the row ("safe:remedy", "tool:weather", …)."""
    if detect_emergency(text) is not None:
        return "emergency"
    if (safe := safe_answers.answer(text, language, reminders=True)) is not None:
        return "scam" if safe[0] == "scam" else f"safe:{safe[0]}"
    if (helped := selfhelp.reply(text, language)) is not None:
        name = helped[0]
        return "hands" if name.removeprefix("hands_") in hands.KINDS else name
    if (call := route(text)) is not None:
        return f"tool:{call.name}"
    if (topic := unknowable.topic_of(text)) is not None:
        return topic if topic == "phone" else f"unknowable:{topic}"
    return "own" if own_life(text, language, "") is not None else "-"


def test_the_probe_has_every_kind_in_both_languages() -> None:
    rows = tsv_rows(PROBE)
    assert len(rows) >= 50 and set(Counter(expected for expected, *_ in rows)) == KINDS
    assert sum(language == "en" for _, language, _ in rows) >= 10


@pytest.mark.parametrize(("expected", "language", "text"), tsv_rows(PROBE))
def test_each_row_is_decided_as_expected(expected: str, language: str, text: str) -> None:
    assert decide(text, language) == expected


@pytest.mark.parametrize(("text", "language", "kind"), [
    ("算命的说我今年有灾，要花钱破一破，怎么办？", "zh", "luck"),
    ("庙里的师父说捐一万块能保佑全家平安，要捐吗？", "zh", "luck"),
    ("有个讲座说听课送鸡蛋，还卖净水器，能去吗？", "zh", "gifts"),
    ("社区有人上门说免费换燃气管，要不要让他进来？", "zh", "door"),
    ("A fortune teller says my family is cursed and she can lift it for two thousand dollars.", "en", "luck"),
])
def test_discovery_11s_frauds_are_told_to_pay_nothing(text: str, language: str, kind: str) -> None:
    found = warning(text, language)
    assert found is not None and found[0] == kind
    said = found[1]
    if language == "zh":
        assert any(word in said for word in ("别给钱", "别掏钱", "别开门")) and "幺幺零" in said
    else:
        assert "don't pay" in said and "police" in said


@pytest.mark.parametrize("language", ["zh", "en"])
def test_a_grandchilds_score_is_not_known_though_the_clock_names_minutes(language: str) -> None:
    asked = ("我孙子今年高考，考了多少分？" if language == "zh"
             else "What grade did my grandson get in his maths test?")
    clock = format_now_zh(datetime(2026, 12, 2, 3, 49))  # in every turn's history: "…凌晨3点49分"
    found = own_life(asked, language, clock)
    assert found is not None and found[0] == "school"
    assert ("不知道" in found[1]) if language == "zh" else ("don't know" in found[1])
    told = "我孙子今年高考考了六百分" if language == "zh" else "My grandson got a top grade in his test"
    assert own_life(asked, language, told) is None
