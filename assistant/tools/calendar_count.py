"""The clock's answers counted on the calendar (the words are calendar_ask.py's): the date of a weekday of
last, this or next week, the date and weekday of a day of a month, the days of a month or a year, whether a
year is a leap year, the days left this year or month, today's number in the month or the year, the days to
the weekend, a weekday or a date, and the days since a date. Counted by Python's calendar, not the LLM."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import Any

from lunar_python import Solar

from assistant.tools.base import ToolContext, ToolError, zh
from assistant.tools.clock import (
    MONTHS_EN,
    WEEKDAYS_EN,
    WEEKDAYS_ZH,
    date_en,
    date_zh,
    day_festivals,
    lunar_zh,
)
from assistant.tools.when_date import next_lunar

_WEEK_ZH = {-2: "上上", -1: "上", 0: "", 1: "下", 2: "下下"}  # "下星期三是...", as the clock says it
_WEEK_EN = {-2: "{} the week before last", -1: "Last {}", 0: "This {}", 1: "Next {}",
            2: "{} the week after next"}


def _year(args: Mapping[str, Any], today: date) -> int:
    if args.get("year") is not None:
        return int(args["year"])
    return today.year + int(args.get("year_offset") or 0)


def _month(args: Mapping[str, Any], today: date) -> tuple[int, int]:
    """The (year, month) asked: a named month of a named year, a bare month number already past this year
    meaning next year's, or a month counted from this one."""
    said_year = args.get("year") is not None or args.get("year_offset") is not None
    if args.get("month") is not None:
        month = max(1, min(12, int(args["month"])))
        year = _year(args, today)
        return (year + 1 if not said_year and month < today.month else year), month
    index = today.year * 12 + today.month - 1 + int(args.get("month_offset") or 0)
    return index // 12, index % 12 + 1


def _day_of(args: Mapping[str, Any], today: date) -> date:
    """The day of a month asked (-1: the month's last day; a day past the month's end: its last day)."""
    year, month = _month(args, today)
    last = calendar.monthrange(year, month)[1]
    day = int(args.get("day") or 1)
    return date(year, month, last if day < 0 else max(1, min(last, day)))


def _said_zh(day: date, today: date) -> str:
    return (f"{day.year}年" if day.year != today.year else "") + f"{day.month}月{day.day}日"


def _said_en(day: date, today: date) -> str:
    return f"{MONTHS_EN[day.month - 1]} {day.day}" + (f", {day.year}" if day.year != today.year else "")


def week_day_text(args: Mapping[str, Any], ctx: ToolContext) -> str:
    """"上个星期天是几号": the weekday of last, this or next week (weeks start on Monday)."""
    today = ctx.now.date()
    week = max(-2, min(2, int(args.get("week_offset") or 0)))
    weekday = int(args.get("weekday") or 0) % 7
    day = today + timedelta(days=7 * week + weekday - today.weekday())
    if day == today:
        return zh(ctx, f"就是今天，{date_zh(day)}。", f"That's today, {date_en(day)}.")
    festivals = "、".join(day_festivals(day))
    return zh(ctx, f"{_WEEK_ZH[week]}{WEEKDAYS_ZH[weekday]}是{date_zh(day)}，{lunar_zh(day)}"
              + (f"，是{festivals}" if festivals else "") + "。",
              f"{_WEEK_EN[week].format(WEEKDAYS_EN[weekday])} {'was' if day < today else 'is'} "
              f"{date_en(day)}.")


def month_day_text(args: Mapping[str, Any], ctx: ToolContext) -> str:
    """"下个月一号是星期几", "月底是几号": a day of a month, with its weekday."""
    today = ctx.now.date()
    if args.get("lunar_month") is not None:  # "腊月十八是星期几": its next solar day
        day, said_zh, said_en = _target(args, today)
        return zh(ctx, f"{said_zh}是{WEEKDAYS_ZH[day.weekday()]}。",
                  f"{said_en} is a {WEEKDAYS_EN[day.weekday()]}.")
    if args.get("nth") is not None and args.get("weekday") is not None:
        return _nth_weekday_text(args, ctx)
    day = _day_of(args, today)
    if int(args.get("day") or 1) > day.day:  # "2月29号" of a year without one
        return zh(ctx, f"{day.year}年{day.month}月只有{day.day}天，没有{args['day']}号。",
                  f"{MONTHS_EN[day.month - 1]} {day.year} has only {day.day} days.")
    if day == today:
        return zh(ctx, f"就是今天，{date_zh(day)}。", f"That's today, {date_en(day)}.")
    return zh(ctx, f"{_said_zh(day, today)}是{WEEKDAYS_ZH[day.weekday()]}。",
              f"{_said_en(day, today)} is a {WEEKDAYS_EN[day.weekday()]}.")


