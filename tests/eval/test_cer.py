"""CER after conversion to Simplified, with and without punctuation."""

from __future__ import annotations

import pytest

from assistant.asr.filter import SimplifiedConverter
from assistant.eval.cer import cer, char_errors, normalize


@pytest.fixture(scope="module")
def simplify() -> SimplifiedConverter:
    return SimplifiedConverter()


def test_traditional_and_punctuation(simplify: SimplifiedConverter) -> None:
    ref = "明天早上八点提醒我吃降压药。"
    assert cer([(ref, "明天早上八點，提醒我吃降壓藥")], punctuation=False, simplify=simplify).edits == 0
    with_punct = cer([(ref, "明天早上八點，提醒我吃降壓藥")], punctuation=True, simplify=simplify)
    assert with_punct.edits == 2 and with_punct.chars == len(ref)  # "，" inserted, "。" missing


def test_numerals_count_as_the_same_without_punctuation(simplify: SimplifiedConverter) -> None:
    assert cer([("明天早上八点", "明天早上8点")], punctuation=False, simplify=simplify).edits == 0
    assert cer([("明天早上八点", "明天早上8点")], punctuation=True, simplify=simplify).edits == 1


def test_known_misrecognitions() -> None:
    errors = char_errors(
        normalize("高血压的人平时饮食要注意什么", punctuation=False),
        normalize("高血亚的人平尸以食要注意什么", punctuation=False),
    )
    assert (errors.edits, errors.chars) == (3, 14)
    assert errors.rate == pytest.approx(3 / 14)


def test_english_is_compared_in_lower_case_without_marks() -> None:
    assert normalize("What is the capital of France?", punctuation=False) == "what is the capital of france"
    assert cer([("What time is it now?", "what time is it now")], punctuation=False).edits == 0
    assert cer([("What time is it now?", "what time is it now")], punctuation=True).edits == 1
    assert cer([("What is twelve times twelve?", "What is 12 times 12?")], punctuation=False).edits == 0


def test_set_rate_is_a_micro_average() -> None:
    errors = cer([("一二三四", "一二三四"), ("五六", "五七")], punctuation=False)
    assert (errors.edits, errors.chars) == (1, 6)
    assert cer([], punctuation=False).rate == 0.0
