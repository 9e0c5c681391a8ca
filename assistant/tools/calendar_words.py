"""The words of calendar questions the clock answers beyond a day's date: the festivals of a month, a
lunar month, the rest of the year or next year, the nearest festival, a festival's days off ("清明节放几天
假"), the weekends before a festival, a year's leap month, the week of the year, a festival of a named year
("今年中秋是几号"), a named day no table knows ("泼水节是几号": not known, never today's date), and days
that never come ("猴年马月", "太阳从西边出来那天"), which no date answers."""

from __future__ import annotations

import re
from typing import Any

from assistant.tools.calendar_ask import calendar_ask_args
from assistant.tools.clock import ALIASES, FESTIVAL_NAMES, SOLAR_TERMS
from assistant.tools.named_days import NAMED_ALIASES, inside_a_number, named_day_in

# A day that never comes: an idiom for "never", or a life after this one.
NEVER = re.compile(r"太阳从西边出来|猴年马月|驴年马月|铁树开花|下辈子|上辈子|来世|前世|海枯石烂"
                   r"|\bwhen pigs fly\b", re.IGNORECASE)
# A draw's numbers ("大乐透开几号", "中奖号码是几号"): a 几号 that asks for numbers, not a date; the honest
# "cannot know" answers them (pipeline/unknowable.py).
DRAW = re.compile(r"彩票|双色球|大乐透|福彩|体彩|七乐彩|开奖|中奖号|开(?:的是|了)?几号|\blottery\b",
                  re.IGNORECASE)
_FESTIVAL_WORD = r"(?:节日|节(?![目约省奏气点课拍食能]))"
# Which festivals fall in a span: "下个月有什么节日", "今年还剩哪些节", "what holidays are next month".
# A lunar month named ("腊月", "农历二月"): 正月 冬月 腊月 are lunar alone, the others with 农历 or 阴历.
_LUNAR_MONTH = r"(?:农历|阴历)?[正冬腊]月|(?:农历|阴历)(?:十[一二]?|[一二三四五六七八九])月"
_SPANS = rf"这个月|本月|这月|下个?月|今年|明年|{_LUNAR_MONTH}|this month|next month|this year|next year"
_LIST = re.compile(rf"(?P<span>{_SPANS})"
                   rf"[^，。？?]{{0,4}}(?:有|剩下?|是|都过)[^，。？?]{{0,2}}(?:什么|啥|哪些|哪几个|几个)"
                   rf"[^，。？?]{{0,2}}{_FESTIVAL_WORD}"
                   rf"|(?P<when>{_SPANS})的?{_FESTIVAL_WORD}(?:都|分别|各)?(?:在|是)?(?:哪天|哪几天|哪些天|几号|什么时候)"
                   r"|(?:what|which|any) (?:holidays|festivals)[a-z ]{0,12}"
                   r"(?P<en>this month|next month|this year|next year)", re.IGNORECASE)
_SPAN_WORDS = {"这个月": ("month", 0), "本月": ("month", 0), "这月": ("month", 0), "下个月": ("month", 1),
               "下月": ("month", 1), "今年": ("year", 0), "this month": ("month", 0),
               "next month": ("month", 1), "this year": ("year", 0), "明年": ("next_year", 0),
               "next year": ("next_year", 0)}
_LUNAR_NUMBERS = "正二三四五六七八九十冬腊"
# A public holiday's days off asked: "清明放几天假", "过年调休吗", "国庆上不上班", "days off for New Year".
_HOLIDAY = re.compile(r"放了?假?(?:几|多少|[一二两三四五六七八九十\d]+)天(?=假|[吗呀啊呢了，。？?]|$)"
                      r"|放假(?:吗|嘛|没|不|了吗|安排|通知|怎么)|放不放假|放没放假|调休|补班|上不上班|(?:要|用)?上班(?:吗|不)|(?:要不要|用不用)上班"
                      r"|休(?:几|多少)天|几天假|假期[^，。？?]{0,4}(?:几|多少|哪天|什么时候|怎么|安排)"
                      r"|\bdays? off\b|\bpublic holidays?\b|\bholiday schedule\b|\btime off\b", re.IGNORECASE)
