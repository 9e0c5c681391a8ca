"""Calendar days in a spoken reminder: "十二月二十四号", "下个月五号", "24号", "on December 24", and the
day words that name no single day ("月底", "周末", "下个月", "元旦").

:func:`find_date` returns the day a phrase names (a date that has passed this year is next year's), or
says that a day was named that cannot be placed: a day that does not exist ("二月三十号") or a vague
one. A reminder is then asked back, never saved on another day than the one said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import cn2an
from lunar_python import Lunar, Solar

_N = r"[零〇一二两三四五六七八九十\d]+"
_ZH = re.compile(
    r"(?:(?P<next>下个?月)|(?P<this>这个?月|本月)|(?P<month>" + _N + r")\s*月(?:份)?)?\s*"
    r"(?<![周期拜])(?P<day>" + _N + r")\s*(?:号|日)(?!子|常|本|楼|线|码|床|房|车|窗|门|院|机)"
)
_MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december")
_EN = re.compile(
    r"\b(?:on\s+)?(?:the\s+)?(?:(?P<month>" + "|".join(_MONTHS_EN) + r")\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    r"|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+of\s+(?P<month2>" + "|".join(_MONTHS_EN) + r"))\b",
    re.IGNORECASE,
)
# A lunar date: "农历冬月初八", "腊月十五", "阴历八月十五", "正月初三" (农历/阴历, 正/冬/腊 or 初/廿
# say it is one)
_LUNAR_MONTHS = {"正": 1, "冬": 11, "腊": 12}
_LUNAR = re.compile(
    r"(?P<mark>农历|阴历)?\s*(?P<month>十[一二]|[正冬腊一二三四五六七八九十])月(?:份)?\s*"
    r"(?P<day>初[一二三四五六七八九十]|廿[一二三四五六七八九]|二十[一二三四五六七八九]?|三十|十[一二三四五六七八九]?"
    r"|[一二三四五六七八九])(?:号|日)?"
)
# Named but not placed: the user must say which day (and the product has no holiday calendar here).
VAGUE_DAY = re.compile(
    r"月底|月初|月中|年底|年初|下个?月|下下?个?(?:周|星期|礼拜)(?![一二三四五六日天])|周末|礼拜天?末"
    r"|元旦|春节|过年|除夕|元宵|清明|端午|中秋|重阳|国庆|生日|改天|过几天|这几天|哪天"
    r"|\bweekend\b|\bend of the month\b|\bnext (?:week|month)\b|\bsome ?day\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class DateSaid:
    day: date | None  # None: the words name a day that does not exist ("二月三十号")
    start: int
    end: int


def number(text: str) -> int | None:
    """"二十四" / "24" / "零五" as an int; None when it is no number."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    try:
        return int(cn2an.cn2an(text.replace("〇", "零"), "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def _placed(year: int, month: int, day: int, today: date) -> date | None:
    """The next ``month``/``day`` from ``today`` on (this year, else next year); None if no such day."""
    for y in (year, year + 1):
        try:
            found = date(y, month, day)
        except ValueError:
            if y == year and month == 2 and day == 29:
                continue
            return None
        if found >= today:
            return found
    return None


def lunar_month_day(text: str) -> tuple[int, int, int, int] | None:
    """The lunar month and day ``text`` says ("腊月十八" → 12, 18), with where they are said; None when it
    says none (a plain "八月十五" needs 农历/阴历, or 正/冬/腊, or a day with 初 or 廿)."""
    m = _LUNAR.search(text)
    if m is None or not (m.group("mark") or m.group("month") in _LUNAR_MONTHS or m.group("day")[0] in "初廿"):
        return None
    month = _LUNAR_MONTHS.get(m.group("month")) or number(m.group("month")) or 0
    day = number(m.group("day").replace("初", "").replace("廿", "二十")) or 0
    return month, day, m.start(), m.end()


def next_lunar(month: int, day: int, today: date) -> date | None:
    """The next solar day from ``today`` on that is lunar ``month``/``day``; None when the month lacks
    the day."""
    year = Solar.fromYmd(today.year, today.month, today.day).getLunar().getYear()
    for y in (year, year + 1):
        try:
            solar = Lunar.fromYmd(y, month, day).getSolar()
        except Exception:  # lunar-python raises a bare Exception for a day the month lacks ("腊月三十")
            return None
        found = date(solar.getYear(), solar.getMonth(), solar.getDay())
        if found >= today:
            return found
    return None


def _lunar(text: str, today: date) -> DateSaid | None:
    """The solar day of a lunar date said, its next one from ``today`` on; None when none is said."""
    said = lunar_month_day(text)
    if said is None:
        return None
    month, day, start, end = said
    return DateSaid(day=next_lunar(month, day, today), start=start, end=end)


def find_date(text: str, now: datetime) -> DateSaid | None:
    """The calendar day ``text`` names, or None when it names none (see the module docstring)."""
    today = now.date()
    lunar = _lunar(text, today)
    if lunar is not None:
        return lunar
    m = _ZH.search(text)
    if m is not None:
        day = number(m.group("day"))
        month = number(m.group("month")) if m.group("month") else today.month
        if m.group("next"):
            month = today.month % 12 + 1
        if day is None or month is None or not (1 <= month <= 12 and 1 <= day <= 31):
            return DateSaid(day=None, start=m.start(), end=m.end())
        year = today.year + (1 if m.group("next") and month == 1 else 0)
        if m.group("month") or m.group("next") or m.group("this"):
            return DateSaid(day=_placed(year, month, day, today), start=m.start(), end=m.end())
        found = _placed(year, month, day, today)  # "五号": this month's, else next month's
        if found is None or found.month != month:
            found = _placed(year + (month == 12), month % 12 + 1, day, today)
        return DateSaid(day=found, start=m.start(), end=m.end())
    e = _EN.search(text)
    if e is not None:
        month_name = (e.group("month") or e.group("month2")).lower()
        day = int(e.group("day") or e.group("day2"))
        found = _placed(today.year, _MONTHS_EN.index(month_name) + 1, day, today)
        return DateSaid(day=found, start=e.start(), end=e.end())
    return None
