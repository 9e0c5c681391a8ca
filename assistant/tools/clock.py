"""The clock: date, weekday and time in the user's time zone, the Chinese lunar calendar
(lunar date, 节气, traditional festivals, from the ``lunar-python`` library), and how many days
remain until a festival."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from lunar_python import Lunar, LunarYear, Solar

from assistant.tools.base import ToolContext, ToolError, ToolResult, ToolSpec, zh
from assistant.tools.calendar_ask import CALENDAR_PROPERTIES
from assistant.tools.day_span import MAX_DAYS, MAX_MONTHS, add_months, span_words
from assistant.tools.named_days import NAMED_ALIASES, english_name, is_named_day, named_on, next_named_day

WEEKDAYS_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")

# Traditional festivals on lunar dates (month, day); 除夕 is the lunar year's last day.
LUNAR_FESTIVALS = {
    "春节": (1, 1),
    "元宵节": (1, 15),
    "端午节": (5, 5),
    "七夕": (7, 7),
    "中元节": (7, 15),
    "中秋节": (8, 15),
    "重阳节": (9, 9),
    "腊八节": (12, 8),
    "小年": (12, 23),  # the northern date; much of the south keeps 腊月廿四
}
SOLAR_FESTIVALS = {
    "元旦": (1, 1),
    "妇女节": (3, 8),
    "劳动节": (5, 1),
    "儿童节": (6, 1),
    "国庆节": (10, 1),
    "圣诞节": (12, 25),
}
# Festivals on a weekday of a month (2nd Sunday of May): their day is in lunar-python's festival list.
WEEK_FESTIVALS = {"母亲节": 5, "父亲节": 6}
SPAN_KINDS = ("festivals", "weekends", "leap", "week", "holiday", "calendar")  # answered by calendar_span.py
ALIASES = {
    "过年": "春节",
    "新年": "春节",
    "大年初一": "春节",
    "元宵": "元宵节",
    "端午": "端午节",
    "中秋": "中秋节",
    "重阳": "重阳节",
    "腊八": "腊八节",
    "国庆": "国庆节",
    "五一": "劳动节",
    "六一": "儿童节",
    "大年三十": "除夕",
    "年三十": "除夕",
    "清明": "清明节",
    "冬至节": "冬至",
    "七夕节": "七夕",
    "mother's day": "母亲节",
    "father's day": "父亲节",
    # a festival named by its lunar date ("正月十五是礼拜几")
    "正月初一": "春节",
    "正月十五": "元宵节",
    "五月初五": "端午节",
    "七月初七": "七夕",
    "七月十五": "中元节",
    "八月十五": "中秋节",
    "九月初九": "重阳节",
    "九月九": "重阳节",  # said short, as 二月二 is 龙抬头 (named_days.py)
    "五月五": "端午节",
    "七月七": "七夕",
    "腊月初八": "腊八节",
    "腊月二十三": "小年",
    "腊月廿三": "小年",
    "spring festival": "春节",
    "chinese new year": "春节",
    "mid-autumn festival": "中秋节",
    "mid-autumn": "中秋节",
    "dragon boat festival": "端午节",
    "lantern festival": "元宵节",
    "double ninth": "重阳节",
    "laba": "腊八节",
    "qixi": "七夕",
    "little new year": "小年",
    "qingming": "清明节",
    "tomb-sweeping": "清明节",
    "tomb sweeping": "清明节",
    "winter solstice": "冬至",
    "national day": "国庆节",
    "chinese new year's eve": "除夕",
    "new year": "元旦",
    "christmas": "圣诞节",
}
SOLAR_TERMS = tuple(name for name in Lunar.JIE_QI_IN_USE if not name.isascii())  # the 24 节气
FESTIVAL_NAMES = (*LUNAR_FESTIVALS, "除夕", "清明节", "冬至", *SOLAR_FESTIVALS, *WEEK_FESTIVALS)
FESTIVAL_EN = {
    "春节": "the Spring Festival", "元宵节": "the Lantern Festival", "端午节": "the Dragon Boat Festival",
    "七夕": "the Qixi Festival", "中元节": "the Ghost Festival", "中秋节": "the Mid-Autumn Festival",
    "重阳节": "the Double Ninth Festival", "腊八节": "the Laba Festival", "小年": "the Little New Year",
    "除夕": "Chinese New Year's Eve", "清明节": "Qingming", "冬至": "the Winter Solstice",
    "元旦": "New Year's Day", "妇女节": "Women's Day", "劳动节": "Labour Day", "儿童节": "Children's Day",
    "国庆节": "National Day", "圣诞节": "Christmas", "母亲节": "Mother's Day", "父亲节": "Father's Day",
}


# Festivals kept on another day in part of the country: said after the date above.
_OTHER_CUSTOM = {
    "小年": ("南方很多地方是腊月廿四过小年，晚一天。",
             " Much of southern China keeps it a day later, on the 24th of the 12th month."),
    "祭灶": ("北方很多地方是腊月廿三祭灶，早一天。", " Much of northern China keeps it a day earlier."),
}


def period_zh(hour: int) -> str:
    """The period of the day said before a 12-hour time (早上 until 9); the LLM's clock line uses it too."""
    if hour < 5:
        return "凌晨"
    if hour < 9:
        return "早上"
    if hour < 12:
        return "上午"
    if hour < 13:
        return "中午"
    if hour < 18:
        return "下午"
    return "晚上"


