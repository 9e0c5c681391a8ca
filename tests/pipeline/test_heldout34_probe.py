"""Held-out 34's probe (heldout34_probe.tsv; its eval questions: tests/eval/heldout/health_unknown_34.toml):
a burn with a blister counted ("起了个大泡"), a pan or its oil alight and a tight or heavy chest in English
are emergencies (:mod:`assistant.care.emergency_kinds`); a draw's 几号 asks for its numbers, so the clock
leaves it to the honest "cannot know" (:mod:`assistant.tools.router`, :mod:`assistant.pipeline.unknowable`);
someone on the way ("走到哪儿了", "上火车了没有") is someone else's whereabouts (:mod:`.own_life`); and
the sun asked after ("太阳好不好") is a weather question. Pure logic.

The probe is a development set now: every row must stay right.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from probe_rows import tsv_rows

from assistant.care.emergency import detect_emergency
from assistant.care.emergency_sounds import sound_alike_emergency
from assistant.pipeline import unknowable
from assistant.pipeline.own_life import own_life
from assistant.tools.router import route

PROBE = Path(__file__).with_name("heldout34_probe.tsv")


def decide(text: str, language: str) -> str:
    """Which of the emergency, a tool, the honest "cannot know" or her own life takes ``text``, or "-"."""
    if alarm := detect_emergency(text):
        return f"emergency:{alarm.kind}"
    if call := route(text):
        return f"tool:{call.name}"
    if topic := unknowable.topic_of(text):
        return f"unknowable:{topic}"
    if asked := own_life(text, language, ""):
        return f"own:{asked[0]}"
    return "-"


def test_the_probe_has_every_kind_and_sound_rows() -> None:
    counts = Counter(expected for expected, *_ in tsv_rows(PROBE))
    assert {"emergency:burn", "emergency:fire", "emergency:chest", "unknowable:lottery", "own:whereabouts",
            "tool:weather", "tool:clock"} < set(counts)
    assert counts["-"] >= 10 and sum(language == "en" for _, language, _ in tsv_rows(PROBE)) >= 5


@pytest.mark.parametrize(("expected", "language", "text"), tsv_rows(PROBE))
def test_each_row_is_decided_as_expected(expected: str, language: str, text: str) -> None:
    assert decide(text, language) == expected


def test_someone_on_the_way_is_left_to_the_llm_once_she_told_of_the_journey() -> None:
    told = "我儿子今天坐火车来看我"
    assert own_life("我儿子到哪儿了", "zh", told) is None
    assert own_life("我儿子到哪儿了", "zh", "") is not None


@pytest.mark.parametrize(("heard", "kind"), [
    ("我传不过起来，嘴唇都发子了。", "breath"), ("嘴唇也发子了", "breath"), ("他喘不过起来了", "breath"),
    ("我心里闷得慌，想出去走走", None), ("我想把这个发子女看看", None), ("孩子发了个视频", None),
])
def test_breathlessness_heard_in_other_characters_is_still_an_emergency(heard: str, kind: str | None) -> None:
    found = sound_alike_emergency(heard)
    assert (found.kind if found else None) == kind
