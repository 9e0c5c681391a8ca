from __future__ import annotations

import asyncio
import difflib
import time
import unicodedata
from pathlib import Path

import numpy as np
import opencc
import pytest

from assistant.asr.whisper import WhisperTranscriber
from assistant.errors import AsrError, ModelError

ZH = "帮我给女儿打个电话，告诉她我晚上不回家吃饭了。"  # 幫/給/個/電話/訴/飯: Traditional forms differ
EN = "Please remind me to take my medicine at eight o'clock."


def normalise(text: str) -> str:
    return "".join(ch for ch in text.lower() if unicodedata.category(ch)[0] in "LN")


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, normalise(a), normalise(b)).ratio()


def is_simplified(text: str) -> bool:
    return opencc.OpenCC("t2s").convert(text) == text


async def test_chinese_in_simplified_characters(whisper: WhisperTranscriber, speak_zh: object) -> None:
    audio = speak_zh(ZH)  # type: ignore[operator]
    started = time.perf_counter()
    result = await whisper.transcribe(audio, language="zh")
    took = time.perf_counter() - started
    print(f"\nzh: {result.text!r} in {took:.2f} s for {result.audio_s:.2f} s (RTF "
          f"{took / result.audio_s:.2f})")
    assert result.language == "zh"
    assert result.audio_s == pytest.approx(len(audio) / 16000)
    assert similarity(result.text, ZH) >= 0.85
    assert "电话" in result.text and "饭" in result.text
    assert is_simplified(result.text)


async def test_auto_detects_chinese_and_english(
    whisper: WhisperTranscriber, speak_zh: object, speak_en: object
) -> None:
    zh = await whisper.transcribe(speak_zh(ZH), language="auto")  # type: ignore[operator]
    assert zh.language == "zh" and is_simplified(zh.text) and similarity(zh.text, ZH) >= 0.8
    en = await whisper.transcribe(speak_en(EN), language="auto")  # type: ignore[operator]
    assert en.language == "en" and similarity(en.text.replace("8", "eight"), EN) >= 0.85


async def test_english(whisper: WhisperTranscriber, speak_en: object) -> None:
    result = await whisper.transcribe(speak_en(EN), language="en")  # type: ignore[operator]
    assert result.language == "en"
    assert "medicine" in result.text.lower()
    assert similarity(result.text.replace("8", "eight"), EN) >= 0.85


async def test_concurrent_calls_are_safe(
    whisper: WhisperTranscriber, speak_zh: object, speak_en: object
) -> None:
    zh_audio, en_audio = speak_zh(ZH), speak_en(EN)  # type: ignore[operator]
    results = await asyncio.gather(
        whisper.transcribe(zh_audio, language="zh"),
        whisper.transcribe(en_audio, language="en"),
    )
    assert not any(ch in results[0].text for ch in ",?!")  # Chinese gets full-width punctuation
    assert similarity(results[0].text, ZH) >= 0.85 and "medicine" in results[1].text.lower()


async def test_silence_and_tiny_clips_are_empty(whisper: WhisperTranscriber) -> None:
    for audio in (np.zeros(16000, np.float32), np.zeros(0, np.float32), np.full(800, 0.1, np.float32)):
        started = time.perf_counter()
        result = await whisper.transcribe(audio, language="zh")
        assert result.text == ""
        assert time.perf_counter() - started < 0.05  # never reached the model


async def test_bad_language(whisper: WhisperTranscriber) -> None:
    with pytest.raises(AsrError):
        await whisper.transcribe(np.zeros(16000, np.float32), language="fr")


def test_missing_model(tmp_path: Path) -> None:
    with pytest.raises(ModelError):
        WhisperTranscriber(tmp_path / "nothing-here")


def test_fit_window_keeps_the_utterance_and_one_second_of_padding() -> None:
    from assistant.asr.whisper import WINDOW_PAD_FRAMES, fit_window

    features = np.zeros((80, 3000), dtype=np.float32)
    features[:, :250] = np.random.default_rng(0).normal(size=(80, 250))
    fitted = fit_window(features)
    assert fitted.shape == (80, 250 + WINDOW_PAD_FRAMES)
    assert np.array_equal(fitted[:, :250], features[:, :250]) and not fitted[:, 250:].any()
    assert fit_window(features[None]).shape == (1, 80, 250 + WINDOW_PAD_FRAMES)
    full = np.ones((80, 3000), dtype=np.float32)
    assert fit_window(full).shape == (80, 3000)  # a full window stays full
    batch = np.zeros((2, 80, 3000), dtype=np.float32)
    assert fit_window(batch) is batch


async def test_fitted_window_transcribes_like_the_full_one(
        whisper: WhisperTranscriber, model_store: object, speak_zh: object) -> None:
    """The shortened encoder window must not cost accuracy (and is several times faster)."""
    stock = WhisperTranscriber(model_store.path("asr"), threads=2, fit_window=False)  # type: ignore[attr-defined]
    audio = speak_zh(ZH)  # type: ignore[operator]
    t0 = time.perf_counter()
    fitted = await whisper.transcribe(audio, language="zh")
    t1 = time.perf_counter()
    full = await stock.transcribe(audio, language="zh")
    t2 = time.perf_counter()
    print(f"\nfitted {fitted.text!r} {t1 - t0:.2f} s; full {full.text!r} {t2 - t1:.2f} s")
    assert similarity(fitted.text, ZH) >= similarity(full.text, ZH) - 0.1
    assert similarity(fitted.text, ZH) >= 0.85


async def test_a_sentence_said_once_is_transcribed_once(
        whisper: WhisperTranscriber, speak_en: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the fitted window Whisper repeats this question ("...a week? How many days are there
    in a week? How many..."); the transcript must hold it once, from one decode (a second decode
    with the full window took 1.4 s)."""
    question = "How many days are there in a week?"
    audio = np.pad(speak_en(question), 3200)  # type: ignore[operator]
    decodes: list[str] = []
    decode = whisper._decode

    def counted(clip: np.ndarray, language: str) -> tuple[str, float]:
        text, no_speech = decode(clip, language)
        decodes.append(text)
        return text, no_speech

    monkeypatch.setattr(whisper, "_decode", counted)
    result = await whisper.transcribe(audio, language="en")
    assert normalise(result.text) == normalise(question)
    assert len(decodes) == 1
