"""Phone-band speech and the VAD: 8 kHz, 300-3400 Hz, G.711 audio, upsampled for Silero's 16 kHz
model, scores 0.3-0.5 where wide-band speech scores 0.9. With the wide-band threshold (0.5) some
callers' questions never started a turn, or ended after 200 ms, and the caller heard nothing at all
(the eval's "What is the price of Apple stock today?" on the phone). An 8 kHz stream gets its own
threshold (``turn.vad_threshold_8k``); these clips are the eval's phone variant of real questions."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from assistant.audio.resample import StreamResampler
from assistant.audio.vad import SileroVad, SpeechStarted, SpeechStopped
from assistant.config import Settings
from assistant.eval.questions import load_questions
from assistant.eval.run import select, speak
from assistant.pipeline.engines import EngineOptions

PHONE_RATE = 8000


@pytest.fixture(scope="module")
def phone_clips(settings: Settings, model_store: Any) -> list[Any]:
    questions = select(load_questions(), quick=False, only="en-stock,en-capital,good-morning,weather-today")
    clips: list[Any] = speak(settings, questions, ["phone"])["phone"]
    assert len(clips) == 4 and all(c.rate == PHONE_RATE for c in clips)
    return clips


def _events(silero: SileroVad, options: Any, audio: np.ndarray) -> list[Any]:
    """Stream ``audio`` (8 kHz) as a phone call does: 20 ms frames, upsampled to 16 kHz."""
    stream, resampler = silero.stream(options), StreamResampler(PHONE_RATE, 16000)
    events: list[Any] = []
    for i in range(0, len(audio), PHONE_RATE // 50):
        events += stream.feed(resampler.process(audio[i:i + PHONE_RATE // 50]))
    return events


def test_every_phone_question_is_one_whole_turn(silero: SileroVad, settings: Settings,
                                                phone_clips: list[Any]) -> None:
    options = EngineOptions.from_settings(settings).vad_for(PHONE_RATE)
    assert options.threshold < EngineOptions.from_settings(settings).vad.threshold
    for clip in phone_clips:
        pcm = np.frombuffer(clip.pcm, dtype=np.int16).astype(np.float32) / 32768
        audio = np.concatenate([pcm, np.zeros(3 * PHONE_RATE, dtype=np.float32)])
        stops = [e.at_ms for e in _events(silero, options, audio) if isinstance(e, SpeechStopped)]
        end_ms = clip.speech_end * 1000 / clip.rate
        assert stops and stops[0] >= 0.8 * end_ms, (clip.question.text, stops, end_ms)


@pytest.mark.parametrize("level", [0.003, 0.03])
def test_line_hiss_alone_starts_no_turn(silero: SileroVad, settings: Settings, level: float) -> None:
    options = EngineOptions.from_settings(settings).vad_for(PHONE_RATE)
    hiss = np.random.default_rng(3).normal(0, level, 5 * PHONE_RATE).astype(np.float32)
    assert not [e for e in _events(silero, options, hiss) if isinstance(e, SpeechStarted)]


def test_wide_band_streams_keep_their_threshold(settings: Settings) -> None:
    engine = EngineOptions.from_settings(settings)
    assert engine.vad_for(16000) == engine.vad and engine.vad_for(24000) == engine.vad
    assert engine.vad_for(8000).threshold == settings.turn.vad_threshold_8k
