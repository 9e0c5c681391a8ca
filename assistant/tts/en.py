"""The offline English voice: Piper en_US-joe-medium (VITS, ONNX, 22.05 kHz) through piper-onnx.

Phonemes come from espeak-ng (the library and its data ship in the ``espeakng-loader`` wheel) via
``phonemizer-fork``, both pulled in by piper-onnx. We call phonemizer ourselves, keeping stress
marks and punctuation as Piper's own front end does (piper-onnx's default drops both).
espeak-ng keeps global state, so phonemisation is serialised by a lock.
"""

from __future__ import annotations

import importlib
import json
import threading
from pathlib import Path
from typing import Any

import numpy as np
import onnxruntime as ort

from assistant.cputime import in_thread
from assistant.errors import ModelError, TtsError
from assistant.tts.base import Float32Audio, Speech
from assistant.tts.normalize import normalize_en


class PiperSynthesizer:
    """Speaks English text with a Piper voice; ``speed`` multiplies Piper's ``length_scale``."""

    name = "piper"

    def __init__(self, model_path: Path, config_path: Path, *, threads: int = 1) -> None:
        try:
            from piper_onnx import Piper

            # Untyped packages (no stubs, no py.typed): imported as modules of type Any.
            espeakng_loader = importlib.import_module("espeakng_loader")
            backend = importlib.import_module("phonemizer.backend")
            wrapper = importlib.import_module("phonemizer.backend.espeak.wrapper")

            config: dict[str, Any] = json.loads(config_path.read_text(encoding="utf-8"))
            options = ort.SessionOptions()
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
            session = ort.InferenceSession(str(model_path), options, providers=["CPUExecutionProvider"])
            self._piper = Piper.from_session(session, str(config_path))
            wrapper.EspeakWrapper.set_library(espeakng_loader.get_library_path())
            wrapper.EspeakWrapper.set_data_path(espeakng_loader.get_data_path())
            voice = str(config.get("espeak", {}).get("voice", "en-us"))
            self._espeak = backend.EspeakBackend(voice, preserve_punctuation=True, with_stress=True,
                                         language_switch="remove-flags")
        except Exception as exc:  # onnxruntime and phonemizer raise their own untyped errors
            raise ModelError(f"cannot load the English voice {model_path}: {exc}") from exc
        self.rate = int(config["audio"]["sample_rate"])
        self._length_scale = float(config.get("inference", {}).get("length_scale", 1.0))
        self._lock = threading.Lock()

    async def synthesize(self, text: str, *, speed: float) -> Speech:
        return await in_thread("tts", self.synthesize_sync, text, speed=speed)

    def phonemize(self, text: str) -> str:
        """IPA with stress marks and punctuation, as Piper voices expect."""
        with self._lock:
            result = self._espeak.phonemize([normalize_en(text)], strip=True, njobs=1)
        return " ".join(str(p) for p in result).strip()

    def synthesize_sync(self, text: str, *, speed: float = 1.0) -> Speech:
        """Blocking synthesis of one clause; empty audio if ``text`` has nothing to say."""
        phonemes = self.phonemize(text)
        if not any(c.isalpha() for c in phonemes):
            return Speech(audio=np.zeros(0, dtype=np.float32), rate=self.rate)
        try:
            samples, _ = self._piper.create(phonemes, is_phonemes=True,
                                            length_scale=self._length_scale * speed)
        except Exception as exc:
            raise TtsError(f"English synthesis failed: {exc}") from exc
        audio: Float32Audio = np.clip(np.asarray(samples, dtype=np.float32).reshape(-1), -1.0, 1.0)
        return Speech(audio=audio, rate=self.rate)
