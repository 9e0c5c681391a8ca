"""One voice for mixed Chinese/English replies: each language span goes to its own voice.

``split_spans`` cuts a clause into Chinese and English spans. In text that contains Chinese,
numbers, units and short letter groups (``CT``, ``B超``, ``OK``, single letters) are first written
out in Chinese (:func:`normalize_zh`), so they stay with the Mandarin voice; runs of real English
words (``iPhone``, ``I have 2 cats``) go to the English voice, with their digits read in English.
Text without Chinese characters goes to the English voice as a whole.

``MixedSynthesizer`` speaks every span, trims its edge silence, evens out the loudness of the two
voices, resamples to ``output_rate`` and joins the spans with a short pause, ending with a pause
that suits the clause's last punctuation mark (longer after 。 than after ，).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from assistant.audio.resample import resample
from assistant.cputime import in_thread
from assistant.tts.base import Float32Audio, Speech, Synthesizer
from assistant.tts.normalize import normalize_zh
from assistant.tts.zh_frontend import has_han

_LATIN_RUN = re.compile(
    r"[A-Za-z][A-Za-z0-9'’\-]*(?:[ \t,.!?;:'\"\-]*[ \t]+[A-Za-z0-9][A-Za-z0-9'’\-]*)*[.!?]?")
_SPEAKABLE = re.compile(r"[0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff]")

SPAN_GAP_S = 0.08  # between a Chinese and an English span inside one clause
LEAD_S = 0.05
_TRAIL_S = {"。": 0.30, "！": 0.30, "？": 0.30, ".": 0.30, "!": 0.30, "?": 0.30, "；": 0.25, ";": 0.25,
            "\n": 0.30, "，": 0.15, ",": 0.15, "、": 0.12, "：": 0.15, ":": 0.15}
_DEFAULT_TRAIL_S = 0.12
_TARGET_RMS = 0.1  # loudness of voiced audio, about -20 dBFS
_MAX_GAIN = 4.0
_PEAK = 0.95


@dataclass(frozen=True, slots=True, kw_only=True)
class Span:
    language: str  # "zh" or "en"
    text: str


def split_spans(text: str) -> list[Span]:
    """Cut one clause into language spans, in order; spans with nothing speakable are dropped."""
    if not _SPEAKABLE.search(text):
        return []
    if not has_han(text) and re.search(r"[A-Za-z]", text):
        return [Span(language="en", text=text.strip())]
    text = normalize_zh(text)
    spans: list[Span] = []
    pos = 0
    for m in _LATIN_RUN.finditer(text):
        _add(spans, "zh", text[pos:m.start()])
        _add(spans, "en", m.group())
        pos = m.end()
    _add(spans, "zh", text[pos:])
    return spans


def _add(spans: list[Span], language: str, text: str) -> None:
    if not _SPEAKABLE.search(text):
        if spans and text.strip():  # keep punctuation with the span before it (for its pause)
            spans[-1] = Span(language=spans[-1].language, text=spans[-1].text + text.strip())
        return
    if spans and spans[-1].language == language:
        spans[-1] = Span(language=language, text=spans[-1].text + text)
        return
    spans.append(Span(language=language, text=text.strip()))


class MixedSynthesizer:
    """Speaks Chinese, English or mixed clauses with two voices, returning audio at ``output_rate``."""

    name = "mixed"

    def __init__(self, zh: Synthesizer, en: Synthesizer, *, output_rate: int) -> None:
        self._voices = {"zh": zh, "en": en}
        self.output_rate = output_rate

    async def synthesize(self, text: str, *, speed: float) -> Speech:
        pieces: list[Speech] = []
        for span in split_spans(text):
            pieces.append(await self._voices[span.language].synthesize(span.text, speed=speed))
        trail = _TRAIL_S.get(text.rstrip(" \t")[-1:] if text.strip() else "", _DEFAULT_TRAIL_S)
        audio = await in_thread("tts", join_speech, pieces, self.output_rate, trail_s=trail * speed)
        return Speech(audio=audio, rate=self.output_rate)


def join_speech(pieces: list[Speech], rate: int, *, trail_s: float = _DEFAULT_TRAIL_S) -> Float32Audio:
    """Trim, level, resample and join spans: lead pause, span, gap, span, ..., trailing pause."""
    parts: list[Float32Audio] = []
    for piece in pieces:
        audio = _trim(piece.audio, piece.rate)
        if len(audio) == 0:
            continue
        if parts:
            parts.append(_silence(SPAN_GAP_S, rate))
        parts.append(resample(_level(audio, piece.rate), piece.rate, rate))
    if not parts:
        return np.zeros(0, dtype=np.float32)
    return np.concatenate([_silence(LEAD_S, rate), *parts, _silence(trail_s, rate)])


def _silence(seconds: float, rate: int) -> Float32Audio:
    return np.zeros(round(seconds * rate), dtype=np.float32)


def _frame_rms(audio: Float32Audio, rate: int) -> tuple[int, Float32Audio]:
    hop = max(1, rate // 100)  # 10 ms frames
    n = len(audio) // hop
    frames = audio[: n * hop].reshape(n, hop)
    return hop, np.sqrt(np.mean(frames.astype(np.float32) ** 2, axis=1))


def _trim(audio: Float32Audio, rate: int, *, margin_s: float = 0.02) -> Float32Audio:
    """Cut leading and trailing silence (40 dB below the loudest frame), keeping a small margin."""
    hop, rms = _frame_rms(audio, rate)
    if len(rms) == 0 or rms.max() <= 1e-4:
        return np.zeros(0, dtype=np.float32)
    voiced = np.nonzero(rms > rms.max() * 0.01)[0]
    margin = round(margin_s * rate)
    start = max(0, int(voiced[0]) * hop - margin)
    end = min(len(audio), (int(voiced[-1]) + 1) * hop + margin)
    return audio[start:end]


def _level(audio: Float32Audio, rate: int) -> Float32Audio:
    """Bring the voiced frames to the target loudness, with a capped gain and a peak limit."""
    _, rms = _frame_rms(audio, rate)
    voiced = rms[rms > rms.max() * 0.1] if len(rms) else rms
    loudness = float(np.sqrt(np.mean(voiced**2))) if len(voiced) else 0.0
    if loudness <= 1e-4:
        return audio
    gain = min(_MAX_GAIN, _TARGET_RMS / loudness)
    peak = float(np.abs(audio).max())
    gain = min(gain, _PEAK / peak) if peak > 0 else gain
    return (audio * gain).astype(np.float32)
