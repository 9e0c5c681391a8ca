"""The benchmark's figure: per-stage latency breakdown, and voice-to-voice against concurrency."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.bench.baseline import BaselineTurn
from assistant.bench.client import TurnResult
from assistant.bench.report import P95_BUDGET_MS, stats

_STAGE_COLOURS = {"endpointing (VAD)": "#8da0cb", "ASR": "#66c2a5", "LLM first token": "#fc8d62",
                  "TTS first audio": "#e78ac3", "LLM to 1st clause, queues": "#b3b3b3",
                  "LLM whole answer": "#d95f02", "TTS whole answer": "#7570b3"}


def _median(values: Sequence[float | int | None]) -> float:
    p50 = stats(values)["p50"]
    return float(p50) if p50 is not None else 0.0


def _ours(label: str, turns: Sequence[TurnResult]) -> tuple[str, dict[str, float], float]:
    ok = [t for t in turns if t.ok]
    parts = {
        "endpointing (VAD)": _median([t.server.get("vad_ms") for t in ok]),
        "ASR": _median([t.server.get("asr_ms") for t in ok]),
        "LLM first token": _median([t.server.get("llm_first_token_ms") for t in ok]),
        "TTS first audio": _median([t.server.get("tts_first_audio_ms") for t in ok]),
    }
    total = _median([t.voice_to_voice_ms for t in ok])
    parts["LLM to 1st clause, queues"] = max(0.0, total - sum(parts.values()))
    return f"{label} (n={len(ok)})", parts, total


def write_plot(path: Path, *, voice: Sequence[TurnResult], photos: Sequence[TurnResult],
               baseline: Sequence[BaselineTurn], levels: Sequence[dict[str, Any]], title: str) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    bars = [_ours(f"ours {lang}", [t for t in voice if t.language == lang]) for lang in ("zh", "en")]
    if photos:
        bars.append(_ours("ours photo", photos))
    if baseline:
        parts = {"ASR": _median([b.asr_ms for b in baseline]),
                 "LLM whole answer": _median([b.llm_ms for b in baseline]),
                 "TTS whole answer": _median([b.tts_ms for b in baseline])}
        bars.append((f"baseline (n={len(baseline)})", parts, sum(parts.values())))
    bars = [b for b in bars if b[2] > 0]

    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 5.6))
    for y, (_label, parts, total) in enumerate(bars):
        x = 0.0
        for name, ms in parts.items():
            left.barh(y, ms, left=x, color=_STAGE_COLOURS[name], edgecolor="white",
                      label=name if name not in left.get_legend_handles_labels()[1] else None)
            x += ms
        left.text(max(x, total) + 30, y, f"{total:.0f} ms", va="center", fontsize=9)
    left.set_yticks(range(len(bars)), [b[0] for b in bars])
    left.invert_yaxis()
    left.set_xlabel("median ms from the end of speech (photo: from sending) to first audio")
    left.set_title("Voice-to-voice, stage breakdown")
    left.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=3, frameon=False)

    xs = [int(r["level"]) for r in levels if r["v2v_p50_ms"] is not None]
    if xs:
        right.plot(xs, [r["v2v_p50_ms"] for r in levels if r["v2v_p50_ms"] is not None], "o-", label="p50")
        right.plot(xs, [r["v2v_p95_ms"] for r in levels if r["v2v_p95_ms"] is not None], "s-", label="p95")
        right.set_xscale("log", base=2)
        right.set_xticks(xs, [str(x) for x in xs])
    right.axhline(P95_BUDGET_MS, color="red", linestyle="--", linewidth=1, label="2 s budget")
    right.set_xlabel("simultaneous sessions")
    right.set_ylabel("voice-to-voice ms (client)")
    right.set_title("Voice-to-voice against concurrency")
    right.legend(fontsize=8)
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path
