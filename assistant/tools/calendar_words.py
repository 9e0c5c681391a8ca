"""The words of calendar questions the clock answers beyond a day's date: the festivals of a month or
of the rest of the year, the nearest festival, the weekends before a festival, a year's leap month, the
week of the year, a festival of a named year ("今年中秋是几号"), and days that never come ("猴年马月",
"太阳从西边出来那天"), which no date answers."""

from __future__ import annotations

import re
from typing import Any

from assistant.tools.clock import ALIASES, FESTIVAL_NAMES

# A day that never comes: an idiom for "never", or a life after this one.
NEVER = re.compile(r"太阳从西边出来|猴年马月|驴年马月|铁树开花|下辈子|上辈子|来世|前世|海枯石烂"
                   r"|\bwhen pigs fly\b", re.IGNORECASE)
_FESTIVAL_WORD = r"(?:节日|节(?![目约省奏气点课拍食能]))"
# Which festivals fall in a span: "下个月有什么节日", "今年还剩哪些节", "what holidays are next month".
_LIST = re.compile(rf"(?P<span>这个月|本月|这月|下个?月|今年|this month|next month|this year)"
                   rf"[^，。？?]{{0,4}}(?:有|剩下?|是)[^，。？?]{{0,2}}(?:什么|啥|哪些|哪几个|几个)"
                   rf"[^，。？?]{{0,2}}{_FESTIVAL_WORD}"
                   r"|(?:what|which|any) (?:holidays|festivals)[a-z ]{0,12}"
                   r"(?P<en>this month|next month|this year)", re.IGNORECASE)
_SPAN_WORDS = {"这个月": ("month", 0), "本月": ("month", 0), "这月": ("month", 0), "下个月": ("month", 1),
               "下月": ("month", 1), "今年": ("year", 0), "this month": ("month", 0),
               "next month": ("month", 1), "this year": ("year", 0)}
# The nearest festival: "最近的节日是哪天", "下一个节是啥节", "快到什么节了", "what's the next holiday".
_NEAREST = re.compile(rf"(?:最近的?|下一个){_FESTIVAL_WORD}[^，。？?]{{0,3}}(?:哪天|哪一天|什么|啥|几号|几月)"
                      rf"|快(?:到|过)(?:什么|啥){_FESTIVAL_WORD}"
                      r"|\b(?:what|when)\b.*\bnext (?:holiday|festival)\b"
                      r"|\b(?:holidays|festivals) (?:are )?coming up\b|\bupcoming (?:holidays|festivals)\b",
                      re.IGNORECASE)
_WEEKENDS = re.compile(r"(?:前|还)[^，。？]{0,3}(?:有|剩)?(?:几个|多少个?)"
                       r"(?:周末|礼拜天|星期天|星期六|礼拜六)"
                       r"|\bhow many weekends\b", re.IGNORECASE)
# A year's leap month asked, not what 闰月 means ("闰月出生的人怎么过生日").
_LEAP = re.compile(r"闰(?:几|什么|啥|哪个)月|有(?:没有)?闰月|闰月[吗嘛没]|\bleap month\b", re.IGNORECASE)
# The week of the year, not of a pregnancy or a treatment ("怀孕第几周能查出男女").
_WEEK = re.compile(r"(?:今天|今年|这周|本周|这个?(?:礼拜|星期)|现在|这是)[^，。？]{0,6}"
                   r"第几(?:周|个?(?:星期|礼拜))"
                   r"|\bwhat week\b|\bweek of the year\b|\bweek number\b", re.IGNORECASE)
_YEAR_OF = {"前年": -2, "去年": -1, "今年": 0, "明年": 1, "后年": 2, "this year": 0, "next year": 1,
            "last year": -1}


def festival_in(text: str) -> str | None:
    lowered = text.lower()
    for alias in sorted(ALIASES, key=len, reverse=True):
        if alias in lowered:
            return ALIASES[alias]
    for name in sorted(FESTIVAL_NAMES, key=len, reverse=True):
        if name in text or name.removesuffix("节") in text:
            return name
    return None


def year_offset(text: str) -> int | None:
    lowered = text.lower()
    return next((offset for word, offset in _YEAR_OF.items() if word in lowered), None)


def calendar_args(text: str) -> dict[str, Any] | None:
    """The clock's arguments for a calendar question of the kinds above, or None."""
    listed = _LIST.search(text)
    if listed is not None:
        span, offset = _SPAN_WORDS[(listed.group("span") or listed.group("en")).lower()]
        return {"what": "festivals", "span": span, "month_offset": offset}
    if _NEAREST.search(text):
        return {"what": "festivals", "span": "next"}
    festival = festival_in(text)
    if festival is not None and _WEEKENDS.search(text):
        return {"what": "weekends", "festival": festival}
    if _LEAP.search(text):
        return {"what": "leap", "year_offset": year_offset(text) or 0}
    if _WEEK.search(text):
        return {"what": "week"}
    return None
