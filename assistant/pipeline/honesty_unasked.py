"""A date or clock time said in answer to a question that asks for neither.

The clock line in the LLM's prompt is true, but read back to a question about something else it is an
answer to a question nobody asked, and often to a garbled one: the exchange rate heard as "明天每年的会里是
多少" got "明天每年的会里是12月3日", and a lunar question heard as "今天能历史及越集合" got the solar date and
time (the eval, stop 14). So a clause that states today's date, a weekday or the clock time, when the
question asks for no day, date or time, is not said (:func:`unasked_clock`); when it is the answer's
first words and the question was misheard (garbled bits, or the clause repeats the question's own
words, :func:`echoes`), the answer is an ask-back instead. A follow-up that leaves the question out
("那明天呢？") is not judged: it asks what the turn before asked. A Chinese question that asks for a day but
not the time ("重阳节是哪一天", heard as "仇洋皆是能力哪一天") gets the day without the clock time; read back
with the question's words, the date and time are an ask-back too (stop 16, phone audio).

Pure logic: no I/O, no model.
"""

from __future__ import annotations

import re

from assistant.pipeline.honesty_claims import NUM

WEEKDAY_ZH = re.compile(r"(星期|礼拜|周)([一二三四五六日天1-7])")
DATE_ZH = re.compile(rf"(?:({NUM})年)?({NUM})月({NUM})[日号]"
                     rf"|(?<![月0-9零一二两三四五六七八九十])({NUM})号")
TIME_ZH = re.compile(rf"(凌晨|早上|上午|中午|下午|傍晚|晚上|夜里)?({NUM})点"
                     rf"(?:({NUM})分?|(半)|(一刻)|(三刻)|整)?")

# a question that asks for a day, a date or a time, of today or of anything else
_ASKS_ZH = re.compile(
    r"号|几日|几月|月份|哪个月|这个月|下个月|上个月|本月|月底|月初|星期|礼拜|周|日子|日期|哪天|哪一天|几天|多少天|天数"
    r"|什么时候|啥时候|多会|几时|多久|几点|点钟|钟|时间|时候|初[一二三四五六七八九十几]|农历|阴历|节|生日"
    r"|今年|明年|去年|哪年|哪一年|几年|年份|什么年|属"
    r"|上午还是下午|下午还是晚上|白天还是晚上|早上还是晚上"
    r"|(今天|明天|后天|昨天|今儿|明儿|现在)(是|算)?(啥|什么|几|哪|多少)")
_ASKS_EN = re.compile(r"\b(date|day|days|time|when|week|weekday|month|year|clock|o'clock|today|tomorrow|"
                      r"now|tonight|birthday|holiday|festival|christmas|easter|thanksgiving|halloween"
                      r"|new year|january|february|march|april|may|june|july|august|september|october"
                      r"|november|december)\b", re.I)
# a question that asks for the time of day: a day or a date alone does not ("重阳节是哪一天")
_ASKS_TIME_ZH = re.compile(r"什么时候|啥时候|多会|几时|多久|几点|点钟|钟|时间|时候|现在"
                           r"|上午还是下午|下午还是晚上|白天还是晚上|早上还是晚上")
_NOW_ASKED = re.compile(r"现在|几点(?:了|啦|钟了)|(?:什么|啥)时间了|\bwhat time is it\b|\bwhat'?s the time\b",
                        re.I)
_TIME_OF = re.compile(r"明天|后天|起床|睡|吃|去|出发|开门|关门|提醒|好|合适|应该|该|最|比较"
                      r"|放学|上学|下班|上班|下课|回|到|来|一般|通常"
                      r"|\b(should|do|does|will)\b", re.I)
_HOURS_EN = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
             "twelve")
