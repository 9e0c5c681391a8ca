"""The end-of-turn judgement on probe 1 (tests/pipeline/endpoint_probe.tsv): 100 paused utterances
written before the rules were read, run through :func:`assistant.pipeline.endpoint.judge`.

Thresholds, and why:
- No unfinished fragment judged finished: that answers half a sentence, the failure the issue is about.
- No finished utterance judged unfinished: each one makes a whole question wait 1.8 s instead of 0.4 s.
- At least 90% of the fragments judged unfinished: a miss falls back to the ordinary 700 ms (the old
  fixed wait), which an elder's pause often outlasts, but it is not a new harm.
- At least 20 of the 46 finished utterances judged finished: by design only questions (and requests
  ending in 吧) are answered sooner; statements and other requests ("谢谢", "我有点头晕", "Tell me a
  joke") keep the ordinary wait, since an elder often goes on after them (tests/pipeline/test_endpoint.py).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from assistant.pipeline.endpoint import Verdict, judge

PROBE = Path(__file__).with_name("endpoint_probe.tsv")


def probe_rows() -> list[tuple[Verdict, str, str]]:
    rows = []
    for line in PROBE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            expected, language, text = line.split("\t")
            rows.append((Verdict(expected), language, text))
    return rows


def test_the_probe_is_read_whole() -> None:
    rows = probe_rows()
    assert len(rows) == 100
    assert {language for _, language, _ in rows} == {"zh", "en"}
    assert {verdict for verdict, _, _ in rows} == set(Verdict)


def test_the_probe_is_judged_within_its_thresholds() -> None:
    rows = probe_rows()
    counts = Counter((expected, judge(text)) for expected, _, text in rows)
    wrong = [f"{expected.value} -> {judge(text).value}: {text}" for expected, _, text in rows
             if judge(text) is not expected]
    fragments = sum(1 for expected, _, _ in rows if expected is Verdict.UNFINISHED)
    assert counts[(Verdict.UNFINISHED, Verdict.FINISHED)] == 0, wrong
    assert counts[(Verdict.FINISHED, Verdict.UNFINISHED)] == 0, wrong
    assert counts[(Verdict.UNFINISHED, Verdict.UNFINISHED)] >= 0.9 * fragments, wrong
    assert counts[(Verdict.FINISHED, Verdict.FINISHED)] >= 20, wrong
