"""The words of calendar questions answered by counting on the calendar (calendar_count.py): a weekday of
last, this or next week ("上个星期天是几号"), a day of a month by number or as 月初/月中/月底 of this, next
or last month or a named year ("下个月一号是星期几", "2027年3月8号是星期几"), the days of a month or a
year, leap years, the days left this year or month, today's number in the month or the year, the days to
the weekend, a weekday or a date, and the days since a date. Only questions: "上个星期天我去医院了" and
"二月份去海南好吗" are not asked of the calendar."""

from __future__ import annotations

import re
from typing import Any

from assistant.tools.when_date import lunar_month_day

# The clock's extra arguments for these questions (merged into its schema).
CALENDAR_PROPERTIES: dict[str, Any] = {
    "ask": {"type": "string", "enum": ["week_day", "month_day", "month_days", "year_days", "leap_year",
                                       "left", "nth", "until", "since"],
            "description": "calendar: week_day 上/这/下周的星期几, month_day 某月某日, month_days 某月几天, "
            "year_days 一年几天, leap_year 是否闰年, left 今年/本月还剩几天, nth 今天是第几天, "
            "until 离周末/星期几/某日还有几天, since 某日到今天几天"},
    "week_offset": {"type": "integer", "description": "week_day: -1 上周, 0 本周, 1 下周, 2 下下周"},
    "month": {"type": "integer", "description": "calendar 的月份 1-12（代替 month_offset）"},
    "day": {"type": "integer", "description": "calendar 的日，1-31；15 月中；-1 月底"},
    "weekend": {"type": "boolean", "description": "until: 到周末"},
    "lunar_month": {"type": "integer", "description": "until / month_day: 农历的月 1-12（腊月 12）"},
    "lunar_day": {"type": "integer", "description": "until / month_day: 农历的日 1-30"},
    "today_lunar": {"type": "boolean", "description": "days_until: 也说今天的农历"},
    "nth": {"type": "integer",
            "description": "month_day: 这个月的第几个星期几，1-5；-1 最后一个（与 weekday 一起）"},
}
_DIGIT = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_WEEKDAY = {**{"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6},
            **{str(n): n - 1 for n in range(1, 8)}}
_WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december")
_WEEK_WORD = {"上上": -2, "上上个": -2, "下下": 2, "下下个": 2, "上": -1, "上个": -1, "这": 0, "这个": 0,
              "本": 0, "下": 1, "下个": 1,
              "last": -1, "this": 0, "next": 1}
_YEAR_WORD = {"今年": 0, "明年": 1, "去年": -1, "this year": 0, "next year": 1, "last year": -1}
_MONTH_WORD = {"这个月": 0, "这月": 0, "本月": 0, "下个月": 1, "下月": 1, "上个月": -1, "上月": -1,
               "this month": 0, "next month": 1, "last month": -1, "the month": 0}
_PART_WORD = {"月初": 1, "月中": 15, "月底": -1, "月末": -1}

# The solar date or the weekday of a lunar date asked ("腊月十八是星期几", "正月初五是阳历几号").
_SOLAR_ASKED = re.compile(r"星期几|礼拜几|周几|几号|几月几|哪天|哪一天|阳历|公历")
_ZH_NUMBER = re.compile(r"[零一二两三四五六七八九十]+(?=月|号|日(?<!星期日)|年)")
_LUNAR = re.compile(r"农历|阴历|初[一二三四五六七八九十]|[正冬腊]月")
_CHECK = re.compile(r"是不是.{0,3}(?:号|日|星期|礼拜|周)|对吗|对不对")  # "下周日是不是13号": a check
_YEAR = re.compile(r"(?P<n>\d{4})\s*年|(?P<w>今年|明年|去年)|\b(?P<en>this year|next year|last year)\b"
                   r"|\b(?P<ey>\d{4})\b")
_MONTH = re.compile(r"(?P<n>1[0-2]|0?[1-9])月(?:份)?|(?P<w>这个?月|本月|下个?月|上个?月)"
                    r"|\b(?P<en>this month|next month|last month|the month)\b")
_MONTH_EN = re.compile(r"\b(?P<m>" + "|".join(_MONTHS_EN) + r")\b(?:\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b)?")
_DAY = re.compile(r"(?P<n>3[01]|[12]\d|0?[1-9])\s*[号日]|(?P<w>月初|月中|月底|月末)"
                  r"|\b(?P<en>(?:the )?(?:first|end|middle)) of\b")
_WEEK_DAY = re.compile(r"(?P<w>上上个?|下下个?|上个?|这个?|本|下个?)\s*(?:星期|礼拜|周)"
                       r"(?P<d>[一二三四五六日天1-7])"
                       r"|\b(?P<en>last|this|next)\s+(?P<ed>" + "|".join(_WEEKDAYS_EN) + r")\b",
                       re.IGNORECASE)
_WHICH_DATE = re.compile(r"几号|几月几|哪一?天|什么日子|日期|\bwhat date\b|\bwhich date\b|\bwhat day\b",
                         re.IGNORECASE)
_WHICH_WEEKDAY = re.compile(r"(?:星期|礼拜|周)几|\bwhat day of the week\b|\bwhich day of the week\b",
                            re.IGNORECASE)
_HOW_MANY = r"(?:几|多少)天"
_HAS_DAYS = re.compile(r"(?<![还剩])(?:一共|总共)?有" + _HOW_MANY + r"[？?。！!啊呀呢吗]*$"
                       r"|\bhow many days (?:are )?(?:there )?in\b", re.IGNORECASE)
_LEAP = re.compile(r"(?:是不是|是|算不算|算)闰年|\bis (?:it )?(?:\S+ ){0,2}a leap year\b", re.IGNORECASE)
_LEFT = re.compile(r"(?:今年|这个?月|本月)(?:还剩|还有|剩下|剩)(?:下)?" + _HOW_MANY + r"[？?。！!啊呀呢吗]*$"
                   r"|\bhow many days (?:are )?left\b", re.IGNORECASE)
_NTH = re.compile(r"第几天|\bwhat day of the (?:year|month) is\b", re.IGNORECASE)
_UNTIL = re.compile(r"(?:离|距离?|到)(?P<a>.{1,12}?)(?:还有|还差|有)" + _HOW_MANY
                    + r"|还有" + _HOW_MANY + r"(?:就)?(?:到|是)(?P<b>.{1,12}?)[？?。！!啊呀呢]*$"
                    r"|\bhow many days (?:until|till|to|before) (?P<en>.+?)\??$", re.IGNORECASE)
_SINCE = re.compile(r"(?P<a>.{1,10}?)(?:到|至)(?:今天|现在|今儿)(?:为止)?(?:一共|总共)?(?:有|过了|过去了)?"
                    + _HOW_MANY, re.IGNORECASE)
# Today's date asked: a day number beside these is a misheard 几号 ("今天是几月9号，星期几")
_TODAY_ASKED = re.compile(r"今天|今儿|今日|现在|几月|\btoday\b|\bwhat month\b", re.IGNORECASE)
_WEEKEND = re.compile(r"周末|\b(?:the )?weekend\b", re.IGNORECASE)
# The nth weekday of a month ("这个月的第三个星期天是几号", "the second Sunday of May"); -1 the last.
_NTH_WEEKDAY = re.compile(r"(?:第(?P<n>[1-5一二三四五])|(?P<last>最后))一?个?(?:星期|礼拜|周)"
                          r"(?P<d>[一二三四五六日天1-7])"
                          r"|\bthe (?P<en>first|second|third|fourth|fifth|last) (?P<ed>"
                          + "|".join(_WEEKDAYS_EN) + r") (?:of|in)\b", re.IGNORECASE)
_ORDINALS_EN = ("first", "second", "third", "fourth", "fifth")
_WEEKDAY_ONLY = re.compile(r"^(?:这个?|本)?(?:星期|礼拜|周)(?P<d>[一二三四五六日天1-7])$"
                           r"|^(?P<ed>" + "|".join(_WEEKDAYS_EN) + r")$", re.IGNORECASE)


def chinese_number(word: str) -> int:
    """The number a Chinese numeral says ("十五" 15, "二十" 20, "三十一" 31, "二零二七" 2027)."""
    if "十" not in word:
        return int("".join(str(_DIGIT.get(char, 0)) for char in word))
    tens, _, ones = word.partition("十")
    return (_DIGIT.get(tens, 1) if tens else 1) * 10 + (_DIGIT.get(ones, 0) if ones else 0)


def with_digits(text: str) -> str:
    """``text`` with the numerals of months, days and years written in digits ("一月一号" → "1月1号")."""
    return _ZH_NUMBER.sub(lambda found: str(chinese_number(found.group())), text)


def _year(text: str) -> dict[str, int]:
    found = _YEAR.search(text)
    if found is None:
        return {}
    if found.group("n") or found.group("ey"):
        return {"year": int(found.group("n") or found.group("ey"))}
    return {"year_offset": _YEAR_WORD[(found.group("w") or found.group("en")).lower()]}


def _month(text: str) -> dict[str, int]:
    """The month said: a number (or an English month's name), or one counted from this month."""
    found = _MONTH.search(text)
    named = _MONTH_EN.search(text.lower())
    if found is not None and found.group("n"):
        return {"month": int(found.group("n"))}
    if named is not None:
        return {"month": _MONTHS_EN.index(named.group("m")) + 1}
    if found is not None:
        return {"month_offset": _MONTH_WORD[(found.group("w") or found.group("en")).lower()]}
    return {}


def _day(text: str) -> int | None:
    found = _DAY.search(text)
    named = _MONTH_EN.search(text.lower())
    if found is None:
        return int(named.group("d")) if named is not None and named.group("d") else None
    if found.group("n"):
        return int(found.group("n"))
    word = found.group("w") or found.group("en").lower().removeprefix("the ")
    return _PART_WORD.get(word) or {"first": 1, "middle": 15, "end": -1}[word]


def _weekday_of(found: re.Match[str]) -> int:
    return _WEEKDAY[found.group("d")] if found.group("d") else _WEEKDAYS_EN.index(found.group("ed").lower())


def _date_args(text: str) -> dict[str, Any] | None:
    """The arguments of a day a question names: a weekday of a week, or a day of a month."""
    nth = _NTH_WEEKDAY.search(text)
    if nth is not None:
        count = (-1 if nth.group("last") or (nth.group("en") or "").lower() == "last"
                 else _ORDINALS_EN.index(nth.group("en").lower()) + 1 if nth.group("en")
                 else _DIGIT.get(nth.group("n")) or int(nth.group("n")))
        return {"ask": "month_day", **_year(text), **_month(text), "nth": count, "weekday": _weekday_of(nth)}
    week = _WEEK_DAY.search(text)
    if week is not None:
        word = (week.group("w") or week.group("en")).lower()
        return {"ask": "week_day", "week_offset": _WEEK_WORD[word], "weekday": _weekday_of(week)}
    day = _day(text)
    if day is None:
        return None
    return {"ask": "month_day", **_year(text), **_month(text), "day": day}


def _target_args(said: str) -> dict[str, Any] | None:
    """The day a "how many days until" question counts to: the weekend, a weekday, or a date."""
    said = said.strip()
    if _WEEKEND.fullmatch(said) or (_WEEKEND.search(said) and len(said) <= 4):
        return {"weekend": True, "weekday": 5}
    weekday = _WEEKDAY_ONLY.search(said)
    if weekday is not None:
        return {"weekday": _weekday_of(weekday)}
    week = _WEEK_DAY.fullmatch(said)  # "离下周一还有几天": a weekday of a week said
    if week is not None and week.group("w"):
        return {"weekday": _weekday_of(week), "week_offset": _WEEK_WORD[week.group("w")]}
    day = _day(said)
    if day is None or not (_MONTH.search(said) or _MONTH_EN.search(said.lower()) or day in (-1, 15)):
        return None
    return {**_year(said), **_month(said), "day": day}


def calendar_ask_args(text: str) -> dict[str, Any] | None:
    """The clock's arguments for a question counted on the calendar, or None."""
    said_text, text = text, with_digits(text.strip())
    until = _UNTIL.search(text)
    if _LUNAR.search(text):  # a count to a lunar date ("离腊月十八还有几天"); the rest is the lunar clock's
        said = lunar_month_day(said_text) if until is not None or _SOLAR_ASKED.search(text) else None
        return None if said is None else {"what": "calendar", "ask": "until" if until else "month_day",
                                          "lunar_month": said[0], "lunar_day": said[1]}
    if until is not None and (target := _target_args(until.group("a") or until.group("b") or until.group("en")
                                                     or "")):
        return {"what": "calendar", "ask": "until", **target}
    if (since := _SINCE.search(text)) is not None:
        target = _target_args(since.group("a"))
        return {"what": "calendar", "ask": "since", **target} if target and "weekday" not in target else None
    if _NTH.search(text):
        which = "year" if re.search(r"今年|\byear\b", text, re.IGNORECASE) else "month"
        return {"what": "calendar", "ask": "nth", "span": which}
    if _LEFT.search(text) and (span := _span(text)):
        return {"what": "calendar", "ask": "left", "span": span}
    if _LEAP.search(text):
        return {"what": "calendar", "ask": "leap_year", **_year(text)}
    if _HAS_DAYS.search(text):
        month = _month(text)
        if month:
            return {"what": "calendar", "ask": "month_days", **_year(text), **month}
        return {"what": "calendar", "ask": "year_days", **_year(text)} if _YEAR.search(text) else None
    if (_WHICH_DATE.search(text) or _WHICH_WEEKDAY.search(text)) and not _CHECK.search(text):
        day = _date_args(text)
        if day and day["ask"] == "month_day" and _TODAY_ASKED.search(text):
            return None  # "今天是几月几号" misheard "今天是几月9号" / "几月底号": today's date, not the 9th's
        return {"what": "calendar", **day} if day else None
    return None


def _span(text: str) -> str | None:
    if re.search(r"今年|\b(?:this|the) year\b", text, re.IGNORECASE):  # "left in the year"
        return "year"
    return "month" if re.search(r"这个?月|本月|\b(?:this|the) month\b", text, re.IGNORECASE) else None
