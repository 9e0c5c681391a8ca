"""The benchmark's figure: per-stage latency breakdown, and voice-to-voice against concurrency."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from assistant.bench.baseline import BaselineTurn
from assistant.bench.client import TurnResult
from assistant.bench.report import P95_BUDGET_MS, stats

_SERIES_COLOURS = ("#4c72b0", "#55a868", "#c44e52", "#8172b2")
# Rows of the breakdown: (label, server metric of our turns, baseline field). Our stages overlap
# (ASR starts at a 150 ms pause, before the end of turn is decided), so they are not stacked.
_ROWS = (("endpointing (VAD)", "vad_ms", None), ("ASR", "asr_ms", "asr_ms"),
         ("LLM first token", "llm_first_token_ms", None), ("LLM whole answer", "llm_total_ms", "llm_ms"),
         ("TTS first audio", "tts_first_audio_ms", None), ("TTS whole answer", None, "tts_ms"),
         ("voice-to-voice (client)", "", "voice_to_voice_ms"))


def _median(values: Sequence[float | int | None]) -> float | None:
    p50 = stats(values)["p50"]
    return float(p50) if p50 is not None else None


def _series(voice: Sequence[TurnResult], photos: Sequence[TurnResult],
            baseline: Sequence[BaselineTurn]) -> list[tuple[str, list[float | None]]]:
    """(label, median per row) for each group of turns that has any."""
    out: list[tuple[str, list[float | None]]] = []
    groups = [(f"ours {lang}", [t for t in voice if t.ok and t.language == lang]) for lang in ("zh", "en")]
    groups.append(("ours photo", [t for t in photos if t.ok]))
    for label, turns in groups:
        if turns:
            out.append((f"{label} (n={len(turns)})", [
                None if key is None else _median([t.voice_to_voice_ms if key == "" else t.server.get(key)
                                                  for t in turns]) for _, key, _b in _ROWS]))
    if baseline:
        out.append((f"naive baseline (n={len(baseline)})", [
            None if field is None else _median([getattr(b, field) for b in baseline])
            for *_k, field in _ROWS]))
    return out


def write_plot(path: Path, *, voice: Sequence[TurnResult], photos: Sequence[TurnResult],
               baseline: Sequence[BaselineTurn], levels: Sequence[dict[str, Any]], title: str) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(14, 5.6))
    series = _series(voice, photos, baseline)
    height = 0.8 / max(1, len(series))
    for i, (label, values) in enumerate(series):
        ys = [row + i * height for row, v in enumerate(values) if v is not None]
        xs_ = [v for v in values if v is not None]
        left.barh(ys, xs_, height=height, color=_SERIES_COLOURS[i % len(_SERIES_COLOURS)], label=label)
        for y, x in zip(ys, xs_, strict=True):
            left.text(x + 30, y, f"{x:.0f}", va="center", fontsize=7)
    longest = max((v for _, values in series for v in values if v is not None), default=0.0)
    left.set_xlim(0, longest * 1.12 + 1)
    left.set_yticks([row + 0.4 - height / 2 for row in range(len(_ROWS))], [r[0] for r in _ROWS])
    left.invert_yaxis()
    left.set_xlabel("median ms (stages overlap; voice-to-voice from the end of speech, photo from sending)")
    left.set_title("Latency by stage: ours (streaming) and the naive baseline")
    left.legend(fontsize=8, loc="lower right")

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
