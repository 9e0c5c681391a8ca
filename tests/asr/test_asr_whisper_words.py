"""The user's own words with the real Whisper: they are heard, and they never leak.

Hints go to faster-whisper as ``hotwords`` (text before the decoder prompt). On near-silence and
noise Whisper likes to write its prompt out; neither the prompt ("以下是普通话的句子，使用简体中文。")
nor a hint word that was not said may appear in a transcript."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.asr.vocabulary import user_terms
from assistant.asr.whisper import WhisperTranscriber

RATE = 16000
HINTS = user_terms(["王秀英", "小明", "闺女", "人民医院"], city="石家庄",
                   reminders=["每天早上吃硝苯地平", "晚饭后吃二甲双胍"])
PROMPT_BITS = ("以下是", "普通话", "简体中文", "使用简体")


def _noise(kind: str, seconds: float, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    n = int(seconds * RATE)
    if kind == "near_silent":
        return rng.normal(0.0, 10 ** (-60 / 20), n).astype(np.float32)  # -60 dBFS room tone
    if kind == "hiss":
        return rng.normal(0.0, 10 ** (-30 / 20), n).astype(np.float32)
    if kind == "rumble":
        brown = np.cumsum(rng.normal(0.0, 1.0, n))
        brown -= np.convolve(brown, np.ones(400) / 400, mode="same")
        return (0.05 * brown / (np.std(brown) + 1e-9)).astype(np.float32)
    t = np.arange(n) / RATE  # "hum": mains hum and a fan
    return (0.03 * np.sin(2 * np.pi * 50 * t) + 0.01 * np.sin(2 * np.pi * 150 * t)
            + rng.normal(0.0, 0.003, n)).astype(np.float32)


def _leaks(text: str, said: str = "") -> list[str]:
    return [b for b in (*PROMPT_BITS, *HINTS) if b in text and b not in said]


@pytest.mark.parametrize("kind", ["near_silent", "hiss", "rumble", "hum"])
@pytest.mark.parametrize("seconds", [0.6, 2.0])
def test_no_prompt_or_hint_on_noise(whisper: WhisperTranscriber, kind: str, seconds: float) -> None:
    clip = _noise(kind, seconds, seed=int(seconds * 10))
    for hints in ((), HINTS):
        text = whisper.transcribe_sync(clip, language="zh", hints=hints).text
        print(f"\n{kind} {seconds} s hints={bool(hints)}: {text!r}")
        assert _leaks(text) == []


@pytest.mark.parametrize("snr_db", [20.0, 5.0])
def test_no_leak_into_noisy_speech(whisper: WhisperTranscriber, speak_zh: object, snr_db: float) -> None:
    said = "一加一等于几？"
    speech = speak_zh(said)  # type: ignore[operator]
    noise = _noise("rumble", len(speech) / RATE, seed=3)
    level = float(np.sqrt(np.mean(speech.astype(np.float64) ** 2))) / 10 ** (snr_db / 20)
    clip = (speech + level / 0.05 * noise).astype(np.float32)
    text = whisper.transcribe_sync(clip, language="zh", hints=HINTS).text
    print(f"\nSNR {snr_db} dB: {text!r}")
    assert _leaks(text, said) == []


def test_hints_bring_the_users_words(whisper: WhisperTranscriber, speak_zh: object) -> None:
    """Rare words the base model does not know are heard once they are hints."""
    sentences = {"提醒我晚上吃二甲双胍": "二甲双胍", "硝苯地平一天吃几片": "硝苯地平", "我叫王秀英": "王秀英"}
    heard_without = heard_with = 0
    for sentence, term in sentences.items():
        audio = speak_zh(sentence)  # type: ignore[operator]
        without = whisper.transcribe_sync(audio, language="zh").text
        with_hints = whisper.transcribe_sync(audio, language="zh", hints=HINTS).text
        print(f"\n{sentence}: without {without!r}, with {with_hints!r}")
        heard_without += term in without
        heard_with += term in with_hints
        assert _leaks(with_hints, sentence) == []
    assert heard_with >= 2 and heard_with > heard_without
