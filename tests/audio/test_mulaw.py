from __future__ import annotations

import numpy as np

from assistant.audio.mulaw import (
    alaw_decode,
    alaw_decode_int16,
    alaw_encode,
    alaw_encode_int16,
    ulaw_decode,
    ulaw_decode_int16,
    ulaw_encode,
    ulaw_encode_int16,
)

ALL_INT16 = np.arange(-32768, 32768, dtype=np.int16)


def _segment_step(decoded: np.ndarray) -> np.ndarray:
    """Quantisation step of mu-law at each decoded magnitude (8 << segment, 16-bit scale)."""
    seg = np.searchsorted([120, 372, 876, 1884, 3900, 7932, 15996], np.abs(decoded.astype(np.int32)),
                          side="right")
    return (8 << seg).astype(np.int32)


def test_ulaw_known_values() -> None:
    decoded = ulaw_decode_int16(bytes([0xFF, 0x7F, 0x80, 0x00, 0xEF, 0x6F]))
    assert decoded.tolist() == [0, 0, 32124, -32124, 132, -132]
    assert ulaw_encode_int16(np.array([0, 32767, -32768, 32124, -32124], dtype=np.int16)) == bytes(
        [0xFF, 0x80, 0x00, 0x80, 0x00])


def test_ulaw_decode_table_is_symmetric_and_monotonic() -> None:
    table = ulaw_decode_int16(bytes(range(256))).astype(np.int32)
    assert np.array_equal(table[:128], -table[128:])
    positive = table[128:][::-1]  # 0xFF (0) ... 0x80 (32124)
    assert np.all(np.diff(positive) > 0)


def test_ulaw_round_trip_error_is_within_half_a_step() -> None:
    decoded = ulaw_decode_int16(ulaw_encode_int16(ALL_INT16)).astype(np.int32)
    err = np.abs(decoded - ALL_INT16.astype(np.int32))
    inside = np.abs(ALL_INT16.astype(np.int32)) <= 32124
    assert np.all(err[inside] <= _segment_step(decoded[inside]) // 2)
    # above the largest code, the value clips to +-32124
    assert np.all(np.abs(decoded[~inside]) == 32124)
    # re-encoding a decoded value gives the same code (the table is idempotent)
    codes = bytes(range(256))
    assert ulaw_encode_int16(ulaw_decode_int16(codes)) == bytes(
        c if c != 0x7F else 0xFF for c in codes)  # -0 re-encodes as +0


def test_ulaw_float_api() -> None:
    t = np.arange(8000) / 8000
    audio = (0.5 * np.sin(2 * np.pi * 440 * t)).astype(np.float32)
    data = ulaw_encode(audio)
    assert len(data) == len(audio)
    back = ulaw_decode(data)
    assert back.dtype == np.float32
    snr = 10 * np.log10(np.sum(audio**2) / np.sum((audio - back) ** 2))
    assert snr > 30  # G.711 gives about 38 dB on a loud tone


def test_alaw_known_values_and_round_trip() -> None:
    assert alaw_decode_int16(bytes([0xD5, 0x55, 0xAA, 0x2A])).tolist() == [8, -8, 32256, -32256]
    assert alaw_encode_int16(np.array([0, -1, 32767, -32768], dtype=np.int16)) == bytes([0xD5, 0x55, 0xAA,
                                                                                         0x2A])
    codes = bytes(range(256))
    assert alaw_encode_int16(alaw_decode_int16(codes)) == codes
    decoded = alaw_decode_int16(alaw_encode_int16(ALL_INT16)).astype(np.int32)
    err = np.abs(decoded - ALL_INT16.astype(np.int32))
    assert err.max() <= 512
    assert np.all(err[np.abs(ALL_INT16.astype(np.int32)) < 512] <= 8)
    audio = (0.3 * np.sin(np.linspace(0, 200, 8000))).astype(np.float32)
    assert np.abs(alaw_decode(alaw_encode(audio)) - audio).max() < 0.02