_ARRANGEMENT = re.compile(r"放假安排|放假通知|调休安排|\bholiday schedule\b", re.IGNORECASE)
# A day no table names asked for its date: "泼水节是几号", "When is Diwali?" (answered: not known).
_OTHER_DAY = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,4}节|[\u4e00-\u9fff]{2,6}日)(?:是|在)?"
                        r"(?:几月几号?|几号|哪天|哪一天|什么时候|啥时候)"
                        r"|^\s*[Ww]hen(?:'s| is) (?:the )?"
                        r"(?P<en>[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,3})(?: this year| next year)?\s*\??\s*$")
# Not the name of a day: a word of time or of reference ("下个节", "这个日子"), a weekday, her birthday.
_NOT_A_NAME = re.compile(r"[个下这那哪啥么过的年月天是上今明去几]|生日|星期|礼拜|假日|工作日|休息日|日子"
                         r"|^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day$|^(?:Today|Tomorrow|Yesterday|It|That|This"
                         r"|Mom|Mum|Dad|January|February|March|April|May|June|July|August|September|October"
                         r"|November|December)\b")
# The nearest festival: "最近的节日是哪天", "下一个节是啥节", "快到什么节了", "what's the next holiday".
_NEAREST = re.compile(rf"(?:最近的?|下一?个){_FESTIVAL_WORD}[^，。？?]{{0,3}}"
                      r"(?:哪天|哪一天|什么|啥|几号|几月)"
                      rf"|快(?:到|过)(?:什么|啥){_FESTIVAL_WORD}"
                      r"|\b(?:what|when)\b.*\bnext (?:holiday|festival)\b"
                      r"|\b(?:holidays|festivals) (?:are )?coming up\b|\bupcoming (?:holidays|festivals)\b",
                      re.IGNORECASE)
_WEEKENDS = re.compile(r"(?:前|还)[^，。？]{0,3}(?:有|剩)?(?:几个|多少个?)"
                       r"(?:周末|礼拜天|星期天|星期六|礼拜六)"
                       r"|\bhow many weekends\b", re.IGNORECASE)
# A year's leap month asked, not what 闰月 means ("闰月出生的人怎么过生日").
_LEAP = re.compile(r"闰(?:几|什么|啥|哪个)月|有(?:没有)?闰月|闰月[吗嘛没]|\bleap month\b", re.IGNORECASE)
# The week of the year, not of a pregnancy or a treatment ("怀孕第几周能查出男女").
_WEEK = re.compile(r"(?:今天|今年|这周|本周|这个?(?:礼拜|星期)|现在|这是)[^，。？]{0,6}"
                   r"第几(?:周|个?(?:星期|礼拜))"
                   r"|\bwhat week\b|\bweek of the year\b|\bweek number\b", re.IGNORECASE)
_YEAR_OF = {"前年": -2, "去年": -1, "今年": 0, "明年": 1, "后年": 2, "this year": 0, "next year": 1,
            "last year": -1}


_ALL_ALIASES = {**NAMED_ALIASES, **ALIASES}  # the longest word said wins ("christmas eve", not "christmas")


def festival_in(text: str) -> str | None:
    lowered = text.lower()
    for alias in sorted(_ALL_ALIASES, key=len, reverse=True):
        if alias in lowered and not inside_a_number(alias, lowered):
            return _ALL_ALIASES[alias]  # "二月二", not inside "十二月二十五"
    for name in sorted(FESTIVAL_NAMES, key=len, reverse=True):
        stem = name.removesuffix("节")  # "中秋", "端午"; not one character ("春" of 立春, 春天)
        if name in text or (len(stem) > 1 and stem in text):
            return name
    return named_day_in(text)  # a day of lunar-python's tables said by its whole name ("世界读书日")


