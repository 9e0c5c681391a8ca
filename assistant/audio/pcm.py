"""PCM16 little-endian bytes <-> float32 numpy, and checks on what clients send.

float32 audio is mono in [-1, 1). Decoding divides by 32768, encoding multiplies by 32768,
rounds and clips, so ``float32_to_pcm16(pcm16_to_float32(b)) == b`` for every ``b``.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from assistant.errors import ProtocolError

Float32Audio = npt.NDArray[np.float32]
Int16Audio = npt.NDArray[np.int16]

MIN_RATE = 8000
MAX_RATE = 48000
_SCALE = 32768.0


def check_pcm16(data: bytes | bytearray | memoryview, *, max_bytes: int | None = None) -> None:
    """Raise ``ProtocolError(code="bad_audio")`` unless ``data`` is whole PCM16 samples within
    ``max_bytes``."""
    size = len(data)
    if size % 2:
        raise ProtocolError(f"PCM16 audio must have an even number of bytes, got {size}", code="bad_audio")
    if max_bytes is not None and size > max_bytes:
        raise ProtocolError(f"audio frame of {size} bytes exceeds the limit of {max_bytes}", code="bad_audio")


def check_rate(rate: object) -> int:
    """Return ``rate`` if it is an integer sample rate in 8000..48000, else raise ``bad_audio``."""
    if isinstance(rate, bool) or not isinstance(rate, int) or not MIN_RATE <= rate <= MAX_RATE:
        raise ProtocolError(f"sample rate must be an integer {MIN_RATE}..{MAX_RATE}, got {rate!r}",
                            code="bad_audio")
    return rate


def pcm16_to_int16(data: bytes | bytearray | memoryview) -> Int16Audio:
    """Little-endian PCM16 bytes to a native int16 array (a copy)."""
    check_pcm16(data)
    return np.frombuffer(data, dtype="<i2").astype(np.int16)


def pcm16_to_float32(data: bytes | bytearray | memoryview) -> Float32Audio:
    """Little-endian PCM16 bytes to float32 in [-1, 1); odd-length input raises ``bad_audio``."""
    check_pcm16(data)
    samples = np.frombuffer(data, dtype="<i2")
    return samples.astype(np.float32) / np.float32(_SCALE)


def float32_to_int16(audio: npt.ArrayLike) -> Int16Audio:
    """float32 [-1, 1] to int16, rounding and clipping; NaN becomes 0."""
    x = np.nan_to_num(np.asarray(audio, dtype=np.float32).reshape(-1), nan=0.0, posinf=1.0, neginf=-1.0)
    out: Int16Audio = np.clip(np.rint(x * _SCALE), -32768, 32767).astype(np.int16)
    return out


def float32_to_pcm16(audio: npt.ArrayLike) -> bytes:
    """float32 [-1, 1] to little-endian PCM16 bytes (clipped)."""
    return float32_to_int16(audio).astype("<i2").tobytes()


def duration_ms(n_samples: int, rate: int) -> float:
    """Length of ``n_samples`` at ``rate`` in milliseconds."""
    return 1000.0 * n_samples / rate

