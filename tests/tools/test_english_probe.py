"""Probe 27: English as an older English speaker says it and as Whisper writes it (lower case, no
punctuation, 'whether' for 'weather'), through what answers before or around the LLM: the router and its
tools (clock, calendar counts, weather, reminders, calculator and units), the "can't know" rules, the
emergency detector and the honesty guard (pure logic, no models). A tool's answer must hold the right
fact in English, with no Chinese in it. First run (blind): 92/117; after the fixes 117/117 (the probe's
header has the misses).

Run as a script (``PYTHONPATH=$PWD python3 tests/tools/test_english_probe.py``) for the figures.
"""

from __future__ import annotations

import asyncio
import calendar
import re
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from reminder_probe import Row, run_row, seeded_database
from test_calendar_probe import clock_answer, print_tally, probe_rows, said_date
from test_routing_probe import decide

from assistant.care.emergency import detect_emergency, emergency_reply
from assistant.care.emergency_sounds import sound_alike_emergency
from assistant.pipeline import unknowable
from assistant.pipeline.honesty import ClockCheck, find_violation
from assistant.pipeline.said_before import asks_what_was_said
from assistant.tools.base import ToolContext
from assistant.tools.calculator import CalculatorTool
from assistant.tools.registry import ToolRegistry
from assistant.tools.router import route
from assistant.tools.when_en import english

PROBE = Path(__file__).with_name("english_probe.tsv")
NOW = datetime(2026, 12, 1, 9, 40, tzinfo=ZoneInfo("Asia/Shanghai"))  # a Tuesday morning
TODAY = NOW.date()
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _coming(month_day: str) -> date:
    month, day = (int(part) for part in month_day.split("-"))
    found = date(TODAY.year, month, day)
    return found if found >= TODAY else found.replace(year=TODAY.year + 1)


def clock_words(check: str) -> tuple[list[str], list[str]]:
    """The words a clock answer must hold, and those it must not."""
    kind, _, rest = check.partition(":")
    if kind == "time":
        return [f"{NOW.hour % 12 or 12}:{NOW.minute:02d}"], ["p.m.", "afternoon", "evening"]
    if kind in ("today", "after"):
        day = TODAY + timedelta(days=int(rest or 0))
        other_day = [said_date(TODAY, "en")] if day != TODAY else []
        return [said_date(day, "en"), WEEKDAYS[day.weekday()]], other_day
    if kind == "until":
        return [f"{(_coming(rest) - TODAY).days} days"], []
    if kind == "weekday":
        day = _coming(rest)
        return [WEEKDAYS[day.weekday()]], []
    return [str(TODAY.year) if kind == "year" else calendar.month_name[TODAY.month]], []


def _clock_outcome(said: str, check: str) -> tuple[bool, str]:
    answer = clock_answer(said, "en", NOW) or ""
    must, must_not = clock_words(check)
    if check == "time":
        must.append("a.m." if "a.m." in answer else "morning")
    wrong = [word for word in must if not re.search(re.escape(word) + r"(?!\d)", answer)]
    wrong += [f"not {word}" for word in must_not if re.search(re.escape(word) + r"(?!\d)", answer)]
    wrong += ["Chinese"] if CHINESE.search(answer) else []
    return not wrong, answer + (f"  (wrong: {wrong})" if wrong else "")


def calc_answer(said: str) -> str:
    call = route(said)
    assert call is not None and call.name == "calculator"
    ctx = ToolContext(user_key="", now=NOW, language="en")
    return asyncio.run(ToolRegistry([CalculatorTool()]).call("calculator", call.args, ctx)).text


def _calc_outcome(check: str, answer: str) -> tuple[bool, str]:
    value = float(check.removeprefix("value:"))
    numbers = [float(n.replace(",", "")) for n in NUMBER.findall(answer)]
    right = any(abs(n - value) <= abs(value) * 0.01 for n in numbers) and not CHINESE.search(answer)
    return right, answer


def _reminder_outcome(said: str, check: str) -> tuple[bool, str]:
    action, due, repeat, task = check.split("|")
    row = Row(text=said, action=action, due=due, repeat=repeat, task=() if task == "-" else (task,))
    with tempfile.TemporaryDirectory() as folder:
        got = asyncio.run(run_row(row, seeded_database(Path(folder) / "row.db", row.language)))
    english = not CHINESE.search(got.detail)
    return got.ok and english, f"{got.action}: {got.detail}"


def _emergency_outcome(said: str) -> tuple[bool, str]:
    found = detect_emergency(said) or sound_alike_emergency(said)
    if found is None:
        return False, f"no emergency: {decide(said, 'en')}"
    reply = emergency_reply(found, language="en")
    return "120" in reply and not CHINESE.search(reply), f"{found.kind}: {reply}"


def _guard_outcome(expected: str, said: str, question: str) -> tuple[bool, str]:
    found = find_violation(said, question=question, clock=ClockCheck(NOW), language="en")
    if found is None:
        return expected == "sound", "let by"
    english = not CHINESE.search(found.replacement)
    return expected == "claim" and english, f"{found.category}: {found.replacement}"


def outcome(expected: str, language: str, said: str, check: str) -> tuple[bool, str]:
    """Whether the row came out as expected, and what came out."""
    if expected in ("claim", "sound"):
        return _guard_outcome(expected, said, check)
    if expected == "emergency":
        return _emergency_outcome(said)
    if detect_emergency(said) or sound_alike_emergency(said):
        return False, "an emergency"
    if expected == "said":
        return asks_what_was_said(said), decide(said, language)
    got = decide(said, language)
    if got != expected:
        return False, f"routed to {got}"
    if expected == "clock":
        return _clock_outcome(said, check)
    if expected == "calc":
        return _calc_outcome(check, calc_answer(said))
    if expected == "reminder":
        return _reminder_outcome(said, check)
    if expected == "unknowable":
        reply = unknowable.honest_reply(said, language) or ""
        return not CHINESE.search(reply), reply
    return True, got


ROWS = probe_rows(PROBE)


@pytest.mark.parametrize(("expected", "language", "said", "check"), ROWS, ids=[row[2] for row in ROWS])
def test_english_probe(expected: str, language: str, said: str, check: str) -> None:
    right, got = outcome(expected, language, said, check)
    assert right, got


@pytest.mark.parametrize(("said", "due"), [
    ("remind me to take 2 pills at 8", datetime(2026, 12, 1, 20, 0)),  # was 2 p.m.: the count as the hour
    ("remind me to feed the 2 cats at 6 tomorrow", datetime(2026, 12, 2, 6, 0)),
    ("remind me tomorrow 8 to water the plants", datetime(2026, 12, 2, 8, 0)),
    ("set an alarm for seven tomorrow morning", datetime(2026, 12, 2, 7, 0)),
    ("remind me tomorrow to call 3 friends", None),  # no hour said: asked back, never 3 o'clock
])
def test_an_english_hour_is_the_number_said_as_one(said: str, due: datetime | None) -> None:
    when = english(said, NOW)
    got = getattr(when, "due", None)
    assert (got.replace(tzinfo=None) if got else None) == due, when


@pytest.mark.parametrize("said", [
    "how many hours a day should i sleep", "how many days a week should i exercise",
    "is the forecast usually right", "the whether or not question", "i don't know whether to go out",
    "what day was i born",
])
def test_the_new_english_words_leave_talk_alone(said: str) -> None:
    """'a day' is a rate, not one day to convert; a question about the forecast or a 'whether' that is one
    is talk; a past day of her own life is not today's date."""
    assert decide(said, "en") == "llm"


if __name__ == "__main__":
    print_tally(ROWS, outcome)
