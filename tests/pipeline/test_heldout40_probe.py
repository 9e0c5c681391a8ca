"""Held-out set 40's probe (heldout40_probe.tsv; its blind questions are tests/eval/heldout/trust_40.toml):
chest pain said with 儿 ("心口这块儿疼") or after a pause ("我胸口啊，就跟压了块石板一样"),
sudden confusion ("连我都不认得了") and a gas smell in many words (:mod:`assistant.care.emergency`); what
is said first for a gas leak, a pan alight and low blood sugar (:mod:`assistant.care.emergency_first`); a
place named in a clause before "open?" and a bus that has not come (:mod:`assistant.pipeline.unknowable`);
a place one of hers reached (:mod:`assistant.pipeline.own_life`); a prize said many ways
(:mod:`assistant.pipeline.scam`); a city after the fillers of speech (:mod:`assistant.tools.router`);
medicines mixed: two cold medicines, a painkiller on a blood thinner, a sleeping pill and drink
(:mod:`assistant.pipeline.dose_safety`).
Pure logic; every row must stay right.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from probe_rows import tsv_rows

from assistant.care.emergency import detect_emergency, emergency_reply
from assistant.pipeline import dose_safety, scam, unknowable
from assistant.pipeline.own_life import own_life
from assistant.tools.router import route

PROBE = Path(__file__).with_name("heldout40_probe.tsv")


def said_first(reply: str, kind: str) -> str:
    """What the emergency answer says first, read from its words (not from the rule that chose them)."""
    if ("阀" in reply and "窗" in reply) or ("valve" in reply and "window" in reply):
        return "leak"
    if "锅盖" in reply or "lid" in reply:
        return "pan"
    if "吃几块糖" in reply or "eat some sugar" in reply:
        return "sugar"
    return kind


def decide(kind: str, text: str, language: str) -> str:
    """What the rule under test makes of ``text``, written as the probe's expected column."""
    if kind in ("emerg", "first"):
        found = detect_emergency(text)
        if found is None or kind == "emerg":
            return f"{kind}:{found.kind if found else '-'}"
        return f"first:{said_first(emergency_reply(found, language=language), found.kind)}"
    if kind == "topic":
        return f"topic:{unknowable.topic_of(text) or '-'}"
    if kind == "own":
        mine = own_life(text, language, "")
        return f"own:{mine[0] if mine else '-'}"
    if kind == "dose":
        dose = dose_safety.dose_question(text)
        return f"dose:{dose[1] if dose else '-'}"
    if kind == "scam":
        warned = scam.warning(text, language)
        return f"scam:{warned[0] if warned else '-'}"
    call = route(text)
    assert call is not None and call.name == "weather", call
    return f"city:{call.args.get('city') or '-'}"


def test_the_probe_has_every_kind_and_sound_rows() -> None:
    rows = tsv_rows(PROBE)
    kinds = Counter(expected.split(":")[0] for expected, *_ in rows)
    assert set(kinds) == {"emerg", "first", "topic", "own", "scam", "city", "dose"}, kinds
    assert len([row for row in rows if row[0].endswith(":-")]) >= 20


@pytest.mark.parametrize(("expected", "language", "text"), tsv_rows(PROBE))
def test_each_row_is_decided_as_expected(expected: str, language: str, text: str) -> None:
    assert decide(expected.split(":")[0], text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "words"),
    [
        ("屋里一股煤气味儿，我闻着好像是灶上没关严实，咋办啊？", "zh",
         ("阀门", "窗", "别开关电灯", "一一九", "家人")),
        ("哎呀，锅里的油着火了！", "zh", ("关火", "锅盖", "别用水", "一一九", "家人")),
        ("我有糖尿病，这会儿心慌手抖，出了一身虚汗，是不是低血糖了？", "zh", ("吃几块糖", "一二零", "家人")),
        ("I can smell gas in the kitchen.", "en", ("valve", "windows", "outside", "family")),
        ("The frying pan caught fire!", "en", ("lid", "never throw water", "family")),
    ],
)
def test_what_is_said_first_and_the_call_and_the_family(text: str, language: str,
                                                        words: tuple[str, ...]) -> None:
    found = detect_emergency(text)
    assert found is not None
    reply = emergency_reply(found, language=language)
    assert all(word in reply for word in words), reply


def test_a_gas_leak_heard_in_other_characters_is_told_the_valve_too() -> None:
    from assistant.care.emergency_sounds import sound_alike_emergency

    found = sound_alike_emergency("家里没去漏了")  # 煤气漏了, as Whisper wrote it
    assert found is not None and found.text == "家里没去漏了"
    reply = emergency_reply(found, language="zh")
    assert "阀门" in reply and "窗" in reply and "家人" in reply, reply
