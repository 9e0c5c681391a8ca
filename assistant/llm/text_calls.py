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
from collections.abc import AsyncGenerator, AsyncIterator

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
            obj = json.loads(raw)
            if (isinstance(obj, dict) and isinstance(obj.get("name"), str)
                    and (names is None or obj["name"] in names)
                    and isinstance(obj.get("arguments") or {}, dict)):
                calls[i] = {"id": f"call_{i}", "name": obj["name"],
                            "arguments": json.dumps(obj.get("arguments") or {}, ensure_ascii=False)}
    return calls


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
