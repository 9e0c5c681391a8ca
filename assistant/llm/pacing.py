"""Pacing: an answer far ahead of its listener lets an answer whose listener is waiting go first.

On the 2-core CPU llama.cpp generates about 22 tokens a second in all, shared by every answer in its
batch: one answer alone gets 20-22 tokens/s, two at once 11 each (measured with the 1.5B model), so
batching adds no throughput there. Speech is much slower than generation (a slow, clear Chinese voice
says 3-4 characters a second; the model writes 20-30), so an answer whose listener already has
several seconds of speech queued does not need its next tokens now, while a question just asked is
waiting for its first clause, and every token given to the first is taken from the second.

So each answer the embedded model generates tells it its *lead*: the seconds of its speech sent and
not yet played (``ChatRequest.lead``; 0 before its first audio). An answer is

- *urgent* while its lead is under ``urgent_lead_s`` (before its first words, or about to run dry).
  An answer that gives no lead (a tool-call loop, a photo's answer, the family's daily summary) is
  never urgent and never paused: it runs as every answer did before pacing;
- *paused* when its lead is at least ``pause_lead_s`` while another answer is urgent: its llama.cpp
  call is cancelled (its tokens stay in the slot's prompt cache);
- *resumed* when its lead is down to ``resume_lead_s``, or no other answer is urgent any more: a new
  call whose prompt ends with the answer so far as an unfinished assistant message (llama.cpp then
  continues that message, processing one or two new prompt tokens).

Tried and left out: holding a new answer's prompt back (first come, first served) while an earlier
answer waited for its first words. llama.cpp processes a new prompt in one step together with the next
token of every answer, so the later question holds the earlier one's first words back by its prompt's
time (1-1.5 s for 40-60 tokens on 2 cores), but held, the later one waits as long instead: at four
conversations p50 went from 1.5-1.7 s to 2.0 s and p95 did not improve (one run each, 2026-12-03).

The same measure decides when background work may run: a prefill (``pipeline/prefill.py``) waits
while any answer is *busy* (running with a lead under ``pause_lead_s``), not while any answer at all
is being generated, since an answer far ahead of its listener loses nothing to a one-second prefill.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass

Lead = Callable[[], float]  # seconds of an answer's speech sent and not yet played

_WAIT_S = 0.05  # how often a paused answer looks whether it may go on
_MAX_PAUSE_S = 20.0  # a pause never lasts longer, whatever the leads say


@dataclass(eq=False, slots=True)
class PacedCall:
    """One answer being generated, as the pacer sees it."""

    lead: Lead | None
    paused: bool = False
    pauses: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class PaceLimits:
    urgent_lead_s: float = 1.0
    pause_lead_s: float = 3.5
    resume_lead_s: float = 2.0

    def __post_init__(self) -> None:
        if not 0.0 <= self.urgent_lead_s < self.resume_lead_s < self.pause_lead_s:
            raise ValueError("pacing needs 0 <= urgent_lead_s < resume_lead_s < pause_lead_s")


class Pacer:
    """The answers one embedded model is generating. Used from the event loop only (every session of a
    gateway shares one); ``enabled`` False keeps the bookkeeping but never pauses an answer."""

    def __init__(self, limits: PaceLimits | None = None, *, enabled: bool = True) -> None:
        self.limits = limits or PaceLimits()
        self.enabled = enabled
        self._calls: list[PacedCall] = []

    def join(self, lead: Lead | None) -> PacedCall:
        call = PacedCall(lead=lead)
        self._calls.append(call)
        return call

    def leave(self, call: PacedCall) -> None:
        if call in self._calls:
            self._calls.remove(call)

    @property
    def busy(self) -> bool:
        """An answer runs that background work would slow: one not paused and not far ahead (without
        pacing, any answer, as before it)."""
        if not self.enabled:
            return bool(self._calls)
        return any(not c.paused and (c.lead is None or _lead(c) < self.limits.pause_lead_s)
                   for c in self._calls)

    def should_pause(self, call: PacedCall) -> bool:
        """``call`` is far ahead of its listener while another answer is urgent."""
        if not self.enabled or call.lead is None or _lead(call) < self.limits.pause_lead_s:
            return False
        return self._urgent_other(call)

    async def wait(self, call: PacedCall) -> None:
        """Hold ``call`` (paused) until its lead is down to ``resume_lead_s`` or nothing is urgent."""
        call.paused = True
        call.pauses += 1
        deadline = time.monotonic() + _MAX_PAUSE_S
        try:
            for _ in itertools.count():  # the leads change with the clock: nothing to wait on but time
                if (_lead(call) <= self.limits.resume_lead_s or not self._urgent_other(call)
                        or time.monotonic() >= deadline):
                    return
                await asyncio.sleep(_WAIT_S)
        finally:
            call.paused = False

    def _urgent(self, call: PacedCall) -> bool:
        return not call.paused and call.lead is not None and _lead(call) < self.limits.urgent_lead_s

    def _urgent_other(self, call: PacedCall) -> bool:
        return any(c is not call and self._urgent(c) for c in self._calls)


def _lead(call: PacedCall) -> float:
    if call.lead is None:
        return 0.0
    try:
        return float(call.lead())
    except Exception:  # a broken lead must not stop answers: treat the answer as urgent
        return 0.0
