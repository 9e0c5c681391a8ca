"""Held-out set 33's probe (heldout33_probe.tsv; its blind questions are
tests/eval/heldout/facts_misheard_33.toml): the measure word 块 heard as 快 after a number
(:mod:`assistant.pipeline.sound_frames`), a colour or taste asked of a day
(:mod:`assistant.pipeline.false_premise`), and when someone said only as 他/她 comes back, made up
(:mod:`assistant.pipeline.honesty_personal`). Pure logic.

The probe is a development set now: every row must stay right.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from probe_rows import tsv_rows

from assistant.pipeline import false_premise
from assistant.pipeline.hearing import review
from assistant.pipeline.honesty_personal import personal_claim

PROBE = Path(__file__).with_name("heldout33_probe.tsv")


def decide(kind: str, language: str, said: str, reply: str) -> str:
    """What the rule of ``kind`` makes of the row."""
    if kind == "hear":
        heard = review(said, language=language)
        return "=" if heard.text == said and not heard.ask else heard.text
    if kind == "premise":
        found = false_premise.honest_reply(said, language)
        return found[0] if found else "-"
    return personal_claim(reply, said, "") or "-"


def test_the_probe_has_every_kind_and_sound_rows() -> None:
    counts = Counter((kind, expected in ("=", "-")) for kind, _, _, expected, *_ in tsv_rows(PROBE))
    assert all(counts[kind, sound] >= 3 for kind in ("hear", "premise", "visit") for sound in (True, False))


@pytest.mark.parametrize("row", tsv_rows(PROBE), ids=lambda row: row[2])
def test_each_row_is_decided_as_expected(row: list[str]) -> None:
    kind, language, said, expected, *reply = row
    assert decide(kind, language, said, reply[0] if reply else "") == expected


def test_a_day_without_a_colour_is_said_kindly_and_asked_back() -> None:
    found = false_premise.honest_reply("星期三是什么颜色的？", "zh")
    assert found is not None and "没有颜色" in found[1] and found[1].endswith("？")
