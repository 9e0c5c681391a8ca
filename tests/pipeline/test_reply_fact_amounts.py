"""An answer that reads an amount from the curated fact its question carried starts to play before the
amount ("每天应该喝 | 一千五到一千七百毫升的水"); any other amount stays whole for the honesty guard."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from assistant.knowledge.facts import with_facts
from assistant.llm.base import ChatMessage, ChatRequest, Usage
from assistant.pipeline.honesty_request import facts_of
from assistant.pipeline.reply import ReplyPlan, ReplyRun
from assistant.pipeline.turn import TurnMetrics


class _Says:
    """A model that streams ``text`` two characters at a time (as the 1.5B's tokens come)."""

    name = "says"

    def __init__(self, text: str) -> None:
        self.text = text

    async def stream(self, request: ChatRequest, usage: Usage) -> AsyncIterator[str]:
        for i in range(0, len(self.text), 2):
            yield self.text[i:i + 2]


def _clauses(question: str, answer: str, *, facts: bool = True) -> list[object]:
    content = with_facts(question, "zh") if facts else question
    plan = ReplyPlan(reply_id=1, speed=1.0, question=question,
                     request=ChatRequest(messages=[ChatMessage(role="user", content=content)]))

    async def emit(event: object) -> None:
        pass

    run = ReplyRun(llm=_Says(answer), tts=None, emit=emit, plan=plan, metrics=TurnMetrics())  # type: ignore[arg-type]

    async def produce() -> list[object]:
        queue: asyncio.Queue[object] = asyncio.Queue()
        await run._produce(queue)  # type: ignore[arg-type]
        return [queue.get_nowait() for _ in range(queue.qsize())]

    return [c for c in asyncio.run(produce()) if c is not None]


def test_the_facts_a_question_carried_are_read_from_the_request() -> None:
    asked = ChatMessage(role="user", content=with_facts("每天应该喝多少水？", "zh"))
    told = facts_of(ChatRequest(messages=[asked]))
    assert "一千五到一千七百毫升" in told
    assert facts_of(ChatRequest(messages=[ChatMessage(role="user", content="今天心情不错")])) == ""
    assert facts_of(None) == ""


def test_an_amount_of_the_fact_starts_the_second_clause() -> None:
    assert _clauses("每天应该喝多少水？", "每天应该喝一千五到一千七百毫升的水。") == [
        "每天应该喝", "一千五到一千七百毫升的水。"]


def test_the_same_answer_without_the_fact_is_one_clause() -> None:
    assert _clauses("每天应该喝多少水？", "每天应该喝一千五到一千七百毫升的水。", facts=False) == [
        "每天应该喝一千五到一千七百毫升的水。"]


def test_an_amount_of_the_fact_said_as_her_own_is_still_judged_with_the_words_before_it() -> None:
    # the fact says 六千步 for everyone; said as what she walked today it is a claim about her own day
    # ("我今天走了多少" asks: it is not her telling it, so "您今天走了" is a claim on its own, not
    # spoken)
    spoken = _clauses("老人每天走多少步合适，我今天走了多少？", "您今天走了六千步。")
    assert "六千" not in "".join(map(str, spoken)) and "您今天走了" not in "".join(map(str, spoken)), spoken
    assert "看不到" in str(spoken[0])
