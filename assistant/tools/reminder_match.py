"""Which of a user's reminders a request means: by what it reminds of ("取消泡脚的提醒", "cancel the
reminder about my pills") and by when it fires ("把明早那个提醒删了", "把每周一的提醒取消掉",
"我明天有什么提醒").

A time phrase is read with the reminder parser (:func:`assistant.tools.when.parse_when`); a reminder
matches when it fires on the day said (a one-off that day is meant before a repeating one), in the
part of the day said, at the hour said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from assistant.storage.reminders import Reminder
from assistant.tools.when import Unclear, parse_when
from assistant.tools.when_date import find_date

_NOISE = re.compile(
    r"取消|删除|删掉|删了|删喽|删去|撤销|撤掉|去掉|关掉|关了|作废|不要|不用|不需要|甭|算|别再?|再|的|提醒|闹钟|一下"
    r"|事情|事儿|事"
    r"|我|您|那个|这个|那些|这些|个|了|吧|呢|啊|帮|请|把|给|都有|都|掉|全部|全|所有|有什么|有哪些|有没有|啥|什么|吗"
    r"|\b(?:cancel|delete|remove|stop|reminding|don'?t|remind|no|longer|not|i|need|turn|off|the|my|me|reminders?"
    r"|alarms?|for|to|about|please|a|an|of|that|one|any|more|anymore|all|every)\b|[，。！？,.!?\s]",
    re.IGNORECASE,
)
# hours each spoken part of the day covers (start inclusive, end exclusive)
_PARTS = {
    "凌晨": (0, 6), "早上": (4, 11), "早晨": (4, 11), "清早": (4, 9), "上午": (5, 12), "中午": (11, 14),
    "下午": (12, 19), "傍晚": (16, 20), "晚上": (17, 24), "夜里": (19, 24), "半夜": (22, 24),
    "明早": (4, 11), "今早": (4, 11), "今晚": (17, 24), "明晚": (17, 24),
    "morning": (4, 12), "afternoon": (12, 18), "evening": (17, 24), "tonight": (17, 24), "night": (19, 24),
}
_HAS_CLOCK = re.compile(r"点|[:：]|\d\s*[ap]\.?m|\bat \d", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class Asked:
    words: str  # what the reminder is about, request words removed ("泡脚", "pills"); may be ""
    day: date | None  # the day said ("明早" → tomorrow)
    repeat: str | None  # "daily" / "weekly" when said ("每周一的提醒")
    weekday: int | None
    hours: tuple[int, int] | None  # the part of the day said
    clock: tuple[int, int] | None  # the hour and minute said


def read_request(said: str, now: datetime) -> Asked:
    parsed = parse_when(said, now)
    rest = parsed.rest if parsed is not None else said
    words = re.sub(r"\s+", " ", _NOISE.sub(" ", rest)).strip()
    if not words.isascii():
        words = words.replace(" ", "")
    if parsed is None:
        return Asked(words=words, day=None, repeat=None, weekday=None, hours=None, clock=None)
    due = parsed.guess if isinstance(parsed, Unclear) else parsed.due
    repeat = parsed.repeat if parsed.repeat != "once" else None
    part = next((p for p in _PARTS if p in said.lower()), None)
    clock = (due.hour, due.minute) if due is not None and _HAS_CLOCK.search(said) and not isinstance(
        parsed, Unclear) else None
    day = due.date() if due is not None and repeat is None else None
    return Asked(words=words, day=day, repeat=repeat, weekday=parsed.weekday,
                 hours=_PARTS[part] if part else None, clock=clock)


def _fires(reminder: Reminder, asked: Asked) -> bool:
    due = reminder.due_local()
    if asked.repeat is not None and (reminder.repeat != asked.repeat or (
            asked.weekday is not None and reminder.weekday != asked.weekday)):
        return False
    if asked.day is not None:
        on_day = {"once": due.date() == asked.day, "daily": True,
                  "weekly": asked.day.weekday() == reminder.weekday}.get(reminder.repeat, False)
        if not on_day:
            return False
    if asked.hours is not None and not asked.hours[0] <= due.hour < asked.hours[1]:
        return False
    return asked.clock is None or (due.hour, due.minute) == asked.clock


def _by_words(reminders: list[Reminder], words: str) -> list[Reminder]:
    """The reminders that share the most of ``words`` (Chinese: characters, English: words; half at least)."""
    english = words.isascii()
    query = _english_words(words) if english else set(words)
    if not query:
        return reminders
    scored = []
    for reminder in reminders:
        text = reminder.text.lower()
        have = _english_words(text) if english else set(text)
        scored.append((len(query & have) / len(query), reminder))
    best = max((s for s, _ in scored), default=0.0)
    return [r for s, r in scored if s == best and s >= 0.5]


def _english_words(text: str) -> set[str]:
    """The words, a plural as its singular ("pills" → "pill")."""
    return {w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
            for w in re.findall(r"[a-z]+", text.lower())}


def matching(reminders: list[Reminder], said: str, now: datetime, *, one_off_first: bool = False
             ) -> list[Reminder]:
    """The reminders ``said`` means, [] when it names none; ``one_off_first``: a one-off on the day said
    comes before a repeating one ("把明早那个提醒删了")."""
    asked = read_request(said, now)
    timed = asked.day is not None or asked.repeat is not None or asked.hours or asked.clock
    found = [r for r in reminders if _fires(r, asked)] if timed else list(reminders)
    if one_off_first and asked.day is not None and asked.repeat is None and any(
            r.repeat == "once" for r in found):
        found = [r for r in found if r.repeat == "once"]
    if asked.words:
        found = _by_words(found, asked.words)
    elif not timed:
        return []
    return found


_EN_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_EN_DAY = re.compile(r"\b(?:(?P<after>the day after tomorrow)"
                     r"|(?P<today>today|tonight|this (?:morning|afternoon|evening))|(?P<tomorrow>tomorrow)"
                     r"|(?:on |this |(?P<next>next ))?(?P<wd>"
                     + "|".join(_EN_WEEKDAYS) + r"))\b", re.IGNORECASE)


def _english_day(said: str, today: date) -> date | None:
    m = _EN_DAY.search(said)
    if m is None:
        return None
    if m.group("wd"):
        wd = _EN_WEEKDAYS.index(m.group("wd").lower())
        ahead = (wd - today.weekday()) % 7 + (7 if m.group("next") and wd >= today.weekday() else 0)
        return today + timedelta(days=ahead)
    return today + timedelta(days=2 if m.group("after") else 1 if m.group("tomorrow") else 0)


def listing_asked(said: str, now: datetime) -> tuple[Asked, date | None] | None:
    """The day (and part of the day, or repeat) a listing asks about ("我明天有什么提醒", "下礼拜一都有哪些
    提醒", "12月9号有什么提醒", "what reminders do I have tomorrow"), or None when it asks for them all."""
    asked = read_request(said, now)
    day = asked.day
    if day is None and asked.repeat is None:
        found = find_date(said, now)
        day = found.day if found is not None else _english_day(said, now.date()) if said.isascii() else None
    if day is None and asked.repeat is None and asked.hours is None:
        return None
    return asked, day


def due_on(reminders: list[Reminder], asked: Asked, day: date | None) -> list[Reminder]:
    """The reminders that go off on ``day`` (a repeating one from its next time on), in the part of the day
    and with the repeat asked."""
    found = []
    for reminder in reminders:
        due = reminder.due_local()
        if day is not None and (day < due.date() or {
                "once": due.date() == day, "daily": True,
                "weekly": day.weekday() == reminder.weekday}.get(reminder.repeat) is not True):
            continue
        if _fires(reminder, Asked(words="", day=None, repeat=asked.repeat, weekday=asked.weekday,
                                  hours=asked.hours, clock=asked.clock)):
            found.append(reminder)
    return found
