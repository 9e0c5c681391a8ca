"""Held-out set 41's probe (heldout41_probe.tsv; its blind questions are tests/eval/heldout/daily_41.toml):
what a discount takes off, a price then a share off it in English, several things bought asked together
and what is left shared over days (:mod:`assistant.tools.calc_totals`: the 1.5B said "一共七块钱" and
"每天能花11元"); 差 heard as 插 after the hour (:mod:`assistant.tools.when`: "今晚九点插一刻" was saved
for 21:00) and "a quarter to nine" in English; one of the family to be reminded and "起点了"
(:mod:`assistant.tools.router`); "could you read me a poem" is no question about what was said
(:mod:`assistant.pipeline.said_before`); 挺, 别, 蛮 and 甭 stand alone in a sound sentence
(:mod:`assistant.pipeline.homophones`); 农历 heard as 努力 before a date question
(:mod:`assistant.pipeline.sound_frames`) and asked with the days to the Spring Festival
(:mod:`assistant.tools.router`, the clock: the first run gave the festival's lunar date only); an answer
that arranges for the family to come or lets mom know promises a message
(:mod:`assistant.pipeline.honesty_promise`). Pure logic; every row must stay right.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from probe_rows import tsv_rows

from assistant.pipeline import hearing, said_before
from assistant.pipeline.honesty_promise import promise_kind
from assistant.tools.calculator import evaluate, to_expression
from assistant.tools.router import route
from assistant.tools.when import When, parse_when

PROBE = Path(__file__).with_name("heldout41_probe.tsv")
NOW = datetime(2026, 12, 3, 11, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def decide(kind: str, text: str, language: str) -> str:
    """What the rule under test makes of ``text``, written as the probe's expected column."""
    if kind == "calc":
        expression = to_expression(text)
        return "calc:-" if expression is None else f"calc:{float(evaluate(expression)):g}"
    if kind == "when":
        parsed = parse_when(text, NOW)
        return f"when:{parsed.due:%H:%M}" if isinstance(parsed, When) else "when:-"
    if kind == "route":
        call = route(text)
        return f"route:{call.name if call else '-'}"
    if kind == "said":
        return f"said:{'yes' if said_before.asks_what_was_said(text) else 'no'}"
    if kind == "promise":
        return f"promise:{promise_kind(text) or '-'}"
    if kind == "lunar":
        call = route(hearing.review(text, language=language).text)
        lunar = call is not None and call.name == "clock" and (
            call.args.get("what") == "lunar" or bool(call.args.get("today_lunar")))
        return f"lunar:{'yes' if lunar else 'no'}"
    return f"heard:{'ask' if hearing.review(text, language=language).ask else 'ok'}"


def test_the_probe_has_every_kind_and_sound_rows() -> None:
    rows = tsv_rows(PROBE)
    kinds = Counter(expected.split(":")[0] for expected, *_ in rows)
    assert set(kinds) == {"calc", "when", "route", "said", "heard", "lunar", "promise"}
    assert len([row for row in rows if row[0] in {"calc:-", "route:-", "said:no", "heard:ok"}]) >= 5


@pytest.mark.parametrize(("expected", "language", "text"), tsv_rows(PROBE))
def test_each_row_is_decided_as_expected(expected: str, language: str, text: str) -> None:
    assert decide(expected.split(":")[0], text, language) == expected


def test_a_reminder_misheard_with_cha_is_saved_at_the_quarter_before() -> None:
    parsed = parse_when("今晚九点插一刻提醒我泡脚。", NOW)
    assert isinstance(parsed, When) and (parsed.due.hour, parsed.due.minute) == (20, 45)
    assert "插" not in parsed.rest


def test_a_quarter_to_the_hour_leaves_no_words_in_the_task() -> None:
    parsed = parse_when("Remind me at a quarter to nine tomorrow morning to take my pills.", NOW)
    assert isinstance(parsed, When) and "at a" not in parsed.rest


async def test_the_days_to_the_spring_festival_come_with_todays_lunar_date_through_the_registry() -> None:
    from assistant.tools.base import ToolContext
    from assistant.tools.clock import ClockTool
    from assistant.tools.registry import check_arguments

    call = route(hearing.review("那个，今天努力是多少啊？我想算算离过年还有多久。", language="zh").text)
    assert call is not None and call.name == "clock"
    args = check_arguments(ClockTool.spec.parameters, call.args)  # what the registry passes on
    result = await ClockTool().run(args, ToolContext(user_key="1", now=NOW, language="zh"))
    assert result.text.startswith("今天是农历十月廿五。") and "离春节还有" in result.text