def time_zh(moment: datetime) -> str:
    """``下午3点40分`` / ``晚上9点整`` (12-hour clock with the period of the day)."""
    hour12 = moment.hour % 12 or 12
    if moment.hour == 0:
        hour12 = 0
    return f"{period_zh(moment.hour)}{hour12}点{f'{moment.minute}分' if moment.minute else '整'}"


def time_en(moment: datetime) -> str:
    hour12 = moment.hour % 12 or 12
    return f"{hour12}:{moment.minute:02d} {'a.m.' if moment.hour < 12 else 'p.m.'}"


def date_zh(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日，{WEEKDAYS_ZH[day.weekday()]}"


def date_en(day: date) -> str:
    return f"{WEEKDAYS_EN[day.weekday()]}, {MONTHS_EN[day.month - 1]} {day.day}, {day.year}"


def lunar_of(day: date) -> Lunar:
    return Solar.fromYmd(day.year, day.month, day.day).getLunar()


def lunar_zh(day: date) -> str:
    """``农历十月廿二`` (闰 months included)."""
    lunar = lunar_of(day)
    return f"农历{lunar.getMonthInChinese()}月{lunar.getDayInChinese()}"


def festivals_on(day: date) -> list[str]:
    """The traditional festivals and the 节气 falling on ``day``."""
    lunar = lunar_of(day)
    found = [str(f) for f in lunar.getFestivals()]
    found += [
        name
        for name, (m, d) in SOLAR_FESTIVALS.items()
        if (day.month, day.day) == (m, d) and name not in found
    ]
    found += [str(name) for name in Solar.fromYmd(day.year, day.month, day.day).getFestivals()
              if name in WEEK_FESTIVALS]
    term = str(lunar.getJieQi() or "")
    if term:
        found.append(term)
    return found


def english_of(name: str) -> str:
    """A festival's English name (a day of lunar-python's tables no English word names keeps its own)."""
    return FESTIVAL_EN.get(name) or english_name(name)


def day_festivals(day: date) -> list[str]:
    """The festivals and 节气 said for ``day`` ("今天是…，是平安夜"), the named days of named_days.py too."""
    found = [NAMED_ALIASES.get(name, name) for name in festivals_on(day)]  # 龙头节 said 龙抬头
    return found + named_on(day, found)


def canonical_festival(name: str) -> str | None:
    key = name.strip().lower()
    key = ALIASES.get(key) or NAMED_ALIASES.get(key, key)
    if key in FESTIVAL_NAMES or is_named_day(key):
        return key
    if key + "节" in FESTIVAL_NAMES:
        return key + "节"
    return None


def next_festival(name: str, today: date) -> date:
    """The next day (today included) on which festival ``name`` (canonical) falls."""
    if is_named_day(name) and (named := next_named_day(name, today)):
        return named  # a day of lunar-python's tables beyond the ones above (龙抬头, 感恩节, 世界读书日)
    year = lunar_of(today).getYear()
    for offset in range(3):
        candidates: list[date] = []
        if name in LUNAR_FESTIVALS:
            month, day = LUNAR_FESTIVALS[name]
            candidates.append(_solar(Lunar.fromYmd(year + offset, month, day)))
        elif name == "除夕":
            last = LunarYear.fromYear(year + offset).getMonth(12).getDayCount()
            candidates.append(_solar(Lunar.fromYmd(year + offset, 12, last)))
        elif name in SOLAR_FESTIVALS:
            month, day = SOLAR_FESTIVALS[name]
            candidates.append(date(today.year + offset, month, day))
        elif name in WEEK_FESTIVALS:
            first = date(today.year + offset, WEEK_FESTIVALS[name], 1)
            days = (first + timedelta(days=n) for n in range(31))
            candidates += [day for day in days if name in festivals_on(day)]
        else:  # a 节气 (清明, 冬至): from the table of the solar year
            term = "清明" if name == "清明节" else name
            table = Lunar.fromYmd(year + offset, 6, 1).getJieQiTable()
            solar = table.get(term)
            if solar is not None:
                candidates.append(date(solar.getYear(), solar.getMonth(), solar.getDay()))
        upcoming = sorted(c for c in candidates if c >= today)
        if upcoming:
            return upcoming[0]
    raise ToolError(f"cannot find the next {name}")


def days_to_weekday(today: int, weekday: int, *, next_week: bool = False, weekend: bool = False) -> int:
    """Days from ``today`` to ``weekday`` (0 Monday .. 6 Sunday) of this week or the next; at the
    weekend, "周末" is today."""
    if next_week:
        return (7 - today) + weekday  # to next Monday, then into that week
    if weekend and today >= 5:
        return 0
    return (weekday - today) % 7  # the coming one


def _solar(lunar: Lunar) -> date:
    solar = lunar.getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


class ClockTool:
    spec = ToolSpec(
        name="clock",
        description="今天的日期、星期、现在的时间、农历日期、节气和传统节日，以及离某个节日还有几天。"
        " Today's date, weekday, the time, the Chinese lunar date and festivals.",
        parameters={
            "type": "object",
            "properties": {
                "what": {
                    "type": "string",
                    "enum": ["date", "time", "lunar", "days_until", "zodiac", *SPAN_KINDS],
                    "description": "date: 日期和星期; time: 现在几点; lunar: 农历、节气和节日; "
                    "days_until: 离节日还有几天; zodiac: 哪年属什么; festivals: 一段时间里的节日; "
                    "weekends: 节日前有几个周末; leap: 哪年闰几月; week: 今年第几周; "
                    "holiday: 节日放几天假、调休",
                },
                "weekday": {"type": "integer",
                            "description": "date 的星期几（0 星期一 … 6 星期日），代替 day_offset"},
                "next_week": {"type": "boolean", "description": "weekday 是下个星期的"},
                "year_offset": {"type": "integer",
                                "description": "zodiac, leap, days_until, holiday: 0 今年, 1 明年"},
                "span": {"type": "string", "enum": ["month", "year", "next", "lunar", "next_year"],
                         "description": "festivals: month 某个月, year 今年剩下的, next 最近的一个, "
                         "lunar 农历某月 (lunar_month), next_year 明年的主要节日"},
                "month_offset": {"type": "integer",
                                 "description": "festivals 的月: 0 这个月, 1 下个月; date: 几个月后"},
                "lunar_month": {"type": "integer", "description": "festivals 的农历月: 1 正月 … 12 腊月"},
                "year": {"type": "integer", "description": "zodiac: 说出的年份，例如 1950"},
                "age": {"type": "boolean", "description": "zodiac: 问 year 出生的人今年几岁"},
                "age_said": {"type": "integer",
                             "description": "zodiac: 说出的岁数，问属什么（如“我今年七十五，属什么”）"},
                "festival": {
                    "type": "string",
                    "description": "days_until 的节日，例如 春节、中秋节、端午节、除夕、国庆节",
                },
                "day_offset": {"type": "integer", "description": "0 今天, 1 明天, -1 昨天, 10 十天后"},
                "solar_term": {"type": "boolean", "description": "lunar 时也说现在和下一个节气"},
                "festival_asked": {"type": "boolean", "description": "lunar: 问今天是什么节日"},
                "place": {"type": "string", "description": "time: 另一个国家或城市（美国、伦敦）的时间"},
                "asked_day": {"type": "integer", "description": "问这天（0 今天）是不是这个节"},
                **CALENDAR_PROPERTIES,  # calendar: a day of another week or month, calendar counts
            },
            "required": ["what"],
        },
        timeout_s=1.0,
    )

    async def run(self, args: Mapping[str, Any], ctx: ToolContext) -> ToolResult:
        what = str(args.get("what") or "date")
        offset = max(-MAX_DAYS, min(MAX_DAYS, int(args.get("day_offset") or 0)))
        months = max(-MAX_MONTHS, min(MAX_MONTHS, int(args.get("month_offset") or 0))) \
            if what in ("date", "lunar") else 0
        day = add_months(ctx.now.date(), months) if months else ctx.now.date() + timedelta(days=offset)
        if what == "time":
            return self._time(args, ctx)
        if what == "days_until":
            result = self._days_until(str(args.get("festival") or ""), ctx, args.get("year_offset"))
            if args.get("today_lunar") and result.ok:  # "今天农历多少，离过年还有多久": both
                text = zh(ctx, f"今天是{lunar_zh(ctx.now.date())}。", "") + result.text
                return ToolResult(text=text, data=result.data, grounded=result.grounded)
            if args.get("asked_day") is None or not result.ok:
                return result
            from assistant.tools.lunar_answer import is_it_text  # it builds on this module
            return ToolResult(text=is_it_text(int(args["asked_day"]), result, ctx), data=result.data,
                              grounded=result.grounded)
        if what in SPAN_KINDS:  # the festivals of a span, weekends before one, a leap month, the week
            from assistant.tools.calendar_span import SPAN_ANSWERS  # it builds on this module
            text, data = SPAN_ANSWERS[what](args, ctx)
            return ToolResult(text=text, data=data, grounded=frozenset({"date"}))
        if what == "zodiac":
            from assistant.tools.zodiac import age_text, zodiac_text  # it builds on this module
            text, data = age_text(int(args["year"]), ctx) if args.get("age") and args.get("year") \
                else zodiac_text(args, ctx)
            return ToolResult(text=text, data=data, grounded=frozenset({"date"}))
        if args.get("weekday") is not None:  # "下礼拜三是几号"
            weekday, next_week = int(args["weekday"]) % 7, bool(args.get("next_week"))
            offset = days_to_weekday(ctx.now.weekday(), weekday, next_week=next_week)
            day = ctx.now.date() + timedelta(days=offset)
        spanned = months != 0 or (offset not in (0, 1, 2, -1, -2) and args.get("weekday") is None)
        which = zh(
            ctx,
            span_words(offset, months, "zh") if spanned
            else ("今天", "明天", "后天", "昨天", "前天")[[0, 1, 2, -1, -2].index(offset)]
            if offset in (0, 1, 2, -1, -2)
            else ("下" if args.get("next_week") else "") + WEEKDAYS_ZH[day.weekday()],
            "Today",
        )
        data = {
            "date": day.isoformat(),
            "weekday": WEEKDAYS_ZH[day.weekday()],
            "lunar": lunar_zh(day),
            "festivals": day_festivals(day),
        }
        festivals = "、".join(data["festivals"])
        if what == "lunar":  # with the 节气 or the day's festival asked, more (lunar_answer.py)
            from assistant.tools.lunar_answer import lunar_text  # it builds on this module
            text = lunar_text(which, day, data["festivals"], args, ctx)
            return ToolResult(text=text, data=data, grounded=frozenset({"date"}))
        text = zh(
            ctx,
            f"{which}是{date_zh(day)}，{lunar_zh(day)}" + (f"，是{festivals}" if festivals else "") + "。",
            f"{span_words(offset, months, 'en').capitalize()} it is {date_en(day)}." if spanned
            else f"{'Today is' if offset == 0 else 'It is'} {date_en(day)}.",
        )
        return ToolResult(text=text, data=data, grounded=frozenset({"date"}))

    def _time(self, args: Mapping[str, Any], ctx: ToolContext) -> ToolResult:
        if args.get("place"):  # another country's or city's time
            from assistant.tools.world_clock import world_time_text  # it builds on this module
            text = world_time_text(str(args["place"]), ctx.now, ctx.language)
            return ToolResult(text=text, data={"place": args["place"]}, grounded=frozenset({"time"}))
        # time_en ends in "a.m." or "p.m.": no second full stop
        text = zh(ctx, f"现在是{time_zh(ctx.now)}。", f"It's {time_en(ctx.now)}")
        return ToolResult(text=text, data={"time": ctx.now.strftime("%H:%M")}, grounded=frozenset({"time"}))

    def _days_until(self, festival: str, ctx: ToolContext, year_offset: Any = None) -> ToolResult:
        name = canonical_festival(festival) or (festival if festival in SOLAR_TERMS else None)
        if name is None:  # a day no table names ("泼水节", "Diwali"): never today's date for it
            return ToolResult(
                text=zh(ctx, f"{festival}是哪天，我不知道，我的日历里查不到。",
                        f"I don't know when {festival} is; it isn't in my calendar.") if festival.strip() else
                zh(ctx, "您问的是哪个节日？比如春节、中秋节。", "Which festival do you mean?"),
                data={"festival": festival},
                ok=False,
            )
        today = ctx.now.date()
        english = english_of(name)
        from assistant.tools.calendar_span import festival_of_year, festival_past  # it builds on this module
        # "今年中秋是几号": that year's, perhaps past; else the next one
        when = festival_of_year(name, int(year_offset), today) if year_offset is not None else \
            next_festival(name, today)
        if when < today:
            return festival_past(name, english, when, next_festival(name, today), ctx)
        days = (when - today).days
        data = {"festival": name, "date": when.isoformat(), "days": days}
        if days == 0:
            text = zh(ctx, f"今天就是{name}。", f"{english[:1].upper()}{english[1:]} is today.")
        else:
            text = zh(
                ctx,
                f"离{name}还有{days}天，是{date_zh(when)}，{lunar_zh(when)}。",
                f"{english[:1].upper()}{english[1:]} is in {days} days, on {date_en(when)}.",
            )
        if name in _OTHER_CUSTOM:
            text += zh(ctx, *_OTHER_CUSTOM[name])
        return ToolResult(text=text, data=data, grounded=frozenset({"date"}))
