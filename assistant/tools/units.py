"""Unit conversions the calculator answers exactly ("一斤等于几两", "五公里是多少里", "一米七是几尺",
"how many pounds is 5 kilograms"), and how big, long, heavy or far one is ("一亩地有多大", "How far is a
mile?").

A conversion names an amount with a unit (after Chinese numerals became digits) and asks for another
unit of the same kind ("几两", "多少公斤", "how many pounds", "in feet"), or asks only its size ("有多大",
"有多远", "是多少"): then it is said in the metric unit one says such a size in (centimetres under a metre,
kilometres from one, kilograms from one, square metres, litres). The factors are the legal
definitions: the market units (市制) of 1984 (1 斤 = 500 g, 1 两 = 50 g, 1 里 = 500 m, 1 尺 = 1/3 m,
1 亩 = 2000/3 m²) and the international yard and pound (1 ft = 0.3048 m, 1 lb = 0.45359237 kg).
Exact fractions; pure logic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

# unit word -> (kind, size in the kind's base unit: gram, metre, square metre, litre)
_UNITS: dict[str, tuple[str, Fraction]] = {
    **{w: ("mass", Fraction(1)) for w in ("克", "grams", "gram", "g")},
    **{w: ("mass", Fraction(1000)) for w in ("公斤", "千克", "kilograms", "kilogram", "kilos", "kilo", "kg")},
    "斤": ("mass", Fraction(500)),
    **{w: ("mass", Fraction(50)) for w in ("两", "市两", "liang")},  # 市两: the weight after a numeral
    "钱": ("mass", Fraction(5)),
    **{w: ("count", Fraction(1)) for w in ("个", "items", "item")},
    **{w: ("count", Fraction(12)) for w in ("打", "dozens", "dozen")},
    "双": ("count", Fraction(2)),
    "吨": ("mass", Fraction(1_000_000)),
    **{w: ("mass", Fraction("453.59237")) for w in ("磅", "pounds", "pound", "lbs", "lb")},
    **{w: ("mass", Fraction("28.349523125")) for w in ("盎司", "ounces", "ounce", "oz")},
    **{w: ("length", Fraction(1)) for w in ("米", "meters", "meter", "metres", "metre", "m")},
    **{w: ("length", Fraction(1000)) for w in ("公里", "千米", "kilometers", "kilometer", "kilometres",
                                               "kilometre", "km")},
    **{w: ("length", Fraction(1, 100)) for w in ("厘米", "公分", "centimeters", "centimeter", "centimetres",
                                                 "centimetre", "cm")},
    "毫米": ("length", Fraction(1, 1000)),
    "里": ("length", Fraction(500)),
    "丈": ("length", Fraction(10, 3)),
    "尺": ("length", Fraction(1, 3)),
    "寸": ("length", Fraction(1, 30)),
    **{w: ("length", Fraction("1609.344")) for w in ("英里", "miles", "mile")},
    **{w: ("length", Fraction("0.3048")) for w in ("英尺", "feet", "foot", "ft")},
    **{w: ("length", Fraction("0.0254")) for w in ("英寸", "inches", "inch")},
    **{w: ("area", Fraction(1)) for w in ("平方米", "平米", "square meters", "square metres")},
    "亩": ("area", Fraction(2000, 3)),
    **{w: ("area", Fraction(10000)) for w in ("公顷", "hectares", "hectare")},
    **{w: ("volume", Fraction(1)) for w in ("升", "公升", "liters", "liter", "litres", "litre")},
    **{w: ("volume", Fraction(1, 1000)) for w in ("毫升", "milliliters", "milliliter", "ml")},
    # spans of time, in English only (a Chinese "几天" or "几个小时" is far more often a count of days)
    **{w: ("time", Fraction(1)) for w in ("seconds", "second")},
    **{w: ("time", Fraction(60)) for w in ("minutes", "minute")},
    **{w: ("time", Fraction(3600)) for w in ("hours", "hour")},
    **{w: ("time", Fraction(86400)) for w in ("days", "day")},
    **{w: ("time", Fraction(604800)) for w in ("weeks", "week")},
}
_WORD = "|".join(re.escape(w) for w in sorted(_UNITS, key=len, reverse=True))
_EN = rf"(?<![a-z])(?:{_WORD})(?![a-z])"
# An amount: one or more number-unit pairs ("1斤2两", "5尺3寸"); "1米7" is 1.7 m (a height).
_PAIR = re.compile(rf"(?P<n>\d+(?:\.\d+)?)\s*(?P<u>{_EN})")
_AMOUNT = re.compile(rf"(?:\d+(?:\.\d+)?\s*(?:{_EN})\s*)+(?:\d{{1,2}}(?!\d*\s*(?:{_EN})))?")
_TARGET = re.compile(
    rf"(?:几|多少|多少个|换成|换算成|折合|合多少)\s*(?P<zh>(?!钱){_EN})"
    rf"|\bhow many (?P<many>{_EN})|\b(?:in|into|to) (?P<into>{_EN})\s*[?？.]?\s*$",
    re.IGNORECASE,
)
# English amounts said in words: "a pound", "an ounce", "three and a half hours" (number words are digits).
# Only after "in", "is"... : "how many hours a day should I sleep" is a rate, not one day.
_ONE = re.compile(rf"\b(in|is|are|equals?|convert|makes?) (?:an?|one)\s+(?=(?:{_WORD})\b)(?=[a-z]{{2}})")
_AND_A_HALF = re.compile(r"(\d+) and a half ")
# "1斤半" is 1.5斤 ("一斤半等于多少克" had got the grams of one 斤)
_UNIT_AND_HALF = re.compile(r"(\d+)\s*(斤|公斤|千克|两|米|尺|寸|里|亩|升|吨|克|厘米|公里|丈|钱)半")
# A temperature in the other scale: "72 fahrenheit in celsius", "what's 20 degrees celsius in fahrenheit".
_DEGREES = re.compile(r"(?P<n>-?\d+(?:\.\d+)?)\s*(?:degrees?\s*)?(?P<said>fahrenheit|celsius|centigrade)\b"
                      r".{0,20}?\b(?:in|to|into|is how many|how many)\s+(?:degrees?\s+)?"
                      r"(?P<asked>fahrenheit|celsius)\b")
_METRE_DECIMAL = re.compile(r"^(\d+)\s*米\s*(\d{1,2})$")
# Only its size asked, at the end ("一亩地有多大", "一斤是多少", "how far is a mile"): no price, time or
# count.
_SIZE_ZH = re.compile(rf"(?P<amount>(?:\d+(?:\.\d+)?\s*(?:{_EN})\s*)+)(?:地|路)?(?:有|是|等于|合)?"
                      r"(?:多大|多远|多重|多沉|多长|多少)(?:的面积|的距离)?[呀啊呢吗]?\s*[？?]?\s*$")
_SIZE_EN = re.compile(rf"\bhow (?:big|far|long|heavy|much|many) is (?:an?|1) (?P<unit>{_EN})\s*[?.]?\s*$")
# kind -> (the least size said in it, zh unit, en unit), larger first
_SAID_IN: dict[str, tuple[tuple[Fraction, str, str], ...]] = {
    "area": ((Fraction(0), "平方米", "square meters"),),
    "length": ((Fraction(1000), "公里", "kilometers"), (Fraction(1), "米", "meters"),
               (Fraction(0), "厘米", "centimeters")),
    "mass": ((Fraction(1000), "公斤", "kilograms"), (Fraction(0), "克", "grams")),
    "volume": ((Fraction(1), "升", "liters"), (Fraction(0), "毫升", "milliliters")),
    "count": ((Fraction(0), "个", "items"),),
    "time": ((Fraction(3600), "小时", "hours"), (Fraction(60), "分钟", "minutes"),
             (Fraction(0), "秒", "seconds")),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Conversion:
    amount: str  # the amount as said, with digits ("1.7米", "5 kilograms")
    value: Fraction  # the result, in ``unit``
    unit: str


def _size(word: str) -> tuple[str, Fraction]:
    return _UNITS[word.lower()]


def conversion(text: str) -> Conversion | None:
    """The unit conversion ``text`` asks for (digits already in it), or None."""
    text = _ONE.sub(r"\1 1 ", _AND_A_HALF.sub(r"\1.5 ", text.lower()))
    text = _UNIT_AND_HALF.sub(r"\1.5\2", text)
    if (heat := _temperature(text)) is not None:
        return heat
    target = _TARGET.search(text)
    if target is None:
        return _size_of(text)
    unit = target.group("zh") or target.group("many") or target.group("into")
    before = text[: target.start()] + " " + text[target.end():]
    source = _AMOUNT.search(before)
    return None if source is None else _converted(source.group().strip(), unit)


def _temperature(text: str) -> Conversion | None:
    """Degrees Fahrenheit said in Celsius or back ("what's 72 fahrenheit in celsius")."""
    m = _DEGREES.search(text)
    if m is None or m.group("said").replace("centigrade", "celsius") == m.group("asked"):
        return None
    said = Fraction(m.group("n"))
    if m.group("said") == "fahrenheit":
        return Conversion(amount=f"{m.group('n')} degrees Fahrenheit", value=(said - 32) * 5 / 9,
                          unit="degrees Celsius")
    return Conversion(amount=f"{m.group('n')} degrees Celsius", value=said * 9 / 5 + 32,
                      unit="degrees Fahrenheit")


def _size_of(text: str) -> Conversion | None:
    """How big one amount is, in the metric unit such a size is said in ("一亩地有多大" → 平方米)."""
    if (zh := _SIZE_ZH.search(text)) is not None:
        said, english = zh.group("amount").strip(), False
    elif (en := _SIZE_EN.search(text)) is not None:
        said, english = f"1 {en.group('unit')}", True
    else:
        return None
    pairs = [(Fraction(m.group("n")), m.group("u")) for m in _PAIR.finditer(said)]
    kinds = {_size(u)[0] for _, u in pairs}
    if len(kinds) != 1 or kinds == {"time"}:  # "how long is a minute": a question, not a conversion
        return None
    total = sum((n * _size(u)[1] for n, u in pairs), Fraction(0))
    unit = next(en_word if english else zh_word for least, zh_word, en_word in _SAID_IN[kinds.pop()]
                if total >= least)
    return _converted(said, unit)


def _converted(said: str, unit: str) -> Conversion | None:
    """The amount ``said`` ("1.7米", "5 kilograms") in ``unit``, or None."""
    kind, size = _size(unit)
    metric = _METRE_DECIMAL.match(said)
    if metric:  # "1米7", "1米75": a height in metres
        pairs = [(Fraction(f"{metric.group(1)}.{metric.group(2)}"), "米")]
    elif said[-1].isdigit():
        return None  # "1斤22" (cn2an's reading of 一斤二两): not sure what was said
    else:
        pairs = [(Fraction(m.group("n")), m.group("u")) for m in _PAIR.finditer(said)]
    if {_size(u)[0] for _, u in pairs} != {kind} or {_size(u) for _, u in pairs} == {_size(unit)}:
        return None  # another kind of unit, or "1斤是多少斤"
    total = sum((n * _size(u)[1] for n, u in pairs), Fraction(0))
    return Conversion(amount=said, value=total / size, unit=unit)
