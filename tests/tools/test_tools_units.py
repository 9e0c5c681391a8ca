"""Unit conversions and the sums said in everyday words (pure logic, no models)."""

from __future__ import annotations

import asyncio
from datetime import datetime
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest

from assistant.tools.base import ToolContext
from assistant.tools.calculator import CalculatorTool, evaluate, to_expression, unit_conversion
from assistant.tools.when import parse_when

NOW = datetime(2026, 11, 30, 15, 40, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.mark.parametrize(
    ("said", "value", "unit"),
    [
        ("一斤等于几两", Fraction(10), "两"),
        ("五公里是多少里", Fraction(10), "里"),
        ("一米七是几尺", Fraction(51, 10), "尺"),  # 1米7 is a height: 1.7 m
        ("一百斤是多少公斤", Fraction(50), "公斤"),
        ("一公斤是几斤", Fraction(2), "斤"),
        ("一尺是多少厘米", Fraction(100, 3), "厘米"),
        ("一亩地是多少平方米", Fraction(2000, 3), "平方米"),
        ("一斤二两是多少克", Fraction(600), "克"),  # 斤 and 两 put together before cn2an reads them
        ("How many kilograms is 10 pounds?", Fraction("4.5359237"), "kilograms"),
        ("convert ten miles to km", Fraction("16.09344"), "km"),
    ],
)
def test_unit_conversions_are_exact(said: str, value: Fraction, unit: str) -> None:
    found = unit_conversion(said)
    assert found is not None
    assert (found.value, found.unit) == (value, unit)


@pytest.mark.parametrize(
    "said",
    ["我一米六应该多少斤", "一天走多少米合适", "一斤是多少斤", "这里离那里多少里",
     "一次吃几两米饭合适"],
)
def test_no_conversion_is_made_up(said: str) -> None:
    """Another kind of unit, no amount, the same unit, or words cn2an reads doubtfully: no conversion."""
    assert unit_conversion(said) is None


def _answer(said: str, language: str = "zh") -> str:
    ctx = ToolContext(user_key="", now=NOW, language=language)
    return asyncio.run(CalculatorTool().run({"expression": said}, ctx)).text


def test_the_calculator_says_the_conversion() -> None:
    assert _answer("一米七是几尺") == "一米七等于五点一尺。"
    assert _answer("一斤等于几两") == "一斤等于十两。"
    assert _answer("一尺是多少厘米") == "一尺约等于三十三点三三厘米。"
    assert _answer("how many pounds is 5 kilograms", "en") == "5 kilograms is about 11.02 pounds."


@pytest.mark.parametrize(
    ("said", "value"),
    [
        ("三百块钱四个人分，一人多少", Fraction(75)),
        ("三百块分给四个人每人多少", Fraction(75)),
        ("四个人分三百块钱", Fraction(75)),
        ("一斤苹果五块二，买三斤多少钱", Fraction("15.6")),
        ("买三斤苹果，每斤五块二，一共多少钱", Fraction("15.6")),
        ("三斤苹果一共多少钱，一斤五块", Fraction(15)),
        ("五块钱一斤买两斤多少钱", Fraction(10)),
        ("一百块钱买了三十八块五的东西，找多少钱", Fraction("61.5")),
        ("给了五十块，花了十二块八，找我多少", Fraction("37.2")),
        ("两千的三成是多少", Fraction(600)),
    ],
)
def test_everyday_sums(said: str, value: Fraction) -> None:
    expression = to_expression(said)
    assert expression is not None
    assert evaluate(expression) == value


def test_money_shared_is_said_in_kuai() -> None:
    assert _answer("三百块钱四个人分，一人多少") == "等于七十五块。"


@pytest.mark.parametrize(("said", "minutes"), [("过一个钟头提醒我把衣服收了", 60), ("等十分钟叫我", 10)])
def test_after_a_span_without_hou(said: str, minutes: int) -> None:
    parsed = parse_when(said, NOW)
    assert parsed is not None
    assert (parsed.due - NOW).total_seconds() == minutes * 60


def test_a_span_alone_is_not_a_time() -> None:
    assert parse_when("一个小时提醒我", NOW) is None  # no 过 / 后: asked back, never guessed
