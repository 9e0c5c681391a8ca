"""The chat-LLM role: streamed answers."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True, slots=True, kw_only=True)
class ToolCallRequest:
    """One function call an LLM asked for (OpenAI ``tool_calls`` entry)."""

    id: str
    name: str
    arguments: str  # JSON text, as the model wrote it


@dataclass(frozen=True, slots=True, kw_only=True)
class ChatMessage:
    role: str  # "system" | "user" | "assistant" | "tool"
    content: str
    image_data_url: str = ""  # only for vision backends that take images
    tool_calls: tuple[ToolCallRequest, ...] = ()  # an assistant message that calls tools
    tool_call_id: str = ""  # a "tool" message: the call it answers


class ToolHandler(Protocol):
    """Runs one tool call for an LLM backend and returns the result text for a ``tool`` message.

    Never raises for a tool's own failure: the result then says so (no invented value).
    """

    async def __call__(self, name: str, arguments: str) -> str: ...


@dataclass(slots=True, kw_only=True)
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    provider: str = ""
    model: str = ""
    counted_locally: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ChatRequest:
    messages: Sequence[ChatMessage]
    max_tokens: int = 160
    temperature: float = 0.3
    stop: Sequence[str] = field(default_factory=tuple)
    # Backends that call tools themselves (OpenAI-compatible) get ``tools`` (OpenAI format) and run
    # the standard tool-call loop through ``tool_handler``; other backends ignore both.
    tools: Sequence[Mapping[str, Any]] = field(default_factory=tuple)
    tool_handler: ToolHandler | None = None
    tool_choice: str = ""  # e.g. "required": asks for a tool call before any tool result (OpenAI format)
    # Whose conversation this is (a session's id): the embedded model keeps each conversation in one
    # llama.cpp slot, whose cache then holds its history (assistant/llm/slots.py); others ignore it.
    conversation: str = ""
    # Seconds of this answer's speech sent and not yet played: the embedded model lets an answer far
    # ahead of its listener wait while another's listener waits (assistant/llm/pacing.py); others ignore it.
    lead: Callable[[], float] | None = field(default=None, compare=False)


class ChatModel(Protocol):
    """Streams an answer as text deltas.

    ``stream`` is an async generator. Cancelling the consuming task (barge-in) must stop
    generation promptly (close the HTTP stream, or stop the llama.cpp slot). After the
    generator is exhausted, ``usage`` holds the token counts for that call.
    Raises LlmError on failure; callers may fall back to another model.
    """

    name: str

    def stream(self, request: ChatRequest, usage: Usage) -> AsyncIterator[str]: ...


@contextlib.asynccontextmanager
async def closing(stream: AsyncIterator[str]) -> AsyncIterator[AsyncIterator[str]]:
    """Own ``stream``: close it when the block ends, however it ends. ``async for`` alone does not: a
    consumer cancelled or failing in its loop body (or that breaks out) leaves the generator open,
    and with it the model's call (a llama.cpp slot, an HTTP response) until the garbage collector
    runs. Every consumer of :meth:`ChatModel.stream` reads it inside one of these blocks."""
    try:
        yield stream
    finally:
        aclose = getattr(stream, "aclose", None)
        if aclose is not None:
            await aclose()


def open_stream(model: ChatModel, request: ChatRequest,
                usage: Usage) -> contextlib.AbstractAsyncContextManager[AsyncIterator[str]]:
    """``async with open_stream(model, request, usage) as deltas:``: the answer, closed at the end."""
    return closing(model.stream(request, usage))
