"""Fixtures for the TTS tests: the two offline voices and a Whisper model to listen with (each loaded
once)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from tts_helpers import Listen

from assistant.audio.resample import resample
from assistant.tts.base import Speech
from assistant.tts.en import PiperSynthesizer
from assistant.tts.zh import ZhttsSynthesizer


@pytest.fixture(scope="session")
def zh_voice(model_store: Any) -> ZhttsSynthesizer:
    return ZhttsSynthesizer(model_store.path("tts-zh"), threads=1)


@pytest.fixture(scope="session")
def en_voice(model_store: Any) -> PiperSynthesizer:
    folder = model_store.path("tts-en")
    return PiperSynthesizer(folder / "en_US-joe-medium.onnx", folder / "en_US-joe-medium.onnx.json")


@pytest.fixture(scope="session")
def listen(transcriber: Any) -> Listen:
    """Speech -> Simplified-Chinese or English transcript, with the project's own Whisper (loaded once)."""

    def transcribe(speech: Speech, language: str) -> str:
        audio = resample(np.asarray(speech.audio, dtype=np.float32), speech.rate, 16000)
        return str(transcriber.transcribe_sync(audio, language=language).text)

    return transcribe
