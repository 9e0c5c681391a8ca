"""``assistant bench --quick`` runs end to end (real server, real models, real websocket) and reports
every figure, so that the benchmark cannot rot. It checks that figures exist, not how fast they are."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from assistant.config import FAST_LLM, REPO_ROOT


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def test_quick_bench_writes_figures_and_plot(tmp_path: Path, model_store: Any) -> None:
    out = tmp_path / "b.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "bench", "--quick", "--llm", FAST_LLM,
         "--json", str(out)],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=240, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "Concurrency" in proc.stdout and "ratio ours / baseline" in proc.stdout, proc.stdout
    assert "Follow-up questions" in proc.stdout, proc.stdout

    doc = json.loads(out.read_text(encoding="utf-8"))
    figures = doc["figures"]
    for key in ("voice_to_voice_p50_ms", "endpoint_p50_ms", "server_vad_ms_p50", "server_asr_ms_p50",
                "server_asr_rtf_p50", "server_llm_first_token_ms_p50", "server_tts_first_audio_ms_p50",
                "barge_in_p50_ms", "photo_to_voice_p50_ms", "peak_server_rss_mb",
                "followup_voice_to_voice_p50_ms", "realtime_voice_to_voice_p50_ms", "ratio_realtime_to_ws",
                "baseline_voice_to_voice_p50_ms", "ratio_ours_to_baseline", "photo_load_peak_rss_mb"):
        assert _number(figures[key]) and figures[key] > 0, (key, figures)
    assert _number(figures["max_concurrency_p95_under_2s"]), figures

    voice = doc["voice"]["turns"]
    assert {t["language"] for t in voice} == {"zh", "en"}
    assert sum(t["ok"] for t in voice) >= 2, [(t["question"], t["error"]) for t in voice]
    for turn in (t for t in voice if t["ok"]):
        assert turn["audio_s"] > 0.5 and turn["reply_text"], turn
        assert _number(turn["underruns"]) and _number(turn["underrun_ms"]), turn
        # measured at the client, from its own stream: never before the server's endpointing
        assert turn["voice_to_voice_ms"] > turn["endpoint_ms"] > 0, turn
    followup = doc["followup"]["turns"]
    assert len(followup) == 2 and all(t["ok"] and t["kind"] == "followup" for t in followup), followup
    # the second question is answered in the same session, after the first answer
    # (not its prompt tokens: the common facts that follow the first question may outnumber its answer)
    first, second = (t["server"] for t in followup)
    assert second["history_messages"] >= first["history_messages"] + 2, followup
    assert second["prompt_tokens"] > 0, followup
    assert [row["level"] for row in doc["concurrency"]["levels"]] == [1, 2]
    assert all(_number(row["v2v_p95_ms"]) for row in doc["concurrency"]["levels"]), doc["concurrency"]
    assert doc["baseline"]["turns"] and doc["baseline"]["turns"][0]["voice_to_voice_ms"] > 0
    assert doc["memory"]["samples"] > 10
    load = doc["photo_load"]  # every session's oversized PNG refused from its header, nothing failed
    assert load["refused"] == load["sessions"] and load["failed"] == 0, load
    assert _number(figures["photo_load_rss_growth_mb"]), figures
    assert "Photo load" in proc.stdout, proc.stdout

    plot = Path(doc["meta"]["plot"])
    assert plot == out.with_suffix(".png")
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and plot.stat().st_size > 10_000
