"""A reply streamed through the honesty guard as the reply path does it: character by character into
the clause splitter, each clause into the guard (shared by the guard's tests)."""

from __future__ import annotations

import functools
from collections.abc import Set
from datetime import datetime

from assistant.pipeline.honesty import HonestyGuard, join_clauses
from assistant.tts.clauses import ClauseSplitter

NOW = datetime(2026, 12, 1, 14, 30)  # a Tuesday


def through_guard(reply: str, *, question: str, grounded: Set[str] = frozenset(), now: datetime = NOW,
                  garbled: Set[str] = frozenset(), told: str = "") -> tuple[str, HonestyGuard]:
    """(what is spoken of ``reply``, the guard with its violations); ``garbled``: the misheard bits of the
    question that ``hearing.review`` hands on; ``told``: what the conversation holds."""
    guard = HonestyGuard(grounded=grounded, now=now, question=question, told=told, garbled=garbled)
    splitter = ClauseSplitter()
    out: list[str] = []
    for ch in reply:
        for clause in splitter.push(ch):
            out.extend(guard.push(clause))
    for clause in splitter.flush():
        out.extend(guard.push(clause))
    out.extend(guard.flush())
    return functools.reduce(join_clauses, out, ""), guard
