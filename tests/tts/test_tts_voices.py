"""The offline voices, heard back through Whisper: Mandarin, English, speed, and mixed text."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from tts_helpers import Listen, overlap, plain

from assistant.errors import ModelError
from assistant.tts.base import Speech
from assistant.tts.en import PiperSynthesizer
from assistant.tts.mixed import MixedSynthesizer, split_spans
from assistant.tts.normalize import normalize_zh
from assistant.tts.zh import ZH_RATE, ZhttsSynthesizer


class Recording:
    """A real voice that also notes what it was asked to say (to see which voice spoke a span)."""

    def __init__(self, voice: ZhttsSynthesizer | PiperSynthesizer) -> None:
        self.voice = voice
        self.name = voice.name
        self.said: list[str] = []

    async def synthesize(self, text: str, *, speed: float) -> Speech:
        self.said.append(text)
        return await self.voice.synthesize(text, speed=speed)


async def test_zh_voice_is_understood(zh_voice: ZhttsSynthesizer, listen: Listen) -> None:
    speech = await zh_voice.synthesize("中国的首都是北京。", speed=1.0)
    assert speech.rate == ZH_RATE and speech.audio.dtype == np.float32
    assert 0.05 < float(np.abs(speech.audio).max()) <= 1.0
    heard = listen(speech, "zh")
    assert overlap("中国的首都是北京", heard) >= 0.8, heard


async def test_zh_voice_reads_numbers(zh_voice: ZhttsSynthesizer, listen: Listen) -> None:
    speech = await zh_voice.synthesize("我今年75岁，一共花了3.5元。", speed=1.0)
    heard = normalize_zh(listen(speech, "zh"))  # Whisper may write the numbers as digits
    assert overlap("我今年七十五岁一共花了三点五元", heard) >= 0.8, heard


async def test_en_voice_is_understood(en_voice: PiperSynthesizer, listen: Listen) -> None:
    speech = await en_voice.synthesize("The weather is nice today.", speed=1.0)
    assert speech.rate == 22050
    heard = listen(speech, "en")
    assert overlap("The weather is nice today", heard) >= 0.8, heard


@pytest.mark.parametrize("voice_name", ["zh", "en"])
def test_slower_speed_gives_longer_audio(
        voice_name: str, zh_voice: ZhttsSynthesizer, en_voice: PiperSynthesizer) -> None:
    voice = zh_voice if voice_name == "zh" else en_voice
    text = "请记得按时吃药。" if voice_name == "zh" else "Please take your medicine on time."
    normal = voice.synthesize_sync(text, speed=1.0)
    slow = voice.synthesize_sync(text, speed=1.3)
    # Piper's durations are sampled (noise_w), so allow for some spread.
    assert len(slow.audio) > 1.05 * len(normal.audio)


def test_nothing_to_say_gives_empty_audio(zh_voice: ZhttsSynthesizer, en_voice: PiperSynthesizer) -> None:
    assert len(zh_voice.synthesize_sync("，。！", speed=1.0).audio) == 0
    assert len(en_voice.synthesize_sync("...", speed=1.0).audio) == 0


def test_missing_model_files_raise_model_error(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"fastspeech2\.onnx"):
        ZhttsSynthesizer(tmp_path)


async def test_mixed_text_uses_both_voices(
        zh_voice: ZhttsSynthesizer, en_voice: PiperSynthesizer, listen: Listen) -> None:
    zh, en = Recording(zh_voice), Recording(en_voice)
    mixed = MixedSynthesizer(zh, en, output_rate=16000)
    speech = await mixed.synthesize("我在用iPhone打电话。", speed=1.0)
    assert speech.rate == 16000
    assert zh.said == ["我在用", "打电话。"]
    assert en.said == ["iPhone"]
    heard = plain(listen(speech, "zh"))
    assert "打电话" in heard, heard
    # Whisper forced to Chinese may drop the English word, so check the English voice's audio is in
    # the mix by its length: both voices' parts, spoken alone, fit in it.
    parts = [await zh_voice.synthesize("我在用打电话。", speed=1.0),
             await en_voice.synthesize("iPhone", speed=1.0)]
    alone_s = sum(p.audio.size / p.rate for p in parts)
    assert speech.audio.size / speech.rate >= 0.8 * alone_s, (speech.audio.size / speech.rate, alone_s)


async def test_mixed_english_only_uses_the_english_voice(
        zh_voice: ZhttsSynthesizer, en_voice: PiperSynthesizer, listen: Listen) -> None:
    zh, en = Recording(zh_voice), Recording(en_voice)
    speech = await MixedSynthesizer(zh, en, output_rate=24000).synthesize("I have 2 cats.", speed=1.0)
    assert zh.said == [] and en.said == ["I have 2 cats."]
    assert overlap("I have two cats", listen(speech, "en")) >= 0.8


async def test_mixed_spells_short_letter_groups_in_chinese(
        zh_voice: ZhttsSynthesizer, en_voice: PiperSynthesizer) -> None:
    zh, en = Recording(zh_voice), Recording(en_voice)
    speech = await MixedSynthesizer(zh, en, output_rate=24000).synthesize("明天去做CT和B超，OK？", speed=1.0)
    assert en.said == [] and zh.said == ["明天去做西提和比超，欧开？"]
    assert len(speech.audio) > 24000


def test_split_spans() -> None:
    spans = [(s.language, s.text) for s in split_spans("他说 I have 2 cats，真可爱。")]
    assert spans == [("zh", "他说"), ("en", "I have 2 cats"), ("zh", "，真可爱。")]
    assert [(s.language, s.text) for s in split_spans("血压130/80mmHg")] == [("zh",
                                                                            "血压一百三十，八十毫米汞柱")]
    assert split_spans("。。！") == []
