"""The shipped question set loads, covers the categories the issue asks for, and bad data is refused."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.eval.questions import CATEGORIES, load_questions, parse_question


def test_shipped_set() -> None:
    questions = load_questions()
    assert len(questions) >= 80
    counts = Counter(q.category for q in questions)
    assert set(counts) == set(CATEGORIES) and min(counts.values()) >= 5, counts
    assert {q.category for q in questions if q.quick} == set(CATEGORIES)
    assert {q.lang for q in questions} == {"zh", "en"}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"id": "a", "category": "facts", "lang": "zh", "text": "你好"}, "cannot be scored"),
        ({"id": "a", "category": "gossip", "lang": "zh", "text": "你好", "any": ["好"]}, "unknown category"),
        ({"id": "a", "category": "facts", "lang": "fr", "text": "bonjour", "any": ["x"]}, "lang"),
        (
            {"id": "a", "category": "facts", "lang": "zh", "text": "你好", "rules": ["no_such"]},
            "unknown rule",
        ),
        (
            {"id": "a", "category": "facts", "lang": "zh", "text": "你好", "rules": ["min_chars:x"]},
            "min_chars",
        ),
        (
            {"id": "a", "category": "facts", "lang": "zh", "text": "你好", "rules": ["date_next:9"]},
            "weekday 1-7",
        ),
        ({"id": "a", "category": "facts", "lang": "zh", "text": "你好", "any": "好"}, "list"),
        (
            {"id": "a", "category": "facts", "lang": "zh", "text": "你好", "any": ["好"], "colour": 1},
            "unknown field",
        ),
    ],
)
def test_bad_questions_are_refused(raw: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_question(raw)


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    one = '[[question]]\nid = "a"\ncategory = "facts"\nlang = "zh"\ntext = "你好"\nany = ["好"]\n'
    path = tmp_path / "q.toml"
    path.write_text(one + one, encoding="utf-8")
    with pytest.raises(ConfigError, match="twice"):
        load_questions(path)


def test_a_held_out_set_of_ones_own_is_read_instead_of_the_shipped_one(tmp_path: Path) -> None:
    from assistant.eval.run import _question_set

    own = tmp_path / "held_out.toml"
    own.write_text('[[question]]\nid = "h1"\ncategory = "facts"\nlang = "zh"\ntext = "一年有几个月？"\n'
                   'any = ["12"]\n', encoding="utf-8")
    assert [q.id for q in _question_set(str(own))] == ["h1"]
    assert len(_question_set("")) == len(load_questions())
    with pytest.raises(ConfigError, match="cannot read"):
        _question_set(str(tmp_path / "missing.toml"))


HELD_OUT = Path(__file__).with_name("heldout")


def test_every_held_out_set_loads_and_names_no_shipped_question() -> None:
    """The held-out sets (``tests/eval/heldout/*.toml``, written blind for ``eval --questions``) are real
    question files: each loads, and none repeats an id or a sentence of the shipped set."""
    shipped = load_questions()
    ids, texts = {q.id for q in shipped}, {q.text for q in shipped}
    files = sorted(HELD_OUT.glob("*.toml"))
    for path in files:
        held = load_questions(path)
        assert held, path
        assert not ids & {q.id for q in held}, path
        assert not texts & {q.text for q in held}, path
