"""Fixtures for the TTS tests: the two offline voices and a Whisper model to listen with (each loaded once)."""

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
def listen(model_store: Any) -> Listen:
    """Speech -> Simplified-Chinese or English transcript, with faster-whisper base (int8, greedy)."""
    import opencc
    from faster_whisper import WhisperModel

    model = WhisperModel(str(model_store.path("asr")), device="cpu", compute_type="int8", cpu_threads=2)
    t2s = opencc.OpenCC("t2s")

    def transcribe(speech: Speech, language: str) -> str:
        audio = resample(np.asarray(speech.audio, dtype=np.float32), speech.rate, 16000)
        prompt = "以下是普通话的句子，使用简体中文。" if language == "zh" else None
        # One greedy pass: the default temperature fallback can take ~50 s on a short clip.
        segments, _ = model.transcribe(audio, language=language, beam_size=1, initial_prompt=prompt,
                                       condition_on_previous_text=False, temperature=0.0,
                                       without_timestamps=True)
        return str(t2s.convert("".join(s.text for s in segments)))

    return transcribe
