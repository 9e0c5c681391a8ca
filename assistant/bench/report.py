"""Figures from the measured turns: summaries, the printed table and the JSON document."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from assistant.bench.baseline import BaselineTurn
from assistant.bench.client import TurnResult

P95_BUDGET_MS = 2000.0
STAGES = ("vad_ms", "asr_ms", "asr_visible_ms", "asr_rtf", "llm_first_token_ms", "llm_tokens_per_s",
          "tts_first_audio_ms", "voice_to_voice_ms")


def stats(values: Iterable[float | int | None]) -> dict[str, float | int | None]:
    """n, p50, p95, mean, min, max of the values that are numbers (None when there are none)."""
    xs = np.array([float(v) for v in values if isinstance(v, int | float)], dtype=np.float64)
    if xs.size == 0:
        return {"n": 0, "p50": None, "p95": None, "mean": None, "min": None, "max": None}
    return {"n": int(xs.size), "p50": round(float(np.percentile(xs, 50)), 1),
            "p95": round(float(np.percentile(xs, 95)), 1), "mean": round(float(xs.mean()), 1),
            "min": round(float(xs.min()), 1), "max": round(float(xs.max()), 1)}


def summarize_turns(turns: Sequence[TurnResult]) -> dict[str, Any]:
    """Client-side figures and the server's stage breakdown over ``turns``."""
    ok = [t for t in turns if t.ok]
    return {
        "turns": len(turns),
        "errors": len(turns) - len(ok),
        "voice_to_voice_ms": stats(t.voice_to_voice_ms for t in ok),
        "endpoint_ms": stats(t.endpoint_ms for t in ok),
        "barge_in_ms": stats(t.barge_in_ms for t in turns),
        "underruns": sum(t.underruns for t in ok),
        "underrun_ms": round(sum(t.underrun_ms for t in ok), 1),
        "turns_with_underruns": sum(1 for t in ok if t.underruns),
        "server": {key: stats(t.server.get(key) for t in ok) for key in STAGES},
    }


def concurrency_rows(turns: Sequence[TurnResult], levels: Sequence[int]) -> list[dict[str, Any]]:
    rows = []
    for level in levels:
        mine = [t for t in turns if t.level == level]
        s = summarize_turns(mine)
        rows.append({"level": level, "turns": s["turns"], "errors": s["errors"],
                     "v2v_p50_ms": s["voice_to_voice_ms"]["p50"], "v2v_p95_ms": s["voice_to_voice_ms"]["p95"],
                     "underruns": s["underruns"], "underrun_ms": s["underrun_ms"],
                     "error_messages": sorted({t.error for t in mine if t.error})[:5]})
    return rows


def max_level_within(rows: Sequence[dict[str, Any]], budget_ms: float = P95_BUDGET_MS) -> int:
    """The largest N whose p95 voice-to-voice stays under ``budget_ms`` with no errors (0 if none)."""
    best = 0
    for row in rows:
        p95 = row["v2v_p95_ms"]
        if p95 is not None and p95 < budget_ms and row["errors"] == 0:
            best = max(best, int(row["level"]))
    return best


def baseline_comparison(voice: Sequence[TurnResult], baseline: Sequence[BaselineTurn], *,
                        endpoint_wait_ms: float) -> dict[str, Any]:
    """Ours vs the baseline on the same questions (medians); ratio < 1 means ours answers sooner.

    The baseline's voice-to-voice is ASR + LLM + TTS only. ``ratio_with_endpoint_wait`` also charges
    it the silence every voice pipeline must hear before it knows the user has finished
    (``endpoint_wait_ms``, our VAD's ``end_silence_ms``), which ours pays inside its figure.
    """
    asked = {b.question for b in baseline}
    ours = stats(t.voice_to_voice_ms for t in voice if t.ok and t.question in asked)
    base = stats(b.voice_to_voice_ms for b in baseline)
    ratio = waited = None
    if ours["p50"] and base["p50"]:
        ratio = round(float(ours["p50"]) / float(base["p50"]), 3)
        waited = round(float(ours["p50"]) / (float(base["p50"]) + endpoint_wait_ms), 3)
    return {"questions": sorted(asked), "ours_v2v_ms": ours, "baseline_v2v_ms": base,
            "endpoint_wait_ms": endpoint_wait_ms, "ratio_with_endpoint_wait": waited,
            "baseline_asr_ms": stats(b.asr_ms for b in baseline),
            "baseline_llm_ms": stats(b.llm_ms for b in baseline),
            "baseline_tts_ms": stats(b.tts_ms for b in baseline), "ratio_ours_to_baseline": ratio}


