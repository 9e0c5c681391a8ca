"""Whether she may take her medicine on a journey: the answer is written here, never the LLM's.

Asked "坐飞机能带降压药吗？" (discovery 10, 2026-12-02), the shipped 1.5B model said "降压药不能带飞机" —
and an elder who believes it flies without the pills she must not miss. Her own medicines may go on a
plane or a train; what matters is how they go: in the bag she keeps with her, in their boxes, enough for
the days away and a few more, liquids and insulin shown at security with a doctor's note. A question is
one of these when it names a medicine, a journey or its security check, and asks whether it may be
brought or how it is packed ("胰岛素能过安检吗", "降压药能放在托运的箱子里吗"); which medicine helps
travel sickness, when to take a dose on the way, and what else may be brought go on to the LLM or to the
dose rules. Pure logic.
"""

from __future__ import annotations

import re

# A medicine, also by a name without 药 in it ("速效救心丸", "二甲双胍").
_MEDICINE = re.compile(r"药|胰岛素|针剂|打针的针|救心丸|药丸|丸药|胶囊|硝酸甘油|阿司匹林|二甲双胍"
                       r"|\b(?:medicines?|medications?|pills?|tablets?|insulin|drugs?)\b", re.I)
_JOURNEY = re.compile(r"飞机|航班|机场|登机|安检|托运|高铁|动车|火车|长途车|大巴|出国|国外|旅游|旅行|出远门"
                      r"|去[^，。？]{1,4}玩|\b(?:plane|flight|fly|flying|airport|security|train|abroad|trip"
                      r"|travel\w*|luggage|suitcase)\b", re.I)
# Brought, carried, packed or let through ("能带", "让不让带", "过安检会不会被没收", "放在托运的箱子里").
_CARRIED = re.compile(r"带|携带|拿出来|过安检|没收|托运|随身|装|放在|放进"
                      r"|\b(?:bring|take|carry|pack|allowed|let through|checked)\b", re.I)
# Not whether it may come: which medicine for the journey, or when to take it ("晕机吃什么药").
_NOT_CARRIED = re.compile(r"吃什么药|吃啥药|吃点什么|(?:晕车|晕机|晕船)药|什么时候吃|饭前|饭后"
                          r"|之前[^，。？]{0,4}吃|\bwhen should\b|\bmotion sickness\b|\bwhat should i take\b",
                          re.I)

_REPLY_ZH = ("自己平时吃的药可以带上飞机、火车，千万别落下。放在随身的包里，别托运；连药盒、说明书一起带，"
             "带够路上的天数再多带几天。药水、胰岛素过安检时主动拿出来给工作人员看，最好带上医生开的证明或者病历。"
             "拿不准的，出发前打电话问问航空公司或车站。")
_REPLY_EN = ("Your own medicines can go on a plane or a train; don't leave them behind. Keep them in the bag "
             "you carry with you, not in checked luggage, in their boxes, with enough for the trip and a few "
             "days more. Show liquids and insulin at security, and bring a doctor's note or your records. If "
             "unsure, call the airline or the station before you go.")


def advice(text: str, language: str) -> tuple[str, str] | None:
    """``("carry", reply)`` when ``text`` asks whether her medicine may come on a journey, else None."""
    if not (_MEDICINE.search(text) and _JOURNEY.search(text) and _CARRIED.search(text)):
        return None
    if _NOT_CARRIED.search(text):
        return None
    return "carry", _REPLY_EN if language == "en" else _REPLY_ZH
