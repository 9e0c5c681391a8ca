"""Prefill: run the next turn's prompt through the embedded LLM while the user is still speaking.

On a 2-core CPU llama.cpp processes prompt tokens at only 20-50 a second, nearly as slowly as it
generates them. After a reply, the cached prompt of the session's slot ends with the tokens the
model generated, while the next request re-renders that answer, adds the clock line and the new
question: 30-50 tokens, 1-1.5 s before the first answer token. So when a reply has been recorded,
and again when the user starts speaking, the session sends the next request's exact prefix
(system prompt, history, clock line, an empty user message) with ``max_tokens=1``. When the real
question arrives, only its own 9-15 tokens are left to process.

Only the embedded model needs this; remote servers (vLLM and the cloud APIs) cache prefixes and
process prompts fast. A prefill that fails costs nothing but the attempt.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import logging
from datetime import datetime

from assistant.llm.base import ChatMessage, ChatModel, ChatRequest, Usage
from assistant.llm.prompt import SYSTEM_PROMPT_ZH, History, build_request

log = logging.getLogger(__name__)


def prefill_request(history: History, *, language: str, now: datetime) -> ChatRequest:
    """The next turn's request up to its user message, rendered exactly as ``Engines.chat_request``
    will render it (on a copy: the session's history is not stamped)."""
    base = build_request(copy.deepcopy(history), now=now, system_prompt=SYSTEM_PROMPT_ZH, language=language)
    return ChatRequest(messages=[*base.messages, ChatMessage(role="user", content="")], max_tokens=1,
                       temperature=0.0)


class Prefiller:
    """One per session; ``model`` None (a remote LLM first in the chain) makes it a no-op."""

    def __init__(self, model: ChatModel | None, history: History) -> None:
        self._model = model
        self._history = history
        self._task: asyncio.Task[None] | None = None

    def start(self, language: str) -> None:
        """Prefill in the background, unless one is already running."""
        if self._model is None or (self._task is not None and not self._task.done()):
            return
        request = prefill_request(self._history, language=language, now=datetime.now().astimezone())
        self._task = asyncio.create_task(self._run(self._model, request))

    async def settle(self, timeout_s: float = 1.0) -> None:
        """Let a running prefill finish (briefly), so the real request reuses its slot."""
        if self._task is not None and not self._task.done():
            await asyncio.wait({self._task}, timeout=timeout_s)

    async def close(self) -> None:
        if self._task is not None and not self._task.done():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    @staticmethod
    async def _run(model: ChatModel, request: ChatRequest) -> None:
        try:
            async for _ in model.stream(request, Usage()):
                pass
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the real request will report a broken model
            log.debug("prefill failed: %s", exc)
