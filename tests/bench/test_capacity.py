"""``assistant bench --capacity`` on a tiny setting (0.5B model, N up to 2, seconds of measuring), end to
end through the real gateway (and, for ``shared``, the real ``assistant llm-server``), so that it cannot rot.
It checks the report's shape and that turns were answered, not how fast."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from assistant.config import FAST_LLM, REPO_ROOT
from assistant.cputime import STAGES


def _capacity(tmp_path: Path, *extra: str, slots: int = 4) -> tuple[dict[str, Any], str]:
    out = tmp_path / "capacity.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env["ASSISTANT_LLM__N_PARALLEL"] = str(slots)
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", "bench", "--capacity", "--llm", FAST_LLM, "--measure-s", "9",
         "--warmup-s", "2", "--interval", "4,6", "--all-levels", "--json", str(out), *extra],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=480, check=False)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return json.loads(out.read_text(encoding="utf-8")), proc.stdout


def _check_level(row: dict[str, Any]) -> None:
    assert row["turns"] >= row["level"] and row["answered"] >= 1, row["errors"]
    answered = [t for t in row["turn_list"] if t["ok"]]
    assert all(t["voice_to_voice_ms"] > 0 and t["audio_s"] > 0.3 for t in answered), answered
    per_turn = row["cpu"]["per_turn_s"]
    assert set(per_turn) == {*STAGES, "other", "total"}, per_turn
    for stage in ("vad", "asr", "llm", "tts"):  # every stage did work, and the parts fit in the whole
        assert per_turn[stage] > 0, (stage, per_turn)
    assert sum(per_turn[s] for s in (*STAGES, "other")) <= per_turn["total"] + 0.05, per_turn
    assert 0 < row["cpu"]["busy_share"] <= 1.05, row["cpu"]


def test_capacity_embedded_reports_each_level(tmp_path: Path, model_store: Any) -> None:
    doc, stdout = _capacity(tmp_path, "--concurrency", "1,2")
    assert doc["meta"]["llm_mode"] == "embedded" and doc["meta"]["llm"] == FAST_LLM
    assert [row["level"] for row in doc["levels"]] == [1, 2]
    for row in doc["levels"]:
        _check_level(row)
    two = doc["levels"][1]
    assert two["phone_sessions"] == 1  # the second elder calls in over the Twilio bridge
    phone = [t for t in two["turn_list"] if t["kind"] == "phone"]
    # the call asked in the window; whether its one answer completes inside 9 s on a loaded machine
    # is latency, which the bench reports (one in four runs it did not: see the closing note)
    assert phone, two["turn_list"]
    # the gateway's own figures for the call's turns, joined from its log (no metrics message on a call)
    assert any(t["server"].get("source") == "voice" and t["server"]["asr_ms"] > 0 for t in phone), phone
    assert "server p50 ms, app | phone" in stdout, stdout
    assert doc["max_level_p95_within_budget"] in (0, 1, 2)
    assert "largest N with p95 <= 2 s" in stdout, stdout


def test_capacity_through_a_shared_llm_server(tmp_path: Path, model_store: Any) -> None:
    # two slots for two elders: the bench first caches the gateway's prompt (2,000 tokens with its tool
    # definitions) in every slot of the server, about 20 s a slot with the 0.5B here
    doc, _ = _capacity(tmp_path, "--capacity-llm", "shared", "--concurrency", "2", "--phone-every", "0",
                       slots=2)
    assert doc["meta"]["settings"]["llm_n_parallel"] == 2
    assert doc["meta"]["llm_mode"] == "shared" and "llm-server" in doc["meta"]["llm_server"]
    row = doc["levels"][0]
    _check_level(row)
    answered = [t for t in row["turn_list"] if t["ok"]]  # a failed turn's record has no backend
    assert answered and answered[0]["server"]["llm_backend"] == "llamacpp", row["turn_list"]