_HOUR_EN = r"(\d{1,2}|" + "|".join(_HOURS_EN) + ")"
_TIME_EN = re.compile(  # 10:15, 10 am, ten o'clock, ten thirty, half past two, quarter to ten
    rf"\b{_HOUR_EN}(?::(\d{{2}})|\s+(thirty|fifteen|forty-five))?\s*(a\.?m\.?|p\.?m\.?|o'clock)?"
    rf"|\b(half past|quarter past|quarter to)\s+{_HOUR_EN}\b", re.I)
_PERIOD_EN = re.compile(r"in the (morning|afternoon|evening)|at night|\btonight\b", re.I)
_FOLLOW_UP = re.compile(r"^[^，。,.]{0,8}呢[？?。]?$|^(and|what about)\b", re.I)

_END = re.compile(r"[。！？!?.]+$")
_NOW_SAID = re.compile(r"(现在|此刻)(是|已经是)?\s*$")
_DAY_NAMED = re.compile(r"(今天|明天|后天|今儿|明儿|是)[^，。！？,.!?]{0,3}$")
_PARTS = re.compile(r"(?<=[，,、；;])")
_ALONE = re.compile(r"[\s，。！？、,.!?]*")
_NOW_BEFORE = re.compile(r"现在[^，。,.]{0,4}$")
_WEEKDAY_EN = re.compile(r"\b(today|tomorrow) is\s+(monday|tuesday|wednesday|thursday|friday|saturday|"
                         r"sunday)\b", re.I)
_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december")
_DATE_EN = re.compile(rf"\b({_MONTHS})\s+\d{{1,2}}(st|nd|rd|th)?\b", re.I)
_CLOCK_EN = re.compile(r"\b\d{1,2}:\d{2}\b|\bit'?s (now )?\d{1,2} ?(a\.?m|p\.?m)", re.I)
# words of the day and the clock, not of the question's topic: an echo is of the other words
_DAY_WORDS = re.compile(r"今天|明天|后天|昨天|现在|今年|今儿|明儿")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def states_clock(clause: str) -> bool:
    """Whether ``clause`` states a date ("12月3日", "3号"), a weekday of a named day ("今天是星期三"), or
    the clock time ("下午3点29分", "现在3点半"); an hour alone ("晚上9点前睡") is advice, not the clock."""
    if _DATE_EN.search(clause) or _WEEKDAY_EN.search(clause) or _CLOCK_EN.search(clause):
        return True
    if any(m.group(2) or _DAY_NAMED.search(clause[: m.start()]) for m in DATE_ZH.finditer(clause)):
        return True  # a month and day, or a day's number said of a day ("今天是3号", not "三号楼")
    if any(_DAY_NAMED.search(clause[: m.start()]) or _ALONE.fullmatch(clause[: m.start()] + clause[m.end():])
           for m in WEEKDAY_ZH.finditer(clause)):
        return True  # "今天星期二", or a weekday alone after the date ("…12月1日，星期二，")
    return bool(_clock_times(clause))


def _clock_times(clause: str) -> list[re.Match[str]]:
    """The clock times ``clause`` states: with the minutes ("下午2点29分") or said to be now ("现在3点半")."""
    return [m for m in TIME_ZH.finditer(clause)
            if (m.group(3) and m.group(0).endswith("分")) or _NOW_BEFORE.search(clause[: m.start()])]


def _time_unasked(clause: str, question: str) -> bool:
    """A Chinese question that asks for a day but not the time, answered with the clock time too
    ("仇洋皆是能力哪一天" heard for 重阳节 → "…是在2026年12月3日 星期四 凌晨0点39分")."""
    return (bool(_HAN.search(question)) and not _FOLLOW_UP.search(question.strip())
            and not _ASKS_TIME_ZH.search(question) and bool(_clock_times(clause)))


def without_time(part: str) -> str:
    """``part`` without the clock times it states (and a "现在是" before them)."""
    for m in reversed(_clock_times(part)):
        start = m.start()
        if (now := _NOW_SAID.search(part[:start])) is not None:
            start = now.start()
        part = part[:start].rstrip(" ，,") + part[m.end():]
    return part


