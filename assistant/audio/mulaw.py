"""G.711 companding with numpy lookup tables (no ``audioop``, which Python 3.13 removed).

mu-law (PCMU: Twilio, North America/Japan) and A-law (PCMA: mainland-China and European telephone
networks, OpenAI Realtime ``g711_alaw``). One byte per sample, 8 kHz. The tables follow the
classic Sun Microsystems ``g711.c`` reference, which matches ITU-T G.711:

- mu-law: 0xFF and 0x7F decode to 0; 0x80 decodes to +32124 and 0x00 to -32124.
- A-law: 0xD5 decodes to +8 and 0x55 to -8; 0xAA decodes to +32256 and 0x2A to -32256.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from assistant.audio.pcm import float32_to_int16

Float32Audio = npt.NDArray[np.float32]
Int16Audio = npt.NDArray[np.int16]
Uint8Array = npt.NDArray[np.uint8]

_ULAW_BIAS = 0x84
_ULAW_CLIP = 32635


def _segment(magnitude: npt.NDArray[np.int32], limits: list[int]) -> npt.NDArray[np.int32]:
    """Index of the first limit that ``magnitude`` does not exceed (len(limits) when above all)."""
    return np.searchsorted(np.asarray(limits), magnitude, side="left").astype(np.int32)


def _build_ulaw_decode() -> Int16Audio:
    u = ~np.arange(256, dtype=np.int32) & 0xFF
    exponent = (u >> 4) & 0x07
    mantissa = u & 0x0F
    magnitude = (((mantissa << 3) + _ULAW_BIAS) << exponent) - _ULAW_BIAS
    return np.where(u & 0x80, -magnitude, magnitude).astype(np.int16)


def _build_ulaw_encode() -> Uint8Array:
    pcm = np.arange(-32768, 32768, dtype=np.int32)
    sign = np.where(pcm < 0, 0x80, 0)
    magnitude = np.minimum(np.abs(pcm), _ULAW_CLIP) + _ULAW_BIAS
    # exponent = position of the highest set bit above bit 7 (0..7)
    exponent = np.clip(np.floor(np.log2(magnitude >> 7 | 1)).astype(np.int32), 0, 7)
    mantissa = (magnitude >> (exponent + 3)) & 0x0F
    codes: Uint8Array = (~(sign | (exponent << 4) | mantissa) & 0xFF).astype(np.uint8)
    return codes


_ALAW_SEG_END = [0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF]


def _build_alaw_decode() -> Int16Audio:
    a = np.arange(256, dtype=np.int32) ^ 0x55
    t = (a & 0x0F) << 4
    seg = (a & 0x70) >> 4
    t = np.where(seg == 0, t + 8, t + 0x108)
    t = np.where(seg > 1, t << np.maximum(seg - 1, 0), t)
    return np.where(a & 0x80, t, -t).astype(np.int16)


def _build_alaw_encode() -> Uint8Array:
    pcm = np.arange(-32768, 32768, dtype=np.int32) >> 3  # 13-bit
    mask = np.where(pcm >= 0, 0xD5, 0x55)
    magnitude = np.where(pcm >= 0, pcm, -pcm - 1)
    seg = _segment(magnitude, _ALAW_SEG_END)
    shift = np.where(seg < 2, 1, seg)
    aval = (np.minimum(seg, 7) << 4) | ((magnitude >> shift) & 0x0F)
    aval = np.where(seg >= 8, 0x7F, aval)
    return ((aval ^ mask) & 0xFF).astype(np.uint8)


_ULAW_DECODE = _build_ulaw_decode()
_ULAW_ENCODE = _build_ulaw_encode()
_ALAW_DECODE = _build_alaw_decode()
_ALAW_ENCODE = _build_alaw_encode()


def _codes(data: bytes | bytearray | memoryview) -> Uint8Array:
    return np.frombuffer(data, dtype=np.uint8)


def _index(samples: npt.ArrayLike) -> npt.NDArray[np.int32]:
    return np.asarray(samples, dtype=np.int16).astype(np.int32) + 32768


def ulaw_encode_int16(samples: npt.ArrayLike) -> bytes:
    """int16 samples to mu-law bytes."""
    return _ULAW_ENCODE[_index(samples)].tobytes()


def ulaw_decode_int16(data: bytes | bytearray | memoryview) -> Int16Audio:
    """mu-law bytes to int16 samples."""
    return _ULAW_DECODE[_codes(data)]


def ulaw_encode(audio: npt.ArrayLike) -> bytes:
    """float32 [-1, 1] to mu-law bytes."""
    return ulaw_encode_int16(float32_to_int16(audio))


def ulaw_decode(data: bytes | bytearray | memoryview) -> Float32Audio:
    """mu-law bytes to float32 [-1, 1)."""
    return ulaw_decode_int16(data).astype(np.float32) / np.float32(32768.0)


def alaw_encode_int16(samples: npt.ArrayLike) -> bytes:
    """int16 samples to A-law bytes."""
    return _ALAW_ENCODE[_index(samples)].tobytes()


def alaw_decode_int16(data: bytes | bytearray | memoryview) -> Int16Audio:
    """A-law bytes to int16 samples."""
    return _ALAW_DECODE[_codes(data)]


def alaw_encode(audio: npt.ArrayLike) -> bytes:
    """float32 [-1, 1] to A-law bytes."""
    return alaw_encode_int16(float32_to_int16(audio))


def alaw_decode(data: bytes | bytearray | memoryview) -> Float32Audio:
    """A-law bytes to float32 [-1, 1)."""
    return alaw_decode_int16(data).astype(np.float32) / np.float32(32768.0)
