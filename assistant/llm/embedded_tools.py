"""Native tool calling on the embedded model: llama.cpp parses Qwen2.5's ``<tool_call>`` markup
(its jinja chat template) into OpenAI ``tool_calls``, and this runs the standard loop on them.

``python3 -m assistant.bench.tool_choice`` measured this path against the intent router; the
router stays the way our own tools are chosen. This loop serves tools a client declares itself
(the OpenAI-Realtime endpoint), which no router knows.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncGenerator
from typing import TYPE_CHECKING, Any

from assistant.llm.base import ChatMessage, ChatRequest, ToolCallRequest, Usage
from assistant.llm.openai import MAX_TOOL_ROUNDS, merge_tool_calls, message_payload
from assistant.llm.text_calls import hold_calls, results_as_note

if TYPE_CHECKING:
    from assistant.llm.embedded import LlamaChatModel

log = logging.getLogger(__name__)


async def _deltas(model: LlamaChatModel, body: dict[str, Any], usage: Usage,
                  calls: dict[int, dict[str, str]]) -> AsyncGenerator[str, None]:
    """One llama.cpp call's text deltas; its native tool calls go into ``calls``."""
    async with contextlib.aclosing(model.chunks(body, usage)) as chunks:
        async for chunk in chunks:
            for choice in chunk.get("choices") or ():
                delta = choice.get("delta") or {}
                if delta.get("tool_calls"):
                    merge_tool_calls(calls, delta["tool_calls"])
                if text := delta.get("content"):
                    yield text


async def stream_with_tools(model: LlamaChatModel, request: ChatRequest,
                            usage: Usage) -> AsyncGenerator[str, None]:
    """The answer's text; the model's tool calls go to ``request.tool_handler`` between rounds."""
    assert request.tool_handler is not None
    messages = list(request.messages)
    total = Usage()
    called: set[str] = set()
    for round_ in range(MAX_TOOL_ROUNDS + 1):
        body = model._body(request)
        body["messages"] = [message_payload(m) for m in messages]
        if round_ < MAX_TOOL_ROUNDS:
            body["tools"] = [dict(t) for t in request.tools]
            if request.tool_choice and round_ == 0:
                body["tool_choice"] = request.tool_choice
        calls: dict[int, dict[str, str]] = {}
        names = frozenset(str((t.get("function") or {}).get("name", "")) for t in body.get("tools") or ())
        async with contextlib.aclosing(hold_calls(_deltas(model, body, usage, calls), names, calls)) as texts:
            async for text in texts:
                yield text
        total.prompt_tokens += usage.prompt_tokens
        total.completion_tokens += usage.completion_tokens
        if not calls:
            break
        wanted = tuple(ToolCallRequest(id=c.get("id") or f"call_{i}", name=c.get("name", ""),
                                       arguments=c.get("arguments") or "{}")
                       for i, c in sorted(calls.items()))
        if called and all(c.name in called for c in wanted):  # it asks again for what it has: answer
            async with contextlib.aclosing(_from_results(model, request, messages, usage)) as texts:
                async for text in texts:
                    yield text
            total.prompt_tokens += usage.prompt_tokens
            total.completion_tokens += usage.completion_tokens
            break
        called |= {c.name for c in wanted}
        messages.append(ChatMessage(role="assistant", content="", tool_calls=wanted))
        for call in wanted:
            log.info("embedded model asked for tool %s(%s)", call.name, call.arguments[:200])
            result = await request.tool_handler(call.name, call.arguments)
            messages.append(ChatMessage(role="tool", content=result, tool_call_id=call.id))
    usage.prompt_tokens, usage.completion_tokens = total.prompt_tokens, total.completion_tokens


async def _from_results(model: LlamaChatModel, request: ChatRequest, messages: list[ChatMessage],
                        usage: Usage) -> AsyncGenerator[str, None]:
    """The answer from the tool results given as a note, no tools offered; a call written as text
    is still never said (llm/text_calls.py)."""
    body = model._body(request)
    body["messages"] = [message_payload(m) for m in results_as_note(messages)]
    names = frozenset(str((t.get("function") or {}).get("name", "")) for t in request.tools)
    ignored: dict[int, dict[str, str]] = {}
    async with contextlib.aclosing(hold_calls(_deltas(model, body, usage, ignored), names, ignored)) as texts:
        async for text in texts:
            yield text
