"""The doctor-signs probe (doctor_signs_probe.tsv), written before assistant/pipeline/doctor_signs.py (pure
logic). Each row runs as a session takes it: an emergency first, then the answers in code in their order
(:mod:`assistant.pipeline.safe_answers`): a sign must be answered by doctor_signs with its kind, an ordinary
utterance by none of them. The probe is a development set now; its first run is in the file's header."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from probe_rows import safe_outcome, tsv_rows

from assistant.care.emergency import detect_emergency
from assistant.pipeline import doctor_signs

PROBE = Path(__file__).with_name("doctor_signs_probe.tsv")
KINDS = {"eye", "thirst", "stool", "swelling", "memory", "cough", "night", "-", "emergency"}


def decide(text: str, language: str) -> str:
    """The sign's kind, "-" when no rule answers, "emergency", or the other rule that took it."""
    if detect_emergency(text) is not None:
        return "emergency"
    outcome, reply = safe_outcome(text, language, "doctor_signs")
    if outcome != "-":
        assert any(w in reply for w in ("医生", "医院", "doctor")), reply
        assert any(w in reply for w in ("家人", "family")), reply
    return outcome


def test_the_probe_has_every_kind_in_both_languages() -> None:
    rows = tsv_rows(PROBE)
    assert len(rows) >= 30 and set(Counter(expected for expected, *_ in rows)) == KINDS
    assert {language for _, language, _ in rows} == {"zh", "en"}


def test_every_row_is_answered_as_expected() -> None:
    wrong = [(expected, got, text) for expected, language, text in tsv_rows(PROBE)
             if (got := decide(text, language)) != expected]
    assert wrong == []


if __name__ == "__main__":
    for expected, language, text in tsv_rows(PROBE):
        got = decide(text, language)
        print(("ok  " if got == expected else "MISS"), f"{expected:>9} {got:>9}  {text}")


def test_thirst_with_a_plain_cause_told_with_it_is_no_sign() -> None:
    for said in ("天气干燥老口渴", "暖气太热，老是口干", "I am always thirsty because of the dry air"):
        assert doctor_signs.advice(said, "zh") is None, said
    assert doctor_signs.advice("最近老是口渴，一天喝好多水", "zh") is not None
