"""FallbackChatModel: real HTTP backends failing in front of the real embedded model."""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from llm_stub_server import ANSWER, StubServer

from assistant.errors import LlmError
from assistant.llm.base import ChatMessage, ChatModel, ChatRequest, Usage
from assistant.llm.embedded import LlamaChatModel
from assistant.llm.fallback import FallbackChatModel
from assistant.llm.openai import OpenAIChatModel

REQUEST = ChatRequest(messages=[ChatMessage(role="system", content="你是助手，用简体中文简短回答。"),
                                ChatMessage(role="user", content="一年有几个季节？")],
                      max_tokens=24, temperature=0.0)


def remote(url: str, provider: str, **options: Any) -> OpenAIChatModel:
    settings: dict[str, Any] = {"connect_timeout_s": 1.0, "first_token_timeout_s": 1.0,
                                "total_timeout_s": 10.0}
    settings.update(options)
    return OpenAIChatModel(base_url=url, model="m", api_key="sk-fallback-test-key", provider=provider,
                           **settings)


async def test_a_hanging_backend_falls_back_to_embedded_in_time(
        stub_server: StubServer, embedded_llm: LlamaChatModel) -> None:
    chain = FallbackChatModel([remote(stub_server.url("hang"), "deepseek", first_token_timeout_s=0.8),
                               embedded_llm])
    usage = Usage()
    started = time.monotonic()
    first_at = None
    deltas: list[str] = []
    async for delta in chain.stream(REQUEST, usage):
        first_at = first_at or time.monotonic() - started
        deltas.append(delta)
    assert first_at is not None
    # 0.8 s waiting for the remote, then the embedded model's own first token.
    assert 0.8 <= first_at < 0.8 + 5.0, first_at
    assert re.search(r"[\u4e00-\u9fff]", "".join(deltas))
    assert usage.provider == "embedded" and usage.completion_tokens > 0


async def test_failures_go_down_the_chain_in_order(stub_server: StubServer) -> None:
    chain = FallbackChatModel([remote(stub_server.url("e401"), "ark"),
                               remote(stub_server.url("malformed"), "dashscope"),
                               remote(stub_server.url("ok"), "openai")])
    usage = Usage()
    assert [d async for d in chain.stream(REQUEST, usage)] == ANSWER
    assert (usage.provider, usage.completion_tokens) == ("openai", 5)


async def test_no_fallback_once_text_was_produced(stub_server: StubServer) -> None:
    before_ok = stub_server.count("ok")
    chain = FallbackChatModel([remote(stub_server.url("partial"), "deepseek"),
                               remote(stub_server.url("ok"), "openai")])
    received: list[str] = []
    with pytest.raises(LlmError):
        async for delta in chain.stream(REQUEST, Usage()):
            received.append(delta)
    assert received == ANSWER[:2]
    assert stub_server.count("ok") == before_ok  # the answer was not started again elsewhere


async def test_the_last_failure_is_raised(stub_server: StubServer) -> None:
    models: list[ChatModel] = [remote(stub_server.url("e401"), "ark"),
                               remote(stub_server.url("e500"), "deepseek")]
    with pytest.raises(LlmError, match="deepseek: HTTP 500"):
        async for _ in FallbackChatModel(models).stream(REQUEST, Usage()):
            pass
