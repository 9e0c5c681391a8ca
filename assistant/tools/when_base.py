"""What the reminder parsers return (:mod:`assistant.tools.when`, :mod:`assistant.tools.when_en`), and
the first moment at a wall-clock time on a given day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta


@dataclass(frozen=True, slots=True, kw_only=True)
class When:
    due: datetime  # first time it is due (aware, in the user's zone)
    repeat: str  # "once" | "daily" | "weekly"
    weekday: int | None  # 0 = Monday, for "weekly"
    rest: str  # the sentence without the time phrase


@dataclass(frozen=True, slots=True, kw_only=True)
class Unclear:
    guess: datetime | None  # a likely meaning to ask back about, or None (ask "什么时候？")
    repeat: str = "once"
    weekday: int | None = None
    rest: str = ""
    day_unclear: bool = False  # the day itself was not placed ("月底", "二月三十号"): ask which day
    on: date | None = None  # the day said when only its hour cannot be ("明天三十点"): ask what time then


def on_day(
    now: datetime, offset: int | None, repeat: str, weekday: int | None, hour: int, minute: int
) -> datetime:
    """The first moment at ``hour:minute`` on the given day (or the next one that is still ahead)."""
    base = now.replace(hour=hour % 24, minute=minute, second=0, microsecond=0)
    if repeat == "weekly" and weekday is not None:
        base += timedelta(days=(weekday - now.weekday()) % 7)
        return base if base > now else base + timedelta(days=7)
    if offset is not None:
        return base + timedelta(days=offset)
    return base if base > now else base + timedelta(days=1)
