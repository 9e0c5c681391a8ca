"""The voice loop end to end: real server, real models, real websocket, speech in real time."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import numpy as np
import pytest

from assistant.client.conversation import Conversation
from tests.conftest import ServerInfo, normalise, overlap, pcm_to_float, speak

QUESTION = "中国的首都是哪个城市？"


@pytest.fixture(scope="module")
def question_pcm(voices: Any) -> bytes:
    return speak(voices, QUESTION)


def transcribe(transcriber: Any, pcm: bytes | bytearray, rate: int, language: str = "zh") -> str:
    from assistant.audio.resample import resample

    audio = resample(pcm_to_float(pcm), rate, 16000)
    return str(asyncio.run(transcriber.transcribe(audio, language=language)).text)


async def _ask(server: ServerInfo, pcm: bytes) -> Conversation:
    conv = await Conversation.open(server.ws, language="zh")
    await conv.stream_audio(pcm)
    await conv.wait_for("metrics", timeout=90)
    await conv.close()
    return conv


def test_spoken_question_gets_spoken_answer(server: ServerInfo, question_pcm: bytes,
                                            transcriber: Any) -> None:
    conv = asyncio.run(_ask(server, question_pcm))
    assert conv.transcripts, conv.events
    assert overlap(QUESTION, conv.transcripts[0]) >= 0.8, conv.transcripts
    reply = next(r for r in conv.replies if r.text)
    assert "北京" in reply.text, reply.text
    assert len(reply.audio) > conv.out_rate  # at least half a second of speech
    heard = transcribe(transcriber, reply.audio, conv.out_rate)
    assert overlap(reply.text, heard) >= 0.6, (reply.text, heard)
    assert "北京" in heard
    metrics = reply.metrics
    for key in ("vad_ms", "asr_ms", "llm_first_token_ms", "tts_first_audio_ms", "voice_to_voice_ms"):
        assert isinstance(metrics.get(key), int | float), (key, metrics)
    kinds = [e.message["type"] for e in conv.events]
    assert kinds.index("speech_started") < kinds.index("speech_stopped") < kinds.index("transcript")
    assert "audio_end" in kinds


def test_english_text_question(server: ServerInfo) -> None:
    async def run() -> Conversation:
        conv = await Conversation.open(server.ws, language="en")
        await conv.send_json({"type": "text",
                              "text": "What is the capital of France? Answer in one sentence."})
        await conv.wait_for("metrics", timeout=90)
        await conv.close()
        return conv

    conv = asyncio.run(run())
    reply = next(r for r in conv.replies if r.text)
    assert "paris" in reply.text.lower()
    assert len(reply.audio) > 0


def test_repeat_that_repeats_last_answer_more_slowly(server: ServerInfo) -> None:
    async def run() -> Conversation:
        conv = await Conversation.open(server.ws, language="zh")
        # a question for the LLM (a tool's one-line answer is too short to measure its pace on)
        await conv.send_json({"type": "text", "text": "请用两句话介绍一下长城。"})
        await conv.wait_for("metrics", timeout=90)
        await conv.send_json({"type": "text", "text": "再说一遍"})
        await conv.wait_for("metrics", count=2, timeout=90)
        await conv.close()
        return conv

    conv = asyncio.run(run())
    first, second = [r for r in conv.replies if r.text][:2]
    assert first.text.strip() in second.text
    # The same words plus a short preface ("好的，我再说一遍。"), all spoken 1.2x slower: compare
    # seconds per spoken character, not lengths (the preface alone makes the second reply longer).
    pace = [len(r.audio) / 2 / conv.out_rate / len(normalise(r.text)) for r in (first, second)]
    assert pace[1] >= 1.1 * pace[0], pace


def test_barge_in_stops_old_reply_and_answers_new_question(
        server: ServerInfo, voices: Any, question_pcm: bytes) -> None:
    long_question = speak(voices, "请给我讲一个关于小猫的长故事。", after_s=0.2)

    async def run() -> tuple[Conversation, float, float]:
        conv = await Conversation.open(server.ws, language="zh")
        await conv.stream_audio(long_question + b"\x00\x00" * 16000)
        while conv.reply.first_audio_at is None:  # the old reply is streaming
            await asyncio.wait_for(conv.changed.wait(), 60)
            conv.changed.clear()
        await asyncio.sleep(0.3)
        lead = 0.6  # question_pcm starts with 0.6 s of silence
        started = time.monotonic()
        await conv.stream_audio(question_pcm)
        event = await conv.wait_for("interrupted", timeout=30)
        speech_start = started + lead
        await conv.wait_for("metrics", count=2, timeout=90)
        await conv.close()
        return conv, event.at - speech_start, event.at

    conv, latency, interrupted_at = asyncio.run(run())
    print(f"barge-in latency (speech start -> interrupted): {latency * 1000:.0f} ms")
    assert latency < 5.0  # a sanity bound only: `assistant bench` measures it on a quiet machine
    old = conv.replies[0]
    assert old.interrupted
    # no audio of the old reply after `interrupted`
    assert all(at <= interrupted_at for at, _ in old.chunk_times)
    answered = [r for r in conv.replies[1:] if r.text]
    assert answered and "北京" in answered[0].text, [r.text for r in conv.replies]


def test_two_sessions_at_once_get_their_own_answers(server: ServerInfo, voices: Any,
                                                    question_pcm: bytes) -> None:
    other_pcm = speak(voices, "一个星期有几天？")

    async def run() -> tuple[Conversation, Conversation]:
        a, b = await asyncio.gather(_ask(server, question_pcm), _ask(server, other_pcm))
        return a, b

    a, b = asyncio.run(run())
    ra = next(r for r in a.replies if r.text)
    rb = next(r for r in b.replies if r.text)
    assert "北京" in ra.text and "北京" not in rb.text, (ra.text, rb.text, a.transcripts, b.transcripts)
    assert any(x in rb.text for x in ("七", "7")), (rb.text, b.transcripts)
    assert overlap("一个星期有几天", b.transcripts[0]) >= 0.7
    assert a.session != b.session


def test_bad_input_gets_clear_errors_and_session_survives(server: ServerInfo) -> None:
    async def run() -> tuple[list[str], Conversation]:
        import websockets

        codes: list[str] = []
        async with websockets.connect(server.ws) as ws:  # binary before hello
            await ws.send(b"\x00\x00" * 160)
            codes.append(json.loads(await ws.recv())["code"])
            for rate in (0, 1_000_000):
                await ws.send(json.dumps({"type": "hello",
                                          "audio": {"format": "pcm16", "rate": rate, "channels": 1}}))
                codes.append(json.loads(await ws.recv())["code"])
        conv = await Conversation.open(server.ws, language="zh")
        await conv.ws.send(b"\x01\x02\x03")  # odd-length PCM
        await conv.send_json({"type": "what"})
        await conv.ws.send("{not json")
        await conv.wait_for("error", count=3, timeout=10)
        await conv.send_json({"type": "text", "text": "一加一等于几？"})
        await conv.wait_for("metrics", timeout=90)
        await conv.close()
        return codes, conv

    codes, conv = asyncio.run(run())
    assert codes == ["hello_required", "bad_sample_rate", "bad_sample_rate"]
    assert [e["code"] for e in conv.errors] == ["bad_audio", "unknown_type", "invalid_json"]
    assert all(e["message"] for e in conv.errors)
    assert any(r.text for r in conv.replies)


def test_huge_frame_is_refused_by_the_size_limit(server: ServerInfo) -> None:
    async def run() -> tuple[int | None, str]:
        import websockets

        conv = await Conversation.open(server.ws, language="zh", max_size=None)
        try:
            await conv.ws.send(b"\x00" * (50 * 1024 * 1024))
        except websockets.ConnectionClosed:
            pass
        await asyncio.wait_for(conv.closed.wait(), 30)
        return conv.ws.close_code, conv.ws.close_reason or ""

    code, reason = asyncio.run(run())
    assert code == 1009, (code, reason)  # "message too big"; a fresh connection works again
    assert server.ready()["ready"]


def test_disconnect_mid_reply_leaves_nothing_running(server: ServerInfo, voices: Any) -> None:
    pcm = speak(voices, "请给我讲一个关于小狗的长故事。")
    before = server.ready()

    async def run() -> None:
        conv = await Conversation.open(server.ws, language="zh")
        await conv.stream_audio(pcm)
        while conv.reply.first_audio_at is None:
            await asyncio.wait_for(conv.changed.wait(), 60)
            conv.changed.clear()
        await conv.ws.close()  # gone mid-reply, without bye

    asyncio.run(run())
    # A leaked stream would hold on for the worker's stall limit (60 s) or its whole answer; a call still
    # processing its prompt cannot be stopped before its first token, which under a loaded CPU has taken
    # more than 10 s (one full run of 2026-12-01).
    deadline = time.monotonic() + 30
    after = server.ready()
    while time.monotonic() < deadline and (after["sessions"] or after["tasks"] > before["tasks"]
                                           or after["llm_streams"]):
        time.sleep(0.2)
        after = server.ready()
    assert after["sessions"] == 0
    assert after["tasks"] <= before["tasks"], (before, after)
    assert after["llm_streams"] == 0
    assert after["threads"] <= before["threads"] + 2, (before, after)


def test_healthz_and_readyz(server: ServerInfo) -> None:
    import httpx

    assert httpx.get(f"{server.http}/healthz").status_code == 200
    ready = server.ready()
    assert ready["ready"] is True
    assert np.isfinite(ready["rss_mb"])


def test_metrics_endpoint_has_latency_histograms_and_token_counters(server: ServerInfo) -> None:
    import httpx

    async def run() -> None:
        conv = await Conversation.open(server.ws, language="zh")
        await conv.send_json({"type": "text", "text": "你好"})
        await conv.wait_for("metrics", timeout=90)
        await conv.close()

    asyncio.run(run())
    body = httpx.get(f"{server.http}/metrics").text
    assert "# TYPE assistant_llm_first_token_milliseconds histogram" in body
    assert 'assistant_tts_first_audio_milliseconds_bucket{le="+Inf"}' in body
    counts = {line.split(" ")[0]: float(line.split(" ")[1]) for line in body.splitlines()
              if line and not line.startswith("#")}
    assert counts['assistant_completion_tokens_total{backend="embedded"}'] > 0
    assert counts['assistant_prompt_tokens_total{backend="embedded"}'] > 0
    assert 'assistant_cost_yuan_total{backend="embedded"}' in counts
    assert counts["assistant_tts_characters_total"] > 0
    for stage in ("llm", "tts"):  # CPU seconds by stage (assistant/cputime.py); a typed turn has no VAD/ASR
        assert counts[f'assistant_stage_cpu_seconds_total{{stage="{stage}"}}'] > 0, stage
    assert counts["assistant_process_cpu_seconds_total"] > 0