def write_json(path: Path, document: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")


# ---- the printed table -------------------------------------------------------------------------
def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cell(value: Any, width: int, *, left: bool = False) -> str:
    if value is None:
        text = "-"
    elif isinstance(value, float):
        text = f"{value:.2f}" if abs(value) < 10 else f"{value:.0f}"
    else:
        text = str(value)
    while _width(text) > width and len(text) > 1:
        text = text[:-2] + "…"
    pad = " " * max(0, width - _width(text))
    return text + pad if left else pad + text


_TURN_COLUMNS = (("lang", 4, True), ("question", 24, True), ("v2v", 6, False), ("endpt", 6, False),
                 ("vad", 5, False), ("asr", 5, False), ("rtf", 5, False), ("llm1st", 6, False),
                 ("tok/s", 5, False), ("tts1st", 6, False), ("srv-v2v", 7, False), ("audio", 5, False),
                 ("under", 5, False))


def _turn_cells(t: TurnResult) -> list[Any]:
    s = t.server
    return [t.language, t.question if t.ok else f"ERR {t.error}", t.voice_to_voice_ms, t.endpoint_ms,
            s.get("vad_ms"), s.get("asr_ms"), s.get("asr_rtf"), s.get("llm_first_token_ms"),
            s.get("llm_tokens_per_s"), s.get("tts_first_audio_ms"), s.get("voice_to_voice_ms"),
            t.audio_s, t.underruns]


def _row(cells: Sequence[Any], columns: Sequence[tuple[str, int, bool]]) -> str:
    return " ".join(_cell(v, w, left=left) for v, (_, w, left) in zip(cells, columns, strict=True))


def turn_table(turns: Sequence[TurnResult]) -> list[str]:
    lines = [_row([c[0] for c in _TURN_COLUMNS], _TURN_COLUMNS)]
    lines += [_row(_turn_cells(t), _TURN_COLUMNS) for t in turns]
    ok = [t for t in turns if t.ok]
    if ok:
        med = ["", f"median of {len(ok)}"] + [
            stats(vals)["p50"] for vals in zip(*(_turn_cells(t)[2:] for t in ok), strict=True)]
        lines.append(_row(med, _TURN_COLUMNS))
    return lines


BUSY_SHARE = 0.15


def _load_lines(machine: dict[str, Any], cpus: Any) -> list[str]:
    """How busy the machine was with other work, and a warning when that skews the figures."""
    lines = []
    for label, key in (("measurement", "during_measurement"), ("baseline", "during_baseline")):
        cpu = machine.get(key) or {}
        share = cpu.get("other_processes_share")
        if share is None:
            continue
        skewed = share > BUSY_SHARE and not cpu.get("server_included_in_others")
        lines.append(f"other processes used {share * 100:.0f}% of the {cpus} CPU cores during the {label}"
                     f"{' (server included)' if cpu.get('server_included_in_others') else ''}"
                     f"{': WARNING, the figures are skewed by that load' if skewed else ''}")
    cpu = machine.get("during_measurement") or {}
    if cpu.get("wall_s") and cpu.get("server_cpu_s") is not None and not cpu.get("server_included_in_others"):
        capacity = float(cpu["wall_s"]) * float(cpus or 1)
        lines.append(f"the server used {100 * float(cpu['server_cpu_s']) / capacity:.0f}% and this benchmark "
                     "client "
                     f"{100 * float(cpu['bench_cpu_s']) / capacity:.0f}% of the CPU during the measurement")
    return lines


def render(doc: dict[str, Any], voice: Sequence[TurnResult], followup: Sequence[TurnResult] = ()) -> str:
    """The human-readable report (times in ms, measured at the client unless marked srv)."""
    meta = doc["meta"]
    out = [f"assistant bench: {meta['llm']}{' (quick)' if meta['quick'] else ''}, {meta['cpus']} CPU cores, "
           f"{meta['date']}",
           f"server start-up to /readyz: {meta.get('server_startup_s') or '-'} s; "
           f"peak server RSS {doc['memory'].get('peak_rss_mb', '-')} MB", "",
           *_load_lines(doc.get("machine", {}), meta.get("cpus")), "",
           "Spoken questions (ms; v2v/endpt at the client; vad..srv-v2v from the server's metrics):"]
    out += ["  " + line for line in turn_table(voice)]
    if followup:
        out += ["", "Follow-up questions (one session, each asked after the previous answer has played):"]
        out += ["  " + line for line in turn_table(followup)]
    out.append("")
    for label, key in (("OpenAI Realtime /v1/realtime (end of speech → first audio)", "realtime"),
                       ("Barge-in (new speech starts → interrupted)", "barge_in"),
                       ("Photo (image sent → first answer audio)", "photo"),
                       ("Phone (Twilio bridge, end of speech → first audio)", "phone")):
        section = doc.get(key, {})
        if section.get("skipped"):
            out.append(f"{label}: skipped: {section['skipped']}")
            continue
        s = section.get("summary", {})
        figure = s.get("barge_in_ms" if key == "barge_in" else "voice_to_voice_ms", {})
        out.append(f"{label}: p50 {figure.get('p50')} ms, max {figure.get('max')} ms "
                   f"(n={figure.get('n')}, errors={s.get('errors')})")
    load, figures = doc.get("photo_load"), doc.get("figures", {})
    if figures.get("ratio_realtime_to_ws") is not None:
        out.append(f"  /v1/realtime p50 / /ws p50: {figures['ratio_realtime_to_ws']} (target <= 1.10)")
    if load:
        out.append(f"Photo load ({load['sessions']} sessions send {load['photos']} big photos at once, "
                   f"{load['refused']} refused, {load['failed']} failed, {load['wall_s']} s): "
                   f"peak server RSS {figures.get('photo_load_peak_rss_mb')} MB, "
                   f"{figures.get('photo_load_rss_growth_mb')} MB above the photo phase")
    out += ["", "Concurrency (N simultaneous sessions, client voice-to-voice):",
            "     N  turns  p50 ms  p95 ms  underruns  under ms  errors"]
    for row in doc["concurrency"]["levels"]:
        out.append(f"  {row['level']:4d}  {row['turns']:5d}  {_cell(row['v2v_p50_ms'], 6)}  "
                   f"{_cell(row['v2v_p95_ms'], 6)}  {row['underruns']:9d}  {_cell(row['underrun_ms'], 8)}  "
                   f"{row['errors']:6d}")
    out.append(f"  largest N with p95 < {P95_BUDGET_MS / 1000:.0f} s and no errors: "
               f"{doc['concurrency']['max_level_p95_under_2s']}")
    cmp = doc.get("baseline", {}).get("comparison")
    if cmp:
        out += ["", "Baseline (naive sequential: whole ASR → whole LLM answer → whole TTS, same models):",
                f"  baseline v2v p50 {cmp['baseline_v2v_ms']['p50']} ms (ASR {cmp['baseline_asr_ms']['p50']} "
                "+ "
                f"LLM {cmp['baseline_llm_ms']['p50']} + TTS {cmp['baseline_tts_ms']['p50']}); "
                f"ours p50 {cmp['ours_v2v_ms']['p50']} ms on the same questions",
                f"  ratio ours / baseline: {cmp['ratio_ours_to_baseline']} "
                f"({cmp['ratio_with_endpoint_wait']} if the baseline also waits the "
                f"{cmp['endpoint_wait_ms']:.0f} ms end-of-speech silence that ours includes)"]
    out += ["", f"total bench time {meta.get('total_s')} s; JSON {meta.get('json')}; plot {meta.get('plot')}"]
    return "\n".join(out)