def _span_args(word: str) -> dict[str, Any]:
    """The festivals arguments of a span word ("下个月", "明年", "腊月", "农历二月")."""
    if word.lower() in _SPAN_WORDS:
        span, offset = _SPAN_WORDS[word.lower()]
        return {"what": "festivals", "span": span, "month_offset": offset}
    number = word.removeprefix("农历").removeprefix("阴历").removesuffix("月")
    month = _LUNAR_NUMBERS.index(number) + 1 if len(number) == 1 else 10 + "一二".index(number[1])
    return {"what": "festivals", "span": "lunar", "lunar_month": month}


def holiday_args(text: str) -> dict[str, Any] | None:
    """The clock's arguments for a question about a festival's days off, or None."""
    if not _HOLIDAY.search(text) and not _ARRANGEMENT.search(text):
        return None
    festival = festival_in(text)
    if festival is None and not _ARRANGEMENT.search(text):
        return None  # "放假了孙子回来吃什么", "明天上不上班" (no festival, no notice asked)
    said = year_offset(text)
    year = {"year_offset": said} if said is not None else {}
    return {"what": "holiday", "festival": festival or "", **year}


def other_day(text: str) -> str | None:
    """A named day asked for its date that no table names ("泼水节", "Diwali"), or None."""
    found = _OTHER_DAY.search(text)
    if found is None or festival_in(text) is not None:
        return None
    name = found.group("name") or found.group("en")
    return None if _NOT_A_NAME.search(name) else name


def year_offset(text: str) -> int | None:
    lowered = text.lower()
    return next((offset for word, offset in _YEAR_OF.items() if word in lowered), None)
# A day of her family or her birthday asked, with no day named: not today's date (pipeline/own_life.py).
SOMEONES_DAY = re.compile(r"(?:我|俺)(?:的|家的?|家)?那?(?:过)?(?:生日|(?:大|小|二|三)?(?:孙子|孙女|外孙女?"
                          r"|儿子|女儿|闺女|老伴儿?|爱人|老头子?|儿媳妇?|女婿|老大|老二|老三))")
A_DAY_SAID = re.compile(r"今天|明天|后天|昨天|前天|今儿|明儿|周末|[下上这本]个?(?:星期|礼拜|周|月)"
                        r"|(?:星期|礼拜|周)[一二三四五六日天]|[\d一二三四五六七八九十]+(?:号|日)|月[底初中]")
# A day of something other than a day asked ("双十一是几号", "开学是哪天"): not today's date. The subject
# holds no word of a day, a time or the asking ("今天是几号", "你知道现在是几号吗", "那天是星期几").
NOT_A_DAY = re.compile(r"^(?P<subject>[\u4e00-\u9fff]{2,8}?)(?:是|在)(?P<between>[\u4e00-\u9fff]{0,3}?)"
                       r"(?:几月)?(?:几号|哪天|哪一天)"
                       r"[吗呢呀啊？?。]*$")
_DAY_SUBJECT = re.compile(r"[今明后昨前天日月年号周星期礼拜这那哪几现时候点间]|节气|知道|请问|问问|告诉|查查"
                          r"|看看")
_BARE_DAY = re.compile(r"(?<=月)(?:[一二三四五六七八九十]{1,3}|[123]?\d)(?=是|(?:星期|礼拜|周)几|那天)")
_TERM_WHEN = re.compile(r"^(?:今年|明年)?的?(?P<term>[\u4e00-\u9fff]{2})(?:节气)?(?:是|在)?(?:农历)?"
                        r"(?:几月几号?|几号|哪一天|哪天|(?:什么|啥)时候|几时)")
# Whether a near day is a festival: "今天是重阳节吗", "明天是不是冬至".
IS_IT = re.compile(r"^[^，。？?]{0,4}(?:今天|明天|后天|今儿|明儿)个?(?:是不是|就是|是)[^，。？?]{1,6}"
                   r"(?:吗|嘛|么|不是|没有)?[。？?！!]?$")
