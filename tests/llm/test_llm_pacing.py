"""Pacing (assistant/llm/pacing.py): the rules alone, then two real answers of the 0.5B model, one far
ahead of its listener and one whose listener waits."""

from __future__ import annotations

import asyncio
import contextlib
import time

import pytest

from assistant.llm.base import ChatMessage, ChatRequest, Usage
from assistant.llm.embedded import LlamaChatModel
from assistant.llm.pacing import PaceLimits, Pacer
from assistant.llm.prompt import SYSTEM_PROMPT_ZH


class Lead:
    """A lead that the test sets by hand (seconds of speech queued)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    def __call__(self) -> float:
        return self.seconds


def test_an_answer_far_ahead_pauses_only_while_another_is_urgent() -> None:
    pacer = Pacer(PaceLimits(urgent_lead_s=1.0, resume_lead_s=2.0, pause_lead_s=3.5))
    ahead_lead, new_lead = Lead(5.0), Lead(0.0)
    ahead = pacer.join(ahead_lead)
    assert not pacer.should_pause(ahead)  # alone: nobody to give way to
    assert not pacer.busy  # a prefill may run beside an answer far ahead
    new = pacer.join(new_lead)
    assert pacer.busy and pacer.should_pause(ahead) and not pacer.should_pause(new)
    ahead_lead.seconds = 3.0  # not far enough ahead to pause
    assert not pacer.should_pause(ahead)
    ahead_lead.seconds = 5.0
    new_lead.seconds = 1.5  # the new answer's first words are playing: no longer urgent
    assert not pacer.should_pause(ahead)
    summary = pacer.join(None)  # an answer that gives no lead is never urgent, never paused
    assert not pacer.should_pause(ahead) and not pacer.should_pause(summary)
    pacer.leave(new)
    assert pacer.busy  # but a prefill waits for it, as for any answer before pacing
    pacer.leave(summary)
    assert not pacer.should_pause(ahead)
    off = Pacer(enabled=False)
    assert not off.busy and not off.should_pause(off.join(Lead(9.0)))
    assert off.busy  # without pacing a prefill waits for any answer, as before


def test_a_broken_lead_counts_as_urgent() -> None:
    def broken() -> float:
        raise RuntimeError("no playback")

    pacer = Pacer()
    ahead = pacer.join(Lead(9.0))
    pacer.join(broken)
    assert pacer.should_pause(ahead)


@pytest.mark.parametrize("urgent, resume, pause", [(2.0, 1.0, 3.0), (1.0, 3.0, 2.0), (-1.0, 1.0, 2.0)])
def test_limits_must_be_ordered(urgent: float, resume: float, pause: float) -> None:
    with pytest.raises(ValueError, match="pacing needs"):
        PaceLimits(urgent_lead_s=urgent, resume_lead_s=resume, pause_lead_s=pause)


async def test_a_paused_answer_goes_on_when_its_lead_runs_low_or_nobody_waits() -> None:
    pacer = Pacer()
    ahead_lead, new_lead = Lead(5.0), Lead(0.0)
    ahead, new = pacer.join(ahead_lead), pacer.join(new_lead)
    waiting = asyncio.create_task(pacer.wait(ahead))
    await asyncio.sleep(0.2)
    assert ahead.paused and not waiting.done() and pacer.busy  # the new answer is urgent
    ahead_lead.seconds = 1.9  # its listener is nearly through what was sent
    await asyncio.wait_for(waiting, 1.0)
    assert not ahead.paused and ahead.pauses == 1
    ahead_lead.seconds = 5.0
    waiting = asyncio.create_task(pacer.wait(ahead))
    await asyncio.sleep(0.2)
    pacer.leave(new)  # the urgent answer is done
    await asyncio.wait_for(waiting, 1.0)
    assert ahead.pauses == 2


def request(question: str, lead: Lead, max_tokens: int) -> ChatRequest:
    return ChatRequest(messages=[ChatMessage(role="system", content=SYSTEM_PROMPT_ZH),
                                 ChatMessage(role="user", content=question)],
                       max_tokens=max_tokens, temperature=0.0, conversation=question, lead=lead)


async def test_real_answers_the_one_ahead_waits_then_goes_on(embedded_llm: LlamaChatModel) -> None:
    ahead_lead, new_lead = Lead(0.0), Lead(0.0)
    times: dict[str, list[float]] = {"ahead": [], "new": []}
    texts = {"ahead": "", "new": ""}
    usages = {"ahead": Usage(), "new": Usage()}

    six_tokens = asyncio.Event()

    async def answer(name: str, req: ChatRequest) -> None:
        async for text in embedded_llm.stream(req, usages[name]):
            times[name].append(time.monotonic())
            texts[name] += text
            if len(times[name]) >= 6:
                six_tokens.set()

    first = asyncio.create_task(answer("ahead", request("请详细介绍一下长城的历史。", ahead_lead, 48)))
    await asyncio.wait_for(six_tokens.wait(), 120)  # its first words are out, and plenty more is queued
    ahead_lead.seconds = 8.0
    assert not embedded_llm.answering  # a prefill may go beside an answer this far ahead
    await answer("new", request("一年有几个月？", new_lead, 12))
    await asyncio.wait_for(first, 120)

    began, ended = times["new"][0], times["new"][-1]
    during = [t for t in times["ahead"] if began <= t <= ended]
    assert during == [], f"the answer far ahead went on while the other one's listener waited: {texts}"
    after = [t for t in times["ahead"] if t > ended]
    assert after, f"the paused answer never went on: {texts}"
    assert usages["ahead"].completion_tokens == len(times["ahead"]) <= 48
    opening = texts["ahead"][:6]
    assert texts["ahead"].count(opening) == 1, f"the answer started over, not went on: {texts['ahead']}"
    print(f"\npaced: {texts['ahead']!r} ({len(after)} tokens after the pause) | {texts['new']!r}")


async def test_a_paused_answer_cut_off_by_barge_in_leaves_nothing_behind(
        embedded_llm: LlamaChatModel) -> None:
    """The listener talks over an answer while it is paused: its generator closes in the wait, the pacer
    forgets it and no llama.cpp call is left running."""
    lead, waiting = Lead(0.0), embedded_llm.pacer.join(Lead(0.0))  # another listener waits throughout
    tokens = asyncio.Event()

    async def answer() -> None:
        async for _ in embedded_llm.stream(request("请详细介绍一下长城的历史。", lead, 48), Usage()):
            lead.seconds = 8.0  # far ahead from its first token on
            tokens.set()

    task = asyncio.create_task(answer())
    try:
        await asyncio.wait_for(tokens.wait(), 120)
        for _ in range(100):  # paused at its next token
            if any(c.paused for c in embedded_llm.pacer._calls):
                break
            await asyncio.sleep(0.05)
        assert any(c.paused for c in embedded_llm.pacer._calls)
        task.cancel()  # barge-in
        with contextlib.suppress(asyncio.CancelledError):
            await task
        assert embedded_llm.pacer._calls == [waiting]
        for _ in range(100):
            if embedded_llm.active_streams == 0:
                break
            await asyncio.sleep(0.05)
        assert embedded_llm.active_streams == 0
    finally:
        embedded_llm.pacer.leave(waiting)
