"""The speech-recognition role."""

from __future__ import annotations

from collections.abc import Sequence
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
    # How sure the recogniser is (backends that cannot tell leave the defaults): Whisper's mean token
    # log-probability and no-speech probability of the kept decode, and why that decode is still
    # unsure after the checked second decode ("" when it looks sound).
    avg_logprob: float = 0.0
    no_speech_prob: float = 0.0
    unsure: str = ""


class Transcriber(Protocol):
    """Turns one utterance (float32 mono at ASR_RATE, speech only) into text.

    ``language`` is "zh", "en" or "auto". ``hints``: the user's own words (names, medicines, places;
    :mod:`assistant.asr.vocabulary`) the backend should expect, where it can be biased towards them;
    no hint text ever appears in a transcript unless it was said. Raises AsrError on backend failure.
    Implementations run blocking inference in a worker thread.
    """

    name: str

    async def transcribe(self, audio: Float32Audio, *, language: str,
                         hints: Sequence[str] = ()) -> Transcript: ...
