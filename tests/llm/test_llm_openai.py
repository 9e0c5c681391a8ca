"""OpenAIChatModel against a real llama.cpp HTTP server and a scripted real HTTP server."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from llm_stub_server import ANSWER, StubServer

from assistant.errors import LlmError
from assistant.llm.base import ChatMessage, ChatRequest, Usage
from assistant.llm.embedded import serve_openai_http
from assistant.llm.openai import OpenAIChatModel

KEY = "sk-test-SECRET-0123456789"
QUESTION = ChatRequest(messages=[ChatMessage(role="system", content="你是助手，用简体中文简短回答。"),
                                 ChatMessage(role="user", content="中国的首都是哪个城市？")],
                       max_tokens=32, temperature=0.0)


def model_for(url: str, *, provider: str = "stub", **options: Any) -> OpenAIChatModel:
    settings: dict[str, Any] = {"connect_timeout_s": 2.0, "first_token_timeout_s": 2.0,
                                "total_timeout_s": 10.0}
    settings.update(options)
    return OpenAIChatModel(base_url=url, model="test-model", api_key=KEY, provider=provider, **settings)


async def collect(model: OpenAIChatModel, usage: Usage | None = None) -> list[str]:
    return [delta async for delta in model.stream(QUESTION, usage or Usage())]


@pytest.fixture(scope="module")
def llamacpp_http(small_llm_path: Path) -> Iterator[str]:
    server, base_url = serve_openai_http(small_llm_path, context=2048, n_parallel=1, threads=2)
    yield base_url
    del server


async def test_streams_a_full_answer_from_a_real_llamacpp_server(llamacpp_http: str) -> None:
    model = OpenAIChatModel(base_url=llamacpp_http, model="qwen2.5-coder-0.5b", api_key=None,
                            provider="llamacpp", first_token_timeout_s=60.0, total_timeout_s=120.0)
    usage = Usage()
    deltas = await collect(model, usage)
    await model.aclose()
    answer = "".join(deltas)
    assert len(deltas) >= 3 and "北京" in answer, deltas
    assert re.search(r"[\u4e00-\u9fff]{3}", answer)
    assert not usage.counted_locally
    assert usage.provider == "llamacpp" and usage.prompt_tokens > 10 and 0 < usage.completion_tokens <= 32


async def test_cancelling_stops_the_real_server_generating(llamacpp_http: str) -> None:
    model = OpenAIChatModel(base_url=llamacpp_http, model="qwen2.5-coder-0.5b", api_key=None,
                            provider="llamacpp", first_token_timeout_s=60.0, total_timeout_s=120.0)
    request = ChatRequest(messages=[ChatMessage(role="user", content="请讲一个很长的故事，至少一千字。")],
                          max_tokens=600)
    got_three = asyncio.Event()

    async def listen() -> None:
        count = 0
        async for _ in model.stream(request, Usage()):
            count += 1
            if count == 3:
                got_three.set()

    task = asyncio.create_task(listen())
    await asyncio.wait_for(got_three.wait(), timeout=60)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
    cancelled_at = time.monotonic()
    root = llamacpp_http.removesuffix("/v1")
    async with httpx.AsyncClient() as client:
        while (await client.get(f"{root}/slots")).json()[0]["is_processing"]:
            assert time.monotonic() - cancelled_at < 3.0, "llama.cpp went on generating"
            await asyncio.sleep(0.05)
    await model.aclose()


async def test_streams_deltas_and_usage(stub_server: StubServer) -> None:
    usage = Usage()
    deltas = await collect(model_for(stub_server.url("ok")), usage)
    assert deltas == ANSWER
    assert (usage.prompt_tokens, usage.completion_tokens, usage.counted_locally) == (21, 5, False)
    sent = stub_server.requests[-1]
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    assert sent.body["stream"] is True and sent.body["stream_options"] == {"include_usage": True}
    assert sent.body["model"] == "test-model" and sent.body["max_tokens"] == 32


async def test_no_first_token_times_out_without_retrying(stub_server: StubServer) -> None:
    for behaviour in ("hang", "hangafterheaders"):
        before = stub_server.count(behaviour)
        started = time.monotonic()
        with pytest.raises(LlmError, match=r"no (first token|answer)"):
            await collect(model_for(stub_server.url(behaviour), first_token_timeout_s=0.6))
        assert 0.55 < time.monotonic() - started < 1.5
        assert stub_server.count(behaviour) == before + 1  # a timeout is for the fallback, not a retry
        assert await asyncio.to_thread(stub_server.last(behaviour).disconnected.wait, 3.0)


async def test_http_500_is_retried_once_then_fails(stub_server: StubServer) -> None:
    before = stub_server.count("e500")
    with pytest.raises(LlmError, match="HTTP 500: the model crashed") as caught:
        await collect(model_for(stub_server.url("e500")))
    assert stub_server.count("e500") == before + 2
    assert caught.value.code == "llm_error"


async def test_http_401_fails_at_once_and_hides_the_key(stub_server: StubServer) -> None:
    before = stub_server.count("e401")
    with pytest.raises(LlmError, match="authentication failed") as caught:
        await collect(model_for(stub_server.url("e401")))
    assert stub_server.count("e401") == before + 1
    assert KEY not in str(caught.value)


async def test_malformed_sse_is_an_llm_error(stub_server: StubServer) -> None:
    with pytest.raises(LlmError, match="malformed stream"):
        await collect(model_for(stub_server.url("malformed")))


async def test_a_broken_answer_is_not_retried(stub_server: StubServer) -> None:
    before = stub_server.count("partial")
    received: list[str] = []
    with pytest.raises(LlmError, match="connection failed"):
        async for delta in model_for(stub_server.url("partial")).stream(QUESTION, Usage()):
            received.append(delta)
    assert received == ANSWER[:2]
    assert stub_server.count("partial") == before + 1


async def test_a_server_that_ignores_stream_still_answers(stub_server: StubServer) -> None:
    usage = Usage()
    assert await collect(model_for(stub_server.url("plainjson")), usage) == ["一个不流式的回答。"]
    assert usage.completion_tokens == 6


async def test_a_server_without_stream_options_still_works(stub_server: StubServer) -> None:
    usage = Usage()
    assert await collect(model_for(stub_server.url("nostreamoptions")), usage) == ANSWER
    assert usage.counted_locally and usage.completion_tokens > 0
    asked = [r for r in stub_server.requests if r.behaviour == "nostreamoptions"]
    assert [("stream_options" in r.body) for r in asked] == [True, False]


async def test_connection_refused_is_retried_then_fails(unused_tcp_port: int) -> None:
    started = time.monotonic()
    with pytest.raises(LlmError, match="connection failed"):
        await collect(model_for(f"http://127.0.0.1:{unused_tcp_port}/v1"))
    assert time.monotonic() - started < 2.0


async def test_a_too_long_answer_hits_the_total_timeout(stub_server: StubServer) -> None:
    received: list[str] = []
    started = time.monotonic()
    with pytest.raises(LlmError, match="answer took too long"):
        async for delta in model_for(stub_server.url("slow"), total_timeout_s=0.6).stream(QUESTION, Usage()):
            received.append(delta)
    assert received and 0.55 < time.monotonic() - started < 1.5


async def test_cancelling_the_consumer_closes_the_connection(stub_server: StubServer) -> None:
    model = model_for(stub_server.url("slow"))
    got_three = asyncio.Event()

    async def listen() -> None:
        count = 0
        async for _ in model.stream(QUESTION, Usage()):
            count += 1
            if count == 3:
                got_three.set()

    task = asyncio.create_task(listen())
    await asyncio.wait_for(got_three.wait(), timeout=5)
    assert not stub_server.last("slow").disconnected.is_set()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    # The server notices: its read of the connection ends, so it would stop generating.
    assert await asyncio.to_thread(stub_server.last("slow").disconnected.wait, 2.0)
    await model.aclose()


async def test_the_key_never_reaches_logs_or_repr(stub_server: StubServer,
                                                  caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    model = model_for(stub_server.url("ok"))
    await collect(model)
    for behaviour in ("e401", "e500"):
        with pytest.raises(LlmError) as caught:
            await collect(model_for(stub_server.url(behaviour)))
        assert KEY not in str(caught.value) and KEY not in repr(caught.value)
    assert caplog.records  # httpx and our retries did log
    assert KEY not in caplog.text
    assert KEY not in repr(model) and "***" in repr(model)
