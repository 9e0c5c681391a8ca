"""Discovery 13's probe (discovery13_probe.tsv; its blind questions are discovery13_questions.tsv): one
more pill on her own (:mod:`assistant.pipeline.dose_safety`), a card a cash machine kept and the steps on
her television (:mod:`assistant.pipeline.unknowable_phone`), where someone else is now (own_life), her
birthday nobody remembered, her worry for someone in hospital, a child not home for the new year
(:mod:`assistant.pipeline.feelings`), and a poem, story, 歇后语 or song told whole
(:mod:`assistant.pipeline.recitals`); and misheard words read as meant whose answer is not cut for
repeating a garble (:mod:`assistant.pipeline.hearing`). Pure logic.

The probe is a development set now: every row must stay right.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from guard_stream import through_guard
from probe_rows import tsv_rows

from assistant.pipeline import feelings, recitals, safe_answers, unknowable
from assistant.pipeline.hearing import review
from assistant.pipeline.own_life import own_life

PROBE = Path(__file__).with_name("discovery13_probe.tsv")


def decide(text: str, language: str) -> str:
    """What of the answers in code takes ``text``, in a session's order, or "-"."""
    if safe := safe_answers.answer(text, language, reminders=True):
        return f"dose:{safe[1]}" if safe[0] == "dose_safety" else f"{safe[0]}:{safe[1]}"
    if topic := unknowable.topic_of(text):
        return f"unknowable:{topic}"
    if asked := own_life(text, language, ""):
        return f"own:{asked[0]}"
    if felt := feelings.comfort(text, language):
        return f"feeling:{felt[0]}"
    if recited := recitals.recital(text, language):
        return f"recital:{recited[0]}"
    return "-"


def test_the_probe_has_every_kind_and_sound_rows() -> None:
    counts = Counter(expected for expected, *_ in tsv_rows(PROBE))
    assert {"dose:change", "own:whereabouts", "unknowable:card_kept", "unknowable:tv_steps",
            "feeling:birthday", "feeling:worry", "feeling:miss",
            "recital:poem", "recital:story", "recital:saying", "recital:song"} < set(counts)
    assert counts["-"] >= 18 and sum(language == "en" for _, language, _ in tsv_rows(PROBE)) >= 6


@pytest.mark.parametrize(("expected", "language", "text"), tsv_rows(PROBE))
def test_each_row_is_decided_as_expected(expected: str, language: str, text: str) -> None:
    assert decide(text, language) == expected


@pytest.mark.parametrize("text", ["念一首杜甫的诗", "背首唐诗", "讲个成语故事", "说个歇后语", "唱一首茉莉花"])
def test_a_piece_is_told_whole(text: str) -> None:
    found = recitals.recital(text, "zh")
    assert found is not None
    piece = next(p for p in recitals.PIECES if p.text in found[1])
    assert piece.kind == found[0] and found[1].endswith(piece.text)


@pytest.mark.parametrize(("heard", "meant", "answer"), [
    ("西红市炒鸡蛋怎么做？", "西红柿炒鸡蛋怎么做？", "西红柿炒鸡蛋，先把鸡蛋炒好盛出来。"),
    ("唐尿病能吃米饭吗？", "糖尿病能吃米饭吗？", "糖尿病人吃米饭要控制量。"),
    ("将压药饭前吃还是饭后吃？", "降压药饭前吃还是饭后吃？", "降压药怎么吃，按说明书或者医嘱。"),
    ("给我讲个姑事吧。", "给我讲个故事吧。", "从前有座山，山上有座庙。"),
])
def test_a_word_read_as_meant_may_be_said_in_the_answer(heard: str, meant: str, answer: str) -> None:
    hearing = review(heard, language="zh")
    assert hearing.text == meant
    _, guard = through_guard(answer, question=hearing.text, garbled=hearing.garbled)
    assert not guard.violations


@pytest.mark.parametrize(("heard", "answer"), [("唐尿病能吃米饭吗？", "唐尿病人少吃米饭。"),
                                               ("西红市炒鸡蛋怎么做？", "西红市炒鸡蛋要先放油。")])
def test_the_garble_itself_repeated_is_still_caught(heard: str, answer: str) -> None:
    hearing = review(heard, language="zh")
    _, guard = through_guard(answer, question=hearing.text, garbled=hearing.garbled)
    assert guard.violations


def test_a_stock_question_heard_with_a_garble_stays_the_stock_market() -> None:
    assert review("股事今天涨了吗", language="zh").text == "股市今天涨了吗"
