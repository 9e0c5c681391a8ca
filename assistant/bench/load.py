"""The realistic load of ``bench --capacity``: N elders, each asking a spoken question every 15-30 s.

Each simulated elder holds one conversation open for the whole level, the way the web client or a
phone call does: the microphone (or the phone line) streams silence between questions, the
question is one of the project's voices saying a Chinese question, and the next question comes
15-30 s (uniformly drawn) after the previous one began, but never before its answer has played
and a second has passed. One elder in ``phone_every`` calls in over the Twilio bridge instead.
The first questions are spread over the first interval so that the elders do not start in step.

Only turns whose question ends inside the measuring window count; nobody starts a question after
the window, and the turns already asked are waited for.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from assistant.bench.client import MicStream, TurnResult, voice_turn
from assistant.bench.phone import ask_on_call, phone_audio
from assistant.bench.server_log import join_phone_turns
from assistant.bench.speech import Clip
from assistant.client.conversation import Conversation

QUESTIONS = ("天冷了，老人怎么保暖？", "中国的首都是哪个城市？", "一年有几个月？",
             "每天应该喝多少水？", "晚上睡不着觉怎么办？", "血压高的人要少吃什么？",
             "饺子应该煮多长时间？", "给我讲一个简短的笑话吧。", "现在几点了？",
             "散步对身体有什么好处？", "一个星期有几天？", "长城在哪个城市？")
CALLER = "+86139000000{:02d}"


@dataclass(frozen=True, slots=True, kw_only=True)
class LoadModel:
    interval_s: tuple[float, float] = (15.0, 30.0)  # from one question's start to the next one's
    phone_every: int = 4  # elder 2, 6, 10... calls in (with 2 or more elders)
    warmup_s: float = 20.0
    measure_s: float = 90.0
    turn_timeout_s: float = 30.0  # no answer by then: a turn without an answer
    seed: int = 20

    def is_phone(self, index: int) -> bool:
        return self.phone_every > 0 and index % self.phone_every == 1


@dataclass(frozen=True, slots=True, kw_only=True)
class Window:
    """Monotonic times: sessions open at ``opened``; turns count whose speech ends in [start, end)."""

    opened: float
    start: float
    end: float

    def counts(self, speech_end: float) -> bool:
        return self.start <= speech_end < self.end


@dataclass(frozen=True, slots=True, kw_only=True)
class Asked:
    speech_end: float
    result: TurnResult
    call_sid: str = ""  # asked on this phone call (its figures come from the gateway's log)


def _next_at(rng: random.Random, model: LoadModel, asked_at: float, answer_end: float) -> float:
    return max(asked_at + rng.uniform(*model.interval_s), answer_end + 1.0)


def _answer_end(speech_end: float, result: TurnResult) -> float:
    v2v = (result.voice_to_voice_ms or 0.0) / 1000.0
    return speech_end + v2v + result.audio_s + result.underrun_ms / 1000.0


async def _sleep_until(at: float) -> None:
    delay = at - time.monotonic()
    if delay > 0:
        await asyncio.sleep(delay)


async def web_elder(ws_url: str, clips: Sequence[Clip], model: LoadModel, window: Window, *,
                    index: int, level: int) -> list[Asked]:
    """One elder on the websocket: a conversation held open, a question every 15-30 s."""
    rng = random.Random(model.seed * 1000 + index)
    try:
        conv = await Conversation.open(ws_url, language="zh")
    except Exception as exc:  # refused or reset: the elder's first question goes unanswered
        return [Asked(speech_end=window.start, result=TurnResult(
            kind="capacity", language="zh", question="", level=level,
            error=f"connect failed: {type(exc).__name__}: {exc}"))]
    mic = MicStream(conv)
    mic.start()
    out: list[Asked] = []
    next_at = window.opened + rng.uniform(0.0, model.interval_s[0])
    try:
        while True:
            await _sleep_until(min(next_at, window.end))  # a question due after the window is never asked
            if time.monotonic() >= window.end or conv.closed.is_set():
                break
            clip = rng.choice(list(clips))
            asked = time.monotonic()
            result = await voice_turn(conv, mic, clip, kind="capacity", level=level,
                                      timeout_s=model.turn_timeout_s)
            speech_end = asked + clip.speech_end / clip.rate
            out.append(Asked(speech_end=speech_end, result=result))
            next_at = _next_at(rng, model, asked, _answer_end(speech_end, result))
    finally:
        await mic.stop()
        try:
            await asyncio.wait_for(conv.close(), 10)
        except (TimeoutError, OSError):
            pass
    return out


async def phone_elder(http: str, clips: Sequence[Clip], model: LoadModel, window: Window, *,
                      index: int, level: int, auth_token: str) -> list[Asked]:
    """One elder on the phone: one call held open (silence streamed between questions)."""
    from assistant.client.twilio_call import TwilioCall

    rng = random.Random(model.seed * 1000 + index)
    audio: dict[str, np.ndarray] = {c.question.text: phone_audio(c) for c in clips}
    failed = TurnResult(kind="phone", language="zh", question="", level=level)
    try:
        call = await TwilioCall.dial(http, caller=CALLER.format(index), auth_token=auth_token)
        await call.listen(max_s=model.turn_timeout_s)  # the greeting
    except (OSError, RuntimeError, TimeoutError) as exc:
        failed.error = f"call failed: {type(exc).__name__}: {exc}"
        return [Asked(speech_end=window.start, result=failed)]
    out: list[Asked] = []
    next_at = window.opened + rng.uniform(0.0, model.interval_s[0])
    try:
        while not call.closed.is_set():
            until = min(next_at, window.end)  # a question due after the window is never asked
            if until > time.monotonic():
                await call.send_silence(until - time.monotonic())
            if time.monotonic() >= window.end:
                break
            clip = rng.choice(list(clips))
            asked = time.monotonic()
            result, speech_end = await ask_on_call(call, clip, audio[clip.question.text], kind="phone",
                                                   level=level, timeout_s=model.turn_timeout_s)
            out.append(Asked(speech_end=speech_end, result=result, call_sid=call.call_sid))
            next_at = _next_at(rng, model, asked, _answer_end(speech_end, result))
    finally:
        await call.stop()
    return out


async def run_elders(ws_url: str, http: str, clips: Sequence[Clip], model: LoadModel, *, level: int,
                     auth_token: str, window: Window, server_log: Callable[[], str] | None = None,
                     ) -> list[TurnResult]:
    """``level`` elders at once (``window`` from :func:`plan_window`); the turns that count. The phone
    turns get the gateway's figures from ``server_log()``, its log (:mod:`assistant.bench.server_log`)."""
    tasks = []
    for index in range(level):
        if model.is_phone(index):
            tasks.append(phone_elder(http, clips, model, window, index=index, level=level,
                                     auth_token=auth_token))
        else:
            tasks.append(web_elder(ws_url, clips, model, window, index=index, level=level))
    groups = await asyncio.gather(*tasks)
    calls: dict[str, list[TurnResult]] = {}
    for asked in (a for group in groups for a in group if a.call_sid):
        calls.setdefault(asked.call_sid, []).append(asked.result)
    if calls and server_log is not None:
        await asyncio.sleep(0.5)  # the last turn's log line is written as its answer ends
        join_phone_turns(calls, await asyncio.to_thread(server_log))
    return [a.result for group in groups for a in group if window.counts(a.speech_end)]


def plan_window(model: LoadModel, opened: float | None = None) -> Window:
    at = time.monotonic() if opened is None else opened
    return Window(opened=at, start=at + model.warmup_s, end=at + model.warmup_s + model.measure_s)
