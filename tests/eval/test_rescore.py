"""A saved run is scored again with the current rules, against the clock it was answered at."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.eval.run import rescore


def _turn(qid: str, reply: str, at: str, **kw: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": qid,
        "category": "x",
        "variant": "clean",
        "lang": "zh",
        "tool": True,
        "question": "?",
        "transcript": "今天星期几",
        "reply": reply,
        "voice_to_voice_ms": 900.0,
        "error": "",
        "at": at,
    }
    base.update(kw)
    return base


def test_rescore_uses_each_answers_clock(tmp_path: Path) -> None:
    doc = {
        "meta": {"llm": "m", "questions": 3, "started": "2026-11-30T15:00:00+08:00"},
        "turns": [
            _turn("weekday", "今天是星期一。", "2026-11-30T15:01:00+08:00"),
            _turn("weekday", "今天是星期一。", "2026-12-01T09:00:00+08:00", variant="phone"),
            _turn("weather-today", "今天晴，二十度。", "2026-11-30T15:02:00+08:00"),
            _turn("no-such-question", "好", "2026-11-30T15:03:00+08:00"),
        ],
    }
    path = tmp_path / "run.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    out = rescore(path)
    assert [t["correct"] for t in out["turns"]] == [True, False, False]
    assert out["variants"]["clean"]["accuracy"] == {"correct": 1, "total": 2, "rate": 0.5}
    assert out["overall"]["invented"] == 2  # Monday on a Tuesday, and a made-up sky
    assert out["meta"]["rescored_from"] == str(path)
