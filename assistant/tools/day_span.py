"""A day counted from today in a date question: "三天后是几号", "再过一个星期是星期几", "十天前是几号",
"三个月以后是几月几号", "一年后的今天是星期几", "半个月后", "What's the date in ten days?", "two weeks ago".

:func:`day_span` gives the clock tool's arguments (``day_offset`` in days, or ``month_offset`` for
months and years) or None when no such span is said. A count without a direction is no span ("这三天",
"前三天", "三天三夜"), except after 过 ("过两天是星期几": two days on). Half a month is 15 days. Pure logic.
"""

from __future__ import annotations

import re
from calendar import monthrange
from datetime import date
from typing import Any

from assistant.tools.calculator import english_numbers
from assistant.tools.when_date import number

# Days named by a word: the day's offset from today
DAY_WORDS = (
    ("大后天", 3),
    ("后天", 2),
    ("明天", 1),
    ("明早", 1),
    ("明晚", 1),
    ("昨天", -1),
    ("前天", -2),
    ("大后儿", 3),  # 明儿个, 后儿个: the northern 儿 forms
    ("后儿", 2),
    ("明儿", 1),
    ("昨儿", -1),
    ("前儿", -2),
    ("day after tomorrow", 2),  # before "tomorrow", which it holds
    ("day before yesterday", -2),
    ("tomorrow", 1),
    ("yesterday", -1),
)
MAX_DAYS = 36_600  # the clock tool's reach: a hundred years
MAX_MONTHS = 1_200
_N_ZH = r"[零〇一二两三四五六七八九十百\d]+|半"
_SPAN_ZH = re.compile(
    rf"(?P<after>再过|过了?)?\s*(?P<amount>{_N_ZH})\s*个?\s*(?P<half>半)?\s*"
    r"(?P<unit>天|日|星期|礼拜|周|月|年)\s*(?P<dir>以后|之后|后|以前|之前|前)?"
)
_N_EN = r"\d+|an?"  # number words are written as digits first (calculator.english_numbers)
_SPAN_EN = re.compile(
    rf"\bin (?P<amount>{_N_EN}) (?P<unit>day|week|month|year)s?\b"
    rf"|\b(?P<amount2>{_N_EN}) (?P<unit2>day|week|month|year)s? "
    r"(?P<dir>from (?:now|today)|later|ago|before today)\b",
    re.IGNORECASE,
)
# A year asked with nothing to count from ("孙中山是哪一年去世的"): a year long past, not today's
# or the day of an event in the past tense ("what day did the first man walk on the moon")
_YEAR_ASKED = re.compile(r"哪一?年|几几年|\b(?:what|which) year\b"
                         r"|\b(?:what|which) (?:day|date) (?:did|was (?!it\b)|were)\b", re.IGNORECASE)
_YEAR_NOW = re.compile(r"[今明后去前]年|现在|目前|如今|[今明后昨前]天|[今明昨]儿|[这本上下]个?月"
                       r"|\b(?:now|this|next|last|today|tomorrow|yesterday|current(?:ly)?|is it|are we)\b",
                       re.IGNORECASE)
_DAYS_IN = {"天": 1, "日": 1, "星期": 7, "礼拜": 7, "周": 7, "day": 1, "week": 7}


def day_span(text: str) -> dict[str, Any] | None:
    """``{"day_offset": n}`` or ``{"month_offset": n}`` for a span from today said in ``text``."""
    m = _SPAN_ZH.search(text)
    if m is not None and (m.group("dir") or m.group("after")) and not _only_count(text, m):
        sign = -1 if (m.group("dir") or "").endswith("前") else 1
        unit, half = m.group("unit"), m.group("amount") == "半" or bool(m.group("half"))
        amount = 0 if m.group("amount") == "半" else number(m.group("amount"))
        if amount is None or (amount <= 0 and not half):
            return None
        if half:  # "半个月后" is 15 days, "一个半月" 45; half a day or a week places no day
            return {"day_offset": sign * (30 * amount + 15)} if unit == "月" else \
                {"month_offset": sign * (12 * amount + 6)} if unit == "年" else None
        return _offset(sign * amount, unit)
    e = _SPAN_EN.search(english_numbers(text))
    if e is None:
        return None
    said = e.group("amount") or e.group("amount2")
    amount = int(said) if said.isdigit() else 1  # "a", "an"
    sign = -1 if (e.group("dir") or "").lower() in ("ago", "before today") else 1
    return _offset(sign * amount, (e.group("unit") or e.group("unit2")).lower())


def year_long_past(text: str) -> bool:
    """A year (or a past day) is asked with nothing to count it from: history ("新中国哪年成立的"), not
    today's year or date."""
    return bool(_YEAR_ASKED.search(text)) and not _YEAR_NOW.search(text)


def _only_count(text: str, m: re.Match[str]) -> bool:
    """"前三天" and "这三天" count days, they do not place one."""
    return text[max(0, m.start() - 1): m.start()] in ("前", "这", "那", "头", "每", "近", "最")


def _offset(amount: int, unit: str) -> dict[str, Any] | None:
    if unit in ("月", "month", "年", "year"):
        months = amount * (12 if unit in ("年", "year") else 1)
        return {"month_offset": months} if abs(months) <= MAX_MONTHS else None
    days = amount * _DAYS_IN[unit]
    return {"day_offset": days} if abs(days) <= MAX_DAYS else None


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, on the same day of the month or the month's last ("1月31日" + 1 →
    "2月28日")."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    year = max(1, min(9999, year))
    return date(year, month + 1, min(day.day, monthrange(year, month + 1)[1]))


def span_words(days: int, months: int, language: str) -> str:
    """How the span is said back: "3天后", "两个月前" → "2个月前", "1年后"; "in 3 days", "2 months ago"."""
    amount, unit_zh, unit_en = abs(days), "天", "day"
    if months:
        amount, unit_zh, unit_en = abs(months), "个月", "month"
        if months % 12 == 0:
            amount, unit_zh, unit_en = abs(months) // 12, "年", "year"
    later = (months or days) > 0
    if language == "en":
        said = f"{amount} {unit_en}{'s' if amount != 1 else ''}"
        return f"in {said}" if later else f"{said} ago"
    return f"{amount}{unit_zh}{'后' if later else '前'}"
