"""Market and household wordings of a sum (pure logic, no models): the value each one comes to."""

from __future__ import annotations

from fractions import Fraction

import pytest

from assistant.tools.calculator import evaluate, to_expression
from assistant.tools.router import route


@pytest.mark.parametrize(
    ("said", "value"),
    [
        ("萝卜一块五一斤，我买了四斤，多少钱", Fraction(6)),  # 一块五一斤: 1.5 a 斤, not 1块51斤
        ("牛肉四十五一斤，称了一斤六两，要多少钱", Fraction(72)),  # 一斤六两 is 1.6 斤
        ("土豆两块三一斤，买了五斤二两，一共多少", Fraction("11.96")),
        ("我拿了五十块，买了十八块五的菜，找我多少钱", Fraction("31.5")),  # words before the sum
        ("老伴一个月药费三百六，一年下来多少钱", Fraction(4320)),
        ("我一天走路花两块，一个礼拜是多少", Fraction(14)),
        ("Bananas are 2 dollars a pound, I want 3 pounds, how much?", Fraction(6)),
        ("负五加三", Fraction(-2)),  # a leading minus is kept
        ("我递给老板二十块，东西是十二块六，他该找我几块", Fraction("7.4")),  # any words between the sums
        ("I paid 50 and it cost 32.5, how much change do I get?", Fraction("17.5")),
        ("橘子十块钱三斤，我要六斤，多少钱", Fraction(20)),  # a price for a bundle
        ("三斤橘子十块钱，我要六斤，多少钱", Fraction(20)),
        ("一袋米六十五，买三袋多少钱", Fraction(195)),  # a bare price after one unit
        ("鱼十六块一斤，这条鱼两斤一两，多少钱", Fraction("33.6")),
        ("买了三斤二两肉，二十六块一斤，多少钱", Fraction("83.2")),  # the quantity first
        ("我拿一百块钱，买了二十五块的鸡蛋和十八块的菜，还剩多少", Fraction(57)),
        ("八百块钱分给四个孙子，每人多少", Fraction(200)),
        ("葱两毛五一根，拿了八根，多少钱", Fraction(2)),  # a price in 毛 alone
        ("菠菜九毛一斤，称了三斤半，给多少", Fraction("3.15")),
        ("一次吃两粒，一天三回，一瓶六十粒能吃几天", Fraction(10)),  # how long a bottle lasts
        ("钙片一天一次，一次一片，吃一个礼拜要几片", Fraction(7)),
        ("一天两次，每次半袋，三十天要多少袋", Fraction(30)),  # a course in days
        ("退休金从三千一涨到三千三百五，涨了多少", Fraction(250)),  # a change between two amounts
        ("血压从一百六降到一百三，降了多少", Fraction(30)),
        ("一加一等于二吗", Fraction(2)),  # a result offered to be checked is no part of the sum
        ("一块二加三块是四块二吧", Fraction("4.2")),
        ("百分之三十的两百是多少", Fraction(60)),  # the percentage first
        ("存两万块钱，一年年息百分之一点五，利息多少", Fraction(300)),  # the deposit after 存
        ("5000块存两年，年里路百分之三，利息有多少", Fraction(300)),  # the rate's word misheard
        ("5000块存两年，百分之三，利息有多少", Fraction(300)),  # or left out
        ("六百见掉两百五是多少", Fraction(350)),  # an operation heard in other characters
        ("一百二打七五就是多少", Fraction(90)),  # 折 heard as 就
        ("一百块钱买了三斤苹果，每斤多少钱？", Fraction(100, 3)),  # one unit's price (was 100*3)
        ("三十块钱买了五斤，一斤多少钱", Fraction(6)),  # (was 30*51)
        ("花了二十块买了四个，一个多少钱", Fraction(5)),
        ("买了四个花了二十块，一个多少钱", Fraction(5)),
        ("用五十块钱称了二斤半肉，一斤多少钱", Fraction(20)),
    ],
)
def test_market_wordings_come_to_the_right_sum(said: str, value: Fraction) -> None:
    expression = to_expression(said)
    assert expression is not None, said
    assert evaluate(expression) == value


@pytest.mark.parametrize(
    "said",
    ["我买了三十一斤大米", "一个月三千块够不够花", "白菜多少钱一斤", "我今年七十八，老伴八十一"],
)
def test_no_sum_is_made_up(said: str) -> None:
    """A weight, an amount with no operation, a price asked, two ages: no sum."""
    assert to_expression(said) is None


@pytest.mark.parametrize(("said", "value"), [
    ("2000块钱存一年，年利率百分之二，利息有多少？", 40),
    ("一万块存三年，年利率百分之二点五，利息多少钱", 750),
    ("年利率百分之三，五万块钱存两年，利息有多少", 3000),
])
def test_simple_interest_on_a_deposit(said: str, value: int) -> None:
    expression = to_expression(said)
    assert expression is not None and evaluate(expression) == value
    assert route(said) is not None


@pytest.mark.parametrize("said", ["利息是什么意思", "我存了两千块钱", "存钱利率高好不好"])
def test_no_interest_sum_without_the_figures(said: str) -> None:
    assert to_expression(said) is None
