"""Sample-rate conversion: a polyphase windowed-sinc (Kaiser) resampler in numpy.

For rates ``src`` and ``dst`` with ``dst/src = L/M`` (reduced), output sample ``n`` sits at input
position ``n*M/L``. It is the sum of the ``2*W`` nearest input samples weighted by a low-pass sinc
kernel (cut-off just below the lower Nyquist frequency, Kaiser window), one precomputed row of
weights per phase ``(n*M) mod L``. Every row sums to 1, so DC passes unchanged.

``resample`` converts a whole clip. ``StreamResampler`` converts a stream chunk by chunk (e.g.
20 ms telephone frames) with no seams at the chunk edges; it delays the output by ``W`` input
samples (about 1-3 ms), which ``flush`` releases at the end.
"""

from __future__ import annotations

from functools import lru_cache
from math import ceil, gcd

import numpy as np
import numpy.typing as npt

Float32Audio = npt.NDArray[np.float32]

_ZERO_CROSSINGS = 16  # per side, at the lower of the two rates
_ROLLOFF = 0.94  # cut-off as a fraction of the lower Nyquist frequency
_KAISER_BETA = 8.6  # about 80 dB stop-band attenuation
_BLOCK = 16384  # outputs computed per vectorised step (bounds the temporary gather matrix)


@lru_cache(maxsize=16)
def _design(up: int, down: int) -> tuple[int, npt.NDArray[np.float32]]:
    """Return ``(W, table)``: the half-width in input samples and the ``up x 2W`` phase table."""
    cutoff = 0.5 * _ROLLOFF * min(1.0, up / down)  # cycles per input sample
    half = ceil(_ZERO_CROSSINGS / (2.0 * cutoff))
    # Row p serves outputs at fractional position p/up; tap j weighs input base - half + 1 + j.
    t = (np.arange(up)[:, None] / up) + (half - 1 - np.arange(2 * half)[None, :])
    window = np.i0(_KAISER_BETA * np.sqrt(np.clip(1.0 - (t / half) ** 2, 0.0, 1.0))) / np.i0(_KAISER_BETA)
    kernel = 2.0 * cutoff * np.sinc(2.0 * cutoff * t) * window
    kernel /= kernel.sum(axis=1, keepdims=True)
    return half, kernel.astype(np.float32)


class StreamResampler:
    """Converts a stream of float32 mono chunks from ``src_rate`` to ``dst_rate``.

    ``process(chunk)`` returns the output that the input so far determines (it lags by ``W``
    input samples); ``flush()`` returns the tail, as if the stream ended with silence, and resets.
    Not thread-safe: one instance per stream.
    """

    def __init__(self, src_rate: int, dst_rate: int) -> None:
        if src_rate <= 0 or dst_rate <= 0:
            raise ValueError(f"sample rates must be positive, got {src_rate} -> {dst_rate}")
        g = gcd(src_rate, dst_rate)
        self.src_rate = src_rate
        self.dst_rate = dst_rate
        self._up = dst_rate // g
        self._down = src_rate // g
        self._half, self._table = _design(self._up, self._down) if self._up != self._down else (0, _EMPTY)
        self._reset()

    def _reset(self) -> None:
        # The buffer holds input samples from absolute index self._start on; x[k] = 0 for k < 0.
        self._buf: Float32Audio = np.zeros(self._half, dtype=np.float32)
        self._start = -self._half
        self._next = 0  # index of the next output sample
        self._consumed = 0  # real input samples received

    def process(self, chunk: Float32Audio) -> Float32Audio:
        chunk = np.asarray(chunk, dtype=np.float32).reshape(-1)
        if self._up == self._down:
            return chunk.copy()
        self._consumed += len(chunk)
        self._buf = np.concatenate([self._buf, chunk])
        return self._emit(self._start + len(self._buf))

    def flush(self) -> Float32Audio:
        """Return the remaining output (up to the true end of the input) and start a new stream."""
        if self._up == self._down:
            return np.zeros(0, dtype=np.float32)
        total_out = ceil(self._consumed * self._up / self._down)
        self._buf = np.concatenate([self._buf, np.zeros(2 * self._half + 1, dtype=np.float32)])
        out = self._emit(self._start + len(self._buf), limit=total_out)
        self._reset()
        return out

    def _emit(self, available: int, limit: int | None = None) -> Float32Audio:
        """Compute every output whose taps lie below absolute input index ``available``."""
        up, down, half = self._up, self._down, self._half
        # Output n needs inputs up to (n*down)//up + half, which must be < available.
        last = ((available - half) * up - 1) // down  # largest n with (n*down)//up + half < available
        end = last + 1 if limit is None else min(last + 1, limit)
        pieces: list[Float32Audio] = []
        for lo in range(self._next, end, _BLOCK):
            n = np.arange(lo, min(lo + _BLOCK, end), dtype=np.int64)
            pos = n * down
            base, phase = pos // up, pos % up
            idx = (base - half + 1 - self._start)[:, None] + np.arange(2 * half)[None, :]
            pieces.append(np.einsum("ij,ij->i", self._buf[idx], self._table[phase]).astype(np.float32))
        self._next = max(self._next, end)
        # Drop input that no future output needs.
        keep_from = (self._next * down) // up - half + 1
        drop = max(0, keep_from - self._start)
        if drop:
            self._buf = self._buf[drop:]
            self._start += drop
        return np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.float32)


_EMPTY: npt.NDArray[np.float32] = np.zeros((0, 0), dtype=np.float32)


def resample(audio: Float32Audio, src_rate: int, dst_rate: int) -> Float32Audio:
    """Convert a whole float32 mono clip; the result has ``ceil(len * dst / src)`` samples."""
    if src_rate == dst_rate:
        return np.asarray(audio, dtype=np.float32).reshape(-1).copy()
    stream = StreamResampler(src_rate, dst_rate)
    head = stream.process(audio)
    return np.concatenate([head, stream.flush()])
