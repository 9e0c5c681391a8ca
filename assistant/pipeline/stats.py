"""Process-wide counters and latency histograms, rendered in the Prometheus text format."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import Any

from assistant import cputime

BUCKETS_MS = (50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000)
STAGES = ("vad_ms", "asr_ms", "llm_first_token_ms", "tts_first_audio_ms", "voice_to_voice_ms",
          "endpoint_to_audio_ms")


class _Histogram:
    def __init__(self) -> None:
        self.counts = [0] * (len(BUCKETS_MS) + 1)
        self.total = 0.0
        self.n = 0

    def observe(self, value: float) -> None:
        for i, edge in enumerate(BUCKETS_MS):
            if value <= edge:
                self.counts[i] += 1
                break
        else:
            self.counts[-1] += 1
        self.total += value
        self.n += 1


class Stats:
    """Thread-safe; one per process. ``observe_turn`` takes a metrics dict of one turn."""

    def __init__(self, prices: Mapping[str, tuple[float, float]] | None = None) -> None:
        self._lock = threading.Lock()
        self._hist = {stage: _Histogram() for stage in STAGES}
        self._counters: dict[tuple[str, tuple[tuple[str, str], ...]], float] = {}

    def inc(self, name: str, value: float = 1.0, **labels: str) -> None:
        key = (name, tuple(sorted(labels.items())))
        with self._lock:
            self._counters[key] = self._counters.get(key, 0.0) + value

    def observe_turn(self, turn: Mapping[str, Any]) -> None:
        with self._lock:
            for stage in STAGES:
                value = turn.get(stage)
                if isinstance(value, int | float):
                    self._hist[stage].observe(float(value))
        backend = str(turn.get("llm_backend") or "none")
        self.inc("assistant_turns_total", source=str(turn.get("source", "voice")),
                 interrupted=str(bool(turn.get("interrupted"))).lower())
        self.inc("assistant_prompt_tokens_total", float(turn.get("prompt_tokens") or 0), backend=backend)
        self.inc("assistant_completion_tokens_total", float(turn.get("completion_tokens") or 0),
                 backend=backend)
        self.inc("assistant_cost_yuan_total", float(turn.get("cost_yuan") or 0.0), backend=backend)
        self.inc("assistant_tts_characters_total", float(turn.get("tts_chars") or 0))
        self.inc("assistant_audio_out_seconds_total", float(turn.get("audio_out_s") or 0.0))
        self.inc("assistant_audio_in_seconds_total", float(turn.get("audio_in_s") or 0.0))

    def render(self) -> str:
        lines: list[str] = []
        with self._lock:
            for stage, hist in self._hist.items():
                name = f"assistant_{stage[:-3]}_milliseconds"
                lines.append(f"# HELP {name} Latency of the {stage[:-3]} stage per turn.")
                lines.append(f"# TYPE {name} histogram")
                cumulative = 0
                for edge, count in zip(BUCKETS_MS, hist.counts, strict=False):
                    cumulative += count
                    lines.append(f'{name}_bucket{{le="{edge}"}} {cumulative}')
                lines.append(f'{name}_bucket{{le="+Inf"}} {hist.n}')
                lines.append(f"{name}_sum {hist.total:.1f}")
                lines.append(f"{name}_count {hist.n}")
            names = sorted({name for name, _ in self._counters})
            for name in names:
                lines.append(f"# TYPE {name} counter")
                for (cname, labels), value in sorted(self._counters.items()):
                    if cname != name:
                        continue
                    label = ",".join(f'{k}="{v}"' for k, v in labels)
                    lines.append(f"{name}{{{label}}} {value:g}" if label else f"{name} {value:g}")
        lines += cputime.prometheus_lines()
        return "\n".join(lines) + "\n"
