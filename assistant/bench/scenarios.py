"""The measured scenarios, each over the real websocket protocol: spoken questions, barge-in,
a photo question, and N sessions at once."""

from __future__ import annotations

import asyncio
import base64
import time
from collections.abc import Callable, Sequence

from assistant.bench.client import (
    MicStream,
    TurnResult,
    all_chunks,
    events_after,
    finish,
    photo_turn,
    turn_over,
    voice_turn,
    wait_until,
)
from assistant.bench.speech import Clip
from assistant.client.conversation import Conversation

Tick = Callable[[], None]
BARGE_DELAY_S = 1.0  # the user cuts in this long after the answer started playing


async def _session(url: str, language: str) -> tuple[Conversation, MicStream]:
    conv = await Conversation.open(url, language=language)
    mic = MicStream(conv)
    mic.start()
    return conv, mic


async def _close(conv: Conversation, mic: MicStream) -> None:
    await mic.stop()
    try:
        await asyncio.wait_for(conv.close(), 10)
    except (TimeoutError, OSError):
        pass


async def ask_one(url: str, clip: Clip, *, kind: str = "voice", level: int = 1,
                  timeout_s: float = 90.0) -> TurnResult:
    """One spoken question in a fresh session (so that answers never overlap the next question)."""
    try:
        conv, mic = await _session(url, clip.question.language)
    except Exception as exc:  # refused, timed out, reset: all count as errors of this turn
        return TurnResult(kind=kind, language=clip.question.language, question=clip.question.text,
                          level=level, error=f"connect failed: {type(exc).__name__}: {exc}")
    try:
        return await voice_turn(conv, mic, clip, kind=kind, level=level, timeout_s=timeout_s)
    finally:
        await _close(conv, mic)


async def voice_turns(url: str, clips: Sequence[Clip], *, runs: int, tick: Tick,
                      timeout_s: float) -> list[TurnResult]:
    results: list[TurnResult] = []
    for _ in range(runs):
        for clip in clips:
            results.append(await ask_one(url, clip, timeout_s=timeout_s))
            tick()
    return results


async def conversation(url: str, clips: Sequence[Clip], *, tick: Tick, timeout_s: float) -> list[TurnResult]:
    """Follow-up questions in one session, each asked once the previous answer has played.

    Unlike ``voice_turns`` (a fresh session per question), the prompt grows with the history
    here, which is what the embedded LLM's prompt processing (and its prefill) is about.
    """
    if not clips:
        return []
    try:
        conv, mic = await _session(url, clips[0].question.language)
    except Exception as exc:
        q = clips[0].question
        return [TurnResult(kind="followup", language=q.language, question=q.text,
                           error=f"connect failed: {type(exc).__name__}: {exc}")]
    results: list[TurnResult] = []
    try:
        for clip in clips:
            result = await voice_turn(conv, mic, clip, kind="followup", timeout_s=timeout_s)
            results.append(result)
            tick()
            await asyncio.sleep(result.audio_s + 0.6)  # the listener hears the answer out
    finally:
        await _close(conv, mic)
    return results


async def barge_in(url: str, long_clip: Clip, cut_clip: Clip, *, timeout_s: float) -> TurnResult:
    """Ask for a long answer; 1 s into its playback, ask something else.

    Measures speech start → interrupted."""
    q = cut_clip.question
    result = TurnResult(kind="barge_in", language=q.language, question=q.text)
    try:
        conv, mic = await _session(url, q.language)
    except Exception as exc:
        result.error = f"connect failed: {type(exc).__name__}: {exc}"
        return result
    began = time.monotonic()
    try:
        first = mic.play(long_clip)

        def answering() -> bool:
            end = first.speech_end_at
            return end is not None and any(at > end for at, _ in all_chunks(conv))

        await wait_until(conv, answering, timeout_s)
        await asyncio.sleep(BARGE_DELAY_S)
        mark = len(conv.events)
        second = mic.play(cut_clip)
        await wait_until(conv, lambda: bool(events_after(conv, mark, "interrupted")), timeout_s)
        cut = events_after(conv, mark, "interrupted")[0]
        if second.speech_start_at is not None:
            result.barge_in_ms = round((cut.at - second.speech_start_at) * 1000.0, 1)
        after = conv.events.index(cut) + 1
        await wait_until(conv, lambda: turn_over(conv, after), timeout_s)
        await asyncio.wait_for(second.finished.wait(), timeout_s)
        speech_end = second.speech_end_at or cut.at
        finish(result, conv, after, since=max(cut.at, speech_end), origin=speech_end, rate=conv.out_rate)
    except (TimeoutError, ConnectionError) as exc:
        result.error = mic.failed or f"{type(exc).__name__}: no interruption/answer within {timeout_s:.0f} s"
    finally:
        result.turn_s = round(time.monotonic() - began, 2)
        await _close(conv, mic)
    return result


async def barge_ins(url: str, pairs: Sequence[tuple[Clip, Clip]], *, tick: Tick,
                    timeout_s: float) -> list[TurnResult]:
    results: list[TurnResult] = []
    for long_clip, cut_clip in pairs:
        results.append(await barge_in(url, long_clip, cut_clip, timeout_s=timeout_s))
        tick()
    return results


async def photos(url: str, jpeg: bytes, questions: Sequence[str], *, tick: Tick,
                 timeout_s: float) -> list[TurnResult]:
    data = base64.b64encode(jpeg).decode("ascii")
    results: list[TurnResult] = []
    for question in questions:
        try:
            conv = await Conversation.open(url, language="zh")
        except Exception as exc:
            results.append(TurnResult(kind="photo", language="zh", question=question,
                                      error=f"connect failed: {type(exc).__name__}: {exc}"))
            tick()
            continue
        try:
            results.append(await photo_turn(conv, data, question, timeout_s=timeout_s))
        finally:
            await asyncio.wait_for(conv.close(), 10)
        tick()
    return results


async def concurrency_level(url: str, clips: Sequence[Clip], *, level: int, turns_each: int, tick: Tick,
                            timeout_s: float) -> list[TurnResult]:
    """``level`` sessions at once, each asking ``turns_each`` questions one after another."""
    async def worker(index: int) -> list[TurnResult]:
        out: list[TurnResult] = []
        for i in range(turns_each):
            clip = clips[(index + i) % len(clips)]
            out.append(await ask_one(url, clip, kind="concurrency", level=level, timeout_s=timeout_s))
            tick()
        return out

    groups = await asyncio.gather(*(worker(i) for i in range(level)))
    return [r for group in groups for r in group]
