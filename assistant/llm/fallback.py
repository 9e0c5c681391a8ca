"""A chain of chat models: the first one that produces text answers the turn.

A backend that fails, or gives no first token within its ``first_token_timeout_s`` (when it
has one), hands the turn to the next; the chain usually ends with the embedded model. Once
a backend has produced text, a failure is final (``LlmError``): the words already spoken
cannot be taken back, so the pipeline apologises instead of answering twice.
Which backend answered is in ``usage.provider`` / ``usage.model`` after the call.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncGenerator, AsyncIterator, Sequence
from contextlib import aclosing

from assistant.errors import LlmError
from assistant.llm.base import ChatModel, ChatRequest, Usage

log = logging.getLogger(__name__)

_GRACE_S = 0.5  # extra time over a backend's own first-token timeout before the chain gives up on it


async def _aclose(iterator: AsyncIterator[str]) -> None:
    aclose = getattr(iterator, "aclose", None)
    if aclose is not None:
        await aclose()


class FallbackChatModel:
    """Tries ``models`` in order for each call; see the module docstring."""

    def __init__(self, models: Sequence[ChatModel]) -> None:
        if not models:
            raise ValueError("FallbackChatModel needs at least one model")
        self.models = tuple(models)
        self.name = "+".join(m.name for m in self.models)

    def __repr__(self) -> str:
        return f"FallbackChatModel({list(self.models)!r})"

    async def stream(self, request: ChatRequest, usage: Usage) -> AsyncIterator[str]:
        """Stream from the first backend that produces text; see :class:`ChatModel`."""
        failures: list[str] = []
        for index, model in enumerate(self.models):
            last = index == len(self.models) - 1
            produced = False
            try:
                async with aclosing(self._stream_one(model, request, usage)) as deltas:
                    async for text in deltas:
                        produced = True
                        yield text
                return
            except LlmError as exc:
                if produced or last:
                    if failures:
                        log.warning("LLM chain: %s; earlier failures: %s", exc.message, "; ".join(failures))
                    raise
                failures.append(exc.message)
                log.warning("LLM backend %s failed before answering (%s); trying %s",
                            model.name, exc.message, self.models[index + 1].name)

    async def _stream_one(self, model: ChatModel, request: ChatRequest,
                          usage: Usage) -> AsyncGenerator[str, None]:
        """One backend's deltas, with a guard on its first-token timeout (if it declares one)."""
        attempt = Usage()
        deltas = model.stream(request, attempt)
        timeout = getattr(model, "first_token_timeout_s", None)
        first = True
        try:
            while True:
                try:
                    if first and isinstance(timeout, int | float):
                        async with asyncio.timeout(timeout + _GRACE_S):
                            text = await anext(deltas)
                    else:
                        text = await anext(deltas)
                except StopAsyncIteration:
                    break
                except TimeoutError:
                    raise LlmError(f"{model.name}: no first token within {timeout:g} s") from None
                if text:
                    first = False
                    yield text
        finally:
            await _aclose(deltas)
            usage.prompt_tokens, usage.completion_tokens = attempt.prompt_tokens, attempt.completion_tokens
            usage.provider, usage.model = attempt.provider or model.name, attempt.model
            usage.counted_locally = attempt.counted_locally
