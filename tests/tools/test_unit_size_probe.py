"""Probe 12 of discovery 10 (unit_size_probe.tsv), written before the rule it tests: how big, long, heavy
or far one unit is, with no unit to answer in ("一亩地有多大？": the 1.5B model said 4046.46 平方米, an
acre). Each row goes through the router as a session's turn does: a size must reach the calculator and be
said in the row's metric unit; a price, a time, a count or a judgement must get no conversion. The probe
is a development set now: every row must stay right; its first run is in the file's header. Probe 17 of
discovery 11 (unit_count_probe.tsv), written the same way, runs alike: the market weights 两 and 钱 and the
counts 打 and 双 ("二两是多少克？": the 1.5B said "两两是40克"; "一打鸡蛋是几个？": "一个"). Pure logic."""

from __future__ import annotations

import asyncio
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from assistant.tools.base import ToolContext
from assistant.tools.calculator import CalculatorTool, unit_conversion
from assistant.tools.router import route

PROBE = Path(__file__).with_name("unit_size_probe.tsv")
COUNTS = Path(__file__).with_name("unit_count_probe.tsv")
FILES = pytest.mark.parametrize("path", [PROBE, COUNTS], ids=["sizes", "counts"])


def _rows(path: Path = PROBE) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def decide(text: str) -> str:
    """The size the calculator gives ("666.67 平方米"), or "-" when no conversion is routed."""
    call = route(text)
    found = unit_conversion(text) if call is not None and call.name == "calculator" else None
    return "-" if found is None else f"{round(float(found.value), 2):g} {found.unit}"


@FILES
def test_the_probe_has_sizes_and_near_misses_in_both_languages(path: Path) -> None:
    rows = _rows(path)
    assert len(rows) >= (30 if path == PROBE else 15)
    assert {language for _, language, _ in rows} == {"zh", "en"}
    assert sum(expected == "-" for expected, *_ in rows) >= (10 if path == PROBE else 5)


@FILES
def test_every_row_is_answered_as_expected(path: Path) -> None:
    wrong = [(expected, got, text) for expected, _, text in _rows(path) if (got := decide(text)) != expected]
    assert wrong == []


def test_a_market_weight_and_a_count_are_said_as_one_says_them() -> None:
    assert _answer("二两是多少克？") == "二两等于一百克。"
    assert _answer("两打是多少个？") == "两打等于二十四个。"
    assert _answer("How many is a dozen?", "en") == "1 dozen is 12 items."


def _answer(said: str, language: str = "zh") -> str:
    ctx = ToolContext(user_key="", now=datetime(2026, 12, 2, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
                      language=language)
    return asyncio.run(CalculatorTool().run({"expression": said}, ctx)).text


def test_the_size_is_said_in_words() -> None:
    assert _answer("一亩地有多大？") == "一亩约等于六百六十六点六七平方米。"
    assert _answer("十里地有多远？") == "十里等于五公里。"
    assert _answer("How far is a mile?", "en") == "1 mile is 1.609344 kilometers."


def test_a_size_in_the_unit_it_is_said_in_is_no_conversion() -> None:
    assert unit_conversion("一公里有多远？") is None and unit_conversion("一平方米有多大？") is None
