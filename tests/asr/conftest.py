"""Fixtures for the ASR tests: the embedded Whisper (loaded once) and test speech from the project's
voices."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from assistant.asr.whisper import WhisperTranscriber

Speak = Callable[[str], np.ndarray]


@pytest.fixture(scope="session")
def whisper(transcriber: WhisperTranscriber) -> WhisperTranscriber:
    """The session's Whisper (tests/conftest.py), warmed up once."""
    warm = transcriber.warmup()
    print(f"\nWhisper warm-up {warm:.2f} s")
    return transcriber


def _resampled(audio: Any, rate: int) -> np.ndarray:
    from assistant.audio.resample import resample

    return resample(np.asarray(audio, dtype=np.float32).reshape(-1), rate, 16000)


@pytest.fixture(scope="session")
def speak_zh(model_store: Any) -> Speak:
    """Text -> float32 speech at 16 kHz from the project's zh voice, cached per text."""
    from assistant.tts.zh import ZhttsSynthesizer

    voice = ZhttsSynthesizer(model_store.path("tts-zh"))
    cache: dict[str, np.ndarray] = {}

    def speak(text: str) -> np.ndarray:
        if text not in cache:
            speech = voice.synthesize_sync(text, speed=1.0)
            cache[text] = _resampled(speech.audio, speech.rate)
        return cache[text]

    return speak


@pytest.fixture(scope="session")
def speak_en(model_store: Any) -> Speak:
    """Text -> float32 speech at 16 kHz from the Piper English voice, the same on every run: Piper draws its
    noise and its durations afresh on every call (two calls of one sentence differed in length, and Whisper
    repeated one of them once in a whole run), so both are near zero here (0 means "the voice's own")."""
    from piper_onnx import Piper

    folder = model_store.path("tts-en")
    voice = Piper(str(folder / "en_US-joe-medium.onnx"), str(folder / "en_US-joe-medium.onnx.json"))
    cache: dict[str, np.ndarray] = {}

    def speak(text: str) -> np.ndarray:
        if text not in cache:
            audio, rate = voice.create(text, noise_scale=1e-6, noise_w=1e-6)
            cache[text] = _resampled(audio, rate)
        return cache[text]

    return speak

