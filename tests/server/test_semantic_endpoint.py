"""The semantic end of turn through the real server (assistant/pipeline/endpoint.py).

A sentence paused after a plainly unfinished part ("明天早上八点，… 提醒我吃降压药", a 1.2 s pause,
longer than the ordinary 700 ms wait) is answered once, after its end; a finished question
("一天有多少个小时") is committed as soon as its transcript is there and 400 ms of silence passed."""

from __future__ import annotations

import asyncio
from typing import Any

from assistant.client.conversation import Conversation
from tests.conftest import ServerInfo, speak


async def _ask(server: ServerInfo, pcm: bytes) -> tuple[Conversation, float]:
    conv = await Conversation.open(server.ws, language="zh")
    ended = await conv.stream_audio(pcm)
    await conv.wait_for("metrics", timeout=90)
    await conv.close()
    return conv, ended


def test_a_paused_sentence_is_answered_once_after_its_end(server: ServerInfo, voices: Any) -> None:
    first = speak(voices, "明天早上八点", speed=1.2, after_s=1.2)
    rest = speak(voices, "提醒我吃降压药", speed=1.2, before_s=0.0, after_s=2.5)
    conv, _ = asyncio.run(_ask(server, first + rest))
    said = [t for t in conv.transcripts if t.strip()]
    kinds = [e.message["type"] for e in conv.events]
    assert len(said) == 1 and "提醒" in said[0], said
    assert kinds.count("speech_stopped") == 1 and "interrupted" not in kinds, kinds


def test_a_finished_question_is_committed_sooner(server: ServerInfo, voices: Any) -> None:
    conv, _ = asyncio.run(_ask(server, speak(voices, "一天有多少个小时？", after_s=2.5)))
    metrics = next(r.metrics for r in conv.replies if r.metrics)
    assert metrics.get("endpoint") == "finished", metrics
    # the turn ends at the first frame after both 400 ms of silence and the speculative transcript
    # (ASR started at the 150 ms pause): the ordinary 700 ms is no longer the floor
    assert metrics["vad_ms"] <= max(400.0, 150.0 + metrics["asr_ms"]) + 200.0, metrics
    assert metrics["asr_visible_ms"] == 0.0, metrics  # the transcript was ready when the turn ended
