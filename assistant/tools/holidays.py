"""Public holidays for the clock ("清明节放几天假", "过年调休吗", "国庆上不上班"): the festival's date, and
the days off only where ``lunar-python`` holds the State Council's notice for that year (its HolidayUtil);
otherwise that the notice is published each year, with no number of days: the assistant cannot know the
arrangement before it is announced, and a guessed one would send someone to work on a day off."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from lunar_python.util import HolidayUtil

from assistant.tools.base import ToolContext, zh
from assistant.tools.clock import MONTHS_EN, canonical_festival, date_en, date_zh, english_of, next_festival

# The festivals with days off for everyone (全国年节及纪念日放假办法); 除夕 is in 春节's days off.
STATUTORY = ("元旦", "春节", "除夕", "清明节", "劳动节", "端午节", "中秋节", "国庆节")
# The days off for part of the people, by the same rules.
PARTIAL = {"妇女节": ("妇女放假半天", "women have half a day off"),
           "青年节": ("14周岁以上的青年放假半天", "young people from 14 have half a day off"),
           "儿童节": ("不满14周岁的少年儿童放假", "children under 14 have the day off"),
           "建军节": ("现役军人放假半天", "serving soldiers have half a day off")}
_YEAR_ZH = {-1: "去年", 0: "今年", 1: "明年"}


def _said(day: date, language: str) -> str:
    return f"{MONTHS_EN[day.month - 1]} {day.day}" if language == "en" else f"{day.month}月{day.day}日"


def arrangement(when: date) -> tuple[list[date], list[date]]:
    """The days off and the make-up working days of the festival on ``when``, from the State Council's
    notice as lunar-python holds it ([] and [] when it holds none for that year)."""
    target = when.isoformat()
    found = [(date.fromisoformat(h.getDay()), h.isWork()) for h in HolidayUtil.getHolidays(when.year) or []
             if h.getTarget() == target]
    return sorted(day for day, work in found if not work), sorted(day for day, work in found if work)


def _no_festival(args: Mapping[str, Any], ctx: ToolContext) -> tuple[str, dict[str, Any]]:
    """"明年放假安排出来了吗": where the notice is; the assistant has none ahead of its year."""
    offset = max(-1, min(1, int(args.get("year_offset") or 0)))
    year = ctx.now.year + offset
    held = bool(HolidayUtil.getHolidays(year))
    have_zh = "我这里有，您问哪个节？" if held else "我这里还没有，您留意一下新闻，或者问问家里人。"
    have_en = "I have it: which festival?" if held else \
        "I don't have it yet; please watch the news or ask your family."
    return zh(ctx, f"{year}年的放假安排是国务院每年发通知公布的，{have_zh}",
              f"The days off for {year} are announced by the State Council each year. {have_en}"), \
        {"year": year}


def _festival_day(name: str, said: Any, today: date) -> date:
    """The festival's day asked: of the year said, else this year's while its days off last ("国庆放几天假"
    on 10月3日), else the next one."""
    from assistant.tools.calendar_span import festival_of_year  # it builds on the clock too
    if said is not None:
        return festival_of_year(name, int(said), today)
    this_year = festival_of_year(name, 0, today)
    if this_year < today and any(day >= today for day in _days_off(name, this_year)[0]):
        return this_year
    return next_festival(name, today)


def _days_off(name: str, when: date) -> tuple[list[date], list[date]]:
    return arrangement(when + timedelta(days=1) if name == "除夕" else when)  # 除夕: 春节's days off


def holiday_text(args: Mapping[str, Any], ctx: ToolContext) -> tuple[str, dict[str, Any]]:
    """"清明节是2027年4月5日，星期一。放几天假、怎么调休，要看国务院每年发的放假通知……" or the days off of
    a notice lunar-python holds."""
    name = canonical_festival(str(args.get("festival") or ""))
    if name is None:
        return _no_festival(args, ctx)
    today = ctx.now.date()
    when = _festival_day(name, args.get("year_offset"), today)
    off, work = _days_off(name, when) if name in STATUTORY else ([], [])
    past = when < today and not (off and off[-1] >= today)
    english = english_of(name)
    english = english[:1].upper() + english[1:]
    data: dict[str, Any] = {"festival": name, "date": when.isoformat(),
                            "days_off": [day.isoformat() for day in off],
                            "work_days": [day.isoformat() for day in work]}
    which = _YEAR_ZH.get(when.year - today.year, "")
    day_zh = f"{which}{name}是{date_zh(when)}" + ("，已经过了。" if past else "。")
    day_en = f"{english} {'was' if past else 'is'} on {date_en(when)}."
    if name not in STATUTORY:
        part_zh, part_en = PARTIAL.get(name, ("", ""))
        text = zh(ctx, day_zh + f"它不是全体放假的法定节日{'，按规定' + part_zh if part_zh else ''}。",
                  day_en + f" It is not a public holiday for everyone{'; ' + part_en if part_en else ''}.")
        return text, data
    if not off:
        return zh(ctx, day_zh + "放几天假、怎么调休，要看国务院每年发的放假通知，"
                  f"{when.year}年的我这里还没有，您留意一下新闻，或者问问家里人。",
                  day_en + " The days off and the make-up working days are announced by the State "
                  f"Council each year; I don't have the notice for {when.year} yet. Please watch the news "
                  "or ask your family."), data
    worked_zh = f"；{'、'.join(_said(day, 'zh') for day in work)}调休上班" if work else ""
    worked_en = f"; make-up working days: {', '.join(_said(day, 'en') for day in work)}" if work else ""
    return zh(ctx, day_zh + f"按国务院的放假通知，{_said(off[0], 'zh')}到{_said(off[-1], 'zh')}放假，"
              f"共{len(off)}天{worked_zh}。",
              day_en + f" By the State Council's notice, the days off are {_said(off[0], 'en')} to "
              f"{_said(off[-1], 'en')}, {len(off)} days{worked_en}."), data
