"""Real backends end to end: the LLM behind a real OpenAI-compatible HTTP server, edge-tts unreachable.

A dedicated server process is configured with ``llm.backends = ["openai"]`` pointing at
:class:`LlmProxy`, which relays a real xllamacpp HTTP server (the embedded 0.5B GGUF) or scripts
faults; and with ``tts.backend = "edge"`` pointing at a closed local port, so every sentence must
come from the offline voice.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from typing import Any

import pytest

from assistant.client.conversation import Conversation
from assistant.config import FAST_LLM
from tests.conftest import ServerInfo, free_port, overlap, pcm_to_float, speak, start_server, stop_server
from tests.server.llm_proxy import LlmProxy
from tests.server.realtime_helpers import SHARED_LLM, proxied_llm


@pytest.fixture(scope="module")
def remote_server(tmp_path_factory: pytest.TempPathFactory, model_store: Any) -> Iterator[ServerInfo]:
    proxy = SHARED_LLM.ensure(lambda: proxied_llm(model_store))  # the ``proxy`` of tests/server/conftest.py
    data_dir = tmp_path_factory.mktemp("remote")
    proc, port, as_port, log_path, env = start_server(data_dir, args=("--open",), extra_env={
        "ASSISTANT_LLM__BACKENDS": "openai",
        "ASSISTANT_LLM__BASE_URL": proxy.base_url,
        "ASSISTANT_LLM__MODEL": FAST_LLM,
        "ASSISTANT_LLM__FIRST_TOKEN_TIMEOUT_S": "10",
        "ASSISTANT_TTS__BACKEND": "edge",
        "ASSISTANT_TTS__EDGE_ENDPOINT": f"127.0.0.1:{free_port()}",  # nothing listens there
        "ASSISTANT_TTS__SENTENCE_TIMEOUT_S": "2",
        "ASSISTANT_PHONE__AUDIOSOCKET_ENABLED": "0",
        "OPENAI_API_KEY": "sk-test-not-a-real-key",
    })
    try:
        info = ServerInfo(http=f"http://127.0.0.1:{port}", port=port, token="", data_dir=data_dir,
                          log_path=log_path, env=env, audiosocket_port=as_port, process=proc)
        asyncio.run(_warm(info, proxy))
        yield info
    finally:
        stop_server(proc)


async def _warm(server: ServerInfo, proxy: LlmProxy) -> None:
    """Typed turns until one is answered, so that the real LLM server has the prompt (about 2,000 tokens with
    every tool's schema) cached before the tests. The 0.5B takes 20-40 s for it on a busy 2-core machine,
    past the 10 s first-token timeout set above: after a turn that timed out, its request is sent again
    straight to the LLM server and waited for, which leaves the prompt in a slot's cache."""
    import httpx

    proxy.mode = "forward"
    for _ in range(3):
        conv = await Conversation.open(url(server), language="zh")
        await conv.send_json({"type": "text", "text": "你好"})
        done = await conv.wait_for("metrics", timeout=120)
        await conv.close()
        if not done.message.get("turn", {}).get("error"):
            return
        body = {key: value for key, value in proxy.bodies[-1].items() if key != "stream_options"}
        replay = await asyncio.to_thread(httpx.post, f"{proxy.upstream}/chat/completions", timeout=300,
                                         json={**body, "stream": False, "max_tokens": 1})
        replay.raise_for_status()
    raise AssertionError("the LLM server behind the proxy never answered a typed turn in time")


def url(server: ServerInfo) -> str:
    return f"ws://127.0.0.1:{server.port}/ws"


def test_voice_turn_through_remote_llm_with_offline_voice_fallback(
        remote_server: ServerInfo, proxy: LlmProxy, voices: Any, transcriber: Any) -> None:
    proxy.mode = "forward"
    before = proxy.requests
    question = speak(voices, "中国的首都是哪个城市？")

    async def run() -> Conversation:
        conv = await Conversation.open(url(remote_server), language="zh")
        await conv.stream_audio(question)
        await conv.wait_for("metrics", timeout=120)
        await conv.close()
        return conv

    conv = asyncio.run(run())
    assert proxy.requests > before
    reply = next(r for r in conv.replies if r.text)
    assert "北京" in reply.text
    assert reply.metrics.get("llm_backend") == "openai"
    # edge-tts is unreachable: the whole reply was spoken by the offline voice
    from assistant.audio.resample import resample

    audio = resample(pcm_to_float(reply.audio), conv.out_rate, 16000)
    heard = asyncio.run(transcriber.transcribe(audio, language="zh")).text
    assert overlap(reply.text, heard) >= 0.6, (reply.text, heard)
    assert "sk-test-not-a-real-key" not in remote_server.log()


def test_barge_in_closes_the_http_stream(remote_server: ServerInfo, proxy: LlmProxy) -> None:
    proxy.mode = "long"  # the 0.5B may answer in four tokens, before the barge-in
    before = proxy.disconnects

    async def run() -> Conversation:
        conv = await Conversation.open(url(remote_server), language="zh")
        await conv.send_json({"type": "text", "text": "请详细讲一讲长城的历史，说得越长越好。"})
        await conv.wait_for("reply", timeout=60)
        await conv.send_json({"type": "interrupt"})
        await conv.wait_for("interrupted", timeout=10)
        await conv.close()
        return conv

    try:
        asyncio.run(run())
        deadline = time.monotonic() + 10
        while proxy.disconnects == before and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        proxy.mode = "forward"
    assert proxy.disconnects > before  # the LLM server saw the client go away


@pytest.mark.parametrize("mode", ["e500", "malformed", "hang"])
def test_backend_faults_give_a_spoken_apology(remote_server: ServerInfo, proxy: LlmProxy, mode: str) -> None:
    proxy.mode = mode

    async def run() -> tuple[Conversation, float]:
        conv = await Conversation.open(url(remote_server), language="zh")
        started = time.monotonic()
        await conv.send_json({"type": "text", "text": "你好"})
        await conv.wait_for("audio_end", timeout=60)
        took = time.monotonic() - started
        await conv.send_json({"type": "bye"})
        await conv.close()
        return conv, took

    try:
        conv, took = asyncio.run(run())
    finally:
        proxy.mode = "forward"
    assert [e["code"] for e in conv.errors] == ["llm_error"], conv.errors
    assert any(len(r.audio) > 0 for r in conv.replies)  # the apology was spoken
    if mode == "hang":
        assert took < 40  # first-token timeout (10 s) plus the apology, not a stuck session
    assert remote_server.ready()["ready"]


