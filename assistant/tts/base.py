"""The speech-synthesis role: one sentence or clause at a time."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

Float32Audio = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True, kw_only=True)
class Speech:
    audio: Float32Audio  # mono float32 in [-1, 1]
    rate: int


class Synthesizer(Protocol):
    """Speaks one short piece of text (a clause).

    ``speed`` > 1 is slower speech (durations are multiplied), < 1 is faster.
    Raises TtsError on failure. Blocking work runs in a worker thread; keep each call
    to one clause so that barge-in cancels quickly.
    """

    name: str

    async def synthesize(self, text: str, *, speed: float) -> Speech: ...
