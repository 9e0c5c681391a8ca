"""Spoken Chinese (and simple English) times for reminders: "明天早上八点", "每天晚上九点",
"每周一上午十点半", "下午三点一刻", "半小时后", "tomorrow at 8 am", "every day at 9 pm".

:func:`parse_when` finds the time phrase in a sentence and returns when it is first due, how it
repeats, and the sentence without the time phrase. A phrase that names a day or a part of the day
but no clear hour (``明天早上``, ``二十五点``) comes back as :class:`Unclear` with a best guess to
ask back about ("您是说明天早上八点吗？").
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from assistant.tools.when_anchor import moment_said
from assistant.tools.when_base import Unclear, When, on_day
from assistant.tools.when_date import VAGUE_DAY, find_date, number
from assistant.tools.when_en import english

__all__ = ["Unclear", "When", "number", "parse_when"]

_N = r"[零〇一二两三四五六七八九十百\d]+"
_WEEKDAY = r"[一二三四五六日天1-7]"
_DAY = (
    r"(?P<day>今天|今日|明天|明日|明早|明晚|后天|大后天|今晚|今早|每天|每日|天天|每晚|每天晚上|每早"
    r"|(?P<every>每个?(?:周|星期|礼拜))(?P<ewd>" + _WEEKDAY + r")"
    r"|(?:(?P<next>下个?)|这个?|本)?(?:周|星期|礼拜)(?P<wd>" + _WEEKDAY + r"))?"
)
_PERIOD = r"(?P<period>凌晨|早上|早晨|清早|上午|中午|下午|傍晚|晚上|夜里|半夜)?"
_CLOCK = (
    r"(?:(?P<hour>" + _N + r")\s*(?:点钟|点|时|:|：)"
    r"(?:(?P<half>半)|(?P<quarter>一刻|三刻)|(?P<minute>" + _N + r")\s*分?)?整?)?"
)
_ABSOLUTE = re.compile(_DAY + r"\s*" + _PERIOD + r"\s*" + _CLOCK)
# "十分钟以后", "过两个小时", "再过半个钟头", "一刻钟后": a span said with 后, or after 过/等.
_RELATIVE = re.compile(
    r"(?P<after>再过|过|等)?\s*(?P<amount>"
    + _N
    + r"|半)\s*(?:个)?(?P<half>半)?\s*(?P<unit>小时|钟头|分钟|分|天|刻钟)\s*(?:以后|之后|后|(?(after)|(?!)))"
)
_PERIOD_HOUR = {
    "凌晨": 6,
    "早上": 8,
    "早晨": 8,
    "清早": 7,
    "上午": 9,
    "中午": 12,
    "下午": 15,
    "傍晚": 18,
    "晚上": 20,
    "夜里": 21,
    "半夜": 0,
}
_PM = ("下午", "傍晚", "晚上", "夜里")
_DAY_OFFSET = {
    "今天": 0,
    "今日": 0,
    "今晚": 0,
    "今早": 0,
    "明天": 1,
    "明日": 1,
    "明早": 1,
    "明晚": 1,
    "后天": 2,
    "大后天": 3,
}
_DAY_PERIOD = {
    "今晚": "晚上",
    "明晚": "晚上",
    "每晚": "晚上",
    "每天晚上": "晚上",
    "明早": "早上",
    "今早": "早上",
    "每早": "早上",
}
_DAILY = ("每天", "每日", "天天", "每晚", "每天晚上", "每早")


def _weekday(token: str) -> int:
    return (
        6
        if token in ("日", "天", "7")
        else ("一二三四五六".index(token) if token in "一二三四五六" else int(token) - 1)
    )


# How Whisper writes a spoken clock time: "下午两点一刻" as "下午2.1克" (点 as a decimal point, 刻 as 克).
_DECIMAL_CLOCK = re.compile(r"(凌晨|早上|早晨|清早|上午|中午|下午|傍晚|晚上|夜里|今天|明天|后天|每天)"
                            r"\s*(\d{1,2})\.(\d{1,2})")
# "6点3刻": Whisper writes the numeral of a quarter as a digit too.
_QUARTER_SOUND = re.compile(r"(?<=点)\s*(一|1|三|3)\s*(克|课|客|可|颗|刻)")
# A time said as "so much before the hour": "差五分九点", "差一刻十点", "九点差五分", "十点差一刻".
# After the hour, 差 is often heard as a word of its sound ("九点插一刻", "八点叉五分"): that only with 一刻
# or a count of 分 after it.
_BEFORE_HOUR = re.compile(
    r"差\s*(?P<m1>一刻|" + _N + r")\s*(?:分钟?)?\s*(?:到\s*)?(?P<h1>" + _N + r")\s*点(?:钟)?"
    r"|(?P<h2>" + _N + r")\s*点(?:钟)?\s*(?:差\s*(?P<m2>一刻|" + _N + r")\s*(?:分钟?)?"
    r"|[插叉茶查岔察刹擦]\s*(?P<m3>一刻|" + _N + r"\s*分钟?))"
)


def _before_hour(m: re.Match[str]) -> str:
    hour = number(m.group("h1") or m.group("h2"))
    said = m.group("m1") or m.group("m2") or re.sub(r"\s*分钟?$", "", m.group("m3"))
    before = 15 if said == "一刻" else number(said)
    if hour is None or before is None or not 0 < before < 60 or hour > 24:
        return m.group(0)
    return f"{(hour - 1) % 24}点{60 - before}分"


# Northern colloquial days: "明儿个晚上八点", "今儿下午", "后儿早上".
_COLLOQUIAL_DAY = re.compile(r"(大后|后|明|今)(?:儿个|个儿|儿)"
                             r"(?=[早上中下晚夜凌半傍零一二两三四五六七八九十\d提叫喊，,\s]|$)")

# Northern and country words for a part of the day: "晌午" (noon), "后晌" (afternoon), "傍黑" (dusk).
_COLLOQUIAL_PERIODS = {"正晌午": "中午", "晌午头": "中午", "晌午": "中午", "前晌": "上午", "头晌": "上午",
                       "后晌": "下午", "后半晌": "下午", "前半晌": "上午",
                       "傍黑儿": "傍晚", "傍黑": "傍晚", "擦黑儿": "傍晚", "擦黑": "傍晚"}
_COLLOQUIAL_PERIOD = re.compile("|".join(sorted(_COLLOQUIAL_PERIODS, key=len, reverse=True)))


# 午 misheard before a clock time: "后天下五三点半" (下午), "上舞十点" (上午), "夏午两点".
_MISHEARD_NOON = re.compile(r"(?P<side>[上尚下夏吓中])(?:午|五|舞|武|伍|无|物|误)"
                            r"(?=\s*(?:[零一二两三四五六七八九十]|\d){1,3}\s*[点:：])")
_NOON_SIDE = {"上": "上", "尚": "上", "下": "下", "夏": "下", "吓": "下", "中": "中"}


def _heard_clock(text: str) -> str:
    text = _MISHEARD_NOON.sub(lambda m: f"{_NOON_SIDE[m.group('side')]}午", text)
    text = _COLLOQUIAL_PERIOD.sub(lambda m: _COLLOQUIAL_PERIODS[m.group()], text)
    text = _COLLOQUIAL_DAY.sub(lambda m: f"{m.group(1)}天", text)
    text = re.sub(r"一大早|大清早|(?<![周期拜初十])一早", "早上", text)  # not "每周一早上"
    text = _DECIMAL_CLOCK.sub(lambda m: f"{m.group(1)}{m.group(2)}点{m.group(3)}", text)
    text = _BEFORE_HOUR.sub(_before_hour, text)
    return _QUARTER_SOUND.sub(lambda m: "一刻" if m.group(1) in "一1" else "三刻", text)


def parse_when(text: str, now: datetime) -> When | Unclear | None:
    """The reminder time in ``text`` relative to ``now``; None when it names no time at all."""
    text = _heard_clock(text)
    relative = _RELATIVE.search(text)
    if relative is not None and relative.group("unit") != "天":
        return _relative(relative, text, now)
    found = _day_said(text, relative, now)  # "三天后", "十二月二十四号": a day, the hour said apart
    offset: int | None = None
    if found is not None:
        offset, text = found
        if offset is None:
            return Unclear(guess=None, rest=text, day_unclear=True)
    if text.isascii():  # English: "7:30" is no Chinese "7点30"
        return _english_or_ask(text, now, offset)
    if _PAST_DAY.search(text):
        return Unclear(guess=None, rest=text)  # "昨天下午三点提醒我": that has passed
    best: re.Match[str] | None = None
    for m in _ABSOLUTE.finditer(text):
        if _is_amount(text, m):
            continue
        if m.group(0).strip() and (m.group("hour") or m.group("day") or m.group("period")):
            if best is None or len(m.group(0)) > len(best.group(0)):
                best = m
    if best is None and offset is None and VAGUE_DAY.search(text):
        return Unclear(guess=None, rest=text, day_unclear=True)  # "月底提醒我交房租", "下周提醒我"
    if best is None:
        return _english_or_ask(text, now, offset)
    rest = (text[: best.start()] + text[best.end() :]).strip()
    if offset is None and not best.group("day") and VAGUE_DAY.search(text):
        return Unclear(guess=None, rest=rest, day_unclear=True)  # "周末上午十点", "元旦早上八点"
    return _absolute(best, rest, now, offset)


def _english_or_ask(text: str, now: datetime, offset: int | None) -> When | Unclear | None:
    said = english(text, now, offset)
    if not isinstance(said, When) and (moment := moment_said(text, now, offset)) is not None:
        return moment  # "吃完晚饭提醒我吃药", "remind me after dinner": asked back with the usual hour
    if offset is not None and not isinstance(said, When):
        return Unclear(guess=None, rest=text)  # "两天后提醒我": the day, but no hour
    return said


_PAST_DAY = re.compile(r"(?:昨天|昨日|昨晚|前天)"
                       r"(?=\s*(?:凌晨|早|上午|中午|下午|傍晚|晚上|夜里|[零一二两三四五六七八九十\d]))")


def _day_said(text: str, relative: re.Match[str] | None, now: datetime) -> tuple[int | None, str] | None:
    """(days from today, the text without the day) for "三天后" or a calendar date; (None, text) for a
    day that cannot be placed ("二月三十号", "四百天后"); None when no such day is said."""
    if relative is not None:
        days = number(relative.group("amount"))
        rest = (text[: relative.start()] + text[relative.end() :]).strip()
        return (days if days is not None and 0 < days <= 366 else None), rest
    said = find_date(text, now)
    if said is None:
        return None
    rest = (text[: said.start] + text[said.end :]).strip()
    return (None if said.day is None else (said.day - now.date()).days), rest


def _is_amount(text: str, m: re.Match[str]) -> bool:
    """``多吃一点`` is an amount, not one o'clock."""
    return (
        not m.group("day")
        and not m.group("period")
        and m.group("hour") in ("一", "1")
        and text[max(0, m.start() - 1) : m.start()] in tuple("多少快慢早晚好差有些吃喝")
    )


