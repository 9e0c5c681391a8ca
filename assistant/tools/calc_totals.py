"""Shopping sums said as a household says them, put into plain arithmetic (pure logic, numerals as digits).

What a discount takes off ("打八五折，能便宜多少钱": the price times what the rate leaves out, not the
price after it), a price and then a share off it in English ("a coat costs 480 yuan with 30 percent
off"), what is left of an amount after what was spent, shared over days ("退休金4200，交了1500的房租，
剩下的按30天算，每天多少"), and several things bought, each with its price, asked together ("苹果5块每斤
买了3斤，香蕉4块每斤买了2斤，一共多少"): the parts added up.
"""

from __future__ import annotations

import re

_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?![\d.])")
# Not the price after it: "优惠价多少", "打完折多少".
_SAVED = re.compile(r"(?:便宜|省|少花|少付|少给|少掏|优惠|让利|减免)(?!价|后|完)了?(?:下来?|出来)?了?"
                    r"(?:多少|几)")
_RATE = re.compile(r"打\s*个?\s*(?P<r>\d(?:\.\d)?|\d\s*\d)\s*折")
_EN_SAVED = re.compile(r"\b(?:save|saving|savings|knock(?:s|ed)? off|take[sn]? off"
                       r"|discount (?:is|come to))\b")
# "20 percent off 150" is the calculator's own rewrite.
_EN_PRICE_OFF = re.compile(
    r"\$?(?P<p>\d+(?:\.\d+)?)\s*(?:yuan|dollars?|bucks|kuai|rmb)?\b(?P<mid>[^\d]{0,40}?)"
    r"(?P<r>\d+(?:\.\d+)?)\s*(?:%|percent|per cent)\s*(?:off|discount)\b"
)
_MONEY = r"\d+(?:\.\d+)?\s*(?:块|元)?钱?"
# An amount, what was spent of it, and the rest shared over days or months: "(4200-1500)/30".
_SPENT = r"(?:交了?|花了?|用了?|付了?|买[^\d，,]{0,4}?花了?|去了?|扣了?)"
_LEFT_SHARED = re.compile(
    rf"(?P<a>\d+(?:\.\d+)?)\s*(?:块|元)?钱?[，,]?(?P<spent>(?:[^\d，,]{{0,8}}?{_SPENT}[^\d]{{0,4}}?{_MONEY}"
    r"[^\d，,]{0,6}[，,]?)+)"
    r"[^\d]{0,6}?剩(?:下)?的?[^\d]{0,6}?(?:按|分成?|分给|用|过)?\s*(?P<n>\d+)\s*(?:天|个月|月|周|个星期|份)"
    r"[^\d]{0,8}?(?:每|1)\s*(?:天|个?月|周|个?星期|份)[^\d]{0,6}?(?:多少|几)"
)
# Asked together: "一共", "总共", "合计", "加起来", "一起".
_TOTAL = re.compile(r"(?:1|一|总)共|合计|加起来|一起")
# One piece of a thing priced after it ("1块豆腐3块钱"): the count is no factor.
_ONE_PIECE = re.compile(r"(?<![\d.])1\s*(?:块|个|只|瓶|袋|盒|包|把|根|条)(?!月|星期|礼拜|小时|钟|人|周|年|天)"
                        r"(?=[\u4e00-\u9fff]{1,4}\d)")
_PARTS = re.compile(r"[，,、；;]|(?:还有|再加上?|另外|以及)")
_NOT_MONEY = re.compile(r"\d\s*(?:岁|年|月|日|号|点|天|个?人|次|回|分钟|小时|%)")
_ARITHMETIC = re.compile(r"^[+\-]?[\d.+\-*/()]*\d[\d.+\-*/()]*$")


# Whisper writes "four hundred and eighty yuan" as "$400 and 80 yuan": one amount.
_EN_HUNDREDS_AND = re.compile(r"\$?(?P<h>\d+)00 and (?P<t>\d{1,2})(?=\s*(?:yuan|dollars?|bucks|kuai|rmb)\b)")


def saved(digits: str) -> str:
    """``digits`` with a discount written as the share it takes off, when that share is what is asked."""
    digits = _EN_HUNDREDS_AND.sub(lambda m: str(int(m["h"]) * 100 + int(m["t"])), digits)
    rate = _RATE.search(digits)
    if rate is not None and _SAVED.search(digits):
        prices = _NUMBER.findall(digits[:rate.start()] + " " + digits[rate.end():])
        if len(prices) == 1:  # "60块的东西打9折，能少给多少": the one price, whatever words stand around it
            return f"{prices[0]}*(1-{_rate(rate['r'])})"
        return digits[:rate.start()] + f"*(1-{_rate(rate['r'])})" + digits[rate.end():]
    english = _EN_PRICE_OFF.search(digits)
    if english is None or _NUMBER.search(english["mid"]):
        return digits
    rest = f"(1-{english['r']}/100)" if not _EN_SAVED.search(digits) else f"{english['r']}/100"
    after = re.sub(r"(?<!\d)\.|\.(?!\d)", " ", digits[english.end():])  # a full stop, not a decimal point
    return digits[:english.start()] + f"{english['p']}*{rest}" + after


def _rate(said: str) -> str:
    """"85" -> "0.85", "8" -> "0.8", "8.5" -> "0.85" (a discount in tenths, as 打…折 says it)."""
    plain = re.sub(r"\s", "", said)
    return str(float(plain) / 10) if "." in plain else f"0.{plain}"


def left_shared(digits: str) -> str | None:
    """What is left after the spending, shared out ("(4200-1500)/30"), or None."""
    found = _LEFT_SHARED.search(digits)
    if found is None:
        return None
    spent = [m.group() for m in _NUMBER.finditer(found["spent"])]
    return f"({found['a']}" + "".join(f"-{x}" for x in spent) + f")/{found['n']}"


def one_piece_dropped(digits: str) -> str:
    """``digits`` without the count of one before a thing whose price follows ("1块豆腐3块钱")."""
    return _ONE_PIECE.sub("", digits) if _TOTAL.search(digits) else digits


def parts_added(rewritten: str, asked_total: bool) -> str | None:
    """Several priced parts, each already plain arithmetic, joined into one sum ("(5)*3+(4)*2"); None
    unless a total was asked and every part that holds a number is arithmetic once its words go."""
    if not asked_total:
        return None
    sums: list[str] = []
    for part in _PARTS.split(rewritten):
        if not re.search(r"\d", part):
            continue
        if _NOT_MONEY.search(part):
            return None  # "我今年80岁": a number that is no price
        plain = re.sub(r"[\u4e00-\u9fff？?。！!\s]+", " ", part).strip()
        if re.search(r"[\d)]\s+[\d(]", plain):
            return None  # words stood between two numbers: not a sum of parts
        plain = plain.replace(" ", "")
        if not _ARITHMETIC.match(plain):
            return None
        sums.append(plain)
    if len(sums) < 2:
        return None
    return sums[0] + "".join(s if s[0] in "+-" else f"+{s}" for s in sums[1:])


def asked_total(digits: str) -> bool:
    return bool(_TOTAL.search(digits))
