"""Coercion of one setting's value (from TOML or an environment string) to its declared type."""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from typing import Any

from assistant.errors import ConfigError


def convert_value(key: str, hint: Any, value: Any) -> Any:
    """Coerce a TOML value or an environment string to ``hint``, or raise ConfigError naming ``key``."""
    origin = typing.get_origin(hint)
    if hint is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("1", "true", "yes", "on", "0", "false", "no", "off"):
            return value.lower() in ("1", "true", "yes", "on")
        raise ConfigError(f"bad setting {key}: {value!r} is not a boolean")
    if hint in (int, float):
        if isinstance(value, bool):
            raise ConfigError(f"bad setting {key}: {value!r} is not a number")
        try:
            num = hint(value)
        except (TypeError, ValueError):
            raise ConfigError(f"bad setting {key}: {value!r} is not "
                              f"{'an integer' if hint is int else 'a number'}") from None
        if hint is int and isinstance(value, float) and value != num:
            raise ConfigError(f"bad setting {key}: {value!r} is not an integer")
        return num
    if hint is str:
        if not isinstance(value, str):
            raise ConfigError(f"bad setting {key}: {value!r} is not a string")
        return value
    if origin is tuple:
        items = [v.strip() for v in value.split(",") if v.strip()] if isinstance(value, str) else value
        if not isinstance(items, list | tuple):
            raise ConfigError(f"bad setting {key}: expected a list")
        (inner, *_rest) = typing.get_args(hint)
        return tuple(convert_value(key, inner, v) for v in items)
    if origin in (Mapping, dict) or hint is Mapping:
        if not isinstance(value, dict):
            raise ConfigError(f"bad setting {key}: expected a table")
        out: dict[str, tuple[float, float]] = {}
        for name, pair in value.items():
            if not (isinstance(pair, list | tuple) and len(pair) == 2):
                raise ConfigError(f"bad setting {key}.{name}: expected [prompt_price, completion_price]")
            out[str(name)] = (float(pair[0]), float(pair[1]))
        return out
    if isinstance(origin, type) and issubclass(origin, types.UnionType):  # pragma: no cover - not used
        return value
    raise ConfigError(f"bad setting {key}: unsupported type {hint!r}")


def is_phone_number(text: str) -> bool:
    """Digits with spaces, '-' or a leading '+', at most 20 characters; or empty (none)."""
    return len(text) <= 20 and all(ch.isdigit() or ch in " -+" for ch in text)
