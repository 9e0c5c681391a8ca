"""The self-help probe (selfhelp_probe.tsv): questions about the assistant itself and hard negatives,
written before the rules (pure logic).

Each row runs through the order a session takes: an emergency first (its answer always wins), then a
photo the turn carries (the vision answer), then :func:`assistant.pipeline.selfhelp.topic`. The probe is
a development set now: every row must stay right. Its first run is in the file's header.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from assistant.care.emergency import detect_emergency
from assistant.pipeline import selfhelp

PROBE = Path(__file__).with_name("selfhelp_probe.tsv")


def rows() -> list[tuple[str, str, str, str]]:
    out = []
    for line in PROBE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            expected, photo, text, kind = line.split("\t")
            out.append((expected, photo, text, kind))
    return out


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
    assert set(counts) == {*selfhelp.TOPICS, "none", "emergency"}
    assert counts["none"] == 25 and counts["emergency"] == 2
    assert sum(1 for _, _, text, _ in found if text.isascii()) == 15


def test_every_row_is_decided_as_expected() -> None:
    wrong = [(expected, got, text) for expected, photo, text, _ in rows()
             if (got := decide(text, photo == "photo")) != expected]
    assert wrong == []


if __name__ == "__main__":
    for expected, photo, text, _ in rows():
        got = decide(text, photo == "photo")
        print(("ok  " if got == expected else "MISS"), f"{expected:>14} {got:>14}  {text}")
