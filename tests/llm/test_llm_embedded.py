"""The embedded llama.cpp model with the real 0.5B GGUF: Chinese answers, streaming, barge-in."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import threading
import time
from datetime import datetime
from pathlib import Path

import pytest

from assistant.errors import LlmError, ModelError
from assistant.llm.base import ChatMessage, ChatRequest, Usage
from assistant.llm.embedded import LlamaChatModel
from assistant.llm.prompt import SYSTEM_PROMPT_ZH, History, build_request

CJK = re.compile(r"[\u4e00-\u9fff]")
NOW = datetime(2026, 11, 28, 15, 20)


def ask(question: str, *, max_tokens: int = 48) -> ChatRequest:
    history = History(budget_tokens=1200)
    history.add_user(question)
    return build_request(history, now=NOW, max_tokens=max_tokens, temperature=0.0)


def short(question: str, *, max_tokens: int) -> ChatRequest:
    """A request with a one-line system prompt: cheap to process in a slot with no cache."""
    return ChatRequest(messages=[ChatMessage(role="system", content="你是助手，用简体中文简短回答。"),
                                 ChatMessage(role="user", content=question)],
                       max_tokens=max_tokens, temperature=0.0)


async def collect(model: LlamaChatModel, request: ChatRequest, usage: Usage) -> list[str]:
    return [delta async for delta in model.stream(request, usage)]


async def test_answers_a_chinese_question_in_chinese(embedded_llm: LlamaChatModel) -> None:
    usage = Usage()
    deltas = await collect(embedded_llm, ask("中国的首都是哪个城市？"), usage)
    answer = "".join(deltas)
    assert len(deltas) >= 3, deltas  # streamed, not one block
    assert len(CJK.findall(answer)) >= 4, answer
    assert "北京" in answer
    assert usage.provider == "embedded" and usage.model
    assert not usage.counted_locally
    assert usage.prompt_tokens > 200  # the system prompt is in there
    assert 0 < usage.completion_tokens <= 48


async def test_prompts_are_cached_across_turns(embedded_llm: LlamaChatModel) -> None:
    await embedded_llm.warmup(SYSTEM_PROMPT_ZH)
    history = History(budget_tokens=1200)
    history.add_user("你好，今天星期几？")
    answer = "".join(await collect(embedded_llm, build_request(history, now=NOW, max_tokens=12), Usage()))
    first = dict(embedded_llm.last_timings)
    # The ~270-token system prompt came from the cache (warmed up): only the clock line and the
    # question, plus the chat template's markup, were processed.
    assert first["cache_n"] >= 250, first
    assert first["prompt_n"] < 60, first

    history.add_assistant(answer)
    history.add_user("那明天呢？")
    await collect(embedded_llm, build_request(history, now=NOW, max_tokens=4), Usage())
    second = embedded_llm.last_timings
    # The whole first turn (prompt and answer) is reused; only the new clock line and question run.
    assert second["cache_n"] >= first["cache_n"] + first["prompt_n"], (first, second)
    assert second["prompt_n"] < 45, second


TALK = [("今天天气不错，我想出去走走。", "好啊，出去走走对身体好，记得多穿点衣服。"),
        ("我孙子下周要来看我。", "太好了！孙子来看您，您一定很开心。"),
        ("晚饭吃什么好呢？", "可以做个清淡的汤面，再炒个青菜。"),
        ("我膝盖有点疼。", "膝盖疼要注意休息，少爬楼梯，要是一直疼，最好去医院看看。"),
        ("给我讲个故事吧。", "从前有个老爷爷，每天早上都去公园打太极，认识了很多好朋友。"),
        ("我女儿在上海工作。", "上海是个大城市，您女儿工作一定很忙吧。"),
        ("我想学用手机拍照。", "好的，打开相机，对准要拍的东西，按下中间的圆圈就行了。")]


async def test_a_history_trimmed_of_its_oldest_turns_reuses_the_cached_turns_it_kept(
        embedded_llm: LlamaChatModel) -> None:
    """A long talk outgrows the history budget and its oldest turns are dropped: the prompt then differs
    from the cached one right after the system prompt. The turns kept are moved in the cache, not
    processed again (``CACHE_REUSE_TOKENS``); before, the whole history ran again (316 tokens here)."""
    history = History(budget_tokens=10_000)
    history.conversation = "long-talk"
    for question, answer in TALK:
        history.add_user(question)
        history.add_assistant(answer)
    await collect(embedded_llm, build_request(history, now=NOW, max_tokens=2, temperature=0.0), Usage())
    assert embedded_llm.last_timings["cache_n"] + embedded_llm.last_timings["prompt_n"] >= 500
    trimmed = History(budget_tokens=10_000)
    trimmed.conversation = "long-talk"
    for question, answer in TALK[3:]:  # what the budget leaves of the same talk
        trimmed.add_user(question)
        trimmed.add_assistant(answer)
    trimmed.add_user("我女儿在哪里工作？")
    answer = "".join(await collect(embedded_llm, build_request(trimmed, now=NOW, max_tokens=12,
                                                                temperature=0.0), Usage()))
    timings = embedded_llm.last_timings
    assert timings["prompt_n"] < 60 and timings["cache_n"] >= 400, timings
    assert "上海" in answer, answer  # the moved turns still say what they said


async def test_warming_leaves_the_system_prompt_cached_in_every_slot(small_llm_path: Path) -> None:
    """Processed once, copied to the other slots: then a first turn pinned to any slot (llama.cpp loads
    nothing into a pinned slot) processes only its own tokens."""
    model = LlamaChatModel(small_llm_path, context=1024, n_parallel=4, threads=2)
    try:
        await model.warm_slots(SYSTEM_PROMPT_ZH)
        for slot in range(model.n_parallel):
            body = model._body(ask(f"第{slot + 1}个问题：现在几点了？", max_tokens=1))
            body["id_slot"] = slot
            async for _ in model.chunks(body, Usage()):
                pass
            timings = model.last_timings
            assert timings["cache_n"] >= 250 and timings["prompt_n"] < 60, (slot, timings)
    finally:
        model.close()


async def test_two_sessions_stream_concurrently(embedded_llm: LlamaChatModel) -> None:
    usages = [Usage(), Usage()]
    answers = await asyncio.gather(
        collect(embedded_llm, short("一年有几个月？", max_tokens=24), usages[0]),
        collect(embedded_llm, short("一星期有几天？", max_tokens=24), usages[1]),
    )
    for deltas, usage in zip(answers, usages, strict=True):
        assert CJK.search("".join(deltas)), deltas
        assert usage.completion_tokens > 0


async def test_cancel_stops_generation_and_frees_the_slots(embedded_llm: LlamaChatModel) -> None:
    """Barge-in on both slots at once: the llama.cpp calls end promptly and the slots are free."""
    started = [asyncio.Event(), asyncio.Event()]

    async def long_answer(index: int) -> None:
        request = short(f"请给我讲一个很长很长的故事，至少一千字。第{index + 1}个。", max_tokens=600)
        count = 0
        async for _ in embedded_llm.stream(request, Usage()):
            count += 1
            if count == 3:
                started[index].set()

    tasks = [asyncio.create_task(long_answer(i)) for i in range(2)]
    await asyncio.wait_for(asyncio.gather(*(e.wait() for e in started)), timeout=60)
    cancelled_at = time.monotonic()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    while embedded_llm.active_streams:  # the worker threads have returned from llama.cpp
        assert time.monotonic() - cancelled_at < 3.0
        await asyncio.sleep(0.01)
    stopped_s = time.monotonic() - cancelled_at
    assert stopped_s < 2.5, stopped_s  # one decoding step; generous for a busy 2-core machine

    # The server loop goes idle within a step or two: had the slots gone on with 600 tokens
    # each, llama.cpp's threads would burn about a core or more for tens of seconds.
    shares = []
    while time.monotonic() - cancelled_at < 4.0:
        cpu_before, wall_before = time.process_time(), time.monotonic()
        await asyncio.sleep(0.3)
        shares.append((time.process_time() - cpu_before) / (time.monotonic() - wall_before))
        if shares[-1] < 0.15:
            break
    assert shares[-1] < 0.15, shares

    deltas = await collect(embedded_llm, short("一加一等于几？", max_tokens=8), Usage())
    assert deltas  # a slot takes the next request


async def test_prompt_over_the_context_is_an_llm_error(embedded_llm: LlamaChatModel) -> None:
    request = ChatRequest(messages=[ChatMessage(role="user", content="你好" * 3000)], max_tokens=8)
    with pytest.raises(LlmError, match="context"):
        await collect(embedded_llm, request, Usage())
    assert embedded_llm.active_streams == 0


def test_missing_model_file_is_a_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="does not exist"):
        LlamaChatModel(tmp_path / "nothing.gguf", context=512, n_parallel=1)


def _thread_priorities() -> dict[int, int]:
    """Native thread id -> nice value, for every thread of this process (Linux /proc)."""
    out: dict[int, int] = {}
    for tid in os.listdir("/proc/self/task"):
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/self/task/{tid}/stat").read_text().rsplit(")", 1)[1].split()
            out[int(tid)] = int(fields[16])  # field 19 of stat, counted after "pid (comm)"
    return out


async def test_llama_threads_run_at_a_lower_priority(small_llm_path: Path) -> None:
    """The embedded model's compute threads yield the CPU to VAD, ASR and TTS; nothing else is niced."""
    before = _thread_priorities()
    model = LlamaChatModel(small_llm_path, context=512, n_parallel=1, nice=7)
    try:
        await collect(model, short("你好", max_tokens=4), Usage())
        new = {tid: nice for tid, nice in _thread_priorities().items() if tid not in before}
        assert 7 in new.values()  # llama.cpp's loop and compute threads
        assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before[threading.get_native_id()]
        assert all(_thread_priorities().get(tid, nice) == nice for tid, nice in before.items())
    finally:
        model.close()
