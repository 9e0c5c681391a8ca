"""The vision role: a photo plus a question becomes a short spoken answer's context."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from PIL import Image


@dataclass(frozen=True, slots=True, kw_only=True)
class PhotoDescription:
    """What the embedded path found in a photo; rendered into the LLM prompt."""

    text_lines: tuple[str, ...] = ()  # OCR, in reading order
    labels: tuple[tuple[str, float], ...] = ()  # (Chinese name, probability), best first
    notes: tuple[str, ...] = field(default_factory=tuple)


class PhotoAnalyzer(Protocol):
    """Embedded analysis: OCR + labels. Blocking work runs in a worker thread. Raises VisionError."""

    async def describe(self, image: Image.Image) -> PhotoDescription: ...
