"""Which llama.cpp slot a call of the embedded model goes to: the one that holds its conversation.

A slot caches the tokens of the last prompt it processed. A conversation's next request starts with
that prompt (system prompt, earlier turns), so in the slot that holds it only the new clock line and
question are processed. Left to itself, llama.cpp gives a call the free slot whose prompt it shares
most of; when the slot that holds the conversation is busy (its own prefill still running, or another
conversation's answer), it takes another free slot and processes the whole history there (100-300
tokens: 3-20 s on 2 cores under load, measured with four conversations), and the conversation that
slot held loses its cache in turn. With more conversations than that at once the cache thrashes.

So the model chooses the slot itself and names it in the call (``id_slot``):

- the slot that the call's conversation (``ChatRequest.conversation``, a session's id) used last, if no
  other conversation has taken it since: the call waits for it when it is busy. The prompt alone does
  not always tell: a request may carry a tool's result before the question, or the question as read
  after a misheard word, and the history records the question as heard. Without a conversation:
- the slot whose last prompt shares the longest run of leading messages with this call's, if that
  run reaches a user message (it holds this conversation): the call waits for it when it is busy.
  Only the conversation's own calls keep it busy (its prefill, a speculative answer cut off while
  its prompt was processed): another conversation takes a slot only when it holds no conversation
  of its own, and then this one's record is gone. Leaving the slot after a few seconds (tried: 3 s)
  made things worse: the history was processed again elsewhere, and that slot's conversation then
  did the same, in a cascade;
- otherwise a free slot: one whose system prompt is this call's first (a photo question goes where the
  photo prompt was warmed), then one that holds no conversation (a system prompt and a greeting at
  most: the start-up warm-up), then the least recently used.

A call that names its slot already (the start-up warm-up) waits for that slot; a call left to
llama.cpp's own choice (the warm-up rounds, which copy the system prompt into every slot) waits for
any free slot, and afterwards every slot is taken to hold that call's prompt.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence

Messages = tuple[tuple[str, str], ...]  # (role, content) of a call's messages, in order

_POLL_S = 0.05  # how often a waiting call looks at its stop flag


def messages_of(body_messages: Sequence[dict[str, object]]) -> Messages:
    return tuple((str(m.get("role", "")), str(m.get("content", ""))) for m in body_messages)


def shared_turns(held: Messages, wanted: Messages) -> int:
    """How many leading messages ``held`` and ``wanted`` share, counted only when they include a user
    message with text (the system prompt and a clock line alone are common to every conversation), or
    when ``held`` is a prefill of this very call: all of it but its empty user message at the end."""
    n = 0
    for a, b in zip(held, wanted, strict=False):
        if a != b:
            break
        n += 1
    if any(role == "user" and text for role, text in wanted[:n]):
        return n
    return n if held and n == len(held) - 1 and held[-1] == ("user", "") else 0


def choose(held: Sequence[Messages], busy: Sequence[bool], used: Sequence[float], wanted: Messages, *,
           wait_for_own: bool, owners: Sequence[str] = (), conversation: str = "") -> int | None:
    """The slot for a call of ``wanted`` (of ``conversation``, where ``owners`` says whose conversation
    each slot holds), or None: wait (its own slot is busy, or none is free)."""
    own, best = None, 0
    if conversation and conversation in owners:
        own = owners.index(conversation)
    else:
        for slot, prompt in enumerate(held):
            if conversation and owners and owners[slot] not in ("", conversation):
                continue  # another conversation's, though its prompt may look alike (its first prefill)
            n = shared_turns(prompt, wanted)
            if n > best:
                own, best = slot, n
    if own is not None and (not busy[own] or wait_for_own):
        return None if busy[own] else own
    free = [slot for slot in range(len(busy)) if not busy[slot]]
    if not free:
        return None
    return min(free, key=lambda slot: (held[slot][:1] != wanted[:1], len(held[slot]) > 2, used[slot]))


class SlotTable:
    """The embedded model's slots: which are busy, what each last held, when each was last used."""

    def __init__(self, slots: int, *, own_wait_s: float = float("inf"),
                 clock: Callable[[], float] = time.monotonic) -> None:
        if slots < 1:
            raise ValueError("slots must be at least 1")
        self._cond = threading.Condition()
        self._held: list[Messages] = [()] * slots
        self._owners = [""] * slots  # the conversation each slot holds ("": not known)
        self._busy = [False] * slots
        self._used = [0.0] * slots
        self._unpinned = 0  # calls inside llama.cpp whose slot llama.cpp chose
        self._unpinned_prompt: Messages = ()
        self._own_wait_s = own_wait_s
        self._clock = clock

    @property
    def has_free(self) -> bool:
        with self._cond:
            return sum(self._busy) + self._unpinned < len(self._busy)

    def take(self, stop: threading.Event, wanted: Messages, *, pinned: int | None = None,
             choose_slot: bool = True, conversation: str = "") -> int | None:
        """Wait for a slot for a call of ``wanted`` (of ``conversation``); returns it, or -1 (no
        ``pinned`` and not ``choose_slot``: llama.cpp chooses), or None once ``stop`` is set."""
        own_until = self._clock() + self._own_wait_s
        with self._cond:
            while not stop.is_set():
                slot = self._pick(wanted, pinned, choose_slot, conversation,
                                  wait_for_own=self._clock() < own_until)
                if slot is not None:
                    return slot
                self._cond.wait(timeout=_POLL_S)
        return None

    def release(self, slot: int) -> None:
        with self._cond:
            if slot < 0:
                self._unpinned -= 1
                self._held = [self._unpinned_prompt] * len(self._held)
                self._owners = [""] * len(self._owners)
            else:
                self._busy[slot] = False
                self._used[slot] = self._clock()
            self._cond.notify_all()

    def _pick(self, wanted: Messages, pinned: int | None, choose_slot: bool, conversation: str, *,
              wait_for_own: bool) -> int | None:
        if pinned is None and not choose_slot:
            if sum(self._busy) + self._unpinned >= len(self._busy):
                return None
            self._unpinned += 1
            self._unpinned_prompt = wanted
            return -1
        if self._unpinned:
            return None  # a pinned call could land in the slot llama.cpp gave an unpinned one
        if pinned is not None:
            slot: int | None = pinned if not self._busy[pinned] else None
        else:
            slot = choose(self._held, self._busy, self._used, wanted, wait_for_own=wait_for_own,
                          owners=self._owners, conversation=conversation)
        if slot is not None:
            self._busy[slot] = True
            self._held[slot] = wanted
            self._owners[slot] = conversation
        return slot
