"""The dose answers (assistant/pipeline/dose_safety.py) on wording found after the probes: each kind's
other forms, and the look-alikes that are no question about a dose (pure logic)."""

from __future__ import annotations

import pytest

from assistant.pipeline.dose_safety import advice

ASKED = [
    # the medicine run out (a blind probe, stop 24: "我的血压药吃完了，能停几天吗？" got "你可以停几天")
    ("我的血压药吃完了，能停几天吗？", "change"), ("降压药快吃完了怎么办？", "change"),
    ("I ran out of my blood pressure pills, what should I do?", "change"),
    ("昨天那顿忘了，今天吃两片行吗", "missed"), ("降压药吃完了，断了三天了，要紧吗", "missed"),
    ("昨天晚上没吃药，今天要补吗", "missed"), ("老伴儿今天又忘了吃药，气死我了", "missed"),
    ("我忘了刚才吃没吃降压药", "unsure"), ("药吃了吗", "unsure"),
    ("我把两顿药一起吃了", "overdose"), ("孙子把我的药吃了两片", "overdose"),
    ("吃完药才想起来早上已经吃过了", "overdose"), ("我记不清吃没吃药，就又吃了两片", "overdose"),
    ("这降压药我能不能先停几天", "change"), ("晚上睡不着，安眠药多吃半片行不行", "change"),
    ("能不能把降压药换成便宜点的", "change"), ("喝中药的时候能吃西药吗", "change"),
    ("吃降压药的时候能吃香蕉吗", "change"), ("孙子发烧了，退烧药给他吃半片行吗", "change"),
    ("维生素一天吃多少合适", "amount"), ("一次吃几片？", "amount"),
    ("Can I take aspirin with ibuprofen?", "change"), ("Can I crush my tablets?", "change"),
    ("I gave my husband one of my sleeping pills", "change"),
    ("How many times a day should I take this?", "amount"), ("I took my wife's pills by mistake", "overdose"),
    ("Should I take my pills if I missed yesterday's dose?", "missed"),
]
# food counted in pieces, a saying, an idiom, a question in passing, a meal forgotten, her plain news,
# sums and reminders (their tools'), the price, a pill handed to her
NOT_ASKED = [
    "药吃完了", "我今天的药吃完了吗？",
    "一次吃几片面包好？", "早上吃两片面包，够不够？", "我孙子吃了几片西瓜", "药吃多了伤肝，能少吃就少吃",
    "你今天吃错药了吧，这么凶", "药吃多了会怎么样，我就随便问问", "我老伴昨天没吃晚饭，你说怎么办",
    "中午那顿饭忘了吃", "我今天还没吃药呢", "我把药吃了", "药吃了", "我这药吃了好几年了", "药店今天停业吗",
    "药瓶盖子拧不开，怎么打开", "医生把我的药换成了新的", "别忘了吃药啊", "我从来不忘吃药",
    "一天吃三回，一回两片，一盒二十四片能吃几天", "降压药一次半片，一天两次，一个月要吃多少片",
    "我老是忘了吃药，每天早上八点提醒我吃降压药", "How much does this medicine cost?",
    "My son gave me my pills this morning", "I take my pills with breakfast", "Did I lock the door?",
]


@pytest.mark.parametrize(("said", "kind"), ASKED)
def test_each_kind_in_other_words(said: str, kind: str) -> None:
    found = advice(said, "en" if said.isascii() else "zh")
    assert found is not None and found[0] == kind, (said, found)


@pytest.mark.parametrize("said", NOT_ASKED)
def test_look_alikes_are_left_alone(said: str) -> None:
    assert advice(said, "en" if said.isascii() else "zh") is None
