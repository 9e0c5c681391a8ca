"""Which clause the honesty guard holds back until the next one decides it.

- A weather sentence (or a bus's, asked about) that has begun, its claim still to come ("今天的天气，").
- A bare yes or no that opens the answer to a yes/no question about her own life, her day or the world
  ("我血压药吃了吗？" → "吃了，" … "您早上八点吃的。"; "Will it rain today?" → "Yes," …). Released at
  once, the yes is heard even when the clause after it is replaced: "是的，这个我看不到……". Held, it
  goes with that clause, or is spoken with it. A yes/no question of general knowledge ("鸡蛋能和豆浆一起
  吃吗？") is not held: its yes is no claim, and holding costs one clause of latency.

Pure logic.
"""

from __future__ import annotations

import re
from collections.abc import Set

from assistant.pipeline.honesty_claims import WEATHER_TOPIC, is_hedged
from assistant.pipeline.honesty_facts import transit

_BARE_ZH = re.compile(r"(?:是的?|对的?|对啊|没错|嗯|当然(?:了|会|可以)?|会的?|不会|有的?|没有|没|能|不能|可以"
                      r"|不可以|行|不行|不是|不对|还没有?|已经)(?:的|了|啦|呀|啊|呢)?")
_BARE_EN = re.compile(r"(?:yes|yeah|yep|no|nope|sure|of course|not yet|certainly|definitely|absolutely|"
                      r"that's right|i think so)", re.IGNORECASE)
# the question's own verb said back as the answer ("吃了", "没来", "回来了", "来过")
_ECHO = re.compile(r"(?:还)?(?:没|不|没有)?([\u4e00-\u9fff]{1,2}?)(?:过了|了|过|的|啦|呀)?")
_YES_NO_ZH = re.compile(r"吗|了没有?|没有[？?。]?$|是不是|会不会|能不能|有没有|来不来|回不回|要不要|对不对"
                        r"|[一-龥]不[一-龥](?:[？?]|$)")
_YES_NO_EN = re.compile(r"^\s*(?:is|are|was|were|do|does|did|have|has|had|will|would|can|could|should|am)\b",
                        re.IGNORECASE)
# her own life, her day, the world now: a yes to these is a claim
_ANCHORED = re.compile(r"我|俺|咱|孩子|儿子|女儿|闺女|孙|老伴|家里|今天|今儿|明天|明儿|后天|昨天|现在"
                       r"|刚才|今晚|早上|上午|中午|下午|晚上|这周|这个星期|周末|过年|春节|今年|最近|这几天"
                       r"|\b(?:i|my|me|we|our|today|tomorrow|tonight|yesterday|now|this (?:morning|week"
                       r"|afternoon|evening|weekend))\b", re.IGNORECASE)
_MARKS = "，,。！!、；;.… "


def opens_claim(candidate: str, question: str, grounded: Set[str]) -> bool:
    """A weather sentence (or a bus's, asked about) has begun: its claim, if any, is still to come."""
    if transit(candidate) and transit(question):
        return True
    return "weather" not in grounded and not is_hedged(candidate) and bool(WEATHER_TOPIC.search(candidate))


def bare_answer(clause: str, question: str) -> bool:
    """``clause`` is only a yes or a no (or the question's verb said back), and ``question`` asks one
    about her own life, her day or the world."""
    said = clause.strip(_MARKS)
    if not said or not _ANCHORED.search(question):
        return False
    if said.isascii():
        return bool(_YES_NO_EN.search(question) and _BARE_EN.fullmatch(said))
    if not _YES_NO_ZH.search(question):
        return False
    if _BARE_ZH.fullmatch(said):
        return True
    echo = _ECHO.fullmatch(said)
    return bool(echo and echo.group(1) in question)
