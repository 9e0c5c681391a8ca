"""One client flooding the server with audio must not slow down anybody else."""

from __future__ import annotations

import asyncio
import statistics
import time
from typing import Any

import httpx

from assistant.client.conversation import Conversation
from tests.conftest import ServerInfo, speak

FLOOD_RATE = 8000
BIG_FRAME = 4 * 2**20 - 4096  # just under limits.max_message_bytes
FLOOD_FOR_S = 20.0
TRAILING_S = 1.2  # silence after the question


async def _ask(url: str, question: bytes) -> tuple[float, str]:
    """Stream a spoken question in real time; seconds from the end of speech to the first answer audio."""
    conv = await Conversation.open(url, language="zh")
    try:
        sent = await conv.stream_audio(question)
        while conv.replies[0].first_audio_at is None:
            await asyncio.wait_for(conv.changed.wait(), 120)
            conv.changed.clear()
        await conv.wait_for("metrics", timeout=120)
        return (conv.replies[0].first_audio_at or 0.0) - (sent - TRAILING_S), conv.transcripts[0]
    finally:
        await conv.close()


async def _flood(url: str, speech: bytes, report: dict[str, Any]) -> None:
    """Huge frames first, then speech at ten times real time, until the server closes the connection."""
    conv = await Conversation.open(url, rate=FLOOD_RATE, language="zh")
    reps = BIG_FRAME // len(speech) + 1
    big = (speech * reps)[:BIG_FRAME]
    for _ in range(5):
        await conv.ws.send(big)
    step = FLOOD_RATE * 2 // 5  # 0.2 s of audio ...
    start = time.monotonic()
    offset, tick = 0, 0
    try:
        while time.monotonic() - start < FLOOD_FOR_S and not conv.closed.is_set():
            chunk = (speech * 2)[offset:offset + step]
            offset = (offset + step) % len(speech)
            await conv.ws.send(chunk)
            tick += 1
            await asyncio.sleep(max(0.0, start + tick * 0.02 - time.monotonic()))  # ... every 20 ms
    except Exception as exc:  # the server closed the connection under us
        report["send_error"] = type(exc).__name__
    await asyncio.wait_for(conv.closed.wait(), 10)
    report.update(closed_after=time.monotonic() - start, code=conv.ws.close_code, reason=conv.ws.close_reason,
                  turns=conv.count("transcript"), errors=[e.get("code") for e in conv.errors])


async def _health(http: str, stop: asyncio.Event, times: list[float]) -> None:
    async with httpx.AsyncClient() as client:
        while not stop.is_set():
            t0 = time.monotonic()
            response = await client.get(f"{http}/healthz", timeout=30)
            assert response.status_code == 200
            times.append(time.monotonic() - t0)
            await asyncio.sleep(0.05)


def test_flooding_client_is_closed_and_others_are_not_delayed(server: ServerInfo, voices: Any) -> None:
    question = speak(voices, "中国的首都是哪个城市？", after_s=TRAILING_S)
    speech = speak(voices, "今天天气怎么样？我想出去走走。", rate=FLOOD_RATE, before_s=0.3, after_s=0.8)

    async def run() -> tuple[float, float, str, dict[str, Any], list[float]]:
        baseline, _ = await _ask(server.ws, question)
        report: dict[str, Any] = {}
        stop, health = asyncio.Event(), list[float]()
        checker = asyncio.create_task(_health(server.http, stop, health))
        flooder = asyncio.create_task(_flood(server.ws, speech, report))
        await asyncio.sleep(0.3)
        latency, transcript = await _ask(server.ws, question)
        await flooder
        stop.set()
        await checker
        return baseline, latency, transcript, report, health

    baseline, latency, transcript, report, health = asyncio.run(run())
    p50 = statistics.median(health)
    print(f"flood: answer {latency:.2f} s (alone {baseline:.2f} s), flooder {report}, "
          f"healthz p50 {p50 * 1000:.0f} ms max {max(health) * 1000:.0f} ms over {len(health)} requests")
    assert "北京" in transcript or "首都" in transcript, transcript
    assert latency < max(3.0 * baseline, baseline + 4.0), (latency, baseline)
    assert p50 < 0.25 and max(health) < 1.5, (p50, max(health))
    assert report["code"] == 1008 and "real time" in report["reason"], report
    assert report["closed_after"] < 8.0, report
    assert report["turns"] <= 4, report  # not dozens
    assert "bad_audio" in report["errors"] and "audio_flood" in report["errors"], report
