"""Named days beyond the clock's own festival tables, dated from ``lunar-python``'s tables: the lunar
ones (龙抬头 二月初二, 上巳节, 寒衣节 十月初一, 下元节, 祭灶, 寒食节 the day before 清明), the solar ones
elderly people ask about (情人节, 植树节, 青年节, 护士节, 建党节, 建军节, 教师节, 万圣节, 平安夜; 感恩节 the
4th Thursday of November), and any other day the library names with three characters or more (世界读书日).
Nothing here is a calendar written by hand: each date is the library's, read from its tables."""

from __future__ import annotations

import functools
from datetime import date, timedelta

from lunar_python import Lunar, Solar
from lunar_python.util import LunarUtil, SolarUtil

# The days asked by their spoken name: spoken name -> (the library's name, English).
NAMED_DAYS = {
    "龙抬头": ("龙头节", "Longtaitou, the Dragon Raising its Head"),
    "寒食节": ("寒食节", "the Cold Food Festival"),
    "上巳节": ("上巳节", "the Shangsi Festival"),
    "寒衣节": ("寒衣节", "the Winter Clothes Festival"),
    "下元节": ("下元节", "the Xiayuan Festival"),
    "祭灶": ("祭灶日", "the Kitchen God's day"),
    "情人节": ("情人节", "Valentine's Day"),
    "植树节": ("植树节", "Arbor Day"),
    "青年节": ("青年节", "Youth Day"),
    "护士节": ("护士节", "Nurses' Day"),
    "建党节": ("建党节", "the Party's founding day"),
    "建军节": ("建军节", "Army Day"),
    "教师节": ("教师节", "Teachers' Day"),
    "感恩节": ("感恩节", "Thanksgiving"),
    "万圣节": ("万圣节", "All Saints' Day"),
    "万圣夜": ("万圣节前夜", "Halloween"),
    "平安夜": ("平安夜", "Christmas Eve"),
}
# The lunar named days a lunar month's festivals include (the clock's own tables give the rest).
LUNAR_NAMED = ("龙抬头", "寒食节", "上巳节", "寒衣节", "下元节", "祭灶")
NAMED_ALIASES = {
    "二月二": "龙抬头", "二月初二": "龙抬头", "龙头节": "龙抬头", "寒食": "寒食节", "上巳": "上巳节",
    "三月初三": "上巳节", "三月三": "上巳节", "寒衣": "寒衣节", "十月初一": "寒衣节", "下元": "下元节",
    "祭灶日": "祭灶", "祭灶节": "祭灶", "送灶": "祭灶", "灶王节": "祭灶", "万圣节前夜": "万圣夜",
    "鬼节": "中元节", "七月半": "中元节", "ghost festival": "中元节", "老年节": "重阳节", "敬老节": "重阳节",
    "valentine": "情人节", "thanksgiving": "感恩节", "halloween": "万圣夜", "all saints": "万圣节",
    "christmas eve": "平安夜", "teachers' day": "教师节", "teacher's day": "教师节", "teachers day": "教师节",
    "arbor day": "植树节", "tree planting day": "植树节", "cold food": "寒食节", "youth day": "青年节",
    "nurses' day": "护士节", "nurses day": "护士节", "army day": "建军节", "dragon head": "龙抬头",
    "kitchen god": "祭灶", "winter clothes": "寒衣节", "may day": "劳动节", "labour day": "劳动节",
    "labor day": "劳动节", "women's day": "妇女节", "children's day": "儿童节",
    **{name: name for name in NAMED_DAYS},
}


def _by_date(main: dict[str, str], other: dict[str, list[str]]) -> dict[str, tuple[int, int]]:
    """The library's names of its "month-day" tables (a festival, and the other days) -> (month, day)."""
    found: dict[str, tuple[int, int]] = {}
    for key, names in [*((key, [name]) for key, name in main.items()), *other.items()]:
        month, day = map(int, key.split("-"))
        for name in names:
            found.setdefault(name, (month, day))
    return found


