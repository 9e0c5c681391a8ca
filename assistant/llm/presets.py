"""Named OpenAI-compatible endpoints, and the chat chain built from ``settings.llm``.

``settings.llm.backends`` lists preset names in order, e.g. ``("deepseek", "embedded")``.
``"openai"`` is OpenAI itself, or any custom server when ``settings.llm.base_url`` is set.
A name may carry a model, ``"dashscope:qwen-turbo"``. ``settings.llm.base_url``, ``model``
and ``api_key_env`` override the FIRST remote backend of the chain (the one normally used).
A cloud backend whose key variable is unset is skipped with a warning. The chain always ends
with the embedded model when one is given.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import httpx

from assistant.config import LlmSettings
from assistant.errors import ConfigError
from assistant.llm.base import ChatModel
from assistant.llm.fallback import FallbackChatModel
from assistant.llm.openai import OpenAIChatModel

log = logging.getLogger(__name__)

EMBEDDED = "embedded"


@dataclass(frozen=True, slots=True, kw_only=True)
class Preset:
    name: str
    base_url: str
    model: str
    key_env: str  # empty: the server needs no key (local servers)
    vision_model: str  # empty: no vision model at this provider
    extra_body: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def needs_key(self) -> bool:
        return bool(self.key_env)


def _preset(name: str, base_url: str, model: str, key_env: str, vision_model: str,
            extra_body: Mapping[str, Any] | None = None) -> Preset:
    return Preset(name=name, base_url=base_url, model=model, key_env=key_env, vision_model=vision_model,
                  extra_body=MappingProxyType(dict(extra_body or {})))


PRESETS: Mapping[str, Preset] = MappingProxyType({
    # Volcano Engine Ark (Doubao). Seed models think by default: off, for spoken latency.
    "ark": _preset("ark", "https://ark.cn-beijing.volces.com/api/v3", "doubao-seed-1-6-flash-250828",
                   "ARK_API_KEY", "doubao-seed-1-6-vision-250815", {"thinking": {"type": "disabled"}}),
    # Alibaba Cloud Model Studio (DashScope), OpenAI-compatible mode.
    "dashscope": _preset("dashscope", "https://dashscope.aliyuncs.com/compatible-mode/v1", "qwen-plus",
                         "DASHSCOPE_API_KEY", "qwen-vl-plus", {"enable_thinking": False}),
    "deepseek": _preset("deepseek", "https://api.deepseek.com/v1", "deepseek-chat", "DEEPSEEK_API_KEY", ""),
    "openai": _preset("openai", "https://api.openai.com/v1", "gpt-4o-mini", "OPENAI_API_KEY", "gpt-4o"),
    "vllm": _preset("vllm", "http://localhost:8000/v1", "Qwen/Qwen2.5-7B-Instruct", "",
                    "Qwen/Qwen2.5-VL-7B-Instruct"),
    "llamacpp": _preset("llamacpp", "http://localhost:8080/v1", "default", "", "default"),
    "ollama": _preset("ollama", "http://localhost:11434/v1", "qwen2.5:7b", "", "qwen2.5vl:7b"),
})


@dataclass(frozen=True, slots=True, kw_only=True)
class Endpoint:
    """A resolved backend: where to send requests, which model, and the key (never logged)."""

    provider: str
    base_url: str
    model: str
    api_key: str | None = field(repr=False)
    extra_body: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))


def resolve_endpoint(
    spec: str,
    *,
    base_url: str = "",
    model: str = "",
    api_key_env: str = "",
    vision: bool = False,
    environ: Mapping[str, str] | None = None,
) -> Endpoint | None:
    """Resolve ``"name"`` or ``"name:model"`` with optional overrides; None when its key is missing.

    ``vision=True`` picks the preset's vision model. Raises ConfigError for an unknown name or
    a preset without a vision model.
    """
    env = os.environ if environ is None else environ
    name, _, spec_model = spec.partition(":")
    preset = PRESETS.get(name)
    if preset is None:
        raise ConfigError(f"bad setting llm.backends: unknown backend {name!r} "
                          f"(known: {', '.join(sorted([*PRESETS, EMBEDDED]))})")
    default_model = preset.vision_model if vision else preset.model
    chosen_model = model or spec_model or default_model
    if not chosen_model:
        raise ConfigError(f"bad setting: {name} has no {'vision ' if vision else ''}model; set one")
    key_env = api_key_env or ("" if base_url and name == "openai" else preset.key_env)
    api_key = env.get(key_env, "").strip() if key_env else ""
    if key_env and not api_key:
        return None
    extra = preset.extra_body if not base_url or name != "openai" else MappingProxyType({})
    return Endpoint(provider=name, base_url=base_url or preset.base_url, model=chosen_model,
                    api_key=api_key or None, extra_body=extra)


def build_chat_chain(
    llm: LlmSettings,
    *,
    embedded: ChatModel | None,
    environ: Mapping[str, str] | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> FallbackChatModel:
    """The fallback chain for ``settings.llm`` (see the module docstring)."""
    models: list[ChatModel] = []
    overridden = False
    for spec in llm.backends:
        if spec == EMBEDDED:
            continue
        first = not overridden
        overridden = True
        endpoint = resolve_endpoint(spec, environ=environ, base_url=llm.base_url if first else "",
                                    model=llm.model if first else "",
                                    api_key_env=llm.api_key_env if first else "")
        if endpoint is None:
            log.warning("LLM backend %s skipped: its API key variable is not set", spec)
            continue
        models.append(OpenAIChatModel(
            base_url=endpoint.base_url, model=endpoint.model, api_key=endpoint.api_key,
            provider=endpoint.provider, connect_timeout_s=llm.connect_timeout_s,
            first_token_timeout_s=llm.first_token_timeout_s, total_timeout_s=llm.total_timeout_s,
            transport=transport, extra_body=endpoint.extra_body))
    if embedded is not None:
        models.append(embedded)
    if not models:
        raise ConfigError("bad setting llm.backends: no usable backend (set an API key or enable embedded)")
    return FallbackChatModel(models)
