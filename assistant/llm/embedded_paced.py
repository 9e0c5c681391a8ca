"""An embedded answer in one or more llama.cpp calls: paused while far ahead of its listener, then
continued from the text so far (the rules: assistant/llm/pacing.py)."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import AsyncGenerator
from typing import TYPE_CHECKING, Any

from assistant.llm.base import ChatRequest, Usage
from assistant.llm.pacing import PacedCall

if TYPE_CHECKING:
    from assistant.llm.embedded import LlamaChatModel

log = logging.getLogger(__name__)


def continued(body: dict[str, Any], said: str, left: int) -> dict[str, Any]:
    """``body`` asking llama.cpp to go on with the answer ``said`` (an unfinished assistant message:
    its template leaves the turn open, and the prompt cache holds all of it but the last token or two),
    for at most ``left`` more tokens."""
    if not said:
        return body
    return {**body, "messages": [*body["messages"], {"role": "assistant", "content": said}],
            "max_tokens": max(1, left)}


async def texts_of(chunks: AsyncGenerator[dict[str, Any], None]) -> AsyncGenerator[str, None]:
    """The text deltas of one call's chunks (closed at the end)."""
    async with contextlib.aclosing(chunks):
        async for item in chunks:
            for choice in item.get("choices") or ():
                if text := (choice.get("delta") or {}).get("content"):
                    yield text


async def paced_stream(model: LlamaChatModel, request: ChatRequest, usage: Usage,
                       call: PacedCall) -> AsyncGenerator[str, None]:
    """The answer's text deltas; ``usage`` gets the first call's prompt tokens and every call's tokens."""
    body = model._body(request)
    said, tokens, prompt_tokens, counted = "", 0, 0, 0
    while True:
        part = Usage()
        paused, before = False, tokens
        async with contextlib.aclosing(model.chunks(continued(body, said, request.max_tokens - tokens), part,
                                                    paced=True)) as chunks:
            async for item in chunks:
                for choice in item.get("choices") or ():
                    text = (choice.get("delta") or {}).get("content")
                    if text:
                        said += text
                        tokens += 1
                        yield text
                if model.pacer.should_pause(call):
                    paused = True
                    break
        prompt_tokens = prompt_tokens or part.prompt_tokens
        counted += part.completion_tokens or tokens - before  # a paused call never reports its usage
        usage.provider, usage.model = part.provider, part.model
        usage.prompt_tokens, usage.completion_tokens = prompt_tokens, counted
        if not paused or tokens >= request.max_tokens:
            return
        started, ahead = time.monotonic(), call.lead() if call.lead else 0.0
        await model.pacer.wait(call)
        log.info("an answer %.1f s ahead of its listener paused for %.2f s after %d tokens (another "
                 "listener waited)", ahead, time.monotonic() - started, tokens)
