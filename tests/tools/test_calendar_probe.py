"""Probe 21: festivals of a month or of the rest of the year, the nearest festival, the next 节气, leap
months, the week of the year, weekends or days before a festival, and days that never come (pure logic,
no models). Each clock answer must hold what lunar_python says at the test's fixed now; a question
about festivals that is not about a date stays with the LLM, and a day that never comes gets no date.

Run as a script (``PYTHONPATH=$PWD python3 tests/tools/test_calendar_probe.py``) for the figures.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from lunar_python import LunarYear, Solar
from test_routing_probe import decide

from assistant.pipeline import unknowable
from assistant.tools.base import ToolContext
from assistant.tools.clock import ClockTool
from assistant.tools.registry import check_arguments
from assistant.tools.router import route

PROBE = Path(__file__).with_name("calendar_probe.tsv")
NOW = datetime(2026, 11, 30, 15, 40, tzinfo=ZoneInfo("Asia/Shanghai"))
TODAY = NOW.date()
# The festivals a "what festivals" answer must name: lunar_python's name -> the word said.
MAJOR = {"元旦节": "元旦", "腊八节": "腊八", "除夕": "除夕", "春节": "春节", "元宵节": "元宵", "清明": "清明",
         "劳动节": "劳动节", "母亲节": "母亲节", "端午节": "端午", "父亲节": "父亲节", "七夕节": "七夕",
         "中秋节": "中秋", "国庆节": "国庆", "重阳节": "重阳", "冬至": "冬至"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
DATE = re.compile(r"\d{1,2}月\d{1,2}[日号]|\d{4}年|(January|February|March|April|May|June|July|August|"
                  r"September|October|November|December) \d")


_LUNAR_YEARS = functools.cache(LunarYear.fromYear)


@contextlib.contextmanager
def lunar_years_kept() -> Iterator[None]:
    """While the expected answers are worked out, every lunar year lunar_python computes is kept. It keeps
    only the last one, and a day's festivals may need another (寒食 and 春社 come from the 清明 and 立春 of
    a year that need not be the day's), so a walk over a year of days computes a lunar year several times
    a day: seconds. The years are the same, and so are the expected answers; the code under test (the
    clock's answer) runs outside, with lunar_python as it is."""
    with mock.patch.object(LunarYear, "fromYear", _LUNAR_YEARS):
        yield


@functools.cache
def names_on(day: date) -> list[str]:
    solar = Solar.fromYmd(day.year, day.month, day.day)
    lunar = solar.getLunar()
    return [*solar.getFestivals(), *lunar.getFestivals(), lunar.getJieQi()]


def major_between(first: date, last: date) -> list[tuple[str, date]]:
    found = []
    day = first
    while day <= last:
        found += [(name, day) for name in names_on(day) if name in MAJOR]
        day += timedelta(days=1)
    return found


def festival_day(name: str, year: int | None = None) -> date:
    """The festival's next day from today, or its day in ``year`` (``name`` as the library or MAJOR
    says it)."""
    start = date(year, 1, 1) if year else TODAY
    found = major_between(start, start + timedelta(days=400))
    return next(day for known, day in found if name in (known, MAJOR[known], MAJOR[known] + "节"))


def said_date(day: date, language: str) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}" if language == "en" else f"{day.month}月{day.day}日"


def _month_of(offset: int) -> tuple[date, date]:
    first = date(TODAY.year + (TODAY.month + offset - 1) // 12, (TODAY.month + offset - 1) % 12 + 1, 1)
    after = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return max(first, TODAY), after - timedelta(days=1)


def _listed(found: list[tuple[str, date]], language: str) -> list[str]:
    words = [said_date(day, language) for _, day in found]
    return words + ([MAJOR[name] for name, _ in found] if language == "zh" else [])


def required(check: str, language: str) -> list[str]:
    """The words a clock answer to a row must contain."""
    kind, _, rest = check.partition(":")
    if kind == "month":
        found = major_between(*_month_of(int(rest)))
        return _listed(found, language) or (["没有"] if language == "zh" else ["no"])
    if kind == "rest":
        return _listed(major_between(TODAY, date(TODAY.year, 12, 31)), language)
    if kind == "nearest":
        return _listed(major_between(TODAY, TODAY + timedelta(days=60))[:1], language)
    if kind == "term":
        day = next(TODAY + timedelta(days=n) for n in range(1, 20) if names_on(TODAY + timedelta(days=n))[-1])
        return [said_date(day, language)] + ([names_on(day)[-1]] if language == "zh" else [])
    if kind == "festival":
        name, _, which = rest.partition(":")
        year = {"this": TODAY.year, "next": TODAY.year + 1}.get(which)
        return [said_date(festival_day(name, year), language)]
    if kind == "weekends":
        day = festival_day(rest)
        saturdays = sum((TODAY + timedelta(days=n)).weekday() == 5 for n in range(1, (day - TODAY).days))
        return [f"{saturdays}个", said_date(day, language)]
    if kind == "leap":
        month = LunarYear.fromYear(TODAY.year + int(rest)).getLeapMonth()
        if language == "en":
            return ["leap"] if month else ["no leap"]
        return [f"闰{'一二三四五六七八九十'[month - 1]}月"] if month else ["没有闰月"]
    if kind == "days":
        return [str((festival_day(rest) - TODAY).days)]
    assert kind == "week", check
    return [str(TODAY.isocalendar()[1])]


def clock_answer(said: str, language: str, now: datetime = NOW) -> str | None:
    call = route(said)
    if call is None or call.name != "clock":
        return None
    clock = ClockTool()
    args = check_arguments(clock.spec.parameters, call.args)
    return asyncio.run(clock.run(args, ToolContext(user_key="", now=now, language=language))).text


def outcome(expected: str, language: str, said: str, check: str) -> tuple[bool, str]:
    """Whether the row came out as expected, and what came out."""
    if expected == "clock":
        answer = clock_answer(said, language)
        if answer is None:
            return False, f"not the clock: {decide(said, language)}"
        with lunar_years_kept():
            words = required(check, language)
        missing = [word for word in words if word not in answer]
        return not missing, answer + (f"  (missing {missing})" if missing else "")
    if expected == "llm":
        got = decide(said, language)
        return got == "llm", got
    answer = clock_answer(said, language) or unknowable.honest_reply(said, language) or ""
    return not DATE.search(answer) and decide(said, language) != "clock", answer or decide(said, language)


def probe_rows(path: Path) -> list[tuple[str, ...]]:
    """A calendar probe's rows: expected, language, said, check (tab-separated; ``#`` lines skipped)."""
    return [tuple(line.split("\t")) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def print_tally(rows: list[tuple[str, ...]], outcome: Callable[..., tuple[bool, str]]) -> None:
    """Run as a script: each wrong row, then the figures by expected outcome."""
    tally: dict[str, list[int]] = {}
    for row in rows:
        right, got = outcome(*row)
        tally.setdefault(row[0], [0, 0])[0] += right
        tally[row[0]][1] += 1
        if not right:
            print(f"{row[0]:>7} [{row[1]}] {row[2]} -> {got}")
    print(" ".join(f"{kind} {r}/{n}" for kind, (r, n) in tally.items()),
          f"all {sum(r for r, _ in tally.values())}/{len(rows)}")


ROWS = probe_rows(PROBE)


@pytest.mark.parametrize(("expected", "language", "said", "check"), ROWS, ids=[row[2] for row in ROWS])
def test_calendar_probe(expected: str, language: str, said: str, check: str) -> None:
    right, got = outcome(expected, language, said, check)
    assert right, got


if __name__ == "__main__":
    print_tally(ROWS, outcome)
