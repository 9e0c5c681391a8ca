"""The chat-LLM role: streamed answers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True, slots=True, kw_only=True)
class ChatMessage:
    role: str  # "system" | "user" | "assistant"
    content: str
    image_data_url: str = ""  # only for vision backends that take images


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


class ChatModel(Protocol):
    """Streams an answer as text deltas.

    ``stream`` is an async generator. Cancelling the consuming task (barge-in) must stop
    generation promptly (close the HTTP stream, or stop the llama.cpp slot). After the
    generator is exhausted, ``usage`` holds the token counts for that call.
    Raises LlmError on failure; callers may fall back to another model.
    """

    name: str

    def stream(self, request: ChatRequest, usage: Usage) -> AsyncIterator[str]: ...