def asks_clock(question: str) -> bool:
    """Whether ``question`` asks for a day, a date or a time (or leaves what it asks to the turn before)."""
    question = question.strip()
    return bool(_ASKS_ZH.search(question) or _ASKS_EN.search(question) or _FOLLOW_UP.search(question))


def asks_now(question: str) -> bool:
    """Whether ``question`` asks the time now, not the time of something ("明天几点起床", "晚上几点睡好",
    "what time should I eat"): then a clock time in the answer must be the clock's."""
    if _NOW_ASKED.search(question):
        return True
    return bool(re.search(r"几点|时间|what time", question, re.I)) and not _TIME_OF.search(question)


def unasked_clock(clause: str, question: str) -> bool:
    """A clause stating the date or the time in answer to a question that asks for neither, or the
    time of day to a Chinese question that asks for a day."""
    if not question.strip() or not states_clock(clause):
        return False
    return not asks_clock(question) or _time_unasked(clause, question)


def split_unasked(clause: str, question: str) -> tuple[str, str]:
    """(``clause`` without its parts between commas that state a date or time nobody asked for, those
    parts): the clause splitter may join "星期二，" to the advice after it."""
    parts = [part for part in _PARTS.split(clause) if part]
    day_asked = asks_clock(question)  # then only the time was unasked: the day is said without it
    kept: list[str] = []
    dropped: list[str] = []
    for part in parts:
        rest = _said_without_time(part) if day_asked else ""
        if not unasked_clock(part, question) or (day_asked and not rest):
            kept.append(part)  # nothing unasked; or only the time, which is then all the part says
            continue
        kept.append(rest)
        dropped.append(part)
    if not dropped:
        return clause, ""
    said = "".join(kept)
    if said and (end := _END.search(clause)) and not _END.search(said):  # the dropped part ended it
        said = said.rstrip("，,、；; ") + end.group(0)
    return said, "".join(dropped)


def _said_without_time(part: str) -> str:
    rest = without_time(part)
    return rest if _HAN.search(rest) or any(c.isdigit() for c in rest) else ""


def echoes(clause: str, question: str, *, at_least: int = 3) -> bool:
    """Whether ``clause`` repeats ``at_least`` characters in a row of the question's own words (the day
    and clock words left out): an answer built from the words as heard ("明天每年的会里是…")."""
    said, asked = _DAY_WORDS.sub("|", clause), _DAY_WORDS.sub("|", question)
    for start in range(len(asked) - at_least + 1):
        piece = asked[start: start + at_least]
        if len(_HAN.findall(piece)) == at_least and piece in said:
            return True
    return False


def english_times(clause: str) -> list[tuple[int, int | None, str]]:
    """The clock times an English clause states, as (hour, minute or None, "上午"/"下午"/"")."""
    said = _PERIOD_EN.search(clause)
    default = "" if said is None else "上午" if said.group(1) == "morning" else "下午"
    times = []
    for match in _TIME_EN.finditer(clause):
        hour_word, digits, word_min, suffix, phrase, phrase_hour = match.groups()
        word = hour_word or phrase_hour
        hour = int(word) if word.isdigit() else _HOURS_EN.index(word.lower()) + 1
        if phrase:
            minute: int | None = {"half past": 30, "quarter past": 15}.get(phrase.lower(), 45)
            hour = hour if not phrase.lower().endswith("to") else hour - 1
        elif digits or word_min:
            minute = int(digits) if digits else {"thirty": 30, "fifteen": 15}.get(word_min.lower(), 45)
        elif suffix or _PERIOD_EN.match(clause[match.end():].lstrip()):
            minute = None
        else:
            continue  # a bare number ("two of them"), not a time
        period = default if not suffix else "下午" if suffix[0].lower() == "p" else \
            "上午" if suffix[0].lower() == "a" else default
        times.append((hour, minute, period))
    return times
