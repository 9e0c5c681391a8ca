"""The money-safety probe (money_safety_probe.tsv), written before assistant/pipeline/money_safety.py (pure
logic). Each row runs through the answers in code in a session's order
(:mod:`assistant.pipeline.safe_answers`): a money or legal decision must be answered by money_safety with its
kind, a fraud by scam.py, an ordinary utterance by none of them. The probe is a development set now; its
first run is in the file's header."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from probe_rows import safe_outcome, tsv_rows

from assistant.care.emergency import detect_emergency

PROBE = Path(__file__).with_name("money_safety_probe.tsv")
KINDS = {"product", "lend", "house", "will", "estate", "scam", "-"}


def decide(text: str, language: str) -> str:
    """The decision's kind, "-" when no rule answers, "scam", or the other rule that took it."""
    assert detect_emergency(text) is None, text  # nothing here is an emergency
    outcome, reply = safe_outcome(text, language, "money_safety")
    assert "可以买" not in reply, reply
    return "scam" if outcome.startswith("scam:") else outcome


def test_the_probe_has_every_kind_in_both_languages() -> None:
    rows = tsv_rows(PROBE)
    counts = Counter(expected for expected, *_ in rows)
    assert set(counts) == KINDS and {language for _, language, _ in rows} == {"zh", "en"}
    assert sum(n for kind, n in counts.items() if kind not in ("-", "scam")) >= 30 and counts["-"] >= 20
    assert sum(language == "en" for _, language, _ in rows) >= 10


def test_every_row_is_answered_as_expected() -> None:
    wrong = [(expected, got, text) for expected, language, text in tsv_rows(PROBE)
             if (got := decide(text, language)) != expected]
    assert wrong == []


if __name__ == "__main__":
    for expected, language, text in tsv_rows(PROBE):
        got = decide(text, language)
        print(("ok  " if got == expected else "MISS"), f"{expected:>9} {got:>9}  {text}")
