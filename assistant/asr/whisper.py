"""Embedded ASR: faster-whisper (CTranslate2, int8 on CPU).

The model loads once and is shared. CTranslate2 queues concurrent ``generate`` calls safely;
``num_workers`` > 1 lets that many run in parallel (each with ``threads`` CPU threads), at the
cost of more memory and contention on a small machine.

Whisper's encoder always sees a 30 s window; faster-whisper pads every utterance with zero
features up to it. A spoken question lasts 2-6 s, so most of the encoder's work (and of the
decoder's cross-attention) is spent on padding. With ``fit_window`` (the default) the encoder
sees the utterance plus ``window_pad_s`` of that padding: several times faster on a 2-core CPU.

A short window makes the greedy decode fragile. With 2 s, one clip in 26 of a benchmark said the
sentence twice, and "请帮我查一下明天的天气。" in the project's own voice came out as
"请请请请请请请请" on an AMD EPYC while Intel machines heard it right: the decode sits on a knife
edge, and the last bits of the arithmetic (instruction set, GEMM library) tip it. So every decode
is checked (:func:`assistant.asr.loops.decode_problem`), capped at ``FIRST_TOKENS_PER_S`` tokens a
second of audio (a decode that reaches that cap without a loop is decoded again with ``MAX_TOKENS_PER_S``):
- a sentence said again, or begun again ("…怎么办？晚上睡不着"), is cut to its first copy (it was the
  spoken sentence in every case seen);
- a loop of a short unit, a decode that hits the token cap, or one below Whisper's log-prob or
  above its compression-ratio threshold is decoded again with the full 30 s window, greedy and
  then with temperature fallback (seeded), and the more trustworthy of the two decodes is kept.
The second decode costs about 1.2-1.5 s, and only unsure decodes pay it.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.asr.base import ASR_RATE, Float32Audio, Transcript
from assistant.asr.filter import (
    NO_SPEECH_PROB,
    ZH_PROMPT,
    SimplifiedConverter,
    compact,
    first_copy,
    hallucination_reason,
    is_repetition_loop,
    restarted,
    rms,
)
from assistant.asr.loops import (
    COMPRESSION_RATIO_THRESHOLD,
    LOG_PROB_THRESHOLD,
    decode_problem,
    short_loop,
    without_loop,
)
from assistant.asr.repair import repair
from assistant.asr.rescore import RescoringWhisper
from assistant.asr.vocabulary import for_language, hint_text, strip_prompt
from assistant.cputime import in_thread
from assistant.errors import AsrError, ConfigError, ModelError

log = logging.getLogger(__name__)

LANGUAGES = ("zh", "en", "auto")
MIN_AUDIO_S = 0.1  # shorter clips are not worth a decode
SILENCE_RMS = 1e-4  # about -80 dBFS: digital silence, which Whisper must never see
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
_CJK_PUNCT = re.compile(r"(?<=[\u4e00-\u9fff])[,?!:;]")
_FULL_WIDTH = {",": "，", "?": "？", "!": "！", ":": "：", ";": "；"}
WINDOW_PAD_S = 2.0  # padding after the utterance in the fitted encoder window
FRAMES_PER_S = 100  # Whisper's log-mel frames are 10 ms apart
WINDOW_PAD_FRAMES = int(WINDOW_PAD_S * FRAMES_PER_S)
MAX_TOKENS_PER_S = 12  # decoding cap: Mandarin speech is about 4-6 tokens a second
# The first decode's cap is tighter, so a decode that says the sentence again stops sooner (each token
# of a loop costs 10-30 ms); a decode that reaches it without a loop is decoded again with the usual cap.
FIRST_TOKENS_PER_S, FIRST_TOKENS_EXTRA = 8, 8
# The second opinion: Whisper's stock 30 s window, greedy first, then sampling if that is unsure too.
RETRY_TEMPERATURES = (0.0, 0.2, 0.4)
RETRY_BEST_OF = 2  # samples per temperature above 0 (faster-whisper: 5)
SAMPLING_SEED = 1234  # sampling is seeded, so a clip decodes the same way each time in one process


def fit_window(features: np.ndarray, pad_frames: int = WINDOW_PAD_FRAMES) -> np.ndarray:
    """Cut faster-whisper's zero padding (all-zero feature columns at the end) down to
    ``pad_frames`` columns. Real log-mel columns are never all exactly zero."""
    if features.ndim == 3 and features.shape[0] != 1:
        return features  # a batch: its rows have different lengths
    rows = features.reshape(features.shape[-2], features.shape[-1])
    used = np.flatnonzero(np.any(rows != 0.0, axis=0))
    frames = min(rows.shape[1], (int(used[-1]) + 1 if used.size else 0) + pad_frames)
    return np.ascontiguousarray(rows[:, :frames]).reshape(*features.shape[:-1], frames)


_window = threading.local()  # .pad_frames: this thread's encoder window (None: the full 30 s)


def _fitted_model_class() -> type[Any]:
    from faster_whisper import WhisperModel

    class FittedWhisperModel(WhisperModel):  # type: ignore[misc]
        """WhisperModel whose encoder sees the utterance plus the calling thread's padding."""

        def encode(self, features: np.ndarray) -> Any:
            pad = getattr(_window, "pad_frames", WINDOW_PAD_FRAMES)
            return super().encode(features if pad is None else fit_window(features, pad))

    return FittedWhisperModel


