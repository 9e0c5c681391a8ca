"""No llama.cpp call outlives its consumer (the real 0.5B model): the soak's stuck-worker defect.

A call cannot be stopped before its first chunk. Calls cancelled while they waited for a busy slot
used to enter llama.cpp anyway and process their whole prompt, one after the other, long after their
sessions had gone (the soak ended with every worker thread busy on prefills nobody wanted).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.errors import LlmError
from assistant.llm.base import ChatMessage, ChatRequest, Usage, open_stream
from assistant.llm.embedded import LlamaChatModel


def story(index: int, *, max_tokens: int) -> ChatRequest:
    question = f"请讲一个很长很长的故事，第{index}个，至少一千字。"
    return ChatRequest(messages=[ChatMessage(role="system", content="你是助手。"),
                                 ChatMessage(role="user", content=question)],
                       max_tokens=max_tokens, temperature=0.0)


def long_prompt(index: int) -> ChatRequest:
    """About 700 prompt tokens that no slot has cached (seconds of work on two cores), one token out."""
    items = "、".join(f"第{index}批的{k}号零件" for k in range(120))
    return ChatRequest(messages=[ChatMessage(role="user", content=f"清单：{items}。一共几件？")],
                       max_tokens=1, temperature=0.0)


async def _read(model: LlamaChatModel, request: ChatRequest, started: asyncio.Event | None = None) -> None:
    async with open_stream(model, request, Usage()) as deltas:
        async for _ in deltas:
            if started is not None:
                started.set()


async def _released_within(model: LlamaChatModel, seconds: float) -> float:
    began = time.monotonic()
    while model.active_streams:
        assert time.monotonic() - began < seconds, f"{model.active_streams} llama.cpp calls still active"
        await asyncio.sleep(0.02)
    return time.monotonic() - began


async def test_calls_cancelled_while_waiting_for_a_slot_never_run(embedded_llm: LlamaChatModel) -> None:
    """Both slots busy, four more calls (prefills of sessions that then hang up) wait and are
    cancelled: once the busy slots stop, every worker is free within a decoding step or two."""
    started = [asyncio.Event() for _ in range(embedded_llm.n_parallel)]
    busy = [asyncio.create_task(_read(embedded_llm, story(i, max_tokens=600), started[i]))
            for i in range(embedded_llm.n_parallel)]
    await asyncio.wait_for(asyncio.gather(*(e.wait() for e in started)), timeout=60)
    waiting = [asyncio.create_task(_read(embedded_llm, long_prompt(i))) for i in range(4)]
    await asyncio.sleep(0.3)
    assert not any(task.done() for task in waiting)
    for task in [*waiting, *busy]:
        task.cancel()
    await asyncio.gather(*waiting, *busy, return_exceptions=True)
    released = await _released_within(embedded_llm, 2.5)  # before the fix: 4 long prompts, one by one
    print(f"\nall llama.cpp calls ended {released:.2f} s after the cancel")
    deltas = [d async for d in embedded_llm.stream(story(9, max_tokens=4), Usage())]
    assert deltas  # the slots take new work at once


@pytest.fixture
def impatient_llm(small_llm_path: Path) -> Iterator[LlamaChatModel]:
    """One slot; a consumer that reads nothing for 2 s counts as gone."""
    model = LlamaChatModel(small_llm_path, context=1024, n_parallel=1, threads=2, stall_s=2.0)
    yield model
    model.close()


async def test_a_consumer_that_stops_reading_never_blocks_a_worker(impatient_llm: LlamaChatModel) -> None:
    """A reply whose reader went away without closing it (the queue of chunks fills up): the worker
    gives up after ``stall_s`` instead of waiting for ever, and a late reader gets an LlmError."""
    deltas = impatient_llm.stream(story(1, max_tokens=300), Usage())
    first = await anext(deltas)
    assert first
    await _released_within(impatient_llm, 60)  # 64 chunks fill the queue, then 2 s with no reader
    with pytest.raises(LlmError, match="not read"):
        async for _ in deltas:
            pass
    assert impatient_llm.active_streams == 0
