"""The tools one server offers, by name, and the one way to call them.

:meth:`ToolRegistry.call` checks the arguments against the tool's JSON schema, runs the tool under
its timeout, and turns any failure into a short spoken apology that states no value
(``ok=False``): a tool that fails never makes the assistant invent an answer.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from assistant.config import ToolSettings
from assistant.errors import AssistantError
from assistant.storage.db import DatabaseThread
from assistant.tools.base import Tool, ToolContext, ToolResult
from assistant.tools.calculator import CalculatorTool
from assistant.tools.clock import ClockTool
from assistant.tools.reminders import RemindersTool
from assistant.tools.weather import WeatherTool

log = logging.getLogger(__name__)

_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "object": (dict,),
    "array": (list,),
}


class BadArguments(AssistantError):
    code = "bad_tool_arguments"


def failure(language: str) -> ToolResult:
    text = (
        "Sorry, I can't get that information right now. Please try again later."
        if language == "en"
        else "抱歉，我现在查不到，请稍后再试。"
    )
    return ToolResult(text=text, data={"reason": "tool_failed"}, ok=False)


def check_arguments(schema: Mapping[str, Any], args: Mapping[str, Any]) -> dict[str, Any]:
    """``args`` checked against a flat object schema (types, enums, required); unknown keys dropped."""
    if not isinstance(args, Mapping):
        raise BadArguments("tool arguments must be a JSON object")
    properties: Mapping[str, Any] = schema.get("properties", {})
    for name in schema.get("required", ()):
        if args.get(name) in (None, ""):
            raise BadArguments(f"missing argument {name!r}")
    clean: dict[str, Any] = {}
    for name, value in args.items():
        prop = properties.get(name)
        if prop is None or value is None:
            continue
        kind = prop.get("type", "string")
        if kind == "integer" and isinstance(value, str) and value.lstrip("-").isdigit():
            value = int(value)
        ok = isinstance(value, _TYPES.get(kind, (object,))) and not (
            kind != "boolean" and isinstance(value, bool)
        )
        if not ok:
            raise BadArguments(f"argument {name!r} must be of type {kind}")
        if "enum" in prop and value not in prop["enum"]:
            raise BadArguments(f"argument {name!r} must be one of {prop['enum']}")
        clean[name] = value
    return clean


class ToolRegistry:
    def __init__(self, tools: Iterable[Tool]) -> None:
        self._tools = {tool.spec.name: tool for tool in tools}

    @property
    def names(self) -> list[str]:
        return list(self._tools)

    def get(self, name: str) -> Tool | None:
        return self._tools.get(name)

    def openai_tools(self) -> list[dict[str, Any]]:
        return [tool.spec.openai() for tool in self._tools.values()]

    async def call(self, name: str, args: Mapping[str, Any], ctx: ToolContext) -> ToolResult:
        """Run tool ``name``; never raises for a tool's failure (see the module docstring)."""
        tool = self._tools.get(name)
        if tool is None:
            log.warning("unknown tool %r requested", name)
            return failure(ctx.language)
        try:
            clean = check_arguments(tool.spec.parameters, args)
            async with asyncio.timeout(tool.spec.timeout_s):
                return await tool.run(clean, ctx)
        except TimeoutError:
            log.warning("tool %s timed out after %.1f s", name, tool.spec.timeout_s)
        except AssistantError as exc:
            log.warning("tool %s failed: %s", name, exc.message)
        except Exception:  # a bug in one tool must not end the turn without a word
            log.exception("tool %s failed unexpectedly", name)
        return failure(ctx.language)

    async def aclose(self) -> None:
        for tool in self._tools.values():
            close = getattr(tool, "aclose", None)
            if close is not None:
                await close()


def build_registry(settings: ToolSettings, database: DatabaseThread | None) -> ToolRegistry:
    """Every tool; without a database there are no reminders and no per-user city."""
    tools: list[Tool] = [
        ClockTool(),
        CalculatorTool(),
        WeatherTool(
            forecast_url=settings.weather_url,
            geocoding_url=settings.geocoding_url,
            database=database,
            timeout_s=settings.weather_timeout_s,
            cache_s=settings.weather_cache_s,
        ),
    ]
    if database is not None:
        tools.append(RemindersTool(database))
    return ToolRegistry(tools)


def local_zone(name: str = "") -> ZoneInfo:
    """``name`` (an IANA zone), else the server's zone (``TZ``, ``/etc/localtime``), else UTC."""
    for candidate in (name, os.environ.get("TZ", "").lstrip(":")):
        if candidate:
            try:
                return ZoneInfo(candidate)
            except (ValueError, KeyError, OSError):
                log.warning("unknown time zone %r", candidate)
    try:
        target = str(Path("/etc/localtime").resolve())
        if "zoneinfo/" in target:
            return ZoneInfo(target.split("zoneinfo/", 1)[1])
    except (ValueError, KeyError, OSError):
        pass
    try:
        return ZoneInfo(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except (ValueError, KeyError, OSError):
        return ZoneInfo("UTC")


def now_in(zone: ZoneInfo) -> datetime:
    return datetime.now(zone)
