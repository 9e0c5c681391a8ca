from __future__ import annotations

import numpy as np
import pytest

from assistant.audio.pcm import (
    check_pcm16,
    check_rate,
    duration_ms,
    float32_to_pcm16,
    pcm16_to_float32,
    pcm16_to_int16,
)
from assistant.errors import ProtocolError


def test_round_trip_is_exact_for_every_int16() -> None:
    samples = np.arange(-32768, 32768, dtype="<i2")
    data = samples.tobytes()
    audio = pcm16_to_float32(data)
    assert audio.dtype == np.float32
    assert audio.min() == -1.0 and audio.max() < 1.0
    assert float32_to_pcm16(audio) == data
    assert np.array_equal(pcm16_to_int16(data), samples)


def test_little_endian_known_values() -> None:
    assert pcm16_to_float32(b"\x00\x40\x00\xc0").tolist() == [0.5, -0.5]
    assert float32_to_pcm16(np.array([0.5, -0.5], dtype=np.float32)) == b"\x00\x40\x00\xc0"


def test_encoding_clips_and_cleans() -> None:
    audio = np.array([2.0, -2.0, np.nan, np.inf, -np.inf, 1.0], dtype=np.float32)
    assert np.frombuffer(float32_to_pcm16(audio), "<i2").tolist() == [32767, -32768, 0, 32767, -32768, 32767]


def test_odd_length_is_bad_audio() -> None:
    with pytest.raises(ProtocolError) as info:
        pcm16_to_float32(b"\x00\x01\x02")
    assert info.value.code == "bad_audio"
    with pytest.raises(ProtocolError) as info:
        check_pcm16(memoryview(b"\x01"))
    assert info.value.code == "bad_audio"


def test_size_limit_and_empty() -> None:
    check_pcm16(b"")
    assert pcm16_to_float32(b"").shape == (0,)
    check_pcm16(b"\x00" * 3200, max_bytes=3200)
    with pytest.raises(ProtocolError) as info:
        check_pcm16(b"\x00" * 3202, max_bytes=3200)
    assert info.value.code == "bad_audio"


@pytest.mark.parametrize("rate", [8000, 16000, 24000, 44100, 48000])
def test_good_rates(rate: int) -> None:
    assert check_rate(rate) == rate


@pytest.mark.parametrize("rate", [7999, 48001, 0, -16000, 16000.0, "16000", True, None])
def test_bad_rates(rate: object) -> None:
    with pytest.raises(ProtocolError) as info:
        check_rate(rate)
    assert info.value.code == "bad_audio"


def test_duration() -> None:
    assert duration_ms(1600, 16000) == 100.0
    assert duration_ms(160, 8000) == 20.0
