"""A reminder moved to another time by voice: "把吃药的提醒改到九点", "泡脚的提醒改成晚上十点",
"起床的提醒往后推半个小时", "change my pills reminder to 9 pm".

:func:`split_change` cuts the words into the reminder meant and the new time; :func:`moved` works out
the new first time. A bare hour keeps the reminder's half of the day ("改到九点" for 08:00 is 09:00, not
21:00), a repeating reminder keeps its repeat, and a shift ("往后推半个小时") moves it from its own time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from assistant.storage.reminders import Reminder
from assistant.tools.when import parse_when
from assistant.tools.when_base import When, on_day
from assistant.tools.when_date import number

_LATER = r"往后推|往后挪|往后延|推迟|延后|挪后"
_EARLIER = r"往前提|往前挪|提前|挪前"
_TO = r"改到|改成|改为|改在|挪到|换到|换成|调到|调成|推到|延到|提前到"
_VERB_ZH = re.compile(rf"(?:{_TO})|(?=(?:{_LATER}|{_EARLIER})\s*(?:[半一二两三四五六七八九十\d]))")
_VERB_EN = re.compile(r"\b(?:change|move|reschedule|switch|push|shift|put)\b(?P<target>.*?)"
                      r"(?P<new>\b(?:to|till|until|back|forward|later|earlier|by)\b.*)$", re.IGNORECASE)
# "改到九点", "移到" need a reminder word to be a change ("把空调调到26度" is none)
CHANGE = re.compile(rf"(?:提醒|闹钟)[^，。？]{{0,6}}(?:{_TO}|{_LATER}|{_EARLIER})"
                    rf"|(?:{_TO})[^，。？]{{0,12}}(?:提醒|闹钟)"
                    r"|\b(?:change|move|reschedule|push|shift)\b.{0,30}\b(?:reminders?|alarms?)\b",
                    re.IGNORECASE)
_SPAN = re.compile(r"(?P<amount>半|[一二两三四五六七八九十\d]+)\s*个?\s*(?P<half>半)?\s*"
                   r"(?P<unit>小时|钟头|分钟|分|刻钟|刻)"
                   r"|(?P<en>\d+|an?|half an?)\s*(?P<enunit>hours?|minutes?|mins?)\b", re.IGNORECASE)
_PART = re.compile(r"凌晨|早|上午|中午|晌午|下午|后晌|傍|晚|夜|\b[ap]\.?m\b|morning|afternoon|evening|night",
                   re.IGNORECASE)
_DAY = re.compile(r"今|明|后天|周|星期|礼拜|号|月|\b(?:today|tomorrow|monday|tuesday|wednesday|thursday"
                  r"|friday|saturday|sunday|every)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Moved:
    due: datetime
    repeat: str
    weekday: int | None


def split_change(said: str) -> tuple[str, str] | None:
    """(the words naming the reminder, the words of the new time), or None when no change is said."""
    if said.isascii():
        m = _VERB_EN.search(said)
        return (m.group("target"), m.group("new")) if m else None
    m = _VERB_ZH.search(said)
    return (said[: m.start()], said[m.end():]) if m else None


def moved(reminder: Reminder, new: str, now: datetime) -> Moved | None:
    """The reminder's new first time for the words ``new``; None when they give no clear time."""
    old = reminder.due_local()
    shift = _shift(new)
    if shift is not None:
        due = old + shift
        weekday = due.weekday() if reminder.repeat == "weekly" else None
        return Moved(due=due, repeat=reminder.repeat, weekday=weekday) if due > now else None
    parsed = parse_when(new, now)
    if not isinstance(parsed, When):
        return None
    hour, minute = parsed.due.hour, parsed.due.minute
    if _DAY.search(new):  # "改到下礼拜四上午十点": that day, a repeating reminder keeps its repeat
        repeat = reminder.repeat if parsed.repeat == "once" else parsed.repeat
        weekday = parsed.due.weekday() if repeat == "weekly" else None
        due = parsed.due if repeat == "once" else on_day(now, None, repeat, weekday, hour, minute)
        return Moved(due=due, repeat=repeat, weekday=weekday)
    if not _PART.search(new) and hour != 12:  # "改到九点": the half of the day it had
        hour = hour % 12 + (12 if old.hour >= 12 else 0)
    if reminder.repeat == "once":
        due = old.replace(hour=hour, minute=minute)
        due = due if due > now else on_day(now, None, "once", None, hour, minute)
    else:
        due = on_day(now, None, reminder.repeat, reminder.weekday, hour, minute)
    return Moved(due=due, repeat=reminder.repeat, weekday=reminder.weekday)


def _shift(new: str) -> timedelta | None:
    """"往后推半个小时" → +30 min, "提前十分钟" → -10 min, "push it back 30 minutes"; None if no shift."""
    m = _SPAN.search(new)
    if m is None or not re.search(rf"^\s*(?:{_LATER}|{_EARLIER})|\b(?:back|forward|later|earlier|by)\b", new,
                                  re.IGNORECASE):
        return None
    if m.group("en"):
        word = m.group("en").lower()
        amount = 0.5 if word.startswith("half") else 1.0 if word in ("a", "an") else float(word)
        minutes = amount * (60 if m.group("enunit").lower().startswith("hour") else 1)
    else:
        amount = 0.5 if m.group("amount") == "半" else float(number(m.group("amount")) or 0)
        amount += 0.5 if m.group("half") else 0
        unit = m.group("unit")
        minutes = amount * {"小时": 60, "钟头": 60, "刻钟": 15, "刻": 15}.get(unit, 1)
    earlier = re.search(rf"^\s*(?:{_EARLIER})|\b(?:forward|earlier)\b", new, re.IGNORECASE)
    return timedelta(minutes=-minutes if earlier else minutes) if minutes else None
