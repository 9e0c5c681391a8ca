"""Named remote ASR servers, and the transcriber chain built from ``settings.asr``.

``settings.asr.backends`` lists names in order and always ends with the embedded Whisper, e.g.
``("sensevoice", "embedded")``. Every remote speaks OpenAI's ``POST /v1/audio/transcriptions``
(:class:`assistant.asr.openai.OpenAITranscriber`):

- ``sensevoice``: a FunASR SenseVoice-Small server (about 3% CER on AISHELL-1, several times
  faster than Whisper-large). Its tags ("<|zh|><|NEUTRAL|><|Speech|>") are cut from the text.
- ``funasr``: a FunASR Paraformer-zh server (Mandarin only; about 2% CER on AISHELL-1).
- ``speaches``: Whisper on another machine (speaches, formerly faster-whisper-server, or any
  ``/v1/audio/transcriptions`` server); it gets the prompt and the user's words.
- ``openai``: OpenAI itself (``OPENAI_API_KEY``), or any server at ``asr.remote_url``.

``asr.remote_url``, ``asr.remote_model`` and ``asr.remote_key_env`` override the FIRST remote of the
chain. A backend whose key variable is unset is skipped with a warning.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from assistant.asr.base import Transcriber
from assistant.asr.fallback import FallbackTranscriber
from assistant.asr.openai import OpenAITranscriber
from assistant.config import AsrSettings
from assistant.errors import ConfigError

log = logging.getLogger(__name__)

EMBEDDED = "embedded"
LOCAL = "http://localhost:8000/v1"  # where these servers listen by default


@dataclass(frozen=True, slots=True, kw_only=True)
class AsrPreset:
    name: str
    base_url: str
    model: str
    key_env: str = ""  # empty: the server needs no key
    prompt: bool = True  # send the prompt and the user's words (Whisper servers read them)


ASR_PRESETS: Mapping[str, AsrPreset] = MappingProxyType({
    "sensevoice": AsrPreset(name="sensevoice", base_url=LOCAL, model="iic/SenseVoiceSmall", prompt=False),
    "funasr": AsrPreset(name="funasr", base_url=LOCAL, model="paraformer-zh", prompt=False),
    "speaches": AsrPreset(name="speaches", base_url=LOCAL, model="Systran/faster-whisper-large-v3"),
    "openai": AsrPreset(name="openai", base_url="https://api.openai.com/v1", model="whisper-1",
                        key_env="OPENAI_API_KEY"),
})


def resolve(name: str, settings: AsrSettings, *, first: bool) -> AsrPreset:
    """The preset ``name`` with the ``asr.remote_*`` overrides when it is the first remote."""
    preset = ASR_PRESETS.get(name)
    if preset is None:
        known = ", ".join([*ASR_PRESETS, EMBEDDED])
        raise ConfigError(f"asr.backends: unknown ASR backend {name!r} (known: {known})")
    if not first:
        return preset
    key_env = settings.remote_key_env or preset.key_env
    if name == "openai" and settings.remote_url and not settings.remote_key_env:
        key_env = ""  # a custom server at remote_url: no OpenAI key unless one is named
    return AsrPreset(name=name, base_url=settings.remote_url or preset.base_url,
                     model=settings.remote_model or preset.model, key_env=key_env, prompt=preset.prompt)


def build_transcriber(settings: AsrSettings, embedded: Transcriber) -> Transcriber:
    """The remotes of ``settings.backends`` in order, then ``embedded`` (alone when there is no remote)."""
    remotes: list[Transcriber] = []
    for name in settings.backends:
        if name == EMBEDDED:
            continue
        preset = resolve(name, settings, first=not remotes)
        if preset.key_env and not os.environ.get(preset.key_env):
            log.warning("ASR backend %s skipped: %s is not set", name, preset.key_env)
            continue
        remotes.append(OpenAITranscriber(base_url=preset.base_url, model=preset.model,
                                         api_key_env=preset.key_env, timeout_s=settings.timeout_s, name=name,
                                         send_prompt=preset.prompt))
    return FallbackTranscriber([*remotes, embedded]) if remotes else embedded
