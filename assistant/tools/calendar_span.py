"""The clock's answers about spans of the calendar: the festivals of a month, of a lunar month ("腊月有什么
节"), of the rest of the year, next year's main ones, or the nearest one; a festival's days off
(holidays.py); the weekends before a festival; a year's leap month; the week of the year; and a named
year's festival already past ("今年中秋是几号" in November). Dates from ``lunar-python`` through the
clock's own festival functions."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from datetime import date, timedelta
from typing import Any

from lunar_python import Lunar, LunarYear

from assistant.tools.base import ToolContext, ToolResult, zh
from assistant.tools.calendar_count import calendar_text
from assistant.tools.clock import (
    LUNAR_FESTIVALS,
    MONTHS_EN,
    SPAN_KINDS,
    WEEKDAYS_ZH,
    canonical_festival,
    date_en,
    date_zh,
    english_of,
    festivals_on,
    lunar_of,
    next_festival,
)
from assistant.tools.holidays import holiday_text
from assistant.tools.named_days import lunar_named_between

_MONTHS_ZH = "正二三四五六七八九十冬腊"
_YEAR_ZH = {-2: "前年", -1: "去年", 0: "今年", 1: "明年", 2: "后年"}
_SPAN_ZH = {("month", 0): "这个月", ("month", 1): "下个月", ("year", 0): "今年剩下"}
_SPAN_EN = {("month", 0): "this month", ("month", 1): "next month", ("year", 0): "for the rest of the year"}


# A year's main festivals, said for "明年有什么节日" (all of them would be too long to listen to).
MAIN = ("元旦", "除夕", "春节", "元宵节", "清明节", "劳动节", "端午节", "七夕", "中秋节", "国庆节", "重阳节",
        "冬至")


def festivals_between(first: date, last: date) -> Iterator[tuple[date, str]]:
    """The festivals (traditional, public, 清明 and 冬至, the lunar named days 龙抬头 寒衣节...; not the other
    节气) from ``first`` to ``last``."""
    named = lunar_named_between(first, last)
    day = first
    while day <= last:
        names = [name for name in map(canonical_festival, festivals_on(day)) if name]
        names += [name for when, name in named if when == day and name not in names]
        yield from ((day, name) for name in names)
        day += timedelta(days=1)


def _span(args: Mapping[str, Any], today: date) -> tuple[str, int, date, date]:
    span = str(args.get("span") or "next")
    offset = max(0, min(11, int(args.get("month_offset") or 0))) if span == "month" else 0
    if span == "month":
        first = date(today.year + (today.month + offset - 1) // 12, (today.month + offset - 1) % 12 + 1, 1)
        after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return span, offset, max(first, today), after - timedelta(days=1)
    if span == "year":
        return span, 0, today, date(today.year, 12, 31)
    return "next", 0, today + timedelta(days=1), today + timedelta(days=400)


def festivals_text(args: Mapping[str, Any], ctx: ToolContext) -> tuple[str, dict[str, Any]]:
    """"下个月的节日有：12月22日冬至，12月25日圣诞节。", or the nearest festival with its date."""
    if args.get("span") in ("lunar", "next_year"):
        return (lunar_month_text if args["span"] == "lunar" else next_year_text)(args, ctx)
    today = ctx.now.date()
    span, offset, first, last = _span(args, today)
    found = list(festivals_between(first, last)) if span != "next" else []
    data = {"span": span, "festivals": [(day.isoformat(), name) for day, name in found]}
    if span == "next" or not found:
        start = first if span == "next" else last + timedelta(days=1)
        day, name = next(festivals_between(start, start + timedelta(days=400)))
        english = english_of(name)
        nearest = zh(ctx, f"最近的节日是{name}，{date_zh(day)}，还有{(day - today).days}天。",
                     f"The next festival is {english}, on {date_en(day)}, in {(day - today).days} days.")
        if span == "next":
            return nearest, data
        return zh(ctx, f"{_SPAN_ZH[span, offset]}没有节日了。", f"There are no festivals "
                  f"{_SPAN_EN[span, offset]}. ") + nearest, data
    return _listing(found, _SPAN_ZH[span, offset], f"Festivals {_SPAN_EN[span, offset]}", ctx), data


def _listing(found: list[tuple[date, str]], title_zh: str, title_en: str, ctx: ToolContext) -> str:
    listed_zh = "，".join(f"{day.month}月{day.day}日{name}" for day, name in found)
    listed_en = ", ".join(f"{english_of(name)} on {MONTHS_EN[day.month - 1]} {day.day}"
                          for day, name in found)
    return zh(ctx, f"{title_zh}的节日有：{listed_zh}。", f"{title_en}: {listed_en}.")


def lunar_month_span(number: int, today: date) -> tuple[date, date]:
    """The first and last day of the coming lunar month ``number`` (1 正月 .. 12 腊月; this one from today
    when today is in it)."""
    lunar = lunar_of(today)
    year = lunar.getYear() + (number < abs(lunar.getMonth()))
    solar = Lunar.fromYmd(year, number, 1).getSolar()
    first = date(solar.getYear(), solar.getMonth(), solar.getDay())
    days = LunarYear.fromYear(year).getMonth(number).getDayCount()
    return max(first, today), first + timedelta(days=days - 1)


def next_year_text(args: Mapping[str, Any], ctx: ToolContext) -> tuple[str, dict[str, Any]]:
    """"明年（2027年）主要的节日有：1月1日元旦，……" (the year's MAIN festivals)."""
    year = ctx.now.year + 1
    found = sorted((next_festival(name, date(year, 1, 1)), name) for name in MAIN)
    data = {"span": "next_year", "festivals": [(day.isoformat(), name) for day, name in found]}
    return _listing(found, f"明年（{year}年）主要", f"The main festivals of {year}", ctx), data


def lunar_month_text(args: Mapping[str, Any], ctx: ToolContext) -> tuple[str, dict[str, Any]]:
    """"农历腊月（1月8日到2月5日）的节日有：1月15日腊八节，……"."""
    number = max(1, min(12, int(args.get("lunar_month") or 1)))
    first, last = lunar_month_span(number, ctx.now.date())
    found = list(festivals_between(first, last))
    data = {"span": "lunar", "lunar_month": number,
            "festivals": [(day.isoformat(), name) for day, name in found]}
    month_zh = f"农历{_MONTHS_ZH[number - 1]}月（{first.month}月{first.day}日到{last.month}月{last.day}日）"
    month_en = f"month {number} of the lunar calendar"
    if not found:
        return zh(ctx, f"{month_zh}没有节日。", f"There are no festivals in {month_en}."), data
    return _listing(found, month_zh, f"Festivals in {month_en}", ctx), data


def weekends_text(args: Mapping[str, Any], ctx: ToolContext) -> tuple[str, dict[str, Any]]:
    """"春节是2027年2月6日，星期六，之前还有9个周末。" (the Saturdays before the day)."""
    today = ctx.now.date()
    name = canonical_festival(str(args.get("festival") or "")) or "春节"
    when = next_festival(name, today)
    weekends = sum((today + timedelta(days=n)).weekday() == 5 for n in range(1, (when - today).days))
    data = {"festival": name, "date": when.isoformat(), "weekends": weekends}
    english = english_of(name)
    return zh(ctx, f"{name}是{date_zh(when)}，之前还有{weekends}个周末。",
              f"{english[:1].upper()}{english[1:]} is on {date_en(when)}; there are {weekends} weekends "
              "before it."), data


def leap_text(args: Mapping[str, Any], ctx: ToolContext) -> tuple[str, dict[str, Any]]:
    """"今年农历没有闰月。" / "后年农历闰五月，从2028年6月23日起。"."""
    offset = max(-2, min(2, int(args.get("year_offset") or 0)))
    year = ctx.now.year + offset
    month = LunarYear.fromYear(year).getLeapMonth()
    data = {"year": year, "leap_month": month}
    if not month:
        return zh(ctx, f"{_YEAR_ZH[offset]}农历没有闰月。",
                  f"There is no leap month in the Chinese calendar in {year}."), data
    solar = Lunar.fromYmd(year, -month, 1).getSolar()
    start = date(solar.getYear(), solar.getMonth(), solar.getDay())
    since = f"{start.year}年{start.month}月{start.day}日"
    return zh(ctx, f"{_YEAR_ZH[offset]}农历闰{_MONTHS_ZH[month - 1]}月，从{since}起。",
              f"The Chinese calendar has a leap month in {year}, after its month {month}, "
              f"from {date_en(start)}."), data


def week_text(args: Mapping[str, Any], ctx: ToolContext) -> tuple[str, dict[str, Any]]:
    """"今天是2026年的第49周，星期一。" (ISO weeks, Monday first)."""
    today = ctx.now.date()
    year, week, _ = today.isocalendar()
    return zh(ctx, f"今天是{year}年的第{week}周，{WEEKDAYS_ZH[today.weekday()]}。",
              f"This is week {week} of {year}."), {"year": year, "week": week}


def festival_of_year(name: str, year_offset: int, today: date) -> date:
    """The festival's day in this year or one around it: the lunar year's for a lunar festival ("今年的腊八"
    in November is the coming one), the calendar year's for the others."""
    offset = max(-2, min(2, year_offset))
    if name in LUNAR_FESTIVALS or name == "除夕":
        solar = Lunar.fromYmd(lunar_of(today).getYear() + offset, 1, 1).getSolar()
        return next_festival(name, date(solar.getYear(), solar.getMonth(), solar.getDay()))
    return next_festival(name, date(today.year + offset, 1, 1))


def festival_past(name: str, english: str, when: date, again: date, ctx: ToolContext) -> ToolResult:
    """This year's festival already past: its day, and the next one."""
    text = zh(ctx, f"今年的{name}是{when.month}月{when.day}日，{WEEKDAYS_ZH[when.weekday()]}，已经过了；"
                   f"下一个是{date_zh(again)}。",
              f"This year {english} was on {date_en(when)}; the next one is on {date_en(again)}.")
    data = {"festival": name, "date": when.isoformat(), "next": again.isoformat()}
    return ToolResult(text=text, data=data, grounded=frozenset({"date"}))


SPAN_ANSWERS: dict[str, Callable[[Mapping[str, Any], ToolContext], tuple[str, dict[str, Any]]]] = dict(
    zip(SPAN_KINDS, (festivals_text, weekends_text, leap_text, week_text, holiday_text, calendar_text),
        strict=True))
