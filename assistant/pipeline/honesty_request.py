"""What the honesty guard reads from the LLM request: the time the LLM was told (its clock line), what
the conversation holds (for facts of the user's own life), and the curated facts this turn's question
carried. Pure logic."""

from __future__ import annotations

import re
from datetime import datetime

from assistant.knowledge.facts import told_facts
from assistant.llm.base import ChatRequest

_CLOCK_LINE = re.compile(r"现在是(\d{4})年(\d{1,2})月(\d{1,2})日 \S+ "
                         r"(凌晨|早上|上午|中午|下午|晚上)(\d{1,2})点(?:(\d{1,2})分|整)")


def clock_of(request: ChatRequest | None) -> datetime:
    """The time the LLM was told (the last clock line of ``request``), else the local time now."""
    for message in reversed(request.messages if request is not None else []):
        match = _CLOCK_LINE.search(message.content) if message.role == "system" else None
        if match:
            year, month, day, hour, minute = (int(g or 0) for g in match.group(1, 2, 3, 5, 6))
            period = match.group(4)
            if period in ("下午", "晚上") and hour < 12:
                hour += 12
            elif period == "凌晨" and hour == 12:
                hour = 0
            try:
                return datetime(year, month, day, hour, minute)
            except ValueError:
                break
    return datetime.now()


def told_of(request: ChatRequest | None, *, but_last: bool = False) -> str:
    """What the conversation holds besides the system prompt: the user's words, the answers, the tools'
    results (``find_violation``'s ``told``); ``but_last``: before this turn's question."""
    messages = request.messages[1:] if request is not None else []
    if but_last:
        messages = messages[:-1]
    return "\n".join(m.content for m in messages if isinstance(m.content, str))


def facts_of(request: ChatRequest | None) -> str:
    """The curated facts that the last user message of ``request`` carried ("" when none)."""
    last = request.messages[-1] if request is not None and request.messages else None
    if last is None or last.role != "user" or not isinstance(last.content, str):
        return ""
    return told_facts(last.content)
