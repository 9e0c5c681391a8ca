"""Calendar truths for the clock rules: the lunar date, the solar terms, days to the Spring Festival
(cnlunar, a maintained lunar-calendar library; nothing computed by hand)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from functools import lru_cache

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
    import cnlunar

    lunar = cnlunar.Lunar(datetime(day.year, day.month, day.day, 12), godType="8char")
    return int(lunar.lunarMonth), int(lunar.lunarDay), str(lunar.lunarDayCn), bool(lunar.isLunarLeapMonth)


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
    """The solar term in effect on ``day`` and the next one."""
    import cnlunar

    dated: list[tuple[date, str]] = []
    for year in (day.year - 1, day.year, day.year + 1):
        lunar = cnlunar.Lunar(datetime(year, 6, 1, 12), godType="8char")
        dated += [(date(year, m, d), name) for name, (m, d) in lunar.thisYearSolarTermsDic.items()]
    dated.sort()
    past = [name for when, name in dated if when <= day]
    future = [name for when, name in dated if when > day]
    return str(past[-1]), str(future[0])
