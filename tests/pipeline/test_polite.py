"""您 for 你 in a model's Chinese answer (pure logic)."""

from __future__ import annotations

import pytest

from assistant.pipeline.polite import Polite


@pytest.mark.parametrize(("clause", "said"), [
    ("你可能是因为消化不良引起的腹泻，", "您可能是因为消化不良引起的腹泻，"),  # the 1.5B (blind probe)
    ("恭喜你孙子！", "恭喜您孙子！"),
    ("你们一家人真好。", "你们一家人真好。"),  # a plural stays
    ("这台迷你冰箱很省电。", "这台迷你冰箱很省电。"),
    ("大家你追我赶，你干得真好。", "大家你追我赶，您干得真好。"),
    ("English stays as it is.", "English stays as it is."),
])
def test_you_is_the_polite_you(clause: str, said: str) -> None:
    assert Polite().clause(clause) == said


def test_words_in_quotation_marks_are_left_as_said() -> None:
    polite = Polite()
    clauses = ["狐狸对乌鸦说：“你的声音真好听，", "你唱一首吧。”", "你看，", "乌鸦就张开了嘴。"]
    assert [polite.clause(c) for c in clauses] == [
        "狐狸对乌鸦说：“你的声音真好听，", "你唱一首吧。”", "您看，", "乌鸦就张开了嘴。"]


def test_a_quotation_inside_one_clause() -> None:
    assert Polite().clause("你记住「你好」怎么说。") == "您记住「你好」怎么说。"
