"""The fourth hearing probe (hearing_probe_4.tsv, probe 30): 102 knowledge and health questions whose key
word Whisper base misheard (a unit, a measure, a sight, a danger at home, a disease, a medicine, a food),
often into a real word ("一辆是多少克", "吃了酱鸭能喝白酒吗", "没气罐放在哪里安全"), and 40 sound ones with
the same sounds used rightly ("一刻钟是多少分钟", "酱鸭配黄酒好吃吗", "家里没有煤气了"), written blind.

Thresholds, set at the figures measured after the rules of this probe (first run in brackets; the
file's header has the details), so that any lost ground fails and any gain passes:
- the 40 sound ones: none asked back and none changed [0]; at avg_logprob -0.8, an unsure decode, at
  most one asked back [1] and none changed.
- the 102 garbled ones: at least 79 read as meant or asked back [29, none asked; a heavy garble read
  as meant whole counts]; at most 1 read as other words [1, half of a heavy garble: "老年仁骨质疏松"]; at
  most 22 answered as heard [72]: real words in a sentence where a health word fits ("中锋有什么前兆",
  "通风能吃海鲜吗", "红树能当饭吃吗"), near sounds ("发骚", "问度", "要着" for 绕着), a polyphonic
  character pypinyin reads otherwise in the domain word (颈椎 as jing chui, 血 as xue: "景追病",
  "高鞋压"), words of jieba's dictionary ("太山", "费点", "油子"), and two heavy garbles.
Each line runs at avg_logprob -0.2 and -0.5 (see the file's header).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hearing_outcome import outcome
from probe_rows import tsv_rows

from assistant.pipeline import sound_frames

PROBE = Path(__file__).with_name("hearing_probe_4.tsv")


def _rows() -> list[tuple[str, str, str]]:
    return [(expected, text, note) for expected, text, note in tsv_rows(PROBE)]


def _meant(expected: str, note: str) -> str:
    """The question meant: the reading expected, or for a heavy garble the one its note gives."""
    return expected.removeprefix("correct:") if expected != "ask" else note.split(": ", 1)[1]


def test_the_probe_has_its_two_kinds() -> None:
    rows = _rows()
    assert len(rows) == 142
    assert sum(note.startswith("garbled") for *_, note in rows) == 102
    assert sum(note.startswith("sound") for *_, note in rows) == 40
    assert all((expected == "answer") == note.startswith("sound") for expected, _, note in rows)
    assert [expected for expected, *_ in rows].count("ask") == 4
    assert sum(text.isascii() for _, text, _ in rows) == 3


@pytest.mark.parametrize("logprob", [-0.2, -0.5])
def test_the_probe_meets_its_thresholds(logprob: float) -> None:
    sound_touched, right, wrong, answered = [], 0, [], []
    for expected, text, note in _rows():
        got = outcome(text, logprob)
        if expected == "answer":
            if got != "answer":
                sound_touched.append((text, got))
        elif got in ("ask", "correct:" + _meant(expected, note)):
            right += 1
        elif got == "answer":
            answered.append(text)
        else:
            wrong.append((text, got))
    assert sound_touched == []
    assert right >= 79
    assert len(wrong) <= 1, wrong
    assert len(answered) <= 22, answered


def test_an_unsure_decode_of_the_sound_lines_is_at_most_once_asked_back() -> None:
    """At -0.8 "水烧开始冒泡了" was asked back before the rules of this probe as after (水|烧 make no
    word to jieba); no sound line is read as other words."""
    sound = [text for expected, text, _ in _rows() if expected == "answer"]
    touched = [(text, got) for text in sound if (got := outcome(text, -0.8)) != "answer"]
    assert len(touched) <= 1 and all(got == "ask" for _, got in touched), touched


@pytest.mark.parametrize(
    ("heard", "meant"),
    [("已经是多少课？", "一斤是多少克？"), ("一辆是多少克", "一两是多少克"),
     ("三金等于多少公斤", "三斤等于多少公斤"), ("一次是多少厘米", "一尺是多少厘米"),
     ("一刻是多少毫克", "一克是多少毫克"), ("一米是多少里米", "一米是多少厘米"),
     ("吃了酱鸭可以喝酒吗？", "吃了降压药可以喝酒吗？"), ("酱鸭可以停吗", "降压药可以停吗"),
     ("吃了安眠要能开车吗", "吃了安眠药能开车吗"), ("不落分一天能吃几次", "布洛芬一天能吃几次"),
     ("家里没气味很大", "家里煤气味很大"), ("眼要水一天滴几次", "眼药水一天滴几次")],
)
def test_a_key_word_heard_as_another_word_is_read_by_its_sentence(heard: str, meant: str) -> None:
    assert sound_frames.as_meant(heard) == meant
    assert outcome(heard, -0.2) == "correct:" + meant


@pytest.mark.parametrize(
    "text",
    ["一刻钟是多少分钟", "一节课是多少分钟", "一斤等于多少克", "一吨是多少公斤", "身高是多少米",
     "今天是多少度", "这个是多少钱", "已经是第三天了", "一辆车能坐几个人", "吃了海鲜可以喝啤酒吗",
     "酱鸭配黄酒好吃吗", "酱鸭可以放几天", "吃了酱鸭口渴怎么办", "吃了安眠药能开车吗", "降压要吃多久",
     "降压要多运动吗？", "家里没有煤气了", "这个菜没什么味道", "我要去医院", "你是不是感冒了"],
)
def test_the_same_sounds_and_frames_used_rightly_are_left_alone(text: str) -> None:
    """A unit asked for that is no unit of weight, length, area or volume (分钟, 度, 钱), a unit already
    right, a dish with no medicine question after it, 要 as "must" last in a span, and function words
    that make no domain word with their neighbours."""
    assert sound_frames.as_meant(text) == text
    assert outcome(text, -0.2) == "answer"


@pytest.mark.parametrize(
    ("text", "asked"),
    [("常常在哪个国家？", True), ("经常在哪个省", True), ("长城在哪个国家", False), ("常州在哪个省", False),
     ("我常常在公园散步", False), ("常常在家里做饭", False), ("老伴在哪儿", False),
     ("常常头晕怎么办", False), ("常常在哪个成熟？", True), ("经常在哪个站下车", False),
     ("一般在哪个季节成熟", False), ("常常在哪个医院看病", False), ("长城在哪个城市？", False)],
)
def test_a_where_question_asked_of_an_adverb_is_asked_back(text: str, asked: bool) -> None:
    """The eval heard "长城在哪个国家" as "常常在哪个国家": nothing is left to place, so the name was
    misheard. A place, a person, or an adverb with a verb of its own is whole."""
    assert (outcome(text, -0.2) == "ask") == asked
