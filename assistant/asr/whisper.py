"""Embedded ASR: faster-whisper (CTranslate2, int8 on CPU).

The model loads once and is shared. CTranslate2 queues concurrent ``generate`` calls safely;
``num_workers`` > 1 lets that many run in parallel (each with ``threads`` CPU threads), at the
cost of more memory and contention on a small machine.

Whisper's encoder always sees a 30 s window; faster-whisper pads every utterance with zero
features up to it. A spoken question lasts 2-6 s, so most of the encoder's work (and of the
decoder's cross-attention) is spent on padding. With ``fit_window`` (the default) the encoder
sees the utterance plus :data:`WINDOW_PAD_FRAMES` of that padding: about 5 times faster on a
2-core CPU (2.2 s -> 0.4 s for a 3 s question) with the same transcripts in our tests.
A short window makes Whisper more prone to saying the sentence twice (with no padding at all it
never stops; with 2 s, one clip in 26 of the benchmark's questions), so the decode is capped at
``MAX_TOKENS_PER_S`` tokens a second of audio and a transcript that loops is cut to its first copy,
which was the spoken sentence in every loop we saw. (Decoding it again with the full 30 s window
cost 1.4 s.)
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from pathlib import Path
from typing import Any

import numpy as np

from assistant.asr.base import ASR_RATE, Float32Audio, Transcript
from assistant.asr.filter import (
    ZH_PROMPT,
    SimplifiedConverter,
    first_copy,
    hallucination_reason,
    is_repetition_loop,
    rms,
)
from assistant.errors import AsrError, ModelError

log = logging.getLogger(__name__)

LANGUAGES = ("zh", "en", "auto")
MIN_AUDIO_S = 0.1  # shorter clips are not worth a decode
SILENCE_RMS = 1e-4  # about -80 dBFS: digital silence, which Whisper must never see
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_CJK_PUNCT = re.compile(r"(?<=[\u4e00-\u9fff])[,?!:;]")
_FULL_WIDTH = {",": "，", "?": "？", "!": "！", ":": "：", ";": "；"}
WINDOW_PAD_FRAMES = 200  # 2 s of padding features after the utterance (10 ms frames)
MAX_TOKENS_PER_S = 12  # decoding cap: Mandarin speech is about 4-6 tokens a second


def fit_window(features: np.ndarray, pad_frames: int = WINDOW_PAD_FRAMES) -> np.ndarray:
    """Cut faster-whisper's zero padding (all-zero feature columns at the end) down to
    ``pad_frames`` columns. Real log-mel columns are never all exactly zero."""
    if features.ndim == 3 and features.shape[0] != 1:
        return features  # a batch: its rows have different lengths
    rows = features.reshape(features.shape[-2], features.shape[-1])
    used = np.flatnonzero(np.any(rows != 0.0, axis=0))
    frames = min(rows.shape[1], (int(used[-1]) + 1 if used.size else 0) + pad_frames)
    return np.ascontiguousarray(rows[:, :frames]).reshape(*features.shape[:-1], frames)


def _fitted_model_class() -> type[Any]:
    from faster_whisper import WhisperModel

    class FittedWhisperModel(WhisperModel):  # type: ignore[misc]
        """WhisperModel whose encoder sees the utterance plus 2 s instead of 30 s."""

        def encode(self, features: np.ndarray) -> Any:
            return super().encode(fit_window(features))

    return FittedWhisperModel


class WhisperTranscriber:
    """Transcribes one utterance with faster-whisper; see :class:`assistant.asr.base.Transcriber`.

    ``language``: "zh" decodes Mandarin with a Simplified-Chinese prompt, "en" English, "auto" picks
    the likeliest of ``auto_languages``. Every transcript is converted to Simplified Chinese.
    """

    name = "embedded"

    def __init__(
        self,
        model_dir: Path,
        *,
        threads: int = 2,
        beam_size: int = 1,
        num_workers: int = 1,
        auto_languages: tuple[str, ...] = ("zh", "en"),
        fit_window: bool = True,
    ) -> None:
        try:
            from faster_whisper import WhisperModel

            self._fitted = fit_window
            model_class = _fitted_model_class() if fit_window else WhisperModel
            self._model = model_class(str(model_dir), device="cpu", compute_type="int8", cpu_threads=threads,
                                       num_workers=num_workers, local_files_only=True)
        except Exception as exc:
            raise ModelError(f"cannot load the Whisper model in {model_dir}: {exc}") from exc
        self.beam_size = beam_size
        self.auto_languages = auto_languages
        self._simplify = SimplifiedConverter()

    async def transcribe(self, audio: Float32Audio, *, language: str) -> Transcript:
        return await asyncio.to_thread(self.transcribe_sync, audio, language=language)

    def transcribe_sync(self, audio: Float32Audio, *, language: str) -> Transcript:
        """Blocking transcription (call it from a worker thread)."""
        if language not in LANGUAGES:
            raise AsrError(f"unsupported ASR language {language!r}; use zh, en or auto")
        audio = np.ascontiguousarray(audio, dtype=np.float32).reshape(-1)
        audio_s = len(audio) / ASR_RATE
        level = rms(audio)
        if audio_s < MIN_AUDIO_S or level < SILENCE_RMS:
            return Transcript(text="", language="en" if language == "en" else "zh", audio_s=audio_s)
        try:
            lang = self._choose_language(audio) if language == "auto" else language
            text, no_speech = self._decode(audio, lang)
            if self._fitted and is_repetition_loop(text):
                log.info("ASR looped with the short window (%r); keeping the first copy", text[:60])
                text = first_copy(text)
        except Exception as exc:
            raise AsrError(f"Whisper failed on {audio_s:.2f} s of audio: {exc}") from exc
        text = self._simplify(text)
        reason = hallucination_reason(text, audio_s=audio_s, level=level, no_speech_prob=no_speech)
        if reason:
            log.info("dropped ASR text %r: %s", text, reason)
            text = ""
        return Transcript(text=text, language=lang, audio_s=audio_s)

    def warmup(self) -> float:
        """Run one short decode so the first user turn does not pay for lazy initialisation.

        Returns the seconds it took."""
        started = time.perf_counter()
        t = np.arange(int(1.0 * ASR_RATE)) / ASR_RATE
        pitch = 180.0 + 40.0 * np.sin(2 * np.pi * 1.5 * t)  # a gliding voiced tone, no silence
        phase = 2 * np.pi * np.cumsum(pitch) / ASR_RATE
        tone = sum(np.sin(k * phase) / k for k in range(1, 6)) * (0.5 + 0.5 * np.sin(2 * np.pi * 4 * t) ** 2)
        clip = (0.1 * tone).astype(np.float32)
        self._decode(clip, "zh")
        self._choose_language(clip)
        return time.perf_counter() - started

    def _choose_language(self, audio: Float32Audio) -> str:
        _lang, _prob, probs = self._model.detect_language(audio)
        allowed = [(lang, p) for lang, p in probs if lang in self.auto_languages]
        best = max(allowed, key=lambda lp: lp[1])[0] if allowed else str(probs[0][0])
        return "zh" if best in ("zh", "yue") else str(best)

    def _decode(self, audio: Float32Audio, language: str) -> tuple[str, float]:
        """Decode and consume the lazy segment generator here, in the calling (worker) thread."""
        options: dict[str, Any] = {
            "language": language,
            "beam_size": self.beam_size,
            "vad_filter": False,  # the session's VAD already gated this utterance
            "condition_on_previous_text": False,
            "without_timestamps": True,
            "temperature": (0.0, 0.4),
            "max_new_tokens": min(200, int(len(audio) / ASR_RATE * MAX_TOKENS_PER_S) + 16),
        }
        if language == "zh":
            options["initial_prompt"] = ZH_PROMPT
        segments, _info = self._model.transcribe(audio, **options)
        texts: list[str] = []
        no_speech = 0.0
        for segment in segments:
            texts.append(segment.text.strip())
            no_speech = max(no_speech, float(segment.no_speech_prob))
        if language == "zh":  # Whisper marks Chinese clause breaks with spaces or ASCII punctuation
            text = _CJK_GAP.sub("，", "".join(t for t in texts if t))
            return _CJK_PUNCT.sub(lambda m: _FULL_WIDTH[m.group()], text), no_speech
        return " ".join(t for t in texts if t), no_speech
