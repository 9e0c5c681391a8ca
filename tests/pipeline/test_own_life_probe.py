"""Questions about her own life (assistant/pipeline/own_life.py) on the blind probe
tests/pipeline/own_life_probe.tsv: 48 own-life questions (10 English, many colloquial: 俺闺女, 我那口子,
我药吃了没) must each get their topic, and 27 others (knowledge about ages and medicines, her own news,
questions to the assistant, questions that name the answer, ones the conversation already answered) must
be left to the LLM. The header of the file has the first-run figures.

The honesty guard on its blind probe tests/pipeline/personal_guard_probe.tsv: 15 reply lines that state a
fact of her own life nobody told (her age, birthday, address, did-she, calls, reports, family jobs, a
place nearby by name) must be replaced, and 15 sound ones (knowledge, hedges, facts she told earlier,
stories) spoken as they are; each streamed through the guard as the reply path does."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from guard_stream import through_guard
from probe_rows import tsv_rows

from assistant.pipeline.own_life import own_life

PROBE = Path(__file__).with_name("own_life_probe.tsv")
GUARD_PROBE = Path(__file__).with_name("personal_guard_probe.tsv")


def probe_rows() -> list[tuple[str, str, str, str]]:
    return [(expected, language, "" if told == "-" else told, question)
            for expected, language, told, question, _note in tsv_rows(PROBE)]


def test_the_probe_is_read_whole() -> None:
    rows = probe_rows()
    assert len(rows) == 75
    assert sum(expected == "-" for expected, *_ in rows) == 27
    assert Counter(language for _, language, *_ in rows)["en"] == 15


def test_every_question_gets_its_topic_or_none() -> None:
    wrong = []
    for expected, language, told, question in probe_rows():
        found = own_life(question, language, told)
        got = found[0] if found else "-"
        if got != expected:
            wrong.append(f"{expected} -> {got}: {question}")
    assert wrong == []


def guard_rows() -> list[tuple[str, str, str, str]]:
    return [(expected, "" if told == "-" else told, question, reply)
            for expected, told, question, reply, _note in tsv_rows(GUARD_PROBE)]


def test_the_guard_probe_is_read_whole() -> None:
    assert Counter(expected for expected, *_ in guard_rows()) == {"block": 15, "pass": 15}


def test_the_guard_replaces_only_the_untold_facts_of_her_life() -> None:
    wrong = []
    for expected, told, question, reply in guard_rows():
        _spoken, guard = through_guard(reply, question=question, told=told)
        got = "block" if guard.violations else "pass"
        if got != expected:
            wrong.append(f"{expected} -> {got}: {question} | {reply}")
    assert wrong == []
