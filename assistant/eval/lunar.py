"""Calendar truths for the clock rules: the lunar date, the solar terms, days to the Spring Festival
(``lunar-python``, the maintained lunar-calendar library the clock tool uses; nothing computed by hand)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from lunar_python import Solar

SOLAR_TERMS = (
    "小寒",
    "大寒",
    "立春",
    "雨水",
    "惊蛰",
    "春分",
    "清明",
    "谷雨",
    "立夏",
    "小满",
    "芒种",
    "夏至",
    "小暑",
    "大暑",
    "立秋",
    "处暑",
    "白露",
    "秋分",
    "寒露",
    "霜降",
    "立冬",
    "小雪",
    "大雪",
    "冬至",
)


@lru_cache(maxsize=512)
def lunar_date(day: date) -> tuple[int, int, str, bool]:
    """(lunar month, day, the day in Chinese such as 廿二, leap month?) of ``day``."""
    lunar = Solar.fromYmd(day.year, day.month, day.day).getLunar()
    month = int(lunar.getMonth())  # negative in a leap month
    return abs(month), int(lunar.getDay()), str(lunar.getDayInChinese()), month < 0


@lru_cache(maxsize=8)
def days_to_spring_festival(day: date) -> int:
    """Days from ``day`` until the next first day of the first lunar month."""
    for n in range(1, 400):
        month, dnum, _cn, leap = lunar_date(day + timedelta(days=n))
        if month == 1 and dnum == 1 and not leap:
            return n
    raise ValueError(f"no Spring Festival within 400 days of {day}")


@lru_cache(maxsize=8)
def solar_terms(day: date) -> tuple[str, str]:
    """The solar term in effect on ``day`` (begun on or before it) and the next one."""
    lunar = Solar.fromYmd(day.year, day.month, day.day).getLunar()
    # Whole days: a term that begins on ``day`` is the current one, and the next begins after it.
    return str(lunar.getPrevJieQi(True).getName()), str(lunar.getNextJieQi(True).getName())