def _nth_weekday_text(args: Mapping[str, Any], ctx: ToolContext) -> str:
    """"这个月的第三个星期天是几号": the nth (-1: the last) weekday of a month."""
    today = ctx.now.date()
    year, month = _month(args, today)
    weekday, nth = int(args["weekday"]) % 7, int(args["nth"])
    days = [d for d in range(1, calendar.monthrange(year, month)[1] + 1)
            if date(year, month, d).weekday() == weekday]
    said_zh = f"{year}年{month}月" if year != today.year else f"{month}月"
    said_en = MONTHS_EN[month - 1] + (f" {year}" if year != today.year else "")
    ordinal = ("first", "second", "third", "fourth", "fifth")
    if nth == 0 or nth > len(days):
        return zh(ctx, f"{said_zh}只有{len(days)}个{WEEKDAYS_ZH[weekday]}。",
                  f"{said_en} has only {len(days)} {WEEKDAYS_EN[weekday]}s.")
    day = date(year, month, days[nth - 1 if nth > 0 else -1])
    which_zh = "最后一个" if nth < 0 else f"第{'一二三四五'[nth - 1]}个"
    which_en = "last" if nth < 0 else ordinal[nth - 1]
    return zh(ctx, f"{said_zh}的{which_zh}{WEEKDAYS_ZH[weekday]}是{_said_zh(day, today)}"
              + ("，就是今天" if day == today else "") + "。",
              f"The {which_en} {WEEKDAYS_EN[weekday]} of {said_en} is {_said_en(day, today)}"
              + (", today" if day == today else "") + ".")


def month_days_text(args: Mapping[str, Any], ctx: ToolContext) -> str:
    """"二月有几天": the days of a month (the coming one, unless a year is said)."""
    year, month = _month(args, ctx.now.date())
    days = calendar.monthrange(year, month)[1]
    return zh(ctx, f"{year}年{month}月有{days}天。", f"{MONTHS_EN[month - 1]} {year} has {days} days.")


def year_days_text(args: Mapping[str, Any], ctx: ToolContext) -> str:
    year = _year(args, ctx.now.date())
    days = 366 if calendar.isleap(year) else 365
    return zh(ctx, f"{year}年有{days}天。", f"{year} has {days} days.")


def leap_year_text(args: Mapping[str, Any], ctx: ToolContext) -> str:
    year = _year(args, ctx.now.date())
    if calendar.isleap(year):
        return zh(ctx, f"{year}年是闰年，二月有29天，全年366天。",
                  f"{year} is a leap year: February has 29 days.")
    return zh(ctx, f"{year}年不是闰年，二月有28天，全年365天。",
              f"{year} is not a leap year: February has 28 days.")


def left_text(args: Mapping[str, Any], ctx: ToolContext) -> str:
    """"今年还剩多少天": the days after today to the year's or the month's end."""
    today = ctx.now.date()
    if args.get("span") == "year":
        days = (date(today.year, 12, 31) - today).days
        return zh(ctx, f"今年还剩{days}天，不算今天。", f"{days} days are left this year, today not counted.")
    days = calendar.monthrange(today.year, today.month)[1] - today.day
    return zh(ctx, f"这个月还剩{days}天，不算今天。", f"{days} days are left this month, today not counted.")


def nth_text(args: Mapping[str, Any], ctx: ToolContext) -> str:
    """"今天是今年的第几天"."""
    today = ctx.now.date()
    if args.get("span") == "year":
        number = today.timetuple().tm_yday
        return zh(ctx, f"今天是今年的第{number}天。", f"Today is day {number} of the year.")
    return zh(ctx, f"今天是这个月的第{today.day}天。", f"Today is day {today.day} of the month.")