@dataclass(frozen=True, slots=True, kw_only=True)
class Decoded:
    """One decode and faster-whisper's figures for it (the worst over its segments)."""

    text: str
    no_speech_prob: float = 0.0
    avg_logprob: float = 0.0
    compression_ratio: float = 0.0
    capped: bool = False  # stopped at the token cap, not at its end-of-text token
    full_window: bool = False
    audio_s: float = 0.0

    @property
    def problem(self) -> str | None:
        return decode_problem(self.text, avg_logprob=self.avg_logprob, capped=self.capped,
                              compression_ratio=self.compression_ratio, audio_s=self.audio_s)


class WhisperTranscriber:
    """Transcribes one utterance with faster-whisper; see :class:`assistant.asr.base.Transcriber`.

    ``language``: "zh" decodes Mandarin with a Simplified-Chinese prompt, "en" English, "auto" picks
    the likeliest of ``auto_languages``. Every transcript is converted to Simplified Chinese.
    ``window_pad_s``: with ``fit_window``, the encoder sees the utterance plus this much padding.
    """

    name = "embedded"

    def __init__(
        self,
        model_dir: Path,
        *,
        threads: int = 2,
        beam_size: int = 5,
        num_workers: int = 1,
        auto_languages: tuple[str, ...] = ("zh", "en"),
        fit_window: bool = True,
        window_pad_s: float = WINDOW_PAD_S,
    ) -> None:
        if not 0.0 <= window_pad_s <= 30.0:
            raise ConfigError(f"window_pad_s must be between 0 and 30 s, not {window_pad_s}")
        try:
            from faster_whisper import WhisperModel

            self._fitted = fit_window
            model_class = _fitted_model_class() if fit_window else WhisperModel
            self._model = model_class(str(model_dir), device="cpu", compute_type="int8", cpu_threads=threads,
                                       num_workers=num_workers, local_files_only=True)
        except Exception as exc:
            raise ModelError(f"cannot load the Whisper model in {model_dir}: {exc}") from exc
        self._pad_frames: int | None = round(window_pad_s * FRAMES_PER_S) if fit_window else None
        self.beam_size = beam_size
        self.repair = True  # fix homophones of the hint words (asr/repair.py); False only to measure it
        self.auto_languages = auto_languages
        self._simplify = SimplifiedConverter()
        if beam_size > 1:  # rank the beam's hypotheses again by how word-like they read (asr/rescore.py)
            tokenizer = self._model.hf_tokenizer
            self._model.model = RescoringWhisper(
                self._model.model, lambda ids: self._simplify(tokenizer.decode(ids)),
                eot=tokenizer.token_to_id("<|endoftext|>"), prompt=ZH_PROMPT)

    async def transcribe(self, audio: Float32Audio, *, language: str,
                         hints: Sequence[str] = ()) -> Transcript:
        return await in_thread("asr", self.transcribe_sync, audio, language=language, hints=hints)

    def transcribe_sync(self, audio: Float32Audio, *, language: str, hints: Sequence[str] = ()) -> Transcript:
        """Blocking transcription (call it from a worker thread). ``hints`` go to the decoder as
        faster-whisper ``hotwords`` (before the prompt); a copy of them or of the prompt is cut out,
        and spans that sound like one of them are written as that word."""
        if language not in LANGUAGES:
            raise AsrError(f"unsupported ASR language {language!r}; use zh, en or auto")
        audio = np.ascontiguousarray(audio, dtype=np.float32).reshape(-1)
        audio_s = len(audio) / ASR_RATE
        level = rms(audio)
        if audio_s < MIN_AUDIO_S or level < SILENCE_RMS:
            return Transcript(text="", language="en" if language == "en" else "zh", audio_s=audio_s)
        try:
            lang = self._choose_language(audio) if language == "auto" else language
            hints = for_language(hints, lang)
            decoded = self._decode_checked(audio, lang, hotwords=hint_text(hints))
        except Exception as exc:
            raise AsrError(f"Whisper failed on {audio_s:.2f} s of audio: {exc}") from exc
        text = strip_prompt(self._simplify(decoded.text), hints)
        text = repair(text, hints) if self.repair else text  # homophones of the user's words
        reason = hallucination_reason(text, audio_s=audio_s, level=level,
                                      no_speech_prob=decoded.no_speech_prob, hints=hints)
        if reason:
            log.info("dropped ASR text %r: %s", text, reason)
            text = ""
        return Transcript(text=text, language=lang, audio_s=audio_s, avg_logprob=decoded.avg_logprob,
                          no_speech_prob=decoded.no_speech_prob, unsure=decoded.problem or "")

    def warmup(self) -> float:
        """Run one short decode so the first user turn does not pay for lazy initialisation.

        Returns the seconds it took."""
        started = time.perf_counter()
        t = np.arange(int(1.0 * ASR_RATE)) / ASR_RATE
        pitch = 180.0 + 40.0 * np.sin(2 * np.pi * 1.5 * t)  # a gliding voiced tone, no silence
        phase = 2 * np.pi * np.cumsum(pitch) / ASR_RATE
        tone = sum(np.sin(k * phase) / k for k in range(1, 6)) * (0.5 + 0.5 * np.sin(2 * np.pi * 4 * t) ** 2)
        clip = (0.1 * tone).astype(np.float32)
        self._decode(clip, "zh", pad_frames=self._pad_frames)
        self._choose_language(clip)
        return time.perf_counter() - started

    def _choose_language(self, audio: Float32Audio) -> str:
        _window.pad_frames = self._pad_frames
        _lang, _prob, probs = self._model.detect_language(audio)
        allowed = [(lang, p) for lang, p in probs if lang in self.auto_languages]
        best = max(allowed, key=lambda lp: lp[1])[0] if allowed else str(probs[0][0])
        return "zh" if best in ("zh", "yue") else str(best)

    def _decode_checked(self, audio: Float32Audio, language: str, *, hotwords: str = "") -> Decoded:
        """Decode with the fitted window. A decode that repeats the whole sentence is cut to its first
        copy (no second decode). Any other unsure decode (a short-unit loop, the token cap, low
        log-probability) is decoded again with the full window, falling back to sampling, and the
        better of the two is kept, with what is left of a loop cut."""
        first = self._decode(audio, language, pad_frames=self._pad_frames, hotwords=hotwords, first=True)
        copy = restarted(first.text)  # "…怎么办？晚上睡不着": the sentence begun again
        if copy is None and first.problem == "stopped at the token cap":  # a long utterance: the usual cap
            first = self._decode(audio, language, pad_frames=self._pad_frames, hotwords=hotwords)
        problem = first.problem
        if copy is None and problem is None:
            return first
        if copy is not None or (problem == "phrase loop" and not first.full_window):
            log.info("ASR looped with the short window (%r); keeping the first copy", first.text[:60])
            return _replace_text(first, copy or first_copy(first.text))
        temperatures = RETRY_TEMPERATURES[1:] if first.full_window else RETRY_TEMPERATURES
        second = self._decode(audio, language, pad_frames=None, temperatures=temperatures, hotwords=hotwords)
        best = kept(first, second, has_words=lambda text: bool(compact(strip_prompt(self._simplify(text)))))
        log.info("ASR decode unsure (%s): %r; again with the full window: %r (%s); keeping the %s",
                 problem, first.text[:40], second.text[:40], second.problem or "sound",
                 "second" if best is second else "first")
        run = short_loop(best.text)
        if run is not None:
            return _replace_text(best, without_loop(best.text, run))
        return _replace_text(best, first_copy(best.text)) if is_repetition_loop(best.text) else best

    def _decode(self, audio: Float32Audio, language: str, *, pad_frames: int | None,
                temperatures: tuple[float, ...] = (0.0,), hotwords: str = "", first: bool = False) -> Decoded:
        """One decode with ``pad_frames`` of padding after the utterance (None: the full 30 s window),
        ``first``: with the first decode's tighter token cap. The lazy segment generator is consumed
        here, in the calling (worker) thread."""
        seconds = len(audio) / ASR_RATE
        max_new_tokens = min(200, int(seconds * FIRST_TOKENS_PER_S) + FIRST_TOKENS_EXTRA if first
                             else int(seconds * MAX_TOKENS_PER_S) + 16)
        options: dict[str, Any] = {
            "language": language,
            "beam_size": self.beam_size,
            "vad_filter": False,  # the session's VAD already gated this utterance
            "condition_on_previous_text": False,
            "without_timestamps": True,
            "temperature": temperatures,
            "compression_ratio_threshold": COMPRESSION_RATIO_THRESHOLD,
            "log_prob_threshold": LOG_PROB_THRESHOLD,
            "max_new_tokens": max_new_tokens,
            "best_of": RETRY_BEST_OF,
        }
        if language == "zh":
            options["initial_prompt"] = ZH_PROMPT
        if hotwords:
            options["hotwords"] = hotwords
        if len(temperatures) > 1 or temperatures[0] > 0:
            import ctranslate2  # type: ignore[import-untyped]

            ctranslate2.set_random_seed(SAMPLING_SEED)
        _window.pad_frames = pad_frames
        segments, _info = self._model.transcribe(audio, **options)
        texts: list[str] = []
        no_speech, logprob, ratio, capped = 0.0, 0.0, 0.0, False
        for segment in segments:
            texts.append(segment.text.strip())
            no_speech = max(no_speech, float(segment.no_speech_prob))
            logprob = min(logprob, float(segment.avg_logprob))
            ratio = max(ratio, float(segment.compression_ratio))
            capped = capped or len(segment.tokens) >= max_new_tokens
        if language == "zh":  # Whisper marks Chinese clause breaks with spaces or ASCII punctuation
            text = _CJK_GAP.sub("，", "".join(t for t in texts if t))
            text = _CJK_PUNCT.sub(lambda m: _FULL_WIDTH[m.group()], text)
        else:
            text = " ".join(t for t in texts if t)
        return Decoded(text=text, no_speech_prob=no_speech, avg_logprob=logprob, compression_ratio=ratio,
                       capped=capped, full_window=pad_frames is None or not self._fitted, audio_s=seconds)


def kept(first: Decoded, second: Decoded, *, has_words: Callable[[str], bool]) -> Decoded:
    """The more trustworthy of an unsure decode and its second opinion. A second decode without words
    (nothing, or only a copy of the prompt, which is cut out later) does not replace the first's words
    where Whisper heard speech: "你好" said softly over noise came back as "以下是普通话的句子…" from the
    sampling fallback, and the user got no answer."""
    if not has_words(second.text) and has_words(first.text) and first.no_speech_prob < NO_SPEECH_PROB:
        return first
    return max((first, second), key=_trust)


def _trust(decoded: Decoded) -> tuple[bool, bool, bool, float]:
    """Sort key: a sound decode first, then one without a short loop, without a phrase loop, and
    with the higher mean log-probability."""
    return (decoded.problem is None, short_loop(decoded.text) is None, not is_repetition_loop(decoded.text),
            decoded.avg_logprob)


def _replace_text(decoded: Decoded, text: str) -> Decoded:
    return Decoded(text=text, no_speech_prob=decoded.no_speech_prob, avg_logprob=decoded.avg_logprob,
                   compression_ratio=decoded.compression_ratio, capped=decoded.capped,
                   full_window=decoded.full_window, audio_s=decoded.audio_s)
