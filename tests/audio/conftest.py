"""Fixtures for the audio tests: the shared Silero model and Chinese speech from the project's zh voice."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from assistant.audio.vad import SileroVad

Speak = Callable[[str], np.ndarray]


@pytest.fixture(scope="session")
def silero(model_store: Any) -> SileroVad:
    return SileroVad(model_store.path("vad"))


@pytest.fixture(scope="session")
def speak_zh(model_store: Any) -> Speak:
    """Text -> float32 speech at 16 kHz from the zh voice, cached per text."""
    from assistant.audio.resample import resample
    from assistant.tts.zh import ZhttsSynthesizer

    voice = ZhttsSynthesizer(model_store.path("tts-zh"))
    cache: dict[str, np.ndarray] = {}

    def speak(text: str) -> np.ndarray:
        if text not in cache:
            speech = voice.synthesize_sync(text, speed=1.0)
            cache[text] = resample(np.asarray(speech.audio, dtype=np.float32), speech.rate, 16000)
        return cache[text]

    return speak
