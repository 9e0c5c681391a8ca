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

A prefill is background work: it starts only while the model has a free slot, so it never queues
behind (or ahead of) real answers, and it is sent only while no answer is being generated (the
model's ``answering``), since llama.cpp processes its 30-50 prompt tokens in the same steps as the
answers' next tokens: with four conversations on 2 cores, a prefill held another conversation's next
token back for about a second. Prefills of all sessions also go one at a time (three together took
4.3 s of prompt steps). When the real question comes before it was sent, it is dropped and the real
request processes the prefix itself. Many are never used (a tool, the emergency path or a
fixed phrase answers the turn, or the user hangs up), and a llama.cpp call cannot be stopped before
its first token: prefills queued behind busy slots used to pile up there after their sessions had
gone.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import itertools
import logging
import weakref
from collections.abc import Awaitable, Callable
from datetime import datetime

from assistant.llm.base import ChatMessage, ChatModel, ChatRequest, Usage, open_stream
from assistant.llm.prompt import SYSTEM_PROMPT_ZH, History, build_request

log = logging.getLogger(__name__)

_WAIT_S = 0.05  # how often a waiting prefill looks whether the answers have ended


def prefill_request(history: History, *, language: str, now: datetime) -> ChatRequest:
    """The next turn's request up to its user message, rendered exactly as ``Engines.chat_request``
    will render it (on a copy: the session's history is not stamped)."""
    base = build_request(copy.deepcopy(history), now=now, system_prompt=SYSTEM_PROMPT_ZH, language=language)
    return ChatRequest(messages=[*base.messages, ChatMessage(role="user", content="")], max_tokens=1,
                       temperature=0.0, conversation=base.conversation)


Clock = Callable[[], Awaitable[datetime]]


_QUEUES: weakref.WeakKeyDictionary[ChatModel, asyncio.Lock] = weakref.WeakKeyDictionary()


def _one_at_a_time(model: ChatModel) -> asyncio.Lock:
    """The lock that lets one prefill at a time reach ``model`` (sessions share one event loop)."""
    lock = _QUEUES.get(model)
    if lock is None:
        lock = _QUEUES[model] = asyncio.Lock()
    return lock


async def _no_answer_running(model: ChatModel) -> None:
    """Wait until ``model`` generates no answer (a model that does not say so never waits)."""
    for _ in itertools.count():
        if not getattr(model, "answering", False):
            return
        await asyncio.sleep(_WAIT_S)


async def server_now() -> datetime:
    return datetime.now().astimezone()


class Prefiller:
    """One per session; ``model`` None (a remote LLM first in the chain) makes it a no-op. ``clock``
    gives the time of the clock line, as the session's real requests have it (the user's zone)."""

    def __init__(self, model: ChatModel | None, history: History, *, clock: Clock = server_now) -> None:
        self._model = model
        self._history = history
        self._clock = clock
        self._task: asyncio.Task[None] | None = None
        self._sent = False  # the running task's request has gone to the model
        self._closed = False

    def start(self, language: str) -> None:
        """Prefill in the background, unless one is already running or the model has no free slot."""
        if self._model is None or self._closed or (self._task is not None and not self._task.done()):
            return
        if not getattr(self._model, "has_free_slot", True):
            return
        history = copy.deepcopy(self._history)  # as it is now: the request is built after the clock
        # sent at once, or it waits for the answers' end and the other sessions' prefills
        self._sent = not getattr(self._model, "answering", False) and not _one_at_a_time(self._model).locked()
        self._task = asyncio.create_task(self._run(self._model, history, language))

    async def settle(self, timeout_s: float = 1.0) -> None:
        """Let a running prefill finish (briefly), so the real request reuses its slot; one still
        waiting for the model's answers to end is dropped."""
        if self._task is None or self._task.done():
            return
        if not self._sent:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            return
        await asyncio.wait({self._task}, timeout=timeout_s)

    async def close(self) -> None:
        """Cancel a running prefill; none starts after this (a reply still ending may ask for one)."""
        self._closed = True
        if self._task is not None and not self._task.done():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self, model: ChatModel, history: History, language: str) -> None:
        try:
            async with _one_at_a_time(model):
                if not self._sent:
                    await _no_answer_running(model)
                    self._sent = True
                request = prefill_request(history, language=language, now=await self._clock())
                async with open_stream(model, request, Usage()) as deltas:
                    async for _ in deltas:
                        pass
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the real request will report a broken model
            log.debug("prefill failed: %s", exc)
