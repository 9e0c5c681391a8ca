"""The animal of a lunar year for the clock: of a year said ("1950年属什么"; born before 春节, the year
before), or of this lunar year and the ones around it ("今年属什么", "明年是什么属相"); and the age this
year of someone born in a year said ("我是1948年生的，今年多大岁数了": the 1.5B said 88)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from lunar_python import Lunar

from assistant.tools.base import ToolContext, zh
from assistant.tools.clock import lunar_of

ANIMALS_EN = {"鼠": "Rat", "牛": "Ox", "虎": "Tiger", "兔": "Rabbit", "龙": "Dragon", "蛇": "Snake",
              "马": "Horse", "羊": "Goat", "猴": "Monkey", "鸡": "Rooster", "狗": "Dog", "猪": "Pig"}
_YEAR_ZH = {-2: "前年", -1: "去年", 0: "今年", 1: "明年", 2: "后年"}


# The animal of a year ("今年属什么", "明年是什么属相", "1950年生的属啥"): asked of a year, not of a
# person ("我属什么" needs the user's birth year).
ZODIAC_ASKED = re.compile(r"属相|生肖|属(?:什么|啥|哪个)|(?:什么|啥)年(?![纪代级龄头份])"
                          r"|\bzodiac\b|\byear of the\b|\banimal year\b", re.IGNORECASE)
_YEAR_WORDS = {"前年": -2, "去年": -1, "今年": 0, "明年": 1, "后年": 2, "this year": 0, "next year": 1,
               "last year": -1, "is it": 0}
_SAID_YEAR = re.compile(r"(?P<y>(?:19|20)\d\d|[一二九][〇零一二三四五六七八九]{3})\s*年"
                        r"|\bborn in (?P<y2>(?:19|20)\d\d)\b")
# An age asked of a birth year said ("1948年生的，今年多大了", "五零年出生的人今年几岁", "I was born in 1948,
# how old am I"): the clock's year less the year said.
AGE_ASKED = re.compile(r"年[^，。？]{0,3}?生[^。？]{0,12}?(?:多大|几岁|多少岁|岁数|年纪|高寿)"
                       r"|\bborn in (?:19|20)\d\d\b.{0,30}\bhow old\b|\bhow old\b.{0,30}\bborn in\b",
                       re.IGNORECASE)


# An age said with the animal asked ("我今年七十五，属什么？" got this year's animal): its two birth years.
_AGE_SAID = re.compile(r"(?:^|今年|我|他|她|人)(?:都|已经|快)?(?P<n>[一二三四五六七八九十百]{1,4}|\d{1,3})"
                       r"(?:周岁|岁)?(?:了|啦)?[，,]?[^，。？]{0,3}属(?:什么|啥|哪个)")
_CN_NUMBER = str.maketrans("一二三四五六七八九", "123456789")


def _age_number(said: str) -> int | None:
    if said.isdigit():
        return int(said)
    tens, _, ones = said.partition("十")
    if "百" in said or not _:
        return None if "百" in said or len(said) != 1 else int(said.translate(_CN_NUMBER))
    return int((tens or "一").translate(_CN_NUMBER)) * 10 + (int(ones.translate(_CN_NUMBER)) if ones else 0)


def zodiac_year(text: str) -> dict[str, int]:
    """{"year": 1950}, {"year_offset": 1} or {"age_said": 75} for the year whose animal ``text`` asks, or
    {}."""
    if (age := _AGE_SAID.search(text)) is not None and (n := _age_number(age["n"])) and 40 <= n <= 110:
        return {"age_said": n}
    said = _SAID_YEAR.search(text)
    if said is not None:
        year = said.group("y") or said.group("y2")
        digits = year.translate(str.maketrans("〇零一二三四五六七八九", "00123456789"))
        return {"year": int(digits)}
    lowered = text.lower()
    for word, offset in _YEAR_WORDS.items():
        if word in lowered:
            return {"year_offset": offset}
    return {}


def zodiac_text(args: Mapping[str, Any], ctx: ToolContext) -> tuple[str, dict[str, Any]]:
    """The lunar year and its animal: of a year said ("1950年属什么"; born before 春节, the year before),
    or of this lunar year and the ones around it ("今年属什么", "明年是什么属相")."""
    def of(lunar_year: int) -> tuple[str, str]:
        lunar = Lunar.fromYmd(lunar_year, 6, 1)
        return str(lunar.getYearInGanZhi()), str(lunar.getYearShengXiao())

    if args.get("age_said"):  # "我今年七十五，属什么": born this year less the age, or a year before
        age = int(args["age_said"])
        born = ctx.now.year - age
        (_, after), (_, before) = of(born), of(born - 1)
        return zh(ctx, f"{age}周岁的话，今年生日过了的，是{born}年生，属{after}；"
                       f"生日还没到的，是{born - 1}年生，属{before}。",
                  f"At {age}: born in {born}, the Year of the {ANIMALS_EN[after]}, if this year's birthday "
                  f"has passed; otherwise born in {born - 1}, the {ANIMALS_EN[before]}."), {"age_said": age}
    if args.get("year"):
        year = int(args["year"])
        (ganzhi, animal), (_, before) = of(year), of(year - 1)
        data = {"year": year, "ganzhi": ganzhi, "animal": animal}
        return zh(ctx, f"{year}年是农历{ganzhi}年，属{animal}；正月初一以前出生的，属{before}。",
                  f"{year} was the Year of the {ANIMALS_EN[animal]}; born before Chinese New Year, "
                  f"the {ANIMALS_EN[before]}."), data
    offset = max(-2, min(2, int(args.get("year_offset") or 0)))
    lunar_year = lunar_of(ctx.now.date()).getYear() + offset
    ganzhi, animal = of(lunar_year)
    which = _YEAR_ZH[offset]
    if offset == 0 and lunar_year != ctx.now.year:  # January, before 春节
        which = "现在还没过春节，还"
    data = {"lunar_year": lunar_year, "ganzhi": ganzhi, "animal": animal}
    english = {0: "This is", 1: "Next year is", -1: "Last year was"}.get(offset, "It is")
    return zh(ctx, f"{which}是农历{ganzhi}年，{animal}年。",
              f"{english} the Year of the {ANIMALS_EN[animal]} in the Chinese calendar."), data


def age_text(year: int, ctx: ToolContext) -> tuple[str, dict[str, Any]]:
    """The age this year of someone born in ``year``: after the birthday, and before it."""
    now = ctx.now.year
    age = now - year
    if not 0 < age <= 120:
        return zh(ctx, f"{year}年出生的，算不出今年（{now}年）的岁数，您再说一遍出生的年份好吗？",
                  f"I can't work out an age this year ({now}) for {year}; could you say the year again?"), {}
    text = zh(ctx, f"{year}年生的，今年是{now}年，过了生日就是{age}周岁，生日还没到是{age - 1}周岁。",
              f"Born in {year}: it is {now} now, so {age} after this year's birthday, {age - 1} before it.")
    return text, {"year": year, "age": age}
