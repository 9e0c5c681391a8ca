"""The physical-request probe (hands_probe.tsv), written before assistant/pipeline/hands.py, and a
held-out set written after its first rules (hands_holdout.tsv; pure logic).

Each row runs through the order a session takes: an emergency first (its answer always wins), then the
answers in code before it (:mod:`assistant.pipeline.safe_answers`, the topics of
:mod:`assistant.pipeline.selfhelp`), then :func:`assistant.pipeline.hands.kind` as ``selfhelp.reply``
asks it: "hands" for a fetch, switch, chore or errand, "moon" for the sky put into something, "-" left
alone. Both files are development sets now: every row must stay right. The first runs (probe: 30 of 67
before the module, none of the 37 requests answered; held out: 31 of 35, the fair figure for new
wording) are in the files' headers.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from probe_rows import tsv_rows

from assistant.care.emergency import detect_emergency
from assistant.pipeline import hands, safe_answers, selfhelp

PROBE = Path(__file__).with_name("hands_probe.tsv")
HOLDOUT = Path(__file__).with_name("hands_holdout.tsv")
FILES = pytest.mark.parametrize("path", [PROBE, HOLDOUT], ids=["probe", "holdout"])
SEEN = {"sky": "moon"}  # the file's name for a kind; every other kind is a plain "hands"
# Selfhelp topics added after these files: their rows were written as left alone ("关掉声音。", "-"), and
# hands still leaves them alone.
LATER_TOPICS = {"volume", "delete"}


def rows(*paths: Path) -> list[tuple[str, str, str]]:
    return [(expected, language, text) for path in paths or (PROBE, HOLDOUT)
            for expected, language, text in tsv_rows(path)]


def decide(text: str, language: str) -> str:
    """"hands", "moon", "-" (left alone) or what answered first (an emergency, a safe answer, a topic)."""
    if detect_emergency(text) is not None:
        return "emergency"
    if safe := safe_answers.answer(text, language, reminders=True):
        return safe[0]
    helped = selfhelp.reply(text, language)
    if helped is None or helped[0] in LATER_TOPICS:
        return "-"
    kind = helped[0].removeprefix("hands_")
    return SEEN.get(kind, "hands") if kind in hands.KINDS else helped[0]


@FILES
def test_each_file_has_every_kind_in_both_languages(path: Path) -> None:
    found = rows(path)
    counts = Counter(expected for expected, *_ in found)
    assert len(found) >= (45 if path == PROBE else 30) and set(counts) == {"hands", "moon", "-"}
    assert counts["hands"] + counts["moon"] >= 15 and counts["-"] >= 15
    assert sum(language == "en" for _, language, _ in found) >= 10


@pytest.mark.parametrize(("expected", "language", "text"), rows())
def test_each_row_is_decided_as_expected(expected: str, language: str, text: str) -> None:
    assert decide(text, language) == expected


@pytest.mark.parametrize(("expected", "language", "text"), [row for row in rows() if row[0] != "-"])
def test_each_request_gets_a_short_answer_that_it_cannot(expected: str, language: str, text: str) -> None:
    said = hands.answer(text, language)
    assert said is not None
    reply = said[1]
    assert len(reply) <= (60 if language == "zh" else 190)
    assert reply.isascii() == (language == "en")
    assert any(word in reply for word in ("不了", "没有手", "放不进去", "can't", "no hands"))
    if expected == "moon":
        assert "放不进去" in reply or "won't fit" in reply


if __name__ == "__main__":
    for expected, language, text in rows():
        got = decide(text, language)
        print(("ok  " if got == expected else "MISS"), f"{expected:>6} {got:>14}  {text}")


@pytest.mark.parametrize(("text", "language"), [
    ("帮我开一下门，有人敲门。", "zh"), ("你帮我把门打开吧", "zh"), ("Could you open the door?", "en")])
def test_opening_the_door_for_someone_says_to_ask_who_it_is_first(text: str, language: str) -> None:
    found = hands.answer(text, language)
    assert found is not None and found[0] == "door"
    assert ("问清楚是谁" in found[1]) if language == "zh" else ("ask who it is" in found[1])


@pytest.mark.parametrize("text", ["帮我把门锁上", "帮我把冰箱门关上", "把柜门打开吧"])
def test_locking_a_door_or_opening_a_cupboard_is_no_door_answer(text: str) -> None:
    found = hands.answer(text, "zh")
    assert found is not None and found[0] == "switch"
