"""Helpers for the TTS tests: comparing what Whisper heard with what was meant."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from assistant.tts.base import Speech

Listen = Callable[[Speech, str], str]  # (speech, language) -> transcript


def plain(text: str) -> str:
    """Lower case, no punctuation or spaces: the form transcripts are compared in."""
    return re.sub(r"[\W_]+", "", text.lower())


def overlap(expected: str, heard: str) -> float:
    """Share of ``expected`` (normalised) that ``heard`` matches, in order (0..1)."""
    a, b = plain(expected), plain(heard)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(1, len(a))
