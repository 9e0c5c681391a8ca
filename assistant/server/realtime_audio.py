"""Audio of the OpenAI-Realtime endpoint: its wire formats to our 16 kHz input, and our speech out.

Formats: ``pcm16`` (24 kHz PCM16 LE), ``g711_ulaw`` and ``g711_alaw`` (8 kHz, one byte a sample).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from assistant.asr.base import ASR_RATE
from assistant.audio.mulaw import alaw_decode, alaw_encode, ulaw_decode, ulaw_encode
from assistant.audio.pcm import check_pcm16, float32_to_pcm16, pcm16_to_float32
from assistant.audio.resample import StreamResampler, resample
from assistant.protocol.realtime import RealtimeError
from assistant.protocol.realtime_config import FORMATS

Float32Audio = npt.NDArray[np.float32]
CHUNK_S = 0.5  # input is fed to the session in pieces of at most this (its frame cap is 1 s)
DELTA_S = 0.5  # output audio deltas carry at most this much


def decode(fmt: str, data: bytes) -> Float32Audio:
    """Wire bytes to float32 at the format's rate; RealtimeError for bytes that cannot be that format."""
    if fmt == "pcm16":
        try:
            check_pcm16(data)
        except Exception:
            raise RealtimeError("pcm16 audio must have an even number of bytes (16-bit samples)",
                                code="invalid_audio", param="audio") from None
        return pcm16_to_float32(data)
    return ulaw_decode(data) if fmt == "g711_ulaw" else alaw_decode(data)


def encode(fmt: str, audio: Float32Audio) -> bytes:
    if fmt == "pcm16":
        return float32_to_pcm16(audio)
    return ulaw_encode(audio) if fmt == "g711_ulaw" else alaw_encode(audio)


class InputAudio:
    """The client's audio in its format → 16 kHz float32 pieces, and the buffer the client commits."""

    def __init__(self, fmt: str) -> None:
        self.fmt = fmt
        self._resampler = StreamResampler(FORMATS[fmt], ASR_RATE)
        self.buffer: list[Float32Audio] = []  # 16 kHz audio since the last commit or clear
        self.buffered_ms = 0.0
        self.total_ms = 0.0  # all input audio so far (audio_start_ms / audio_end_ms count from here)

    def convert(self, data: bytes) -> list[Float32Audio]:
        audio = self._resampler.process(decode(self.fmt, data))
        self.total_ms += 1000.0 * audio.size / ASR_RATE
        step = int(CHUNK_S * ASR_RATE)
        return [audio[i:i + step] for i in range(0, audio.size, step)]

    def keep(self, pieces: list[Float32Audio]) -> None:
        for piece in pieces:
            self.buffer.append(piece)
            self.buffered_ms += 1000.0 * piece.size / ASR_RATE

    def take(self) -> Float32Audio:
        audio = np.concatenate(self.buffer) if self.buffer else np.zeros(0, dtype=np.float32)
        self.clear()
        return audio

    def clear(self) -> None:
        self.buffer = []
        self.buffered_ms = 0.0


def speech_out(fmt: str, audio: Float32Audio, rate: int) -> list[tuple[bytes, float]]:
    """One clause of our speech as (wire bytes, milliseconds) deltas in ``fmt``."""
    target = FORMATS[fmt]
    audio = resample(audio.astype(np.float32), rate, target) if rate != target else audio
    step = int(DELTA_S * target)
    return [(encode(fmt, audio[i:i + step]), 1000.0 * min(step, audio.size - i) / target)
            for i in range(0, audio.size, step)]


def decode_item_audio(fmt: str, data: bytes) -> Float32Audio:
    """A whole ``input_audio`` content part at 16 kHz."""
    audio = decode(fmt, data)
    return resample(audio, FORMATS[fmt], ASR_RATE)
