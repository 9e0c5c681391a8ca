"""The polyphase resampler: accuracy, anti-aliasing, exact lengths, and seamless streaming."""

from __future__ import annotations

import time

import numpy as np
import pytest

from assistant.audio.resample import StreamResampler, resample

PAIRS = [(24000, 16000), (22050, 24000), (24000, 8000), (8000, 16000), (16000, 48000), (44100, 16000)]


def tone(freq: float, rate: int, seconds: float = 1.0) -> np.ndarray:
    return (0.5 * np.sin(2 * np.pi * freq * np.arange(round(rate * seconds)) / rate)).astype(np.float32)


@pytest.mark.parametrize(("src", "dst"), PAIRS)
def test_a_tone_keeps_its_shape(src: int, dst: int) -> None:
    out = resample(tone(440, src), src, dst)
    assert out.dtype == np.float32 and len(out) == dst
    expected = tone(440, dst)
    assert np.abs(out - expected)[100:-100].max() < 1e-3


def test_frequencies_above_the_new_nyquist_are_removed() -> None:
    out = resample(tone(7000, 24000), 24000, 8000)
    assert np.sqrt(np.mean(out[100:-100] ** 2)) < 1e-3


@pytest.mark.parametrize(("src", "dst"), PAIRS)
def test_streaming_in_20ms_chunks_equals_one_call(src: int, dst: int) -> None:
    audio = np.random.default_rng(0).uniform(-0.5, 0.5, src // 2).astype(np.float32)
    stream = StreamResampler(src, dst)
    step = src // 50
    pieces = [stream.process(audio[i:i + step]) for i in range(0, len(audio), step)]
    streamed = np.concatenate([*pieces, stream.flush()])
    np.testing.assert_allclose(streamed, resample(audio, src, dst), atol=1e-6)


def test_same_rate_and_empty_input() -> None:
    audio = tone(440, 16000, 0.1)
    np.testing.assert_array_equal(resample(audio, 16000, 16000), audio)
    assert len(resample(np.zeros(0, dtype=np.float32), 24000, 16000)) == 0


def test_fast_enough_for_20ms_telephone_frames() -> None:
    stream = StreamResampler(8000, 16000)
    frame = tone(300, 8000, 0.02)
    started = time.perf_counter()
    for _ in range(200):
        stream.process(frame)
    assert (time.perf_counter() - started) / 200 < 0.002  # well under the 20 ms a frame lasts


def test_bad_rates_are_rejected() -> None:
    with pytest.raises(ValueError, match="positive"):
        StreamResampler(0, 16000)
