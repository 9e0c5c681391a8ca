"""A schedule as the family console sends it, checked: every refusal says why, and nothing is saved.

``parse_schedule`` reads ``time`` ("08:00"), ``repeat`` ("once", "daily", "weekly"; also "每天",
"每周"), ``date`` ("2026-12-01", one-offs; default: the next time the clock shows ``time``) and
``weekday`` ("周一", "星期一", "mon", "monday" or 0..6 for Monday..Sunday; weekly ones) in the elder's
time zone. ``parse_moment`` reads a delivery time: ISO 8601 with an offset, or without one in the
elder's zone ("2026-12-01T20:00"); it must lie in the future.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from assistant.errors import AssistantError

_WEEKDAYS = {
    **{f"周{c}": i for i, c in enumerate("一二三四五六日")}, "周天": 6,
    **{f"星期{c}": i for i, c in enumerate("一二三四五六日")}, "星期天": 6,
    **{d: i for i, d in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
    **{d: i for i, d in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                   "sunday"))},
}
_REPEATS = {"once": "once", "一次": "once", "daily": "daily", "每天": "daily", "weekly": "weekly",
            "每周": "weekly"}
_TIME = re.compile(r"^([01]?\d|2[0-3])[:：]([0-5]\d)$")
MAX_AHEAD = timedelta(days=366)


class ScheduleError(AssistantError, ValueError):
    """A schedule that cannot be kept; ``message`` says why, and ``reason`` names it for a client that
    says it in the user's language: ``format``, ``passed``, ``too_far``, ``weekday`` or ``repeat``."""

    code = "bad_schedule"

    def __init__(self, message: str, *, reason: str = "format") -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True, slots=True, kw_only=True)
class Schedule:
    due: datetime  # the first occurrence, aware, in the elder's zone
    repeat: str
    weekday: int | None


def parse_weekday(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return value
    if isinstance(value, str) and value.strip().lower() in _WEEKDAYS:
        return _WEEKDAYS[value.strip().lower()]
    raise ScheduleError(f"unknown weekday {str(value)[:20]!r}: use 周一..周日, mon..sun or 0..6 (0 = Monday)",
                        reason="weekday")


def parse_schedule(*, time_text: Any, repeat: Any = "once", date_text: Any = None, weekday: Any = None,
                   zone: ZoneInfo, now: datetime) -> Schedule:
    if not isinstance(time_text, str) or not (m := _TIME.match(time_text.strip())):
        raise ScheduleError(f"bad time {str(time_text)[:20]!r}: use HH:MM on a 24-hour clock, e.g. 08:00")
    clock = time(int(m.group(1)), int(m.group(2)))
    kind = _REPEATS.get(str(repeat).strip().lower()) if isinstance(repeat, str) else None
    if kind is None:
        raise ScheduleError(f"bad repeat {str(repeat)[:20]!r}: use once, daily or weekly", reason="repeat")
    local_now = now.astimezone(zone)
    if kind == "weekly":
        if weekday in (None, ""):
            raise ScheduleError("a weekly reminder needs a weekday (周一..周日)", reason="weekday")
        day = parse_weekday(weekday)
        due = datetime.combine(local_now.date(), clock, zone)
        due += timedelta(days=(day - due.weekday()) % 7)
        if due <= local_now:
            due += timedelta(days=7)
        return Schedule(due=due, repeat="weekly", weekday=day)
    if weekday not in (None, ""):
        raise ScheduleError("only a weekly reminder takes a weekday", reason="weekday")
    if kind == "daily" or date_text in (None, ""):
        due = datetime.combine(local_now.date(), clock, zone)
        if due <= local_now:
            due += timedelta(days=1)
        return Schedule(due=due, repeat=kind, weekday=None)
    try:
        day_of = date.fromisoformat(str(date_text).strip())
    except ValueError:
        raise ScheduleError(f"bad date {str(date_text)[:20]!r}: use YYYY-MM-DD") from None
    due = datetime.combine(day_of, clock, zone)
    if due <= local_now:
        raise ScheduleError(f"{due:%Y-%m-%d %H:%M} has already passed", reason="passed")
    if due - local_now > MAX_AHEAD:
        raise ScheduleError("a reminder can be at most a year ahead", reason="too_far")
    return Schedule(due=due, repeat="once", weekday=None)


def parse_moment(value: Any, *, zone: ZoneInfo, now: datetime) -> float:
    """A delivery time in epoch seconds; ScheduleError when malformed, past, or over a year ahead."""
    if not isinstance(value, str) or not value.strip():
        raise ScheduleError("deliver_at must be a date and time like 2026-12-01T20:00")
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise ScheduleError(f"bad deliver_at {value[:30]!r}: use a date and time like 2026-12-01T20:00") \
            from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    if moment <= now:
        raise ScheduleError(f"deliver_at {moment:%Y-%m-%d %H:%M} has already passed", reason="passed")
    if moment - now > MAX_AHEAD:
        raise ScheduleError("deliver_at can be at most a year ahead", reason="too_far")
    return moment.timestamp()
