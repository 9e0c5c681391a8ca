"""Signs she tells that are no emergency now but need a doctor soon: the answer is written here.

Told them (discovery 9, 2026-12-01), the shipped 1.5B model waved them off: "晚上起夜四五次，正常吗？" →
"晚上起夜四五次，正常。", "我最近老是口渴，一天喝好多水" → "你可能需要增加饮水量", "大便有点黑" →
"可能是消化不良", "早上起来一只眼睛看东西模糊了" → "可能是眼睛疲劳……休息一下". Each can be a
disease that gets worse while she waits (bleeding, high blood sugar, the eye's blood vessels). So a
sign of these kinds is answered in code: what it may be, to see a doctor soon, to tell the family, and
when to call 120 instead. An emergency told now is found before this (``care.emergency``). Pure logic.
"""

from __future__ import annotations

import re

_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # dark before the eyes on standing up ("半夜起来上厕所，一下子眼前发黑" had got the one-eye answer)
    ("standing", re.compile(r"(?:起来|站起来?|起身|起床|蹲[^，。？]{0,4}起)[^。？]{0,14}"
                            r"(?:眼前发黑|眼前一黑|两眼发黑|眼冒金星|头晕|头发晕|发晕|天旋地转)"
                            r"|\b(?:stand|standing|stood|get(?:ting)? up|got up)\b.{0,30}"
                            r"\b(?:dizzy|lightheaded|light-headed|goes? black|went black|see stars)\b"
                            r"|\b(?:dizzy|lightheaded|light-headed)\b.{0,20}"
                            r"\b(?:when|as) I (?:stand|get up)\b",
                            re.I)),
    ("eye", re.compile(r"(?:一只|左|右|单)[^，。？]{0,3}眼[^，。？]{0,8}"
                       r"(?:看不清|模糊|模模糊糊|发黑|看不见|黑了|蒙)"
                       r"|(?:突然|一下子)[^，。？]{0,6}(?:看不清|看不见|眼前发黑)"
                       r"|\b(?:left|right|one) eye\b.{0,30}\b(?:blurr?y|blurred|dark|can'?t see)\b",
                       re.I)),
    # sight going slowly ("我眼睛看东西越来越模糊了" got "您可能正在经历视力问题"), the ears ringing for days
    ("sight", re.compile(r"(?:看东西|看字|看报|眼睛|视力|眼神)[^，。？]{0,6}(?:越来越|老是|总是|一天比一天)"
                         r"[^，。？]{0,3}(?:模糊|看不清|花|差|下降|不行)"
                         r"|\b(?:eyesight|vision|sight)\b.{0,20}"
                         r"\b(?:getting worse|worse and worse|blurr?y)\b",
                         re.I)),
    ("ears", re.compile(r"耳(?:朵)?(?:里)?[^，。？]{0,4}(?:嗡嗡|蝉鸣|知了叫|轰轰)|耳鸣"
                        r"|(?:突然|一下子)[^，。？]{0,6}(?:听不见|听不清|聋)"
                        r"|\bringing in my ears?\b|\btinnitus\b|\bsuddenly (?:can'?t|cannot) hear\b", re.I)),
    ("thirst", re.compile(r"(?:老是|总是|总|老|特别|一直|最近)[^，。？]{0,4}(?:口渴|口干|渴)"
                          r"|不解渴|特别能喝水|喝好多水|一天喝(?!多少|几杯|几升|几碗|几瓶)[^，。？]{0,4}水"
                          r"|\balways thirsty\b|\bthirsty all the time\b", re.I)),
    ("stool", re.compile(r"(?:大便|便便|拉的|解手|屎)[^，。？]{0,8}(?:黑|血|柏油)|便血"
                         r"|\b(?:stool|poo|poop)s?\b.{0,20}\b(?:black|blood|bloody|tarry)\b"
                         r"|\bblood in my (?:stool|poo)\b", re.I)),
    ("swelling", re.compile(r"(?:腿|脚|脚脖子|脚踝|小腿|脚面)[^，。？]{0,6}肿[^。？]{0,10}"
                            r"(?:几天|礼拜|一周|星期|坑|窝|穿不上|好久)"
                            r"|肿[^，。？]{0,10}(?:坑|窝)"
                            r"|\b(?:ankles?|legs?|feet)\b.{0,20}\bswollen\b"
                            r"|\bswollen (?:ankles|legs|feet)\b", re.I)),
    ("memory", re.compile(r"忘事|记性[^，。？]{0,4}差|刚说的话[^，。？]{0,6}忘|转头就忘|刚吃过饭就说没吃"
                          r"|找不着回家|找不到回家|认不得路"
                          r"|\bkeep forgetting\b|\bforget(?:ting)? what i (?:just )?said\b", re.I)),
    ("cough", re.compile(r"咳[^，。？]{0,6}"
                         r"(?:[一两三四五六七八九十几半]+个多?月|好几个月|好几周|几个礼拜|半年)"
                         r"|(?:痰|咳)[^，。？]{0,6}(?:带血|有血|血丝)|咳血|咯血"
                         r"|\bcough\w*\b.{0,30}\b(?:months?|weeks)\b|\bcough\w* (?:up )?blood\b", re.I)),
    ("night", re.compile(r"^(?=.*(?:几次|好几|[三四五六七八九十]+[次回趟]))"
                         r"(?=.*(?:起夜|(?:夜里|晚上|半夜)[^，。？]{0,10}(?:厕所|小便|尿)))"
                         r"|\b(?:get|getting|wake|waking) up\b.{0,20}\b(?:pee|urinate|toilet|bathroom)\b",
                         re.I)),
)
_TELL = "跟家人说一声。"
_REPLY_ZH = {
    "eye": "一只眼睛突然看不清、发黑，可能是眼底或者血管的毛病，耽误了会伤视力，今天就去医院看眼科，"
           "让家人陪您去。要是还嘴歪、手脚没劲、说话不清，马上打120。",
    "standing": "起身的时候眼前发黑、头晕，可能是血压一下子跟不上，老人常见，可最容易摔跤。"
                "以后起床先坐半分钟，再扶着东西慢慢站起来；这几天去医院量量血压、查一查，" + _TELL
                + "要是晕倒了、胸口疼或者说话不清，马上打120。",
    "sight": "看东西越来越模糊，老人常见的是老花、白内障，也可能是青光眼、眼底或者血糖的毛病，"
             "有的耽误了会伤视力。这几天去医院眼科查一查，" + _TELL
             + "要是突然看不见、看东西变形，当天就去。",
    "ears": "耳朵嗡嗡响好几天不好，得去医院耳鼻喉科看看；要是一只耳朵突然听不清了，越早治越好，一两天内就去。"
            + _TELL,
    "thirst": "老是口渴、喝得多，可能是血糖高了，光多喝水不管用。这几天去医院查查血糖，" + _TELL,
    "stool": "大便发黑像柏油、或者带血，可能是肠胃出血，别拖着，今天就去医院，让家人陪您去。"
             "要是头晕、心慌、出冷汗，马上打120。",
    "swelling": "腿脚肿了好几天、按下去一个坑，可能和心脏、肾有关，得让医生看看。这几天就去医院，"
                "跟家人说一声；要是还喘不上气，马上打120。",
    "memory": "老忘事、刚说的就忘，或者熟路也找不着，最好去医院的神经内科或者记忆门诊查一查，早查早治。"
              "跟家人说一声，让他们陪着去。",
    "cough": "咳嗽好几个星期不好，或者痰里带血，得去医院拍个片子查一查，别自己买药拖着。这几天就去，" + _TELL,
    "night": "一晚上起夜好几次，可能和前列腺、膀胱或者血糖有关，值得让医生看看。这几天去医院查一查，" + _TELL,
}
_REPLY_EN = {
    "eye": "Sight going blurry or dark in one eye can be a problem with the eye's blood vessels; please see "
           "an eye doctor today, with your family. If your face droops or an arm goes weak, call 120 now.",
    "standing": "Going dark or dizzy when you stand up often means your blood pressure drops for a moment, "
                "and it can make you fall. Sit on the edge of the bed for half a minute, then stand slowly, "
                "holding on to something; have a doctor check your blood pressure soon, and tell your "
                "family. If you faint, have chest pain or slurred speech, call 120 now.",
    "sight": "Sight getting blurrier is common with age (reading glasses, cataracts), but it can also be "
             "glaucoma, the back of the eye or blood sugar, and some of these harm sight if left. Please see "
             "an eye doctor in the next few days, and tell your family; go the same day if sight goes "
             "suddenly or lines look bent.",
    "ears": "Ringing in the ears for days is worth an ear, nose and throat doctor's check; if hearing in one "
            "ear goes suddenly, go within a day or two: the sooner it is treated, the better. Please tell "
            "your family.",
    "thirst": "Being thirsty all the time can mean high blood sugar; more water won't fix it. Please have "
              "a doctor check your blood sugar in the next few days, and tell your family.",
    "stool": "Black or bloody stool can mean bleeding in the gut. Please see a doctor today, with your "
             "family; if you feel dizzy, faint or sweaty, call 120 now.",
    "swelling": "Legs or ankles swollen for days can come from the heart or kidneys. Please see a doctor "
                "soon and tell your family; if you are short of breath, call 120 now.",
    "memory": "Forgetting things just said is worth a doctor's check at a memory clinic; the sooner "
              "the better. Please tell your family and go with them.",
    "cough": "A cough that lasts for weeks, or blood in it, needs a doctor and probably an X-ray. Please go "
             "in the next few days, and tell your family.",
    "night": "Getting up many times a night to pass water is worth a doctor's check (the prostate, the "
             "bladder, blood sugar). Please go in the next few days, and tell your family.",
}


def advice(text: str, language: str) -> tuple[str, str] | None:
    """``(kind, reply)`` when ``text`` tells a sign that needs a doctor soon ("standing", "eye", "sight",
    "ears", "thirst", "stool", "swelling", "memory", "cough", "night"), else None."""
    if len(text) > 120:
        return None
    for kind, pattern in _KINDS:
        if pattern.search(text) and not (kind == "thirst" and _THIRST_EXPLAINED.search(text)):
            return kind, (_REPLY_EN if language == "en" else _REPLY_ZH)[kind]
    return None


# thirst with a plain cause told with it ("天气干燥老口渴", "暖气太热，老是口干"): no sign
_THIRST_EXPLAINED = re.compile(r"天气|干燥|暖气|空调|出汗|出了汗|运动|锻炼|走了|太咸|吃咸|咸了|辣|说话说多"
                               r"|\b(weather|dry air|heating|sweat\w*|exercis\w*|salty|spicy)\b", re.I)
