"""A remote vision-language model behind the OpenAI chat-completions format.

Doubao vision (Volcano Engine Ark), Qwen-VL (DashScope), GPT-4o and local vLLM/Ollama serving
Qwen2.5-VL all accept a user message whose content is a list of parts::

    [{"type": "image_url", "image_url": {"url": "data:image/jpeg;base64,..."}},
     {"type": "text", "text": "这是什么？"}]

The HTTP, SSE and timeout handling is :class:`assistant.llm.openai.OpenAIChatModel`'s; this class
builds the image request and turns every failure into :class:`VisionError`, so the caller can
fall back to the embedded OCR + labels path. The API key is read from the environment variable
named by ``api_key_env`` once, at construction, and is never logged or put into an error.
"""

from __future__ import annotations

import os
from collections.abc import AsyncGenerator, AsyncIterator, Mapping
from typing import Any

import httpx

from assistant.errors import ConfigError, LlmError, VisionError
from assistant.llm.base import ChatMessage, ChatRequest, Usage
from assistant.llm.openai import OpenAIChatModel

VISION_SYSTEM_PROMPT = (
    "你是一位耐心的助手，正在帮一位老人看他拍的照片并回答他的问题。"
    "用简体中文口语回答，简短，最多三句话，不要用列表、表格或特殊符号；他用英语提问时就用英语回答。"
    "如果照片是药品包装或说明书，先说清楚用法用量（一次多少、一天几次），并提醒按说明书或遵医嘱。"
    "让你念字时就照着念，字很多就先说大意。看不清或不确定时就直说，绝不要编造。"
)


class OpenAIVisionModel:
    """Streams an answer about one photo from an OpenAI-compatible vision model.

    ``timeout_s`` bounds the wait for the first text delta (upload + image encoding + first
    token); ``total_timeout_s`` (default three times that) bounds the whole answer.
    Raises ConfigError at construction when ``api_key_env`` names an unset variable.
    """

    def __init__(
        self,
        *,
        base_url: str,
        model: str,
        api_key_env: str = "",
        timeout_s: float = 15.0,
        provider: str = "openai",
        total_timeout_s: float | None = None,
        connect_timeout_s: float = 3.0,
        api_key: str | None = None,
        extra_body: Mapping[str, Any] | None = None,
        environ: Mapping[str, str] | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        if api_key is None and api_key_env:
            api_key = (os.environ if environ is None else environ).get(api_key_env, "").strip() or None
            if api_key is None:
                raise ConfigError(f"vision backend {provider}: the API key variable {api_key_env} is not set")
        self.name = provider
        self.provider = provider
        self.model = model
        self.timeout_s = timeout_s
        self._chat = OpenAIChatModel(
            base_url=base_url, model=model, api_key=api_key, provider=provider,
            connect_timeout_s=min(connect_timeout_s, timeout_s), first_token_timeout_s=timeout_s,
            total_timeout_s=total_timeout_s if total_timeout_s is not None else 3 * timeout_s,
            transport=transport, extra_body=extra_body)

    def __repr__(self) -> str:
        return f"OpenAIVisionModel(provider={self.provider!r}, model={self.model!r})"

    async def aclose(self) -> None:
        await self._chat.aclose()

    def request(self, *, image_data_url: str, question: str, system: str = VISION_SYSTEM_PROMPT,
                max_tokens: int = 200, temperature: float = 0.2) -> ChatRequest:
        return ChatRequest(
            messages=[ChatMessage(role="system", content=system),
                      ChatMessage(role="user", content=question.strip() or "这是什么？",
                                  image_data_url=image_data_url)],
            max_tokens=max_tokens, temperature=temperature)

    async def stream(self, *, image_data_url: str, question: str, usage: Usage,
                     system: str = VISION_SYSTEM_PROMPT, max_tokens: int = 200) -> AsyncGenerator[str, None]:
        """Text deltas of the answer. Raises VisionError (before or, rarely, during the answer)."""
        request = self.request(image_data_url=image_data_url, question=question, system=system,
                               max_tokens=max_tokens)
        try:
            deltas = self._chat.stream(request, usage)
            try:
                async for text in deltas:
                    yield text
            finally:
                await _close(deltas)
        except LlmError as exc:
            raise VisionError(exc.message) from None
        except httpx.HTTPError as exc:  # defensive: the chat model translates these already
            raise VisionError(f"{self.provider}: connection failed ({type(exc).__name__})") from None


async def _close(stream: AsyncIterator[str]) -> None:
    aclose = getattr(stream, "aclose", None)
    if aclose is not None:
        await aclose()
