"""Answer quality with the shipped defaults: the 1.5B model at its default temperature, end to end.

Every other server test runs the 0.5B model greedily (faster, steadier); users get this."""

from __future__ import annotations

import asyncio
import re
from typing import Any

import pytest

from assistant.client.conversation import Conversation
from assistant.config import DEFAULT_LLM, load_settings
from assistant.pipeline import intents
from assistant.pipeline.hearing import ASK_AGAIN_ZH
from tests.conftest import ServerInfo, normalise, pair_device, speak

# (question, words of which the answer must contain one; none of them is in the question)
TYPED = [
    ("中国的首都是哪个城市？", ("北京",)),
    ("一个星期有几天？", ("七", "7")),
    ("水在多少度会结冰？", ("零", "0")),
    ("What is the capital of France?", ("paris",)),
]
SPOKEN = ("一年有几个月？", ("十二", "12"))
MARKDOWN = re.compile(r"(\*\*|^#|^\s*[-*] |```)", re.M)


_TOKENS: dict[int, str] = {}  # server port -> this module's device token


@pytest.fixture
def shipped_server(shipped: tuple[ServerInfo, Any]) -> str:
    """The shipped-settings server (tests/server/shipped.py, shared with the safety tests that come next),
    through a device of this module's own user."""
    settings = load_settings(environ={})
    assert settings.models.llm == DEFAULT_LLM and settings.llm.temperature > 0  # what users get
    server, _robot = shipped
    if server.port not in _TOKENS:
        _TOKENS[server.port] = pair_device(server.db_path, server.http)
    return f"ws://127.0.0.1:{server.port}/ws?token={_TOKENS[server.port]}"


def check_answer(question: str, answer: str, expected: tuple[str, ...]) -> None:
    assert any(w in answer.lower() for w in expected), (question, answer)
    assert not MARKDOWN.search(answer), answer  # spoken style: no lists, no bold
    if intents.is_chinese(question):
        assert intents.is_chinese(answer) and len(normalise(answer)) <= 80, answer  # short, in Chinese
    else:
        assert not intents.is_chinese(answer) and len(answer.split()) <= 60, answer


def test_the_shipped_model_answers_typed_questions_right(shipped_server: str) -> None:
    async def run() -> list[str]:
        answers = []
        for question, _ in TYPED:
            conv = await Conversation.open(shipped_server, language="auto")
            try:
                await conv.send_json({"type": "text", "text": question})
                await conv.wait_for("metrics", timeout=120)
            finally:
                await conv.close()
            answers.append(next(r.text for r in conv.replies if r.text))
        return answers

    for (question, expected), answer in zip(TYPED, asyncio.run(run()), strict=True):
        check_answer(question, answer, expected)


def test_the_shipped_model_answers_a_spoken_question_right(shipped_server: str, voices: Any) -> None:
    question, expected = SPOKEN
    pcm = speak(voices, question)

    async def run() -> Conversation:
        conv = await Conversation.open(shipped_server, language="zh")
        try:
            await conv.stream_audio(pcm)
            await conv.wait_for("metrics", timeout=120)
            # Once in a whole-suite run (2026-12-03; not in 3 runs alone, nor 2 of its file) it asked back:
            # then she says it again, as asked, and that answer must be right.
            if any(r.text.strip() == ASK_AGAIN_ZH for r in conv.replies):
                await asyncio.sleep(4.0)  # the asking back plays
                await conv.stream_audio(pcm)
                await conv.wait_for("metrics", count=2, timeout=120)
        finally:
            await conv.close()
        return conv

    conv = asyncio.run(run())
    assert conv.replies and len(conv.replies[0].audio) > 0
    answers = [r.text for r in conv.replies if r.text]
    assert len([a for a in answers if a.strip() == ASK_AGAIN_ZH]) <= 1, (conv.transcripts, answers)
    check_answer(question, answers[-1], expected)


@pytest.mark.parametrize("question", ["降压药忘了吃一次，怎么办？", "我这两天老是头晕，浑身没劲。"])
def test_a_health_answer_names_someone_to_turn_to(shipped_server: str, question: str) -> None:
    """The prompt asks for it and the 1.5B often forgets; the care tail makes sure (it is spoken too)."""
    conv = typed_turn(shipped_server, question, language="zh")
    answer = next(r.text for r in conv.replies if r.text)
    # "建议您及时就医" names a doctor as well (the care tail's own reading, care_tail._REFERRAL_ZH)
    assert re.search(r"医生|大夫|医院|就医|就诊|看病|药师|家人|子女|一二零|120", answer), answer
    assert intents.is_chinese(answer) and not MARKDOWN.search(answer), answer
    assert conv.replies[0].audio, "the answer was not spoken"


@pytest.mark.parametrize(("question", "condition"), [("我血糖有点高，能吃西瓜吗？", "sugar"),
                                                     ("I have gout, can I drink beer?", "gout")])
def test_a_food_asked_of_with_a_condition_is_answered_in_code(shipped_server: str, question: str,
                                                              condition: str) -> None:
    """The 1.5B said watermelon relieves high blood sugar: condition_diet answers
    (pipeline/condition_diet.py), in the question's language, spoken, ending with her doctor."""
    conv = typed_turn(shipped_server, question, language="auto")
    reply = next(r for r in conv.replies if r.text)
    assert reply.metrics.get("condition_diet") == condition, reply.metrics
    assert re.search(r"医生|doctor", reply.text), reply.text
    assert not re.search(r"缓解|降糖|降血糖|lowers", reply.text), reply.text
    assert intents.is_chinese(reply.text) == intents.is_chinese(question) and reply.audio, reply.text


def typed_turn(server: str, question: str, *, language: str) -> Conversation:
    """One typed question on a new connection, until its turn's metrics."""
    async def run() -> Conversation:
        conv = await Conversation.open(server, language=language)
        try:
            await conv.send_json({"type": "text", "text": question})
            await conv.wait_for("metrics", timeout=120)
        finally:
            await conv.close()
        return conv

    return asyncio.run(run())
