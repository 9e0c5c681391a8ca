"""The care tail: a health answer that names nobody to turn to gets one short sentence more."""

from __future__ import annotations

import pytest

from assistant.pipeline.care_tail import (
    TAIL_BODY_EN,
    TAIL_BODY_ZH,
    TAIL_MEDICINE_EN,
    TAIL_MEDICINE_ZH,
    care_tail,
)


@pytest.mark.parametrize(("question", "answer", "tail"), [
    ("降压药忘了吃一次，怎么办？", "下次按时吃就行，不要一次吃两份。", TAIL_MEDICINE_ZH),
    ("这个药一天吃几次？", "一天三次，饭后吃。", TAIL_MEDICINE_ZH),
    ("我有点发烧，浑身没劲。", "多喝水，好好休息。", TAIL_BODY_ZH),
    ("我这两天老是头晕", "起身的时候慢一点。", TAIL_BODY_ZH),
    ("晚上老是睡不着觉，怎么办？", "睡前泡泡脚，喝杯热牛奶。", TAIL_BODY_ZH),
    ("I have a headache and feel dizzy.", "Rest for a while and drink some water.", TAIL_BODY_EN),
    ("Can I take my pills with tea?", "It's better to take them with water.", TAIL_MEDICINE_EN),
    # a medicine by its name or form, without 药 (issue 15 discovery set)
    ("阿司匹林一次吃几片？", "一次吃一片就可以了。", TAIL_MEDICINE_ZH),
    ("布洛芬能和头孢一起吃吗？", "可以一起吃。", TAIL_MEDICINE_ZH),
    ("吃头孢的时候能喝点酒吗？", "少喝一点没关系。", TAIL_MEDICINE_ZH),
    ("硝苯地平是饭前吃吗？", "饭前饭后都可以。", TAIL_MEDICINE_ZH),
    ("这个胶囊能掰开吃吗？", "可以掰开。", TAIL_MEDICINE_ZH),
    ("How much ibuprofen can I take?", "Two at a time is fine.", TAIL_MEDICINE_EN),
    ("Can I drink wine with antibiotics?", "A little is fine.", TAIL_MEDICINE_EN),
])
def test_a_health_answer_without_a_referral_gets_the_tail(question: str, answer: str, tail: str) -> None:
    assert care_tail(question, answer) == tail


@pytest.mark.parametrize(("question", "answer"), [
    ("吃了降压药可以喝酒吗？", "最好不要，具体问问医生。"),  # the answer already says who to ask
    ("我腿疼", "您先坐下歇歇，告诉家人一声。"),
    ("I feel sick.", "Please tell your family."),
    ("今天冷不冷？", "我查不到实时的天气。"),  # weather, not the body
    ("Is it cold today?", "I can't check the weather right now."),
    ("谢谢，我吃过药了", "好的，您真棒。"),  # a medicine mentioned, nothing asked
    ("手机出毛病了", "重启一下试试。"),
    ("给我讲个故事吧", "从前有座山。"),
    ("我头疼", ""),  # nothing was answered
    ("一次吃几片面包好？", "一两片就够了。"),  # 片 of bread, not of a medicine
    ("照片怎么发给孙子？", "点一下分享。"),
    ("早上吃两片面包，够不够？", "够了。"),
])
def test_no_tail_where_it_does_not_belong(question: str, answer: str) -> None:
    assert care_tail(question, answer) == ""
