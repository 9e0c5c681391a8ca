"""A small model that loops ("药店、药店、药店…") is stopped and each thing is said once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

from assistant.llm.base import ChatMessage, ChatRequest, Usage
from assistant.pipeline.reply import ReplyPlan, ReplyRun, collapse_loop, looping
from assistant.pipeline.turn import TurnMetrics

# the shipped 1.5B's answer to "我的医保卡能在哪用？", 2026-12-01 (it ran to the token limit)
LOOPED = "医保卡可以在医院、药店、" + "药店、" * 60


class _Looping:
    """A model that streams LOOPED token by token and counts what was taken from it."""

    name = "looping"

    def __init__(self) -> None:
        self.taken = 0

    async def stream(self, request: ChatRequest, usage: Usage) -> AsyncIterator[str]:
        for i in range(0, len(LOOPED), 3):
            self.taken += 1
            yield LOOPED[i:i + 3]


def test_a_loop_is_seen_and_collapsed() -> None:
    assert looping(LOOPED) and not looping("好的，好的。我记住了，明天早上八点提醒您。")
    assert not looping("一二三四五六七八九十，十个数。")
    assert collapse_loop("医院、药店、药店、药店、药店、") == "医院、药店、"
    assert collapse_loop("谢谢您，谢谢您。") == "谢谢您，谢谢您。"  # said twice is not a loop


def test_the_model_is_stopped_and_the_answer_says_each_thing_once() -> None:
    model = _Looping()
    events: list[Any] = []

    async def emit(event: Any) -> None:
        events.append(event)

    plan = ReplyPlan(reply_id=1, speed=1.0, question="我的医保卡能在哪用？",
                     request=ChatRequest(messages=[ChatMessage(role="user", content="我的医保卡能在哪用？")]))
    run = ReplyRun(llm=model, tts=None, emit=emit, plan=plan, metrics=TurnMetrics())  # type: ignore[arg-type]

    async def produce() -> list[object]:
        queue: asyncio.Queue[object] = asyncio.Queue()
        await run._produce(queue)  # type: ignore[arg-type]
        return [queue.get_nowait() for _ in range(queue.qsize())]

    spoken = asyncio.run(produce())
    assert run.text.count("药店") == 1 and run.text.startswith("医保卡可以在医院、药店")
    assert model.taken < 20  # stopped after a few repeats, not at the end of 60
    assert spoken[-1] is None and run.metrics.extra["looped"] is True


def test_a_fixed_text_is_said_as_written_with_its_repeated_lines() -> None:
    """A stored song repeats its lines on purpose ("好一朵美丽的茉莉花" twice): said whole, not cut."""
    from assistant.pipeline.recitals import PIECES

    events: list[Any] = []

    async def emit(event: Any) -> None:
        events.append(event)

    for name in ("茉莉花", "生日歌"):
        words = next(piece.text for piece in PIECES if piece.title == name)
        plan = ReplyPlan(reply_id=1, speed=1.0, fixed_text=words)
        run = ReplyRun(llm=_Looping(), tts=None, emit=emit, plan=plan,  # type: ignore[arg-type]
                       metrics=TurnMetrics())
        asyncio.run(run._produce(asyncio.Queue()))  # type: ignore[arg-type]
        assert run.text == words


def test_the_answer_tells_the_model_how_far_ahead_of_its_listener_it_is() -> None:
    """The lead the embedded model paces answers by (assistant/llm/pacing.py): the seconds of this
    reply's speech sent and not yet played."""
    leads: list[Any] = []

    class _Recording:
        name = "recording"

        async def stream(self, request: ChatRequest, usage: Usage) -> AsyncIterator[str]:
            leads.append(request.lead)
            yield "好的。"

    async def emit(event: Any) -> None:
        pass

    plan = ReplyPlan(reply_id=1, speed=1.0, question="你好",
                     request=ChatRequest(messages=[ChatMessage(role="user", content="你好")]))
    run = ReplyRun(llm=_Recording(), tts=None, emit=emit, plan=plan, metrics=TurnMetrics())  # type: ignore[arg-type]
    asyncio.run(run._produce(asyncio.Queue()))  # type: ignore[arg-type]
    assert plan.request is not None and plan.request.lead is None  # the plan itself is left as it was
    lead = leads[0]
    assert lead is not None and lead() == 0.0  # nothing sent yet: the listener waits
    run.spoken.add("好的。", 3.0)
    assert 2.5 < lead() <= 3.0