# What a named day is ("平安夜是什么节"): for the LLM, unless today is asked.
WHAT_DAY_IS = re.compile(r"是(?:个|一个)?(?:什么|啥)(?:样的)?节(?![气目])")
TODAY_SAID = re.compile(r"今天|今儿|今日|现在|\btoday\b", re.IGNORECASE)
# The day's festival asked ("今天是什么节日", "今天过啥节"): if none, the nearest is said too.
FESTIVAL_ASKED = re.compile(r"(?:什么|啥|哪个)节(?![目气])|节日|节庆|\b(?:festival|holiday)\b",
                            re.IGNORECASE)


def calendar_args(text: str) -> dict[str, Any] | None:
    """The clock's arguments for a calendar question of the kinds above (or one counted on the calendar,
    calendar_ask.py), or None."""
    if festival_in(text) is None:  # "这个月十五是星期几", "三月八是礼拜几" said bare ("八月十五" is 中秋)
        text = _BARE_DAY.sub(r"\g<0>号", text)
    counted = calendar_ask_args(text)
    if counted is not None and not ("lunar_month" in counted and festival_in(text)):  # "正月十五" is 元宵节
        return counted
    if (holiday := holiday_args(text)) is not None:
        return holiday
    listed = _LIST.search(text)
    if listed is not None:  # a lunar month said after the year ("今年腊月有什么节") is the span
        lunar = re.search(_LUNAR_MONTH, listed.group())
        return _span_args(lunar.group() if lunar else listed.group("span") or listed.group("when")
                          or listed.group("en"))
    if _NEAREST.search(text):
        return {"what": "festivals", "span": "next"}
    festival = festival_in(text)
    if festival is not None and _WEEKENDS.search(text):
        return {"what": "weekends", "festival": festival}
    if _LEAP.search(text):
        return {"what": "leap", "year_offset": year_offset(text) or 0}
    if _WEEK.search(text):
        return {"what": "week"}
    if (other := other_day(text)) is not None:
        return {"what": "days_until", "festival": other}
    return None


def term_asked(text: str) -> str | None:
    """The 节气 whose date is asked ("小雪是哪天", "大寒节气是几号"; not snow or cold talk), or None."""
    m = _TERM_WHEN.search(text.strip())
    return m.group("term") if m and m.group("term") in SOLAR_TERMS else None


def no_day_asked(text: str) -> bool:
    """Whether ``text`` asks the date of something that is no day ("双十一是几号", "开学是哪天"); a
    festival, a named day or a 节气 is a day (:func:`festival_in`, :func:`other_day`, :func:`term_asked`)."""
    m = NOT_A_DAY.search(text.strip())
    return (m is not None and not _DAY_SUBJECT.search(m.group("subject")) and festival_in(text) is None
            and other_day(text) is None and term_asked(text) is None)

# Which day someone of hers comes or does a thing ("孙子下周回来，是哪天？", "女儿几号回来"): nobody told it.
_HERS = r"(?:孙子|孙女|外孙女?|儿子|女儿|闺女|老伴儿?|儿媳妇?|女婿|孩子们?)"
_DOES = r"(?:回来|回家|过来|来看|来|到|结婚|出院|放假|生日)"
KIN_COMES_DAY = re.compile(rf"{_HERS}[^，。？]{{0,6}}{_DOES}[^。？]{{0,6}}(?:哪天|哪一天|几号|什么时候)"
                           rf"|{_HERS}[^，。？]{{0,4}}(?:哪天|哪一天|几号)[^，。？]{{0,3}}{_DOES}")
_DAY_NAMED = re.compile(r"(?:星期|礼拜|周)[一二三四五六日天]|周末|今天|明天|后天"
                        r"|[\d一二三四五六七八九十]+(?:号|日)")


def kin_comes_unnamed(text: str) -> bool:
    """Which day someone of hers comes, with no day named that the calendar could place ("孙子下周回来，是
    哪天？"; not "儿子说他周末带孙子来，那天是几号？": the weekend's date is the calendar's)."""
    return bool(KIN_COMES_DAY.search(text)) and not _DAY_NAMED.search(text)
