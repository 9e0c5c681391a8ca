"""What the benchmark says and shows: spoken questions in the project's own voices, and a test photo.

Each question is synthesised once, resampled to the client's rate and padded with silence
(``LEAD_S`` before, ``TAIL_S`` after). The exact positions where speech starts and ends inside the
clip are found from its energy, so that the client knows when "the user stopped talking" in its
own stream without asking the server.
"""

from __future__ import annotations

import asyncio
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.audio.pcm import float32_to_pcm16
from assistant.audio.resample import resample
from assistant.errors import ConfigError

CLIENT_RATE = 16000
LEAD_S = 0.5
TAIL_S = 1.5
_FONT_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto", "/usr/share/fonts")


@dataclass(frozen=True, slots=True, kw_only=True)
class Question:
    text: str
    language: str  # "zh" or "en"


@dataclass(frozen=True, slots=True, kw_only=True)
class Clip:
    """One spoken question as PCM16 at ``rate``, with the sample positions of its speech."""

    question: Question
    pcm: bytes
    rate: int
    speech_start: int  # first voiced sample
    speech_end: int  # one past the last voiced sample

    @property
    def seconds(self) -> float:
        return len(self.pcm) / 2 / self.rate

    @property
    def speech_s(self) -> float:
        return (self.speech_end - self.speech_start) / self.rate

    def speech_audio(self, pad_s: float = 0.3) -> np.ndarray:
        """The voiced part as float32 with ``pad_s`` of the surrounding silence (for the baseline)."""
        pad = int(pad_s * self.rate)
        samples = np.frombuffer(self.pcm, dtype="<i2").astype(np.float32) / 32768.0
        return samples[max(0, self.speech_start - pad): self.speech_end + pad]


def voiced_span(audio: np.ndarray, rate: int, *, floor_db: float = -40.0) -> tuple[int, int]:
    """First and one-past-last sample of the 10 ms frames within ``floor_db`` of the loudest frame."""
    hop = max(1, rate // 100)
    n = len(audio) // hop
    if n == 0:
        return 0, 0
    rms = np.sqrt(np.mean(audio[: n * hop].reshape(n, hop).astype(np.float64) ** 2, axis=1))
    if rms.max() <= 1e-5:
        return 0, 0
    voiced = np.nonzero(rms > rms.max() * 10 ** (floor_db / 20))[0]
    return int(voiced[0]) * hop, min(len(audio), (int(voiced[-1]) + 1) * hop)


def build_voices(store: Any, settings: Any) -> Any:
    """The project's zh + en voices (a Synthesizer), loaded from the model store."""
    try:
        from assistant.tts.factory import embedded_voices
    except ImportError as exc:
        raise ConfigError(f"the embedded voices are not available: {exc}") from exc
    return embedded_voices(zh_dir=store.path("tts-zh"), en_dir=store.path("tts-en"))


def make_clips(voices: Any, questions: list[Question], *, rate: int = CLIENT_RATE,
               speed: float = 1.0) -> list[Clip]:
    """Speak every question once (blocking; a fraction of a second each)."""
    async def speak_all() -> list[Any]:
        return [await voices.synthesize(q.text, speed=speed) for q in questions]

    clips: list[Clip] = []
    for question, speech in zip(questions, asyncio.run(speak_all()), strict=True):
        audio = np.asarray(speech.audio, dtype=np.float32).reshape(-1)
        if speech.rate != rate:
            audio = resample(audio, int(speech.rate), rate)
        start, end = voiced_span(audio, rate)
        if end <= start:
            raise ConfigError(f"the voice produced no speech for {question.text!r}")
        lead, tail = np.zeros(int(LEAD_S * rate), np.float32), np.zeros(int(TAIL_S * rate), np.float32)
        pcm = float32_to_pcm16(np.concatenate([lead, audio, tail]))
        clips.append(Clip(question=question, pcm=pcm, rate=rate,
                          speech_start=len(lead) + start, speech_end=len(lead) + end))
    return clips


def _cjk_font() -> Path:
    for folder in _FONT_DIRS:
        root = Path(folder)
        if not root.is_dir():
            continue
        for pattern in ("NotoSansCJK-Regular.ttc", "NotoSansCJK*.ttc", "*CJK*.tt[cf]", "*CJK*.otf"):
            found = sorted(root.rglob(pattern))
            if found:
                return found[0]
    raise ConfigError("no CJK font found under /usr/share/fonts (install fonts-noto-cjk)")


def photo_jpeg(lines: tuple[str, ...] = ("阿莫西林胶囊", "0.25克 × 24粒", "口服 一次两粒 一日三次")) -> bytes:
    """A medicine-box-like photo: dark Chinese text on a light card, as a JPEG."""
    from PIL import Image, ImageDraw, ImageFont

    font_path = _cjk_font()
    image = Image.new("RGB", (960, 640), (236, 240, 232))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 40, 920, 600), outline=(30, 90, 160), width=8, fill=(250, 250, 246))
    y = 90
    for i, line in enumerate(lines):
        font = ImageFont.truetype(str(font_path), 96 if i == 0 else 56)
        draw.text((90, y), line, fill=(20, 20, 20), font=font)
        y += 170 if i == 0 else 110
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=88)
    return out.getvalue()