def _relative(m: re.Match[str], text: str, now: datetime) -> When | Unclear:
    amount_text = m.group("amount")
    amount = 0.5 if amount_text == "半" else number(amount_text)
    rest = (text[: m.start()] + text[m.end() :]).strip()
    if amount is None or amount <= 0:
        return Unclear(guess=None, rest=rest)
    if m.group("half"):
        amount += 0.5
    unit = m.group("unit")
    delta = (
        timedelta(hours=amount)
        if unit in ("小时", "钟头")
        else timedelta(minutes=amount * 15)
        if unit == "刻钟"
        else timedelta(minutes=amount)
    )
    if delta > timedelta(days=366):
        return Unclear(guess=None, rest=rest)
    return When(due=(now + delta).replace(microsecond=0), repeat="once", weekday=None, rest=rest)


def _absolute(m: re.Match[str], rest: str, now: datetime, forced: int | None = None) -> When | Unclear:
    """The time the words of ``m`` say; ``forced``: the day said apart ("十二月二十四号下午三点")."""
    day = m.group("day") or ""
    period = m.group("period") or _DAY_PERIOD.get(day, "")
    repeat, weekday, offset = "once", None, _DAY_OFFSET.get(day) if forced is None else forced
    if day in _DAILY:
        repeat = "daily"
    elif m.group("ewd"):
        repeat, weekday = "weekly", _weekday(m.group("ewd"))
    elif m.group("wd"):
        target = _weekday(m.group("wd"))
        # "下周一" is the Monday of next week, also when said on a Tuesday
        offset = 7 - now.weekday() + target if m.group("next") else (target - now.weekday()) % 7
    hour = number(m.group("hour")) if m.group("hour") else None
    minute = 30 if m.group("half") else 0
    if m.group("quarter"):
        minute = 15 if m.group("quarter") == "一刻" else 45
    if m.group("minute"):
        parsed = number(m.group("minute"))
        minute = parsed if parsed is not None else -1
    if hour is None and not period and (moment := moment_said(rest, now, offset, repeat, weekday)):
        return moment  # "明天吃过午饭", "每天睡前": the usual hour of that moment, asked back
    if hour is None or hour > 24 or not 0 <= minute < 60 or (hour == 24 and minute):
        guess_hour = _PERIOD_HOUR.get(period, 8)
        guess = on_day(now, offset, repeat, weekday, guess_hour, 0) if (day or period) else None
        if hour is not None and not period and guess is not None and repeat == "once":
            # "明天三十点": no hour to guess from; ask what time on the day said
            return Unclear(guess=None, rest=rest, on=guess.date())
        return Unclear(guess=guess, repeat=repeat, weekday=weekday, rest=rest)
    hour = _to_24h(hour, period, has_day=bool(day) or forced is not None)
    if offset is None and repeat == "once" and not period and hour < 12:
        # "八点提醒我" said at 15:40 means 20:00: the next of 8:00 and 20:00.
        first = on_day(now, None, "once", None, hour, minute)
        later = on_day(now, None, "once", None, hour + 12, minute)
        due = later if hour < 6 else min(first, later)  # nobody means "两点" at night
        return When(due=due, repeat="once", weekday=None, rest=rest)
    due = on_day(now, offset, repeat, weekday, hour, minute)
    if repeat == "once" and due <= now:
        if m.group("wd"):
            due += timedelta(days=7)
        else:  # "今天中午十二点" has passed: ask whether tomorrow is meant
            return Unclear(guess=due + timedelta(days=1), rest=rest)
    return When(due=due, repeat=repeat, weekday=weekday, rest=rest)


def _to_24h(hour: int, period: str, *, has_day: bool) -> int:
    if hour == 24:
        return 0
    if period in _PM and hour < 12:
        return hour + 12
    if period == "中午" and hour < 6:
        return hour + 12
    if period in ("半夜", "凌晨") and hour == 12:
        return 0
    if not period and has_day and 1 <= hour <= 5:
        return hour + 12  # "明天两点" is in the afternoon
    return hour
