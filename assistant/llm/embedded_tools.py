"""Native tool calling on the embedded model: llama.cpp parses Qwen2.5's ``<tool_call>`` markup
(its jinja chat template) into OpenAI ``tool_calls``, and this runs the standard loop on them.

``python3 -m assistant.bench.tool_choice`` measured this path against the intent router; the
router stays the way our own tools are chosen. This loop serves tools a client declares itself
(the OpenAI-Realtime endpoint), which no router knows.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
from collections.abc import AsyncGenerator
from typing import TYPE_CHECKING, Any

from assistant.llm.base import ChatMessage, ChatRequest, ToolCallRequest, Usage
from assistant.llm.openai import MAX_TOOL_ROUNDS, merge_tool_calls, message_payload

if TYPE_CHECKING:
    from assistant.llm.embedded import LlamaChatModel

log = logging.getLogger(__name__)

MARKUP = "<tool_call>"
# Openers of a call written as text: the template's markup, or (Qwen2.5-Coder's habit) a bare or
# fenced JSON object as the whole answer.
OPENERS = (MARKUP, "```json", "```", "{")
_RAW_CALL = re.compile(r"<tool_call>\s*(\{.*?\})\s*(?:</tool_call>|$)", re.S)
_BARE_CALL = re.compile(r"^\s*(?:```(?:json)?\s*)?(\{.*\})\s*(?:```)?\s*$", re.S)


def _could_be_call(held: str) -> bool:
    text = held.lstrip()
    return any(opener.startswith(text) or text.startswith(opener) for opener in OPENERS)


def raw_calls(text: str, names: frozenset[str] | None = None) -> dict[int, dict[str, str]]:
    """Calls left in the text unparsed: ``<tool_call>{"name":…, "arguments":…}``, or a whole answer that
    is one such object (bare or in a json fence) naming a declared tool (``names``)."""
    calls: dict[int, dict[str, str]] = {}
    found = [m.group(1) for m in _RAW_CALL.finditer(text)]
    if not found and names and (bare := _BARE_CALL.match(text)):
        found = [bare.group(1)]
    for i, raw in enumerate(found):
        with contextlib.suppress(ValueError):
            obj = json.loads(raw)
            if (isinstance(obj, dict) and isinstance(obj.get("name"), str)
                    and (names is None or obj["name"] in names)
                    and isinstance(obj.get("arguments") or {}, dict)):
                calls[i] = {"id": f"call_{i}", "name": obj["name"],
                            "arguments": json.dumps(obj.get("arguments") or {}, ensure_ascii=False)}
    return calls


async def _round(model: LlamaChatModel, body: dict[str, Any], usage: Usage, calls: dict[int, dict[str, str]],
                 said: list[str]) -> AsyncGenerator[str, None]:
    names = frozenset(str((t.get("function") or {}).get("name", "")) for t in body.get("tools") or ())
    """One llama.cpp call: text deltas out (held while they may still be tool-call markup)."""
    held = ""
    async with contextlib.aclosing(model.chunks(body, usage)) as chunks:
        async for chunk in chunks:
            for choice in chunk.get("choices") or ():
                delta = choice.get("delta") or {}
                if delta.get("tool_calls"):
                    merge_tool_calls(calls, delta["tool_calls"])
                text = delta.get("content")
                if not text:
                    continue
                said.append(text)
                held += text
                if _could_be_call(held):
                    continue  # could be (or is) a call written as text
                yield held
                held = ""
    if held and not calls:
        calls.update(raw_calls(held, names))
    if held and not calls:
        yield held


async def stream_with_tools(model: LlamaChatModel, request: ChatRequest,
                            usage: Usage) -> AsyncGenerator[str, None]:
    """The answer's text; the model's tool calls go to ``request.tool_handler`` between rounds."""
    assert request.tool_handler is not None
    messages = list(request.messages)
    total = Usage()
    for round_ in range(MAX_TOOL_ROUNDS + 1):
        body = model._body(request)
        body["messages"] = [message_payload(m) for m in messages]
        if round_ < MAX_TOOL_ROUNDS:
            body["tools"] = [dict(t) for t in request.tools]
            if request.tool_choice and round_ == 0:
                body["tool_choice"] = request.tool_choice
        calls: dict[int, dict[str, str]] = {}
        said: list[str] = []
        async with contextlib.aclosing(_round(model, body, usage, calls, said)) as texts:
            async for text in texts:
                yield text
        total.prompt_tokens += usage.prompt_tokens
        total.completion_tokens += usage.completion_tokens
        if not calls:
            break
        wanted = tuple(ToolCallRequest(id=c.get("id") or f"call_{i}", name=c.get("name", ""),
                                       arguments=c.get("arguments") or "{}")
                       for i, c in sorted(calls.items()))
        messages.append(ChatMessage(role="assistant", content="", tool_calls=wanted))
        for call in wanted:
            log.info("embedded model asked for tool %s(%s)", call.name, call.arguments[:200])
            result = await request.tool_handler(call.name, call.arguments)
            messages.append(ChatMessage(role="tool", content=result, tool_call_id=call.id))
    usage.prompt_tokens, usage.completion_tokens = total.prompt_tokens, total.completion_tokens
