"""The ASR presets (assistant/asr/presets.py) against the real local transcription server of
test_asr_openai.py, which runs the embedded Whisper behind the OpenAI ``/v1/audio/transcriptions`` API
(and a SenseVoice-shaped route that returns the model's raw tags)."""

from __future__ import annotations

import pytest

from assistant.asr.fallback import FallbackTranscriber
from assistant.asr.openai import OpenAITranscriber, without_tags
from assistant.asr.presets import ASR_PRESETS, build_transcriber, resolve
from assistant.asr.whisper import WhisperTranscriber
from assistant.config import AsrSettings
from assistant.errors import ConfigError
from tests.asr.heard import heard
from tests.asr.test_asr_openai import KEYWORDS, ZH, Server, server  # noqa: F401 - the module's fixture

HINTS = ("小明", "硝苯地平")


def test_presets_resolve_with_overrides() -> None:
    settings = AsrSettings(backends=("sensevoice", "speaches", "embedded"), remote_url="http://gpu:9000/v1")
    first = resolve("sensevoice", settings, first=True)
    assert first.base_url == "http://gpu:9000/v1" and first.model == "iic/SenseVoiceSmall"
    assert not first.prompt
    second = resolve("speaches", settings, first=False)
    assert second == ASR_PRESETS["speaches"] and second.prompt
    custom = resolve("openai", AsrSettings(backends=("openai",), remote_url="http://box/v1"), first=True)
    assert custom.key_env == "" and custom.model == "whisper-1"
    with pytest.raises(ConfigError, match="unknown ASR backend 'paraformer'"):
        resolve("paraformer", settings, first=True)


def test_chain_order_and_keyless_skip(whisper: WhisperTranscriber, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    assert build_transcriber(AsrSettings(), whisper) is whisper
    keyless = AsrSettings(backends=("openai", "embedded"))
    assert build_transcriber(keyless, whisper) is whisper  # no key: skipped
    chain = build_transcriber(AsrSettings(backends=("funasr", "speaches", "embedded")), whisper)
    assert isinstance(chain, FallbackTranscriber) and chain.name == "funasr+speaches+embedded"


def test_sensevoice_tags_are_cut() -> None:
    assert without_tags("<|zh|><|NEUTRAL|><|Speech|><|woitn|>今天天气怎么样") == "今天天气怎么样"
    assert without_tags("<|en|><|HAPPY|><|BGM|><|withitn|>Hello.😊") == "Hello."
    assert without_tags("一加一等于几？") == "一加一等于几？"


async def test_sensevoice_preset_on_a_local_server(server: Server, whisper: WhisperTranscriber,  # noqa: F811
                                                   speak_zh: object) -> None:
    settings = AsrSettings(backends=("sensevoice", "embedded"), remote_url=server.url("sensevoice"))
    chain = build_transcriber(settings, whisper)
    assert isinstance(chain, FallbackTranscriber)
    remote = chain.backends[0]
    assert isinstance(remote, OpenAITranscriber)
    try:
        result = await chain.transcribe(speak_zh(ZH), language="zh", hints=HINTS)  # type: ignore[operator]
    finally:
        await remote.aclose()
    assert "<|" not in result.text and heard(result.text, ZH, keywords=KEYWORDS) is None
    sent = server.requests[-1]
    assert sent["model"] == "iic/SenseVoiceSmall" and sent["language"] == "zh" and "prompt" not in sent


async def test_speaches_preset_sends_the_users_words(server: Server, whisper: WhisperTranscriber,  # noqa: F811
                                                     speak_zh: object) -> None:
    settings = AsrSettings(backends=("speaches", "embedded"), remote_url=server.url("ok"))
    chain = build_transcriber(settings, whisper)
    assert isinstance(chain, FallbackTranscriber)
    remote = chain.backends[0]
    assert isinstance(remote, OpenAITranscriber)
    try:
        result = await chain.transcribe(speak_zh(ZH), language="zh", hints=HINTS)  # type: ignore[operator]
    finally:
        await remote.aclose()
    assert heard(result.text, ZH, keywords=KEYWORDS) is None
    sent = server.requests[-1]
    assert sent["model"] == "Systran/faster-whisper-large-v3"
    assert sent["prompt"].startswith("小明、硝苯地平。") and "简体中文" in sent["prompt"]
