"""The clock's answer about a day of the lunar calendar: its lunar date and festivals; with the 节气
asked, the term in effect and the next one ("现在是什么节气": 小雪, not only the coming 大雪); with the day's
festival asked ("今天是什么节日") and none falling on it, that it is none and which comes next; and whether
a near day is a named festival ("今天是重阳节吗")."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from assistant.tools.base import ToolContext, ToolResult, zh
from assistant.tools.calendar_span import festivals_between
from assistant.tools.clock import date_en, english_of, lunar_of, lunar_zh


def lunar_en(day: date) -> str:
    """``the 22nd day of the 10th month`` of the lunar calendar (``leap`` months said so)."""
    lunar = lunar_of(day)
    month, number = lunar.getMonth(), lunar.getDay()
    leap = "leap " if month < 0 else ""
    return f"the {_ordinal(number)} day of the {leap}{_ordinal(abs(month))} month"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def next_term_zh(day: date, language: str = "zh") -> str:
    """The next 节气 after ``day`` ("下一个节气是大雪，12月7日，还有7天。"; in English without its name)."""
    term = lunar_of(day).getNextJieQi(True)
    solar = term.getSolar()
    when = date(solar.getYear(), solar.getMonth(), solar.getDay())
    if when == day:
        return ""
    if language == "en":
        return f" The next solar term is on {date_en(when)}, in {(when - day).days} days."
    return f"下一个节气是{term.getName()}，{when.month}月{when.day}日，还有{(when - day).days}天。"


def current_term(day: date) -> tuple[str, date]:
    """The 节气 in effect on ``day`` (begun on it or before) and the day it began."""
    term = lunar_of(day).getPrevJieQi(True)
    solar = term.getSolar()
    return str(term.getName()), date(solar.getYear(), solar.getMonth(), solar.getDay())


def _nearest(day: date, ctx: ToolContext) -> str:
    """"最近的节日是冬至，12月22日，还有20天。" (after ``day``)."""
    when, name = next(festivals_between(day + timedelta(days=1), day + timedelta(days=400)))
    days = (when - day).days
    return zh(ctx, f"最近的节日是{name}，{when.month}月{when.day}日，还有{days}天。",
              f" The next festival is {english_of(name)}, on {date_en(when)}, in {days} days.")


def lunar_text(which: str, day: date, festivals: list[str], args: Mapping[str, Any], ctx: ToolContext) -> str:
    """``which`` names the day ("今天", "明天"); ``festivals`` are those falling on it."""
    term_asked, festival_asked = bool(args.get("solar_term")), bool(args.get("festival_asked"))
    said = "、".join(festivals)
    name, began = current_term(day)
    if ctx.language == "en":
        text = f"It's {lunar_en(day)} in the lunar calendar."
        if festival_asked:
            text += (f" It's {', '.join(map(english_of, festivals))}." if festivals
                     else " It isn't a festival." + _nearest(day, ctx))
        return text + (next_term_zh(day, "en") if term_asked else "")
    text = f"{which}是{lunar_zh(day)}" + (f"，是{said}" if said else "")
    if (term_asked or (festival_asked and not festivals)) and name not in festivals:
        text += f"，{name}节气" + (f"（{began.month}月{began.day}日开始）" if term_asked else "")
    text += "，不是节日。" if festival_asked and not festivals else "。"
    if festival_asked and not festivals:
        text += _nearest(day, ctx)
    return text + (next_term_zh(day) if term_asked else "")


def is_it_text(asked_day: int, result: ToolResult, ctx: ToolContext) -> str:
    """"今天是重阳节吗": yes, or no and when it is (``result`` is the days_until answer)."""
    which = {0: ("今天", "today"), 1: ("明天", "tomorrow"), 2: ("后天", "the day after tomorrow")}.get(
        asked_day, ("今天", "today"))
    name, days = str(result.data["festival"]), int(result.data["days"])
    if days == asked_day:
        return zh(ctx, f"是的，{which[0]}就是{name}。", f"Yes, {which[1]} is {english_of(name)}.")
    no = zh(ctx, f"不是，{which[0]}不是{name}。", f"No, {which[1]} isn't {english_of(name)}. ")
    return no + result.text
