"""Tool calls a model wrote as text instead of the API's ``tool_calls``.

Small models behind llama.cpp (Qwen2.5's ``<tool_call>`` markup left unparsed, or Qwen2.5-Coder's
habit of a bare or fenced JSON object as the whole answer) call tools in their text. Such text
must never be spoken: :func:`hold_calls` holds the text while it may still be a call, and turns a
call naming a declared tool into a real one (:func:`raw_calls`); anything else is said after all.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import AsyncGenerator, AsyncIterator, Sequence

from assistant.llm.base import ChatMessage

MARKUP = "<tool_call>"
OPENERS = (MARKUP, "```json", "```", "{")  # how a call written as text begins
_RAW_CALL = re.compile(r"<tool_call>\s*(\{.*?\})\s*(?:</tool_call>|$)", re.S)
_BARE_CALL = re.compile(r"^\s*(?:```(?:json)?\s*)?(\{.*\})\s*(?:```)?\s*$", re.S)


def could_be_call(held: str) -> bool:
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
            obj = _loads(raw)
            if (isinstance(obj, dict) and isinstance(obj.get("name"), str)
                    and (names is None or obj["name"] in names)
                    and isinstance(obj.get("arguments") or {}, dict)):
                calls[i] = {"id": f"call_{i}", "name": obj["name"],
                            "arguments": json.dumps(obj.get("arguments") or {}, ensure_ascii=False)}
    return calls


def _loads(raw: str) -> object:
    """JSON, or the same with its braces doubled as in a format string (``{{"name": …}}``, a habit
    of the 1.5B model after a tool result)."""
    try:
        return json.loads(raw)
    except ValueError:
        if raw.startswith("{{") and raw.endswith("}}"):
            return json.loads(raw.replace("{{", "{").replace("}}", "}"))
        raise


async def hold_calls(texts: AsyncIterator[str], names: frozenset[str],
                     calls: dict[int, dict[str, str]]) -> AsyncGenerator[str, None]:
    """``texts`` passed on, except text that may be a call: held to the end, then a call (added to
    ``calls``, unless the model made real ones) or, when it is none, passed on after all."""
    held = ""
    async for text in texts:
        held += text
        if could_be_call(held):
            continue
        yield held
        held = ""
    if held and not calls:
        calls.update(raw_calls(held, names))
    if held and not calls:
        yield held


def results_as_note(messages: Sequence[ChatMessage]) -> list[ChatMessage]:
    """``messages`` without the tool exchange, its results as a system note before the last user
    message (how the router's tool turns ask: small models answer from that, where after a ``tool``
    message they ask for the same tool again)."""
    results = [m.content for m in messages if m.role == "tool"]
    kept = [m for m in messages if m.role != "tool" and not m.tool_calls]
    if not results:
        return kept
    last_user = max((i for i, m in enumerate(kept) if m.role == "user"), default=len(kept))
    question = kept[last_user].content if last_user < len(kept) else ""
    found = "；".join(results)
    if re.search(r"[\u4e00-\u9fff]", question):
        note = f"工具的结果：{found}。请只根据这个结果，用一两句话回答。"
    else:
        note = f"Tool results: {found}. Answer from these results only, in one or two sentences."
    return [*kept[:last_user], ChatMessage(role="system", content=note), *kept[last_user:]]
