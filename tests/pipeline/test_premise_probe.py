"""Probe 22 (premise_probe.tsv): 61 typed questions, written blind: 25 about made-up things
("西南瓜是什么东西？", "阿莫西瓜是什么药？") or impossible premises ("天上的鱼为什么会唱歌？"), and 36
sound ones about real, less common words, dishes, medicines, places, brands, people and dialect words
("柿饼是什么东西？", "北瓜是什么？"), 2 English. Each runs through ``plan_text_turn`` (no tools):
answered in code, or sent to the LLM.

Thresholds (first run in brackets): the 36 sound questions all reach the LLM [36]; at least 13 of
the 25 are answered in code, honestly [0]. Left to the LLM: two words crossed not both of the domain
list ("香蕉菜": 洗衣|洗液 and 女儿|女家 cross as 洗衣液 and 女儿家), a food word with a class word
after it ("芝麻瓜", "花生瓜": real compounds have that shape, 黄金瓜, 娃娃菜, 鸡蛋果), a colour before
a word ("红冬瓜": 黑枸杞), and five impossible premises of no named kind (a fish that sings, a stone
that blooms, the sun at work: no word list tells them from a fish that blows bubbles). The two kinds
answered are a person of long ago with a thing of today and an animal that lays no eggs laying one
(pipeline/false_premise.py).
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from probe_rows import tsv_rows

from assistant.llm.base import ChatMessage, ChatRequest
from assistant.pipeline.false_premise import honest_reply as impossible_reply
from assistant.pipeline.tooling import plan_text_turn
from assistant.pipeline.unheard_of import honest_reply, near_words

PROBE = Path(__file__).with_name("premise_probe.tsv")


async def _request(text: str, language: str) -> ChatRequest:
    return ChatRequest(messages=[ChatMessage(role="user", content=text)])


def run_turn(question: str) -> tuple[str, str]:
    """("code", the reply) when the turn is answered in code, ("llm", "") when the LLM is asked."""
    language = "en" if question.isascii() else "zh"
    plan = asyncio.run(plan_text_turn(None, question, language=language, reply_id=1, speed=1.0, extra={},
                                      committed=None, remote=False, request=_request))
    return ("code", plan.fixed_text) if plan.fixed_text else ("llm", "")


def test_the_probe_is_read_whole() -> None:
    rows = tsv_rows(PROBE)
    assert [expected for expected, _ in rows].count("honest") == 25
    assert [expected for expected, _ in rows].count("llm") == 36


def test_the_probe_meets_its_thresholds() -> None:
    sound_touched, honest = [], []
    for expected, question in tsv_rows(PROBE):
        got, reply = run_turn(question)
        if expected == "llm" and got != "llm":
            sound_touched.append((question, reply))
        if expected == "honest" and got == "code":
            assert any(no in reply for no in ("没听说过", "不下蛋", "还没有")), reply
            assert reply.endswith("？"), reply
            honest.append(question)
    assert sound_touched == []
    assert len(honest) >= 13, honest


@pytest.mark.parametrize(("question", "offered"), [
    ("西南瓜是什么东西？", ["南瓜", "西瓜"]),  # the eval's question
    ("请问胡萝豆是啥", ["胡萝卜"]),  # a broken word
    ("阿莫西瓜是什么药", ["阿莫西林"]),  # a broken word run into another
    ("血压糖有什么好处", ["血糖", "血压"]),  # two nouns of one beginning crossed
    ("你知道北苹果吗", ["苹果"]),  # a direction before a word of daily life
])
def test_a_made_up_thing_is_not_heard_of_and_the_near_word_offered(question: str, offered: list[str]) -> None:
    found = honest_reply(question, "zh")
    assert found is not None
    assert "没听说过" in found[1] and all(word in found[1] for word in offered)


@pytest.mark.parametrize("thing", [
    "藿香正气水", "螺蛳粉", "暖宝宝", "老头乐", "小红书", "北豆腐", "东北大米", "黄金瓜", "北京人", "达美乐",
    "巴旦木", "黄元帅", "娃娃菜", "鸡蛋果", "芒果干", "血氧仪", "老人机", "小区门", "安宫牛黄丸", "黑枸杞",
    "洗衣液", "女儿家", "菌群失衡", "唐山地震", "今年春晚", "李叔叔", "差一刻", "下一期",
])
def test_real_things_missing_from_the_dictionary_are_no_made_up_things(thing: str) -> None:
    """Brands, names, places, events, real compounds of a word and a class word: jieba lacks them, she
    knows them (a word's beginning before a word, "菌群|失衡", is no broken word; a place's beginning,
    "唐山地[区]|地震", no blend; 洗衣|洗液 crossed is no confusion of words she says)."""
    assert near_words(thing) == []
    assert honest_reply(f"{thing}是什么？", "zh") is None


@pytest.mark.parametrize("text", [
    "西南瓜好吃吗", "我买了个西南瓜", "What is a xinan melon?", "南瓜是什么东西", "西南是什么地方",
])
def test_only_a_question_about_the_thing_is_answered(text: str) -> None:
    """A made-up thing said, not asked about, and real words asked about, go to the LLM."""
    assert honest_reply(text, "en" if text.isascii() else "zh") is None


@pytest.mark.parametrize(("text", "kind"), [
    ("秦始皇用的什么牌子的手机？", "anachronism"),  # discovery 11's question ("三星")
    ("诸葛亮有微信吗", "anachronism"), ("康熙坐的火车快不快？", "anachronism"),
    ("小猫为什么会下蛋", "no_eggs"), ("奶牛生的蛋好吃吗", "no_eggs"), ("狗会下蛋吗？", "no_eggs"),
    ("秦始皇的电视剧好看吗", None), ("李白的诗用手机怎么查", None), ("用手机看秦始皇的纪录片", None),
    ("诸葛亮用的什么扇子", None), ("秦始皇是谁", None), ("我爷爷的手机是什么牌子的", None),
    ("蜗牛下的蛋什么样", None), ("天牛下的蛋在哪", None), ("鸡为什么会下蛋", None),
    ("狗吃鸡蛋行吗", None), ("牛奶蛋糕怎么做", None), ("羊肉炖蛋好吃吗", None), ("我家的猫生小猫了吗", None),
])
def test_an_impossible_thing_of_a_named_kind_is_said_not_to_be(text: str, kind: str | None) -> None:
    """A person of long ago owning or using a thing of today, an animal that lays no eggs laying one; a
    story about them, a snail's or a hen's eggs and a dish of beef and eggs are sound."""
    found = impossible_reply(text, "zh")
    assert (found[0] if found else None) == kind
