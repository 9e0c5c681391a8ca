"""Caching a system prompt in every slot of an embedded llama.cpp model, processing it only once.

Processing the ~350-token system prompt takes seconds on a small CPU, once per slot if every slot
processes it. Here llama.cpp processes it in one slot, and each other slot copies that state from
llama.cpp's host-RAM prompt cache (``cache_ram_mib``), which takes milliseconds. Three llama.cpp
rules make the copy happen:

- when a call starts, every idle slot's prompt is saved into the RAM cache (``cache_idle_slots``);
- a call is given the idle slot whose prompt it shares most of; only when no idle slot shares a
  tenth of it does it take the least recently used slot, into which the best matching cached prompt
  is then loaded (and leaves the cache);
- a call that names a slot (``id_slot``) gets that one, and nothing is loaded into it.

So the prompt is processed in slot 0, and a tiny call pinned to the last slot saves slot 0's prompt
into the cache. Then, round after round, as many calls of the prompt as there are warm slots plus one
start together: each warm slot takes one (and stays busy for a few tokens), and the extra call takes an
empty slot and loads the cached copy: one more warm slot a round. At the end one call pinned to each
slot checks it: a warm slot evaluates one token, and a slot that a round missed (a call that came late
and found a warm slot idle again) processes the prompt there, as it would have without the copies.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

Call = Callable[[dict[str, Any]], Awaitable[None]]  # one llama.cpp chat call of a request body, to its end

_ROUND_TOKENS = 3  # each call of a round stays in its slot this many steps, so that late ones find it busy


def _body(messages: list[dict[str, str]], *, max_tokens: int = 1, slot: int | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {"messages": messages, "max_tokens": max_tokens, "temperature": 0.0,
                            "cache_prompt": True}
    if slot is not None:
        body["id_slot"] = slot
    if max_tokens > 1:
        body["ignore_eos"] = True  # no call of a round may leave its slot early
    return body


async def warm_every_slot(call: Call, slots: int, system_prompt: str) -> float:
    """Leave ``system_prompt`` cached in each of the ``slots`` slots that ``call`` reaches (an embedded
    model, or llama.cpp's HTTP server); returns the seconds taken."""
    started = time.monotonic()
    messages = [{"role": "system", "content": system_prompt}, {"role": "user", "content": "你好"}]
    await call(_body(messages, slot=0))
    if slots > 1:
        # It starts while slot 0 is idle, so slot 0's prompt goes into the RAM cache for round one.
        tiny = [{"role": "system", "content": ""}, {"role": "user", "content": "。"}]
        await call(_body(tiny, slot=slots - 1))
        for warm in range(1, slots):
            await asyncio.gather(*(call(_body(messages, max_tokens=_ROUND_TOKENS)) for _ in range(warm + 1)))
        await asyncio.gather(*(call(_body(messages, slot=slot)) for slot in range(slots)))
    return time.monotonic() - started
