"""Probe 24 (compound_probe.tsv), written blind: 44 turns that hold two or three requests joined by a
connector ("先提醒我吃药，再告诉我明天天气", "What time is it, and then set a reminder at 8 pm to take my
pills"), 8 English, 4 of three requests; and 37 single requests that merely contain such a word
("我先吃饭再吃药可以吗？", "提醒我明天先吃药再吃饭", "还有多久过年", "先这样吧，再见"), 5 English.

Each split row must be cut into its requests, in order, each holding its key word and each routed as
expected (a tool's name, or "llm": no tool); each whole row must stay one request (then it is answered as
before: :func:`assistant.pipeline.compound.parts` gives it back unchanged). Pure logic (no models).

First run (the splitter as first written, before any fix): split 39/44, whole 36/37. Missed: the router
took no "帮我定个八点的闹钟" or "帮我设个后天上午九点的提醒" (a time between 定/设 and 闹钟/提醒) nor
"帮我算一下三十八乘以十二" (一下 read as the number one), and "Can I take my pills first and then eat?" was
cut at "and then" ("eat?" was taken for a question). After: 44/44 and 37/37.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from probe_rows import tsv_rows

from assistant.pipeline.compound import parts
from assistant.tools.router import route

PROBE = Path(__file__).with_name("compound_probe.tsv")
ROWS = tsv_rows(PROBE)
LABELS = {"clock": "clock", "weather": "weather", "reminders": "reminder", "calculator": "calc"}


def label(piece: str) -> str:
    call = route(piece)
    return LABELS.get(call.name, call.name) if call is not None else "llm"


def test_the_probe_is_read_whole() -> None:
    kinds = [row[0] for row in ROWS]
    assert kinds.count("split") == 44 and kinds.count("whole") == 37
    assert sum(1 for row in ROWS if row[0] == "split" and row[3].count("+") == 2) == 4
    assert {row[1] for row in ROWS} == {"zh", "en"}


@pytest.mark.parametrize(("kind", "language", "text", "expected", "keys"), ROWS)
def test_each_row(kind: str, language: str, text: str, expected: str, keys: str) -> None:
    got = parts(text)
    if kind == "whole":
        assert got == [text], got
        return
    assert [label(piece) for piece in got] == expected.split("+"), got
    assert len(got) == len(keys.split("|"))
    for key, piece in zip(keys.split("|"), got, strict=True):
        assert key.lower() in piece.lower(), (key, piece)
