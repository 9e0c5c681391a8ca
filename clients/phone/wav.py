"""Small WAV helpers for the call simulators (mono PCM16)."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

from assistant.audio.pcm import float32_to_pcm16, pcm16_to_float32
from assistant.audio.resample import resample

PHONE_RATE = 8000


def read_wav_8k(path: Path) -> np.ndarray:
    """A mono 16-bit WAV file as float32 at 8 kHz (resampled if needed)."""
    with wave.open(str(path), "rb") as w:
        if w.getsampwidth() != 2:
            raise ValueError(f"{path}: only 16-bit PCM WAV files are supported")
        rate, channels = w.getframerate(), w.getnchannels()
        data = w.readframes(w.getnframes())
    audio = pcm16_to_float32(data)
    if channels > 1:
        audio = audio.reshape(-1, channels).mean(axis=1).astype(np.float32)
    return resample(audio, rate, PHONE_RATE) if rate != PHONE_RATE else audio


def write_wav(path: Path, audio: np.ndarray, rate: int = PHONE_RATE) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(float32_to_pcm16(audio))
