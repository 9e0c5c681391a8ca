"""Discovery 12's probe (discovery12_probe.tsv), written after its questions and before the rules it tests
(pure logic): asked in a fresh session what the assistant said before, it says nothing has been said
yet (:mod:`assistant.pipeline.said_before`); her own deeds, what others said and new requests go on.

The probe is a development set now: every row must stay right; its first run is in the file's header.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from probe_rows import tsv_rows

from assistant.llm.base import ChatMessage
from assistant.pipeline.said_before import nothing_said_yet

PROBE = Path(__file__).with_name("discovery12_probe.tsv")
FIRST_TURN = [ChatMessage(role="system", content="你是小助手。现在是2026年12月2日 星期三 上午7点5分。")]


def decide(text: str, language: str) -> str:
    return "fresh" if nothing_said_yet(text, language, FIRST_TURN) is not None else "-"


def test_the_probe_has_both_outcomes_in_both_languages() -> None:
    rows = tsv_rows(PROBE)
    assert len(rows) >= 40 and set(Counter(expected for expected, *_ in rows)) == {"fresh", "-"}
    assert sum(language == "en" for _, language, _ in rows) >= 8


@pytest.mark.parametrize(("expected", "language", "text"), tsv_rows(PROBE))
def test_each_row_is_decided_as_expected(expected: str, language: str, text: str) -> None:
    assert decide(text, language) == expected


@pytest.mark.parametrize(("text", "language"), [
    ("刚才你说的那个药叫什么名字来着？", "zh"), ("把刚才那首诗再念一遍。", "zh"),
    ("What did you just say? Please say it again slowly.", "en"),
])
def test_once_it_has_answered_the_llm_answers_from_what_it_said(text: str, language: str) -> None:
    said = nothing_said_yet(text, language, FIRST_TURN)
    assert said is not None and ("没有记下" in said if language == "zh" else "don't have" in said)
    talked = [*FIRST_TURN, ChatMessage(role="user", content="念首诗"),
              ChatMessage(role="assistant", content="床前明月光，疑是地上霜。")]
    assert nothing_said_yet(text, language, talked) is None