_SOLAR = _by_date(SolarUtil.FESTIVAL, SolarUtil.OTHER_FESTIVAL)
_LUNAR = _by_date(LunarUtil.FESTIVAL, LunarUtil.OTHER_FESTIVAL)
_WEEK = {name: int(key.split("-")[0]) for key, name in SolarUtil.WEEK_FESTIVAL.items()}
_BEFORE_QINGMING = "寒食节"  # the library's rule: the day before 清明
# Other days the library names, each under its own name (not "人日", "谷日": too short to be asked by name).
LIBRARY_NAMES = tuple(sorted((name for name in {*_SOLAR, *_LUNAR, *_WEEK} if len(name) >= 3
                              and not name[0].isdigit()), key=len, reverse=True))
# The same said without 世界/国际/全国/中国 ("爱眼日" is 全国爱眼日), where that names one day only.
_SCOPES = ("世界", "国际", "全国", "中国")
_SHORT = [(name.removeprefix(scope), name) for name in LIBRARY_NAMES for scope in _SCOPES
          if name.startswith(scope) and len(name) - len(scope) >= 3]
SHORT_NAMES = {short: name for short, name in _SHORT if [s for s, _ in _SHORT].count(short) == 1
               and short not in LIBRARY_NAMES}


def inside_a_number(alias: str, text: str) -> bool:
    """Whether a date alias ("二月二") stands inside a longer date in ``text`` ("十二月二十五")."""
    at = text.find(alias)
    before, after = text[at - 1:at] if at > 0 else "", text[at + len(alias):at + len(alias) + 1]
    return any(c and (c.isdigit() or c in "零一二两三四五六七八九十") for c in (before, after))


def named_day_in(text: str) -> str | None:
    """The spoken name of a named day ``text`` names (the longest), or None."""
    lowered = text.lower()
    alias = next((word for word in sorted(NAMED_ALIASES, key=len, reverse=True)
                  if word in lowered and not inside_a_number(word, lowered)), None)
    if alias is not None:
        return NAMED_ALIASES[alias]
    found = next((name for name in LIBRARY_NAMES if name in text), None)
    return found or next((SHORT_NAMES[short] for short in sorted(SHORT_NAMES, key=len, reverse=True)
                          if short in text), None)


def english_name(name: str) -> str:
    return NAMED_DAYS[name][1] if name in NAMED_DAYS else name


def _solar_date(lunar: Lunar) -> date:
    solar = lunar.getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


@functools.cache
def _in_year(library: str, year: int) -> list[date]:
    """The days named ``library`` in solar year ``year`` (and the lunar year of that number)."""
    if library in _SOLAR:
        return [date(year, *_SOLAR[library])]
    if library in _LUNAR:
        month, day = _LUNAR[library]
        try:
            return [_solar_date(Lunar.fromYmd(year, month, day))]
        except Exception:  # a 30th in a month of 29 days
            return []
    if library in _WEEK:
        first = date(year, _WEEK[library], 1)
        days = (first + timedelta(days=n) for n in range(31))
        return [day for day in days if day.month == first.month
                and library in Solar.fromYmd(day.year, day.month, day.day).getFestivals()]
    if library == _BEFORE_QINGMING:
        qingming = Lunar.fromYmd(year, 6, 1).getJieQiTable()["清明"]
        return [date(qingming.getYear(), qingming.getMonth(), qingming.getDay()) - timedelta(days=1)]
    return []


def next_named_day(name: str, start: date) -> date | None:
    """The first day from ``start`` (included) that is the named day ``name`` (spoken or library name)."""
    library = NAMED_DAYS[name][0] if name in NAMED_DAYS else name
    days = sorted(day for year in range(start.year - 1, start.year + 2) for day in _in_year(library, year))
    return next((day for day in days if day >= start), None)


def is_named_day(name: str) -> bool:
    return name in NAMED_DAYS or name in LIBRARY_NAMES


def named_on(day: date, known: list[str]) -> list[str]:
    """The named days (NAMED_DAYS) on ``day`` that the names ``known`` for it do not hold."""
    return [name for name, (library, _) in NAMED_DAYS.items()
            if name not in known and library not in known and next_named_day(name, day) == day]


def lunar_named_between(first: date, last: date) -> list[tuple[date, str]]:
    """The lunar named days (龙抬头, 寒衣节...) from ``first`` to ``last``."""
    for year in range(first.year - 1, first.year + 2):  # year by year: lunar-python keeps one year's tables
        for name in LUNAR_NAMED:
            _in_year(NAMED_DAYS[name][0], year)
    found = [(day, name) for name in LUNAR_NAMED if (day := next_named_day(name, first)) and day <= last]
    return sorted(found)