def _target(args: Mapping[str, Any], today: date) -> tuple[date, str, str]:
    """The day a count goes to or from, and its words: a weekday (the coming one) or a date."""
    if args.get("weekday") is not None and args.get("week_offset") is not None:  # "离下周一还有几天"
        weekday, week = int(args["weekday"]) % 7, int(args["week_offset"])
        day = today + timedelta(days=7 * week + weekday - today.weekday())
        return day, f"{_WEEK_ZH[week]}{WEEKDAYS_ZH[weekday]}", _WEEK_EN[week].format(WEEKDAYS_EN[weekday])
    if args.get("weekday") is not None:
        weekday = int(args["weekday"]) % 7
        day = today + timedelta(days=(weekday - today.weekday()) % 7)
        if args.get("weekend"):
            return day, "周末（星期六）", "the weekend (Saturday)"
        return day, WEEKDAYS_ZH[weekday], WEEKDAYS_EN[weekday]
    if args.get("lunar_month") is not None:  # "离腊月十八还有几天": its next solar day
        month, number = int(args["lunar_month"]), int(args.get("lunar_day") or 0)
        # "腊月三十" in a year whose 腊月 has 29 days: its last day
        lunar = next_lunar(month, number, today) or (next_lunar(month, 29, today) if number == 30 else None)
        if lunar is None:
            raise ToolError(f"lunar month {month} has no day {number}")
        name = Solar.fromYmd(lunar.year, lunar.month, lunar.day).getLunar()
        said = f"{name.getMonthInChinese()}月{name.getDayInChinese()}"
        return (lunar, f"农历{said}（{_said_zh(lunar, today)}）",
                f"the lunar date {month}/{number} ({_said_en(lunar, today)})")
    day = _day_of(args, today)
    return day, _said_zh(day, today), _said_en(day, today)


def until_text(args: Mapping[str, Any], ctx: ToolContext) -> str:
    """"还有几天到周末", "离12月25号还有几天": the days from today to the day."""
    today = ctx.now.date()
    day, said_zh, said_en = _target(args, today)
    if day < today and args.get("year") is None and args.get("year_offset") is None:
        day = day.replace(year=day.year + 1) if not (day.month == 2 and day.day == 29) else day
    days = (day - today).days
    if days == 0:
        return zh(ctx, f"今天就是{said_zh}。", f"Today is {said_en}.")
    if days < 0:
        return zh(ctx, f"{said_zh}已经过去{-days}天了。", f"{said_en} was {-days} days ago.")
    return zh(ctx, f"离{said_zh}还有{days}天。", f"{days} days until {said_en}.")


def since_text(args: Mapping[str, Any], ctx: ToolContext) -> str:
    """"1月1号到今天多少天了": the days from a day (this year's, unless a year is said) to today."""
    today = ctx.now.date()
    day = _day_of({**args, "year": _year(args, today)}, today)
    days = (today - day).days
    if days < 0:
        return zh(ctx, f"{_said_zh(day, today)}还没到，还有{-days}天。",
                  f"{_said_en(day, today)} is still {-days} days away.")
    return zh(ctx, f"从{_said_zh(day, today)}到今天，过了{days}天。",
              f"{days} days have passed since {_said_en(day, today)}.")


CALENDAR_ANSWERS: dict[str, Callable[[Mapping[str, Any], ToolContext], str]] = {
    "week_day": week_day_text, "month_day": month_day_text, "month_days": month_days_text,
    "year_days": year_days_text, "leap_year": leap_year_text, "left": left_text, "nth": nth_text,
    "until": until_text, "since": since_text,
}


def calendar_text(args: Mapping[str, Any], ctx: ToolContext) -> tuple[str, dict[str, Any]]:
    """The answer to a question counted on the calendar (SPAN_ANSWERS' "calendar")."""
    ask = str(args.get("ask") or "")
    answer = CALENDAR_ANSWERS.get(ask, week_day_text)
    return answer(args, ctx), {"ask": ask, "today": ctx.now.date().isoformat()}
