"""Which tool-calling method suits the embedded model: the fast intent router, or llama.cpp's native
tool calling with Qwen2.5's chat template (the model writes ``<tool_call>`` JSON).

``python3 -m assistant.bench.tool_choice [--llm qwen2.5-coder-1.5b] [--json FILE]`` asks each
utterance of ``tool_utterances.toml`` both ways and prints the tool-selection accuracy and the
latency each adds. For native calling, "decision" is when the tool call is complete (the tool can
run) or the first answer token arrives; "added" is that minus the first token of the same request
without tools (the answer a plain turn would start with).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
import tomllib
from pathlib import Path
from typing import Any

from assistant.llm.prompt import SYSTEM_PROMPT_ZH
from assistant.tools.router import route

UTTERANCES = Path(__file__).with_name("tool_utterances.toml")
TOOL_NAMES = ("clock", "weather", "reminders", "calculator")


def load_utterances(path: Path = UTTERANCES) -> list[tuple[str, str]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [(str(u["text"]), str(u["tool"])) for u in data["utterance"]]


def measure_router(utterances: list[tuple[str, str]], repeats: int = 200) -> dict[str, Any]:
    hits, times = 0, []
    misses = []
    for text, expected in utterances:
        started = time.perf_counter()
        for _ in range(repeats):
            call = route(text)
        times.append((time.perf_counter() - started) / repeats * 1e6)
        got = call.name if call is not None else "none"
        hits += got == expected
        if got != expected:
            misses.append({"text": text, "expected": expected, "got": got})
    return {
        "method": "router",
        "accuracy": hits / len(utterances),
        "p50_added_ms": statistics.median(times) / 1000,
        "max_added_ms": max(times) / 1000,
        "misses": misses,
    }


def _tool_specs() -> list[dict[str, Any]]:
    from assistant.tools.calculator import CalculatorTool
    from assistant.tools.clock import ClockTool
    from assistant.tools.reminders import RemindersTool
    from assistant.tools.weather import WeatherTool

    return [
        ClockTool.spec.openai(),
        WeatherTool.spec.openai(),
        RemindersTool.spec.openai(),
        CalculatorTool.spec.openai(),
    ]


def _call(server: Any, body: dict[str, Any]) -> tuple[str, float, float]:
    """(tool name or "none", seconds to the decision, seconds to the first chunk with content)."""
    started = time.monotonic()
    first: list[float] = []
    name: list[str] = []
    text: list[str] = []

    def on_chunk(chunk: Any) -> bool:
        if not isinstance(chunk, dict):
            return False
        for choice in chunk.get("choices") or ():
            delta = choice.get("delta") or {}
            for call in delta.get("tool_calls") or ():
                fn = call.get("function") or {}
                if fn.get("name") and not name:
                    name.append(str(fn["name"]))
            if delta.get("content"):
                text.append(str(delta["content"]))
                if not first:
                    first.append(time.monotonic() - started)
                said = "".join(text).lstrip()
                if not name and len(said) >= 12 and "<tool_call>" not in said:
                    return True  # an answer in words: the decision is "no tool"
        return False

    server.handle_chat_completions(body, on_chunk)
    total = time.monotonic() - started
    raw = re.search(r'<tool_call>\s*\{\s*"name"\s*:\s*"([a-z_]+)"', "".join(text))
    if raw is not None and not name:  # the template's markup came back unparsed
        name.append(raw.group(1))
    decided = total if name else (first[0] if first else total)
    return (name[0] if name else "none"), decided, (first[0] if first else total)


def measure_native(
    model_path: Path, utterances: list[tuple[str, str]], *, threads: int = 2
) -> dict[str, Any]:
    from assistant.llm.embedded import LlamaChatModel

    # Two slots: llama.cpp keeps the prompt with tools in one and the plain prompt in the other
    # (it picks the slot with the longest common prefix), as a server with both would.
    model = LlamaChatModel(model_path, context=4096, n_parallel=2, threads=threads)
    server = model._server
    tools = _tool_specs()

    def body(text: str, with_tools: bool) -> dict[str, Any]:
        out: dict[str, Any] = {
            "messages": [{"role": "system", "content": SYSTEM_PROMPT_ZH}, {"role": "user", "content": text}],
            "stream": True,
            "max_tokens": 80,
            "temperature": 0.0,
            "cache_prompt": True,
        }
        if with_tools:
            out["tools"] = tools
        return out

    _call(server, body("你好", True))  # cache both system prompts
    _call(server, body("你好", False))
    hits, added, decisions, misses = 0, [], [], []
    for text, expected in utterances:
        got, decided, _ = _call(server, body(text, True))
        _, _, plain_first = _call(server, body(text, False))
        hits += got == expected
        decisions.append(decided * 1000)
        added.append((decided - plain_first) * 1000)
        if got != expected:
            misses.append({"text": text, "expected": expected, "got": got})
    model.close()
    return {
        "method": "native",
        "accuracy": hits / len(utterances),
        "p50_decision_ms": statistics.median(decisions),
        "p50_added_ms": statistics.median(added),
        "max_added_ms": max(added),
        "misses": misses,
    }


def main(argv: list[str] | None = None) -> int:
    from assistant.config import load_settings
    from assistant.model_store import open_model_store

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--llm", default="qwen2.5-coder-1.5b")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--router-only", action="store_true")
    args = parser.parse_args(argv)
    utterances = load_utterances()
    results = [measure_router(utterances)]
    if not args.router_only:
        settings = load_settings(overrides={"models": {"llm": args.llm}})
        store = open_model_store(settings)
        results.append(
            measure_native(store.path("llm", model=args.llm), utterances, threads=settings.llm.threads)
        )
    for r in results:
        print(
            f"{r['method']:7s} {args.llm if r['method'] == 'native' else '':20s} "
            f"accuracy {r['accuracy']:.0%} ({len(utterances)} utterances)  "
            f"added p50 {r['p50_added_ms']:.2f} ms  max {r['max_added_ms']:.2f} ms"
        )
        for miss in r["misses"]:
            print(f"    miss: {miss['text']}  expected {miss['expected']}, got {miss['got']}")
    if args.json:
        args.json.write_text(json.dumps({"llm": args.llm, "results": results}, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
