"""Claims of what is so today that only a live source knows, for the honesty guard
(:func:`assistant.pipeline.honesty_facts.more_violation`): an outage ("今天小区上午九点到下午五点停水"),
a programme on tonight ("今晚中央一台播的是电视剧《人世间》"), and how a neighbour or a famous person is
now when that was asked ("老李最近身体挺好的，天天去公园下棋"). Knowledge stays
("停电了冰箱里的东西一般能放四个小时", "刘德华唱过《忘情水》"), and so do hedges and questions. Pure logic.
"""

from __future__ import annotations

import re

from assistant.pipeline.honesty_claims import NUM, is_hedged
from assistant.pipeline.unknowable_people import people_topic

_DAY = re.compile(r"今天|今日|今儿|今早|今晚|今夜|明天|明日|明早|明晚|后天|这几天|这两天|这周|本周|周末"
                  r"|现在|目前|眼下|马上|一会儿|待会|等会|上午|下午|晚上|夜里"
                  r"|\b(?:today|tonight|tomorrow|this (?:morning|afternoon|evening|week)|right now)\b", re.I)
_GENERAL = re.compile(r"一般|通常|往往|经常|常常|容易|的时候|如果|万一"
                      r"|\b(?:usually|generally|if|when)\b", re.I)
_OUTAGE = re.compile(r"停水|停电|停气|停暖|断水|断电|断气|来水|来电|恢复供(?:水|电|气|暖)|检修"
                     r"|\b(?:power|water|gas) (?:cut|outage|is off|will be off|back)\b|\bblackout\b", re.I)
_CLOCK = re.compile(rf"{NUM}点|\b\d{{1,2}}(?::\d{{2}})?\s*(?:a\.?m\.?|p\.?m\.?)", re.I)
_TONIGHT = re.compile(r"今晚|今天晚上|今天|明天|明晚|今儿|待会|一会儿|\b(?:tonight|today|tomorrow)\b", re.I)
_SHOWN = re.compile(r"(?:播|放|演|重播|直播|上映)(?:的是|出|映|了)?[^，。]{0,8}"
                    r"(?:电视剧|节目|电影|戏|晚会|相声|小品|《)"
                    r"|(?:电视剧|节目|电影|晚会)[^，。]{0,8}《"
                    r"|\b(?:showing|on tv|on channel|airs?|broadcasts?)\b", re.I)
# How someone is now: health, doings, news ("身体挺好的", "在拍新戏", "出院了").
_STATE = re.compile(r"身体|挺好|很好|不错|健康|硬朗|精神|住院|出院|去世|结婚|离婚|退休|天天|每天|最近|正在"
                    r"|在拍|在演|新歌|新戏|新片|演唱会|巡演|好多了|好了"
                    r"|\b(?:is (?:doing )?(?:well|fine|good)|healthy|recovered|filming|touring"
                    r"|new (?:film|song|album))\b",
                    re.I)
_NOT_HIM = re.compile(r"^(?:您|你|我|咱)")

HONEST_TODAY_ZH = {
    "outage": "停水停电的消息我查不到，您可以问问物业、居委会，或者看看小区的通知。",
    "tv": "今天的电视节目我查不到，您可以看看电视上的节目单，或者问问家人。",
    "people": "别人最近怎么样，我不知道，也查不到。您可以打个电话问问，或者问问家人邻居。",
}
HONEST_TODAY_EN = {
    "outage": "I can't look up water or power cuts; please ask the building manager or check the notices.",
    "tv": "I can't look up today's TV schedule; please check the programme guide or ask your family.",
    "people": "I don't know how they are these days, and I can't look it up; give them a call or ask around.",
}


def outage_claim(clause: str, context: str) -> bool:
    """A cut of water, power or gas on a day or at a time ("明天上午九点到五点停水")."""
    if is_hedged(clause) or not _OUTAGE.search(clause) or _GENERAL.search(clause):
        return False
    return bool(_DAY.search(clause + context) or _CLOCK.search(clause))


def tv_claim(clause: str, context: str) -> bool:
    """What is on tonight ("今晚中央一台播的是电视剧《人世间》")."""
    if is_hedged(clause) or _GENERAL.search(clause):
        return False
    return bool(_SHOWN.search(clause) and _TONIGHT.search(clause + context))


def people_claim(clause: str, question: str) -> bool:
    """How a neighbour or a famous person is now, said when that was asked ("对门老李最近咋样了")."""
    if not question or is_hedged(clause) or _NOT_HIM.search(clause.strip()):
        return False
    return people_topic(question) is not None and bool(_STATE.search(clause))


def today_violation(clause: str, context: str, question: str) -> str | None:
    """The category of the first claim of these kinds in ``clause``, or None."""
    found = {"outage": outage_claim(clause, context), "tv": tv_claim(clause, context),
             "people": people_claim(clause, question)}
    return next((category for category, claim in found.items() if claim), None)
