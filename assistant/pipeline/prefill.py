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
behind (or ahead of) real answers, and it is sent only while no answer needs the model (its
``answering``: an answer not far ahead of its listener, assistant/llm/pacing.py), since llama.cpp
processes its 30-50 prompt tokens in one step with the answers' next tokens: with four conversations
on 2 cores, a prefill held another conversation's next token back for about a second. The prefill
made when a reply is recorded is also *patient*: it waits while the user of another session of the
same model is speaking (from her first sound until her question goes to the LLM, at most
``_SPEAKING_S``), since her question will come within a few seconds and a prefill that cannot be
stopped would hold its first words back by as long (measured: question prompts waiting 0.8-1.4 s
behind one). It has time: the next question of its own session is seconds away. The prefill made
when the user starts speaking does not wait for others (nor, from then on, a recorded reply's
prefill still waiting). Prefills of all sessions also go one at a time (three together
took 4.3 s of prompt steps). When the real question comes before it was sent, it is dropped and the
real request processes the prefix itself. Many are never used (a tool, the emergency path or a
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
import time
import weakref
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime

from assistant.llm.base import ChatMessage, ChatModel, ChatRequest, Usage, open_stream
from assistant.llm.prompt import SYSTEM_PROMPT_ZH, History, build_request

log = logging.getLogger(__name__)

_WAIT_S = 0.05  # how often a waiting prefill looks whether the answers have ended
_SPEAKING_S = 10.0  # a user counts as speaking this long at most (a turn the LLM did not answer)


def prefill_request(history: History, *, language: str, now: datetime) -> ChatRequest:
    """The next turn's request up to its user message, rendered exactly as ``Engines.chat_request``
    will render it (on a copy: the session's history is not stamped)."""
    base = build_request(copy.deepcopy(history), now=now, system_prompt=SYSTEM_PROMPT_ZH, language=language)
    return ChatRequest(messages=[*base.messages, ChatMessage(role="user", content="")], max_tokens=1,
                       temperature=0.0, conversation=base.conversation)


Clock = Callable[[], Awaitable[datetime]]


@dataclass(eq=False)
class _Shared:
    """What the sessions of one model (on one event loop) know of each other's prefills."""

    lock: asyncio.Lock = field(default_factory=asyncio.Lock)  # one prefill at a time
    speaking: dict[int, float] = field(default_factory=dict)  # a Prefiller's id: when its user began to speak

    def others_speaking(self, me: int) -> bool:
        recent = time.monotonic() - _SPEAKING_S
        return any(who != me and since > recent for who, since in self.speaking.items())


_SHARED: weakref.WeakKeyDictionary[ChatModel, _Shared] = weakref.WeakKeyDictionary()


def _shared(model: ChatModel) -> _Shared:
    shared = _SHARED.get(model)
    if shared is None:
        shared = _SHARED[model] = _Shared()
    return shared


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
        self._patient = True  # the running task waits while another session's user speaks
        self._closed = False

    def start(self, language: str, *, speaking: bool = False) -> None:
        """Prefill in the background, unless one is already running or the model has no free slot.
        ``speaking``: the user began to speak (else a reply was recorded: the prefill is patient)."""
        if self._model is None or self._closed:
            return
        if speaking:
            _shared(self._model).speaking[id(self)] = time.monotonic()
            self._patient = False  # a recorded reply's prefill still waiting now goes like this one
        if self._task is not None and not self._task.done():
            return
        if not getattr(self._model, "has_free_slot", True):
            return
        history = copy.deepcopy(self._history)  # as it is now: the request is built after the clock
        # sent at once, or it waits for the answers' end and the other sessions' prefills
        self._patient = not speaking
        self._sent = self._quiet(self._model) and not _shared(self._model).lock.locked()
        self._task = asyncio.create_task(self._run(self._model, history, language))

    async def settle(self, timeout_s: float = 1.0) -> None:
        """Let a running prefill finish (briefly), so the real request reuses its slot; one still
        waiting for the model's answers to end is dropped. The question is asked: the user no longer
        counts as speaking."""
        if self._model is not None:
            _shared(self._model).speaking.pop(id(self), None)
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
        if self._model is not None:
            _shared(self._model).speaking.pop(id(self), None)
        if self._task is not None and not self._task.done():
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    def _quiet(self, model: ChatModel) -> bool:
        """No answer needs the model (one that does not say never does), and for a patient prefill, no
        other session's user is speaking."""
        if getattr(model, "answering", False):
            return False
        return not (self._patient and _shared(model).others_speaking(id(self)))

    async def _run(self, model: ChatModel, history: History, language: str) -> None:
        try:
            for _ in itertools.count():
                if not self._sent and not self._quiet(model):
                    await asyncio.sleep(_WAIT_S)
                    continue
                async with _shared(model).lock:
                    if not self._sent and not self._quiet(model):
                        continue  # someone needs the model again: wait outside the lock
                    self._sent = True
                    request = prefill_request(history, language=language, now=await self._clock())
                    async with open_stream(model, request, Usage()) as deltas:
                        async for _ in deltas:
                            pass
                return
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the real request will report a broken model
            log.debug("prefill failed: %s", exc)
