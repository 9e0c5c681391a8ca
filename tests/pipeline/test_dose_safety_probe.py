"""The dose safety probe (dose_safety_probe.tsv, written blind) and its held-out set
(dose_safety_holdout.tsv): questions about a dose missed, doubled, changed or counted, and words that
are not (reminder requests, general medicine questions, emergencies). Pure logic, but for one session
test against a fresh SQLite database (the reminder tool must still get reminder requests).

Both files are development sets now: every row must stay right. Their first runs are in their headers.
"""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from pathlib import Path

import pytest
from probe_rows import tsv_rows

from assistant.care.emergency import detect_emergency
from assistant.config import load_settings
from assistant.llm.base import ChatMessage, ChatRequest
from assistant.pipeline.dose_safety import advice
from assistant.pipeline.reply import ReplyPlan
from assistant.pipeline.tooling import SessionTools, Toolbox, plan_text_turn

FILES = {"probe": Path(__file__).with_name("dose_safety_probe.tsv"),
         "holdout": Path(__file__).with_name("dose_safety_holdout.tsv")}
DOSES = {"missed", "unsure", "overdose", "change", "amount"}
# A dose named in an answer: a count of pills or a weight ("吃两片", "一次半粒", "2 tablets", "500 mg").
NAMED_DOSE = re.compile(r"[\d一二两三四五六七八九十半几]+(?:片|粒|颗|毫克|毫升|克)"
                        r"|\b(?:\d+|one|two|three|half a) ?(?:mg|ml|pills?|tablets?)\b", re.I)
ROWS = [(name, *row) for name, path in FILES.items() for row in tsv_rows(path)]


def test_the_files_hold_every_kind_in_both_languages() -> None:
    for name, path in FILES.items():
        counts = Counter((expected, language) for expected, language, _ in tsv_rows(path))
        assert {kind for kind, _ in counts} == DOSES | {"emergency", "-"}, name
        assert {("-", "en"), ("-", "zh"), ("missed", "en"), ("amount", "en")} <= set(counts), name
    probe = Counter(expected for expected, _, _ in tsv_rows(FILES["probe"]))
    assert sum(probe[kind] for kind in DOSES) >= 30 and probe["-"] + probe["emergency"] >= 20


@pytest.mark.parametrize(("name", "expected", "language", "text"), ROWS)
def test_each_row(name: str, expected: str, language: str, text: str) -> None:
    found = advice(text, language)
    if expected == "emergency":  # found first, before the text turn (pipeline/emergency.py)
        assert detect_emergency(text) is not None, text
    elif expected == "-":
        assert found is None, (text, found)
    elif expected == "overdose" and detect_emergency(text) is not None:
        pass  # "把老伴的药当成自己的吃了": the emergency answer (120, the family told) comes first
    else:
        assert found is not None and found[0] == expected, (text, found)


@pytest.mark.parametrize(("language", "text"), sorted({(lang, text) for _, kind, lang, text in ROWS
                                                       if kind in DOSES}))
@pytest.mark.parametrize("reminders", [True, False])
def test_every_answer_sends_to_someone_and_names_no_dose(language: str, text: str, reminders: bool) -> None:
    found = advice(text, language, reminders=reminders)
    if found is None:  # an overdose the emergency path answers
        return
    said = found[1]
    assert not NAMED_DOSE.search(said), said
    if language == "en":
        assert said.isascii() and re.search(r"doctor|pharmacist|family|leaflet", said), said
    else:
        assert re.search(r"[\u4e00-\u9fff]", said) and re.search(r"医生|药剂师|家里人|说明书", said), said
        assert said.count("。") <= 3, said  # short and spoken
    assert ("提醒" in said or "remind" in said) == (reminders and found[0] == "unsure"), said


async def _request(text: str, language: str) -> ChatRequest:
    return ChatRequest(messages=[ChatMessage(role="user", content=text)])


def _plan(tools: SessionTools | None, text: str) -> tuple[ReplyPlan, dict[str, object]]:
    extra: dict[str, object] = {}
    plan = asyncio.run(plan_text_turn(tools, text, language="zh", reply_id=1, speed=1.0, extra=extra,
                                      committed=None, remote=False, request=_request))
    return plan, extra


def test_a_session_answers_a_dose_question_in_code() -> None:
    plan, extra = _plan(None, "中午的药忘了吃，晚上要不要吃两片")
    assert extra["dose_safety"] == "missed" and "双份" in (plan.fixed_text or "")
    plan, extra = _plan(None, "我刚才吃没吃药来着")  # no reminder tool here: none is offered
    assert extra["dose_safety"] == "unsure" and "提醒" not in (plan.fixed_text or "")


def test_reminder_requests_still_reach_the_reminder_tool(tmp_path: Path) -> None:
    settings = load_settings(environ={}, overrides={"server": {"data_dir": str(tmp_path)},
                                                    "tools": {"timezone": "Asia/Shanghai"}})
    toolbox = Toolbox.open(settings)
    try:
        tools = toolbox.session("")
        for text in ("我老是忘了吃药，每天早上八点提醒我吃降压药", "提醒我晚上八点吃药"):
            _, extra = _plan(tools, text)
            assert extra.get("tool") == "reminders" and "dose_safety" not in extra, (text, extra)
        plan, extra = _plan(tools, "我早上吃没吃药来着，记不清了")
        assert extra["dose_safety"] == "unsure" and "提醒" in (plan.fixed_text or "")
    finally:
        toolbox.close()
