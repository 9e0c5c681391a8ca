"""The food-safety probe (food_safety_probe.tsv), written before assistant/pipeline/food_safety.py (pure
logic). Each row runs through the answers in code in a session's order
(:mod:`assistant.pipeline.safe_answers`): a food question must be answered by food_safety with its kind, an
ordinary one by none of them. The probe is a development set now: every row must stay right; its first run
is in the file's header."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from probe_rows import safe_outcome, tsv_rows

from assistant.pipeline import food_safety

PROBE = Path(__file__).with_name("food_safety_probe.tsv")
KINDS = {"sprouted", "mould", "mushroom", "beans", "leftover", "expired", "-"}


def decide(text: str, language: str) -> str:
    """The food kind answered, "-" when no rule answers, or the other rule that took it."""
    return safe_outcome(text, language, "food_safety")[0]


def test_the_probe_has_every_kind_in_both_languages() -> None:
    rows = tsv_rows(PROBE)
    assert len(rows) >= 40 and set(Counter(expected for expected, *_ in rows)) == KINDS
    assert {language for _, language, _ in rows} == {"zh", "en"}


def test_every_row_is_answered_as_expected() -> None:
    wrong = [(expected, got, text) for expected, language, text in tsv_rows(PROBE)
             if (got := decide(text, language)) != expected]
    assert wrong == []


@pytest.mark.parametrize("text", ["我的会员过期了还能用吗？", "衣服发霉了还能穿吗？", "剩下的钱还能用吗？",
                                  "过期的药还能吃吗？", "墙上发霉了怎么办？", "身份证过期了怎么办？"])
def test_what_is_not_food_is_left_alone(text: str) -> None:
    """Mould on a wall, an expired card, medicine (dose_safety's): no food answer."""
    assert food_safety.advice(text, "zh") is None


ANSWERS = [("发霉的花生洗洗还能吃吗？", ("扔",)), ("山上采的野蘑菇能炒着吃吗？", ("别吃",)),
           ("隔夜的菜热一热能吃吧？", ("冰箱", "热透")),
           ("Can I still eat potatoes that have sprouted?", ("poisonous",))]


@pytest.mark.parametrize(("text", "words"), ANSWERS)
def test_the_answer_says_what_to_do(text: str, words: tuple[str, ...]) -> None:
    found = food_safety.advice(text, "en" if text.isascii() else "zh")
    assert found is not None and all(word in found[1] for word in words)


if __name__ == "__main__":
    for expected, language, text in tsv_rows(PROBE):
        got = decide(text, language)
        print(("ok  " if got == expected else "MISS"), f"{expected:>9} {got:>9}  {text}")
