"""What every tool is: a name, a JSON schema of its arguments, a timeout, and a spoken result.

A tool answers in the user's language with one or two short spoken-style sentences
(:attr:`ToolResult.text`) and structured data (:attr:`ToolResult.data`) for an LLM or a test.
``grounded`` names the fact categories the result establishes ("date", "time", "weather", "price"),
so that the honesty guard lets a reply state them this turn.

Tools import config, storage and an HTTP client, never ``pipeline/`` or ``server/``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from assistant.errors import BackendError


class ToolError(BackendError):
    """A tool could not produce a result (network down, bad arguments, storage failed)."""

    code = "tool_error"


@dataclass(frozen=True, slots=True, kw_only=True)
class ToolSpec:
    name: str
    description: str  # for LLMs that call tools themselves
    parameters: Mapping[str, Any]  # a JSON schema ("type": "object")
    timeout_s: float = 2.0

    def openai(self) -> dict[str, Any]:
        """The entry of an OpenAI ``tools`` list."""
        return {
            "type": "function",
            "function": {
                "name": self.name,
                "description": self.description,
                "parameters": dict(self.parameters),
            },
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class ToolContext:
    """Who asks, when, and in which language."""

    user_key: str  # the session's user id ("12", "phone:+86...", "" for the local user)
    now: datetime  # aware, in the user's time zone
    language: str = "zh"  # "zh" or "en"


@dataclass(frozen=True, slots=True, kw_only=True)
class ToolResult:
    text: str  # what to say, ready to be spoken
    data: Mapping[str, Any] = field(default_factory=dict)
    grounded: frozenset[str] = frozenset()
    ok: bool = True  # False: an honest "cannot" answer (no city set, network down, unclear time)

    def for_llm(self) -> str:
        """The result as a tool message for an LLM: the spoken sentence plus the data."""
        import json

        return json.dumps({"answer": self.text, **dict(self.data)}, ensure_ascii=False, default=str)


class Tool(Protocol):
    spec: ToolSpec

    async def run(self, args: Mapping[str, Any], ctx: ToolContext) -> ToolResult:
        """Run with validated ``args``. Raises ToolError on failure; the caller apologises."""
        ...


def zh(ctx: ToolContext, chinese: str, english: str) -> str:
    return english if ctx.language == "en" else chinese
