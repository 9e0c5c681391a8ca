"""English reminder times: "tomorrow at 8 am", "every day at 9 pm", "in half an hour", "at half past
seven tonight", "on Friday at 3 pm", "every Monday at 9 am"."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from assistant.tools.calculator import english_numbers
from assistant.tools.when_base import Unclear, When, on_day

_EN = re.compile(
    r"(?P<day>tomorrow|today|tonight|every day|daily"
    r"|every (?P<ewd>monday|tuesday|wednesday|thursday|friday|saturday|sunday))?"
    r"\s*(?:at\s+)?(?P<hour>\d{1,2})(?::(?P<minute>\d{2}))?(?:\s*o'?clock)?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)?"
    r"(?:\s*(?P<day2>tomorrow|today|tonight|every day|daily))?",
    re.IGNORECASE,
)
_EN_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Hours said as words; a matched word is written as digits by the calculator's reader.
_HOUR_WORD = r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_EN_AMOUNT = r"(?:\d{1,3}|" + _HOUR_WORD + r"|twenty|thirty|forty|forty-five|fifty|sixty|ninety)"
_EN_RELATIVE = re.compile(
    r"\bin\s+(?:(?P<half>half an?)|(?P<n>an?|" + _EN_AMOUNT + r"))\s*(?P<unit>minutes?|mins?|hours?|days?)"
    r"(?P<and_half>\s+and a half)?\b")
# "for seven" is an hour ("an alarm for seven"), "for two days" or "for 2 pills" a count
_NOT_HOUR = (r"\s*(?:days?|weeks?|months?|years?|hours?|minutes?|mins?|times?|people|pills?|tablets?"
             r"|of\b|more\b)")
# what follows a bare number said as an hour ("tomorrow 8 to take my pills"), not a count ("call 3 friends")
_BARE_HOUR_NEXT = r"\s*(?:$|[,.!?]|(?:to|and|tomorrow|today|tonight|in|this|every|daily|on|please)\b)"
_EN_MINUTES = {"thirty": 30, "fifteen": 15, "forty-five": 45}


def _en_int(word: str) -> int:
    return 1 if word in ("a", "an") else int(english_numbers(word))


def _en_digits(lowered: str) -> str:
    """"at eight", "half past eight", "eight thirty", "nine o'clock" -> digits the clock pattern reads."""
    hour = rf"({_HOUR_WORD}|\d{{1,2}})"
    lowered = re.sub(r"\b(?:at )?(?:12 )?noon\b", "at 12 pm", lowered)
    lowered = re.sub(rf"\bhalf past {hour}\b", lambda m: f"{_en_int(m.group(1))}:30", lowered)
    lowered = re.sub(rf"\b(?:a )?quarter past {hour}\b", lambda m: f"{_en_int(m.group(1))}:15", lowered)
    lowered = re.sub(rf"\b(?:a )?quarter to {hour}\b",
                     lambda m: f"{(_en_int(m.group(1)) - 1) % 12 or 12}:45", lowered)
    lowered = re.sub(rf"\b({_HOUR_WORD}) (thirty|fifteen|forty-five)\b",
                     lambda m: f"{_en_int(m.group(1))}:{_EN_MINUTES[m.group(2)]}", lowered)

    def digits(m: re.Match[str]) -> str:
        return (f"{m.group(1)} " if m.group(1) else "") + str(_en_int(m.group(2) or m.group(3)))

    said_hour = rf"\b(at|by|for) ({_HOUR_WORD})\b(?!{_NOT_HOUR})|\b({_HOUR_WORD})(?= o'?clock| ?[ap]\.?m\b)"
    return re.sub(said_hour, digits, lowered)


def _english_relative(text: str, now: datetime) -> When | Unclear | None:
    """"in 10 minutes", "in half an hour", "in an hour and a half", "in two days"."""
    m = _EN_RELATIVE.search(text.lower())
    if m is None:
        return None
    amount = 0.5 if m.group("half") else _en_int(m.group("n"))
    if amount <= 0:
        return Unclear(guess=None)
    amount += 0.5 if m.group("and_half") else 0.0
    unit = m.group("unit")
    delta = (timedelta(hours=amount) if unit.startswith("hour") else timedelta(days=amount)
             if unit.startswith("day") else timedelta(minutes=amount))
    if delta > timedelta(days=366):
        return Unclear(guess=None)
    rest = (text[: m.start()] + text[m.end():]).strip()
    return When(due=(now + delta).replace(microsecond=0), repeat="once", weekday=None, rest=rest)


# "on Friday", "this Friday", "next Monday" (a weekday of next week), "Friday": a day, not a repeat.
_EN_WEEKDAY = re.compile(r"(?<!every )\b(?:(?:on|this|(?P<next>next))\s+)?(?P<wd>"
                         + "|".join(_EN_WEEKDAYS) + r")\b")


def _en_weekday(lowered: str, now: datetime) -> tuple[int | None, str]:
    m = _EN_WEEKDAY.search(lowered)
    if m is None:
        return None, lowered
    wd = _EN_WEEKDAYS.index(m.group("wd"))
    offset = (wd - now.weekday()) % 7 + (7 if m.group("next") and wd >= now.weekday() else 0)
    return offset, (lowered[: m.start()] + lowered[m.end() :]).strip()


def english(text: str, now: datetime, forced: int | None = None) -> When | Unclear | None:
    """English times; ``forced``: the day said apart ("on December 24")."""
    relative = _english_relative(text, now)
    if relative is not None:
        return relative
    lowered = _en_digits(text.lower())
    if forced is None:
        forced, lowered = _en_weekday(lowered, now)
    evening: bool | None = re.search(r"\b(evening|afternoon|night|tonight)\b", lowered) is not None
    if re.search(r"\bmorning\b", lowered) and not evening:
        evening = None  # "every morning at 8", "tomorrow morning at 7": before noon
    if len(lowered) != len(text):  # the words were turned into digits: cut "rest" from the new text
        text = lowered
    if forced is None and not re.search(
        rf"\b(?:at\s+\d|for\s+\d{{1,2}}(?::\d{{2}})?\b(?!{_NOT_HOUR})|\d{{1,2}}(?::\d{{2}})?\s*[ap]\.?m|tomorrow|tonight"
        r"|every day|daily|every \w+day)", lowered
    ):
        return None
    said = [m for m in _EN.finditer(lowered) if m.group("hour")]
    # the hour is the number said as one ("at 8", "8:30", "8 pm"), not a count before it ("take 2 pills at 8")
    hours = [m for m in said if re.search(r"\bat\b|:|[ap]\.?m|o'?clock", m.group()) or m.group("day2")
             or re.search(r"\b(?:at|by|for)\s*$", lowered[: m.start()])] or \
        [m for m in said if re.match(_BARE_HOUR_NEXT, lowered[m.end():])]
    return _en_clock(hours[0], text, now, forced, evening=evening) if hours else Unclear(guess=None)


# a part of every day: "every morning at 8", "each night at 9" repeat daily
_EVERY_PART = re.compile(r"\b(?:every|each) (?:single )?(?:day|morning|afternoon|evening|night)\b",
                         re.IGNORECASE)
_EVERY_WEEKDAY = re.compile(r"\b(?:every|each) (" + "|".join(_EN_WEEKDAYS) + r")\b", re.IGNORECASE)


def _en_clock(
    m: re.Match[str], text: str, now: datetime, forced: int | None, *, evening: bool | None
) -> When | Unclear:
    """``evening``: True after "evening", "night"…; None after "morning" (before noon)."""
    hour, minute = int(m.group("hour")), int(m.group("minute") or 0)
    ampm = (m.group("ampm") or "").replace(".", "")
    if hour > 23 or minute > 59 or (ampm and hour > 12):
        return Unclear(guess=None)
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    day = m.group("day") or m.group("day2") or ""
    if not day and _EVERY_PART.search(text):
        day = "every day"
    if evening is None and not ampm and hour == 12:
        hour = 0  # "twelve in the morning"
    parts = r"\b(this |tomorrow |in the |(?:every|each) (?:single )?)?(morning|afternoon|evening|night)\b"
    rest = re.sub(parts, "", f"{text[: m.start()]} {text[m.end():]}", flags=re.IGNORECASE)
    rest = re.sub(r"\s+", " ", rest).strip()
    if (day == "tonight" or (evening and not ampm)) and hour < 12:
        hour += 12
    if day in ("every day", "daily"):
        due = on_day(now, None, "daily", None, hour, minute)
        return When(due=due, repeat="daily", weekday=None, rest=rest)
    weekly = m.group("ewd") or (w.group(1) if (w := _EVERY_WEEKDAY.search(text)) else None)
    if weekly:  # "every Monday at 9", "every Monday evening at 7"
        rest = re.sub(r"\s+", " ", _EVERY_WEEKDAY.sub("", rest)).strip()
        wd = _EN_WEEKDAYS.index(weekly.lower())
        return When(due=on_day(now, None, "weekly", wd, hour, minute), repeat="weekly", weekday=wd, rest=rest)
    offset = 1 if day == "tomorrow" else (0 if day in ("today", "tonight") else forced)
    if forced is not None and not ampm and 1 <= hour <= 6:
        hour += 12  # "on Friday at 3": the afternoon
    if offset is None and not ampm and hour < 12 and evening is not None:
        first = on_day(now, None, "once", None, hour, minute)
        later = on_day(now, None, "once", None, hour + 12, minute)
        return When(due=min(first, later), repeat="once", weekday=None, rest=rest)
    return When(due=on_day(now, offset, "once", None, hour, minute), repeat="once", weekday=None, rest=rest)
