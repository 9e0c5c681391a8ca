"""Privacy requests ("这句话别告诉家人") and the family's messages, as the session plans them."""

from __future__ import annotations

import asyncio

import pytest

from assistant.pipeline.intents import only_privacy, wants_privacy
from assistant.pipeline.notes import Notes, preface_for, privacy_reply
from assistant.pipeline.turn import TurnMetrics


@pytest.mark.parametrize(
    "text",
    [
        "这句话别告诉家人",
        "这句话别告诉家人。",
        "不要告诉我的家人",
        "别让孩子们知道",
        "Don't tell my family.",
        "please do not tell my family",
    ],
)
def test_bare_privacy_requests(text: str) -> None:
    assert wants_privacy(text) and only_privacy(text)


@pytest.mark.parametrize(
    "text",
    [
        "别告诉我家人，我最近心里很难过",
        "不要让孩子们知道我今天摔了一跤",
        "don't tell my family, but I fell today",
    ],
)
def test_privacy_with_something_to_say(text: str) -> None:
    assert wants_privacy(text) and not only_privacy(text)


@pytest.mark.parametrize(
    "text",
    [
        "今天天气怎么样",
        "告诉家人我很好",
        "我家人不知道怎么用",
        "tell my family I am fine",
        "我女儿明天来看我",
    ],
)
def test_not_privacy(text: str) -> None:
    assert not wants_privacy(text)


def test_privacy_reply_marks_the_turn() -> None:
    metrics = TurnMetrics()
    assert privacy_reply("这句话别告诉家人", "zh", metrics) == "好的，这句话不会给家人看。"
    assert metrics.extra == {"hidden": True, "hide_previous": True} and metrics.source == "privacy"
    metrics = TurnMetrics()
    assert privacy_reply("别告诉家人，我腰疼", "zh", metrics) == "" and metrics.extra == {"hidden": True}
    assert metrics.source != "privacy"
    metrics = TurnMetrics()
    assert privacy_reply("几点了", "zh", metrics) == "" and metrics.extra == {}


class _Source:
    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []

    async def notes_for(self, user_id: str, language: str) -> Notes:
        self.asked.append((user_id, language))
        return Notes(ids=(7,), text="您女儿小红给您留了言：周末回家。") if user_id == "3" else Notes()


def test_preface_comes_from_the_source_and_is_recorded() -> None:
    source, extra = _Source(), dict[str, object]()
    assert asyncio.run(preface_for(source, "3", "zh", extra)) == "您女儿小红给您留了言：周末回家。"
    assert extra == {"notes": [7], "notes_chars": 16}
    extra = {}
    assert asyncio.run(preface_for(source, "4", "zh", extra)) == "" and extra == {}
    assert asyncio.run(preface_for(None, "3", "zh", extra)) == ""
    assert source.asked == [("3", "zh"), ("4", "zh")]
