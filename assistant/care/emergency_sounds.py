"""Emergencies heard in other characters: the detector's words read back from how they sound.

The detector (:mod:`assistant.care.emergency`) reads characters, and Whisper writes an emergency in
whatever characters sound alike: "我想死" as "我相思", "胸闷得厉害" as "兄们得厉害", "厨房着火了" as
"厨房找火门", "家里煤气漏了" as "家里没去漏了". On our own voices, 34 of the 92 emergencies of the
development set were missed this way, although every one is found when typed.

So a spoken turn that the detector passes is read once more with every span that sounds like one of
:data:`EMERGENCY_TERMS` written as that term (:func:`assistant.asr.repair.repair`: tones ignored, the
usual fuzzy initials and finals, aspirated and plain initials alike, two-character terms only when
both syllables agree, a longer term when one syllable differs but keeps its initial: "想不起来" is not
站不起来), and the
detector judges that reading with all its rules (negation, hearsay, the past, hypotheticals). A
reading that writes over a word saying no, all is well or only if ("现在早好了" as 现在着火了) is
dropped. Typed text is never read this way: it was not misheard. Pure logic.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from assistant.asr.repair import repair
from assistant.care.emergency import Emergency, detect_emergency
from assistant.care.emergency_context import HYPOTHETICAL, NEGATION, RESOLVED

# The words that carry an emergency in the detector's rules, as Whisper may mishear them.
EMERGENCY_TERMS = (
    "救命", "快来人", "摔倒", "摔了一跤", "起不来", "站不起来", "站不稳", "站不住",
    "胸口疼", "胸口痛", "胸闷", "心口疼", "喘不上气", "喘不过气", "透不过气", "上不来气", "憋得慌",
    "头晕", "头昏", "嘴歪", "舌头", "大舌头", "不利索", "说不出话", "说话不清楚", "含糊不清", "口齿不清",
    "没劲", "手麻", "脚麻", "发麻", "抬不起来", "不听使唤", "半边身子", "耷拉", "看东西重影",
    "晕倒", "昏过去", "流血", "出血", "止不住", "着火", "着火了", "冒烟", "煤气", "煤气漏了", "天然气",
    "吃错药", "吃错药了", "吃多了药", "不想活", "我想死", "活够了", "活着没意思", "一了百了", "累赘",
    "寻死", "轻生", "走丢", "迷路", "烫伤", "水泡", "吐血", "低血糖", "冷汗", "不答应",
    "救护车", "心脏病", "血流", "说不了话", "扶我", "爬不起来", "中风",
    # the causes (not 中暑 or 溺水, which sound like 种树 and 你睡, nor 没气了, like 没去了)
    "闷得慌", "喘不过气来", "发紫",  # held-out 34: "心口漫得荒", "传不过起来", "嘴唇都发子了"
    "触电", "掉河里", "掉水里", "落水", "煤气中毒", "喉咙肿", "吞下去",
)


def _word_cuts(text: str) -> frozenset[int]:
    """The positions between jieba's words in ``text``: a sound-alike span must not cut a real word
    ("我想知道…" holds 我想知, which sounds like 我想死, but 知道 is a word)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    cuts, at = {0}, 0
    for token in jieba.lcut(text, HMM=False):
        at += len(token)
        cuts.add(at)
    return frozenset(cuts)


def sound_alike_emergency(heard: str) -> Emergency | None:
    """The emergency in ``heard`` (a transcript) once its sound-alike spans are read as emergency
    words, or None; ``text`` stays the words as heard, ``phrase`` is the words as read."""
    reading = repair(heard, EMERGENCY_TERMS, cuts=_word_cuts(heard), strict=True)
    if reading == heard or _erases_a_no(heard, reading):
        return None
    found = detect_emergency(reading)
    return None if found is None else replace(found, text=heard)


def _erases_a_no(heard: str, reading: str) -> bool:
    """Whether ``reading`` wrote over a word of ``heard`` that says no, all is well or only if ("好了",
    "没事", "怕")."""
    return any(len(p.findall(reading)) < len(p.findall(heard)) for p in (NEGATION, RESOLVED, HYPOTHETICAL))
