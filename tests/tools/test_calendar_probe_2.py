"""Probe 23: named days the clock did not know (龙抬头, 寒衣节, 情人节, 感恩节...), named days no calendar
dates (泼水节, 复活节, made-up ones), the festivals of a lunar month or of next year, public-holiday
arrangements, and sound calendar questions that keep their route (pure logic, no models). Each clock
answer must hold what lunar_python says at the test's fixed now; a day off is counted only from lunar_python's
copy of the official arrangement, and an unknown day gets no date at all.

Run as a script (``PYTHONPATH=$PWD python3 tests/tools/test_calendar_probe_2.py``) for the figures.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from lunar_python import Solar
from lunar_python.util import HolidayUtil
from test_calendar_probe import (
    DATE,
    MAJOR,
    _listed,
    clock_answer,
    lunar_years_kept,
    major_between,
    print_tally,
    probe_rows,
    said_date,
)
from test_routing_probe import decide

from assistant.pipeline import unknowable

PROBE = Path(__file__).with_name("calendar_probe_2.tsv")
NOW = datetime(2026, 12, 2, 10, 5, tzinfo=ZoneInfo("Asia/Shanghai"))
TODAY = NOW.date()
# lunar_python's lunar named days a lunar month's list must name, with the word said for each.
LUNAR_NAMED = {**MAJOR, "龙头节": "龙抬头", "寒食节": "寒食", "上巳节": "上巳", "中元节": "中元",
               "寒衣节": "寒衣", "下元节": "下元", "祭灶日": "祭灶"}
NEXT_YEAR = ("元旦节", "春节", "元宵节", "清明", "劳动节", "端午节", "中秋节", "国庆节", "重阳节")
HONEST = {"zh": re.compile("不知道|不清楚|说不准|查不到"), "en": re.compile(r"(?i)don't know|not sure")}
ANNOUNCED = {"zh": re.compile("国务院|通知"), "en": re.compile("(?i)State Council|announce|notice")}
COUNT = re.compile(r"[0-9一二两三四五六七八九十]+天"
                   r"|(?i:\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten) days?\b)")


@functools.cache
def all_names(day: date) -> list[str]:
    solar = Solar.fromYmd(day.year, day.month, day.day)
    lunar = solar.getLunar()
    return [*solar.getFestivals(), *solar.getOtherFestivals(), *lunar.getFestivals(),
            *lunar.getOtherFestivals(), lunar.getJieQi()]


def next_day(name: str, year: int | None = None) -> date:
    """The named day's next day from today, or its day in ``year``."""
    day = date(year, 1, 1) if year else TODAY
    while not any(name in (known, known + "节") for known in all_names(day) if known):
        day += timedelta(days=1)
        assert day < TODAY + timedelta(days=800), name
    return day


def lunar_month(number: int) -> list[tuple[str, date]]:
    """The named days of the coming lunar month ``number`` (not a leap one)."""
    day = TODAY
    while Solar.fromYmd(day.year, day.month, day.day).getLunar().getMonth() != number:
        day += timedelta(days=1)
    found = []
    while Solar.fromYmd(day.year, day.month, day.day).getLunar().getMonth() == number:
        found += [(name, day) for name in all_names(day) if name in LUNAR_NAMED]
        day += timedelta(days=1)
    return found


def days_off(day: date) -> int:
    """The days off lunar_python's copy of the official arrangement gives the festival on ``day``
    (0 when it holds none for that year)."""
    target = day.isoformat()
    return sum(not h.isWork() and h.getTarget() == target for h in HolidayUtil.getHolidays(day.year) or [])


def _holiday(rest: str, language: str, answer: str) -> list[str]:
    """The words a holiday answer misses (or the wrong count it says)."""
    name, _, which = rest.partition(":")
    if name == "-":
        honest = ANNOUNCED[language].search(answer) and not COUNT.search(answer)
        return [] if honest else ["announced, no count"]
    day = next_day(name, {"this": TODAY.year, "next": TODAY.year + 1}.get(which))
    missing = [word for word in [said_date(day, language)] if word not in answer]
    if count := days_off(day):
        return missing + ([] if f"{count}天" in answer or f"{count} days" in answer else [f"{count}天"])
    spoke = COUNT.search(answer)
    return missing + ([f"no count ({spoke.group()})"] if spoke else []) + (
        [] if ANNOUNCED[language].search(answer) else ["announced"])


def required(check: str, language: str) -> list[str]:
    """The words a clock answer to a row must contain."""
    kind, _, rest = check.partition(":")
    if kind == "festival":
        name, _, which = rest.partition(":")
        return [said_date(next_day(name, {"this": TODAY.year, "next": TODAY.year + 1}.get(which)), language)]
    if kind == "days":
        return [str((next_day(rest) - TODAY).days)]
    if kind == "lunar":
        found = lunar_month(int(rest))
        return [said_date(day, language) for _, day in found] + [LUNAR_NAMED[name] for name, _ in found]
    if kind == "year":
        found = [(name, next_day(name, TODAY.year + 1)) for name in NEXT_YEAR]
        return _listed(found, language)
    if kind == "month":
        first = date(TODAY.year + TODAY.month // 12, TODAY.month % 12 + 1, 1)
        last = date(first.year + first.month // 12, first.month % 12 + 1, 1) - timedelta(days=1)
        return _listed(major_between(first, last), language) or ["没有"]
    if kind == "lunar_today":
        lunar = Solar.fromYmd(TODAY.year, TODAY.month, TODAY.day).getLunar()
        return [f"{lunar.getMonthInChinese()}月{lunar.getDayInChinese()}"]
    assert kind == "today", check
    return [said_date(TODAY, language)]


def outcome(expected: str, language: str, said: str, check: str) -> tuple[bool, str]:
    """Whether the row came out as expected, and what came out."""
    if expected == "clock":
        answer = clock_answer(said, language, NOW)
        if answer is None:
            return False, f"not the clock: {decide(said, language)}"
        kind, _, rest = check.partition(":")
        with lunar_years_kept():
            missing = (_holiday(rest, language, answer) if kind == "holiday"
                       else [word for word in required(check, language) if word not in answer])
        return not missing, answer + (f"  (missing {missing})" if missing else "")
    got = decide(said, language)
    if expected == "llm":
        return got == "llm", got
    assert expected == "unknown", expected
    answer = (clock_answer(said, language, NOW) or unknowable.fixed_answer(said, language)
              or unknowable.honest_reply(said, language) or "")
    right = got != "llm" and not DATE.search(answer) and bool(HONEST[language].search(answer))
    return right, answer or got


ROWS = probe_rows(PROBE)


@pytest.mark.parametrize(("expected", "language", "said", "check"), ROWS, ids=[row[2] for row in ROWS])
def test_calendar_probe_2(expected: str, language: str, said: str, check: str) -> None:
    right, got = outcome(expected, language, said, check)
    assert right, got


if __name__ == "__main__":
    print_tally(ROWS, outcome)
