"""The routing probe: new wording the router and the unknowable rules were not written from.

``routing_probe.tsv`` holds 120 questions (100 Mandarin, 20 English) written before the router's code
or tests were read, each with the route a real elderly user would want. Each runs through the same
decision a session makes before the LLM (:func:`assistant.pipeline.tooling.plan_text_turn`): the
misheard-words check, the router's tool, then the honest "cannot know" sentence, else the LLM. Pure
logic (no models; the hearing check loads jieba's dictionary, about a second).

Run as a script (``PYTHONPATH=$PWD python3 tests/tools/test_routing_probe.py``) for the per-class
accuracy and the list of confusions.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from assistant.llm.prompt import format_now_zh
from assistant.pipeline import unknowable
from assistant.pipeline.hearing import review
from assistant.tools.router import route

PROBE = Path(__file__).with_name("routing_probe.tsv")
SECOND = Path(__file__).with_name("routing_probe_2.tsv")  # a second round, written after the first fixes
THIRD = Path(__file__).with_name("routing_probe_3.tsv")  # and a third, after the second round's fixes
FOURTH = Path(__file__).with_name("routing_probe_4.tsv")
FIFTH = Path(__file__).with_name("routing_probe_5.tsv")
SIXTH = Path(__file__).with_name("routing_probe_6.tsv")
SEVENTH = Path(__file__).with_name("routing_probe_7.tsv")
EIGHTH = Path(__file__).with_name("routing_probe_8.tsv")
ROUNDS = (PROBE, SECOND, THIRD, FOURTH, FIFTH, SIXTH, SEVENTH, EIGHTH)
_KIND = {"clock": "clock", "weather": "weather", "reminders": "reminder", "calculator": "calc"}
# Each round is a development set once its misses were fixed, so it must stay (almost) fully right:
# 98% leaves two misses in the first 120 for a deliberate trade-off, none in the smaller later rounds.
# It measures no generalisation any more: each round's first run did (98/120, 34/42, 35/47, 50/64, 50/62,
# 57/70, 58/70, 59/70).
THRESHOLD = 0.98
NOW = datetime(2026, 11, 30, 15, 40)


def decide(text: str, language: str = "zh") -> str:
    """The route a session takes for ``text``: "ask" (asked back as misheard), a tool's kind,
    "fixed" (a fixed fact said in code), "unknowable", or "llm". No ASR transcript: the words are taken
    as typed."""
    hearing = review(text, language=language, transcript=None, clock_line=format_now_zh(NOW))
    if hearing.ask:
        return "ask"
    text = hearing.text if hearing.heard else text
    call = route(text)
    if call is not None:
        return _KIND[call.name]
    if unknowable.fixed_answer(text, language) is not None:
        return "fixed"  # a fixed fact said in code ("新闻联播几点开始")
    if unknowable.honest_reply(text, language) is not None:
        return "unknowable"
    return "llm"


def load(path: Path = PROBE) -> list[tuple[str, str, str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            expected, language, question = line.split("\t")
            rows.append((expected, language, question))
    return rows


def confusions(path: Path = PROBE) -> tuple[Counter[str], Counter[str], list[str]]:
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    wrong: list[str] = []
    for expected, language, question in load(path):
        got = decide(question, language)
        total[expected] += 1
        if got == expected:
            right[expected] += 1
        else:
            wrong.append(f"{expected:>10} -> {got:<10} [{language}] {question}")
    return total, right, wrong


def test_probe_has_every_class_and_both_languages() -> None:
    rows = load()
    assert {r[0] for r in rows} == {"clock", "weather", "reminder", "calc", "unknowable", "llm"}
    assert Counter(r[1] for r in rows) == {"zh": 100, "en": 20}


@pytest.mark.parametrize("path", ROUNDS, ids=[path.stem for path in ROUNDS])
def test_routing_probe_accuracy(path: Path) -> None:
    total, right, wrong = confusions(path)
    accuracy = sum(right.values()) / sum(total.values())
    assert accuracy >= THRESHOLD, "\n".join(wrong)


if __name__ == "__main__":
    for probe in ROUNDS:
        total, right, wrong = confusions(probe)
        print(probe.name, " ".join(f"{kind} {right[kind]}/{total[kind]}" for kind in sorted(total)),
              f"all {sum(right.values())}/{sum(total.values())}")
        print("\n".join(wrong))
