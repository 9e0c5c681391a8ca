"""Emergency detection (pure logic), measured on the phrase sets kept next to this file."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.care.emergency import (
    Emergency,
    EmergencyAdvice,
    detect_emergency,
    emergency_reply,
    spoken_digits,
)

HERE = Path(__file__).parent


def load(name: str) -> list[tuple[bool, str]]:
    rows = []
    for line in (HERE / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            label, phrase = line.split("\t")
            rows.append((label == "1", phrase))
    return rows


def scores(rows: list[tuple[bool, str]]) -> tuple[float, float, list[str]]:
    """(precision, recall, mistakes)."""
    tp = fp = fn = 0
    wrong = []
    for truth, phrase in rows:
        got = detect_emergency(phrase) is not None
        tp += truth and got
        fp += got and not truth
        fn += truth and not got
        if got != truth:
            wrong.append(phrase)
    return tp / max(1, tp + fp), tp / max(1, tp + fn), wrong


@pytest.mark.parametrize("name", ["emergency_phrases.tsv", "emergency_heldout.tsv"])
def test_precision_and_recall(name: str) -> None:
    rows = load(name)
    assert sum(t for t, _ in rows) >= 15 and sum(not t for t, _ in rows) >= 15
    precision, recall, wrong = scores(rows)
    print(f"{name}: {len(rows)} phrases, precision {precision:.3f}, recall {recall:.3f}, wrong: {wrong}")
    assert recall == 1.0, wrong  # a missed emergency is the worse error
    assert precision >= 0.95, wrong


def test_phrase_sets_hold_at_least_40_phrases_in_all() -> None:
    assert len(load("emergency_phrases.tsv")) + len(load("emergency_heldout.tsv")) >= 40


@pytest.mark.parametrize(("text", "kind"), [
    ("我摔倒了，起不来了", "fall"), ("救命", "help"), ("胸口疼得厉害", "chest"), ("喘不上气", "breath"),
    ("I've fallen and I can't get up", "fall"), ("I can't breathe", "breath"),
])
def test_kinds(text: str, kind: str) -> None:
    found = detect_emergency(text)
    assert found is not None and found.kind == kind and found.text == text


@pytest.mark.parametrize("text", ["电视里有人摔倒了", "我没摔倒", "要是摔倒了怎么办", "听说他摔倒了",
                                  "去年摔了一跤", "", "   "])
def test_not_emergencies(text: str) -> None:
    assert detect_emergency(text) is None


def test_replies() -> None:
    fall = Emergency(kind="fall", phrase="摔倒了", text="我摔倒了，起不来了")
    zh = emergency_reply(fall, language="zh")
    assert "一二零" in zh and "家人" in zh
    with_phone = EmergencyAdvice(family_phone="138 0000 0000")
    assert "一三八" in emergency_reply(fall, language="zh", advice=with_phone)
    en = emergency_reply(fall, language="en", advice=EmergencyAdvice(number="911"))
    assert "911" in en and "family" in en
    fire = emergency_reply(Emergency(kind="fire", phrase="着火了", text="着火了"), language="zh")
    assert "一一九" in fire
    assert spoken_digits("120") == "一二零"
