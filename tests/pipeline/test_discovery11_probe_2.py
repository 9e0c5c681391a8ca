"""Probe 18 (discovery11_probe_2.tsv), written after discovery 11's first run and before the rules it tests
(pure logic): a friend's or a sibling's death (feelings' grief, answered without naming a mate), whether
the assistant keeps what she said or can delete it (the selfhelp topic "delete"), and signing up for, the
cost of, or an office's offer of a local service for the elderly (unknowable_local's "service").

The probe is a development set now: every row must stay right; its first run (13 of 37) is in the file's
header. Probe 19 (discovery11_probe_3.tsv: the assistant's or the phone's sound asked off, down or up, the
selfhelp topic "volume"; 7 of 16 first) runs alike.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from probe_rows import tsv_rows

from assistant.pipeline import selfhelp, unknowable
from assistant.pipeline.feelings import comfort, feeling
from assistant.pipeline.unknowable_local import local_topic

PROBE = Path(__file__).with_name("discovery11_probe_2.tsv")
SOUND = Path(__file__).with_name("discovery11_probe_3.tsv")  # probe 19: its sound off, down or up
KINDS = {"grief", "delete", "local", "phone", "-"}


def decide(text: str, language: str) -> str:
    """One of :data:`KINDS`, or what else took the row ("feeling:lonely", "howto_reminder", …)."""
    if (felt := feeling(text)) is not None:
        return felt if felt == "grief" else f"feeling:{felt}"
    if (asked := selfhelp.topic(text)) is not None:
        return asked
    found = unknowable.topic_of(text)
    if found is None or found == "phone":
        return found or "-"
    return "local" if local_topic(text) is not None else f"unknowable:{found}"


def test_the_probe_has_every_kind_in_both_languages() -> None:
    rows = tsv_rows(PROBE)
    assert len(rows) >= 35 and set(Counter(expected for expected, *_ in rows)) == KINDS
    assert sum(language == "en" for _, language, _ in rows) >= 8


@pytest.mark.parametrize(("expected", "language", "text"), tsv_rows(PROBE))
def test_each_row_is_decided_as_expected(expected: str, language: str, text: str) -> None:
    assert decide(text, language) == expected


def test_a_friends_death_is_comforted_without_naming_a_mate() -> None:
    found = comfort("我的老朋友上个月也走了，就剩我一个了。", "zh")
    assert found is not None and found[0] == "grief"
    assert "老伴" not in found[1] and "他" not in found[1] and "我听着" in found[1]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_asked_to_delete_it_says_it_cannot_and_how_to_hide_a_turn(language: str) -> None:
    found = selfhelp.reply("我跟你说的话你都记着吗？能不能删掉？" if language == "zh"
                           else "Can you delete what I told you?", language)
    assert found is not None and found[0] == "delete"
    assert ("删不掉" in found[1] and "这句话别告诉家人" in found[1]) if language == "zh" \
        else ("can't delete" in found[1] and "don't tell my family" in found[1])


def test_a_local_service_is_not_priced_or_vouched_for() -> None:
    said = unknowable.honest_reply("社区食堂的饭一顿多少钱？", "zh")
    assert said is not None and "说不准" in said and "一二三四五" in said
    assert not any(ch.isdigit() for ch in said)


@pytest.mark.parametrize(("expected", "language", "text"), tsv_rows(SOUND))
def test_its_sound_asked_off_down_or_up_is_the_volume_topic(expected: str, language: str, text: str) -> None:
    found = selfhelp.reply(text, language)
    assert (found is not None and found[0] == "volume") == (expected == "volume")
    if expected == "volume":
        assert ("调不了" in found[1] and "音量键" in found[1]) if language == "zh" \
            else ("can't change" in found[1] and "volume buttons" in found[1])
