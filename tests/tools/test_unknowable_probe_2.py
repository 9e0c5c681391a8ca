"""Unknowable probe 2 (probe 32; tests/pipeline/unknowable_probe_2.tsv): questions only a live source can
answer (news, today's prices of food, gold, petrol, shares, funds and money, results, lottery numbers,
tonight's TV, traffic, a place open today, this year's pension and insurance changes, a neighbour's or a
famous person's latest, a flight or a train now, an outage), many in colloquial or misheard words, beside
sound rows with the same words (knowledge, chat, sums with her own prices, weather, the clock). Each runs
through :func:`test_routing_probe.decide`; a neighbour asked of may also get own_life's "nobody told me",
a can't-know answer in code too. Its guard side is tests/pipeline/test_unknowable_guard_probe_2.py.

Written blind; first run 83/108 (see the file's header). A development set now: every row must stay right.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from test_routing_probe import decide

from assistant.pipeline import unknowable
from assistant.pipeline.own_life import own_life

PROBE = Path(__file__).parents[1] / "pipeline" / "unknowable_probe_2.tsv"


def rows() -> list[tuple[str, str, str]]:
    lines = PROBE.read_text(encoding="utf-8").splitlines()
    return [(cells[0], cells[1], cells[2]) for cells in
            (line.split("\t") for line in lines if line.strip() and not line.startswith("#"))]


def outcome(text: str, language: str) -> str:
    got = decide(text, language)
    return "unknowable" if got == "llm" and own_life(text, language, "") else got


def test_the_probe_has_live_and_sound_rows_in_both_languages() -> None:
    counts = Counter(expected for expected, *_ in rows())
    assert counts["unknowable"] >= 60 and counts["llm"] >= 15 and counts["calc"] >= 5
    assert {"weather", "clock", "fixed"} < set(counts)
    assert sum(language == "en" for _, language, _ in rows()) >= 12


@pytest.mark.parametrize(("expected", "language", "text"), rows())
def test_each_row_is_decided_as_expected(expected: str, language: str, text: str) -> None:
    assert outcome(text, language) == expected


@pytest.mark.parametrize(("expected", "language", "text"), [row for row in rows() if row[0] == "unknowable"])
def test_a_live_question_gets_a_sentence_without_a_figure(expected: str, language: str, text: str) -> None:
    said = unknowable.honest_reply(text, language)
    if said is not None:  # own_life's answer otherwise
        assert not any(ch.isdigit() for ch in said)


if __name__ == "__main__":
    total, right = Counter[str](), Counter[str]()
    for expected, language, text in rows():
        got = outcome(text, language)
        total[expected] += 1
        right[expected] += got == expected
        if got != expected:
            print(f"{expected:>10} -> {got:<10} [{language}] {text}")
    print(" ".join(f"{kind} {right[kind]}/{total[kind]}" for kind in sorted(total)))
