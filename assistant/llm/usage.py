"""Token accounting: a rough local token count and a price table for cost estimates.

Prices are in yuan (CNY) per million tokens, ``(prompt, completion)``, keyed ``"provider/model"``.
The defaults are list prices of the presets at the time of writing (approximate; non-CNY prices
converted at 7.2 per US dollar). ``Settings.prices`` overrides or extends them. Local backends
(embedded, vllm, llamacpp, ollama) cost nothing; an unknown cloud model is priced at zero and
``price_for`` reports that it is unknown.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from assistant.llm.base import Usage

Price = tuple[float, float]

DEFAULT_PRICES: Mapping[str, Price] = {
    "ark/doubao-seed-1-6-flash-250828": (0.15, 1.5),
    "ark/doubao-seed-1-6-250615": (0.8, 8.0),
    "ark/doubao-seed-1-6-vision-250815": (0.8, 8.0),
    "dashscope/qwen-turbo": (0.3, 0.6),
    "dashscope/qwen-plus": (0.8, 2.0),
    "dashscope/qwen-vl-plus": (1.5, 4.5),
    "deepseek/deepseek-chat": (2.0, 3.0),
    "openai/gpt-4o-mini": (1.08, 4.32),
    "openai/gpt-4o": (18.0, 72.0),
}

FREE_PROVIDERS = frozenset({"embedded", "vllm", "llamacpp", "ollama"})


def price_for(provider: str, model: str, overrides: Mapping[str, Price] | None = None) -> Price | None:
    """Yuan per million (prompt, completion) tokens, or None when the model is unknown.

    Lookup order: ``overrides["provider/model"]``, ``overrides["provider/*"]``, the defaults,
    then zero for local providers.
    """
    for table in (overrides or {}, DEFAULT_PRICES):
        for key in (f"{provider}/{model}", f"{provider}/*"):
            if key in table:
                return table[key]
    if provider in FREE_PROVIDERS:
        return (0.0, 0.0)
    return None


def estimate_cost_yuan(usage: Usage, overrides: Mapping[str, Price] | None = None) -> float:
    """The cost of one call in yuan (0.0 when the price is unknown)."""
    price = price_for(usage.provider, usage.model, overrides)
    if price is None:
        return 0.0
    return (usage.prompt_tokens * price[0] + usage.completion_tokens * price[1]) / 1_000_000


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x3000 <= code <= 0x303F  # CJK punctuation
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x20000 <= code <= 0x2FFFF
    )


def estimate_tokens(text: str) -> int:
    """A rough token count for Qwen-style BPE tokenizers (within about 30% on mixed text).

    Chinese runs at about 0.5-0.7 tokens per character (0.65 is used), other text at about one token per
    four characters. Used for history budgets and when a server reports no usage.
    """
    if not text:
        return 0
    cjk = sum(1 for ch in text if _is_cjk(ch))
    other = sum(1 for ch in text if not _is_cjk(ch) and not ch.isspace())
    spaces = sum(1 for ch in text if ch.isspace())
    return max(1, math.ceil(cjk * 0.65 + other / 4 + spaces / 8))


def estimate_messages_tokens(contents: list[str]) -> int:
    """Rough prompt size of a message list: the texts plus about 4 tokens of chat markup each."""
    return sum(estimate_tokens(c) + 4 for c in contents)
