"""The speech-recognition role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

ASR_RATE = 16000

Float32Audio = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True, kw_only=True)
class Transcript:
    text: str  # Simplified Chinese for zh; empty when nothing was said
    language: str  # "zh", "en", ...
    audio_s: float  # length of the transcribed audio


class Transcriber(Protocol):
    """Turns one utterance (float32 mono at ASR_RATE, speech only) into text.

    ``language`` is "zh", "en" or "auto". Raises AsrError on backend failure.
    Implementations run blocking inference in a worker thread.
    """

    name: str

    async def transcribe(self, audio: Float32Audio, *, language: str) -> Transcript: ...
