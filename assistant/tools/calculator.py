"""Exact arithmetic on spoken questions ("三百五十块打八折是多少", "what is 12 times 7").

Chinese numerals become digits (``cn2an``), spoken operators become symbols, and the expression is
evaluated by walking its ``ast`` with :class:`fractions.Fraction`: only numbers, + - * / ** and
brackets are accepted, never names or calls (no ``eval``). Answers are exact; a result that does
not end is rounded to two decimals and said to be about that much.
"""

from __future__ import annotations

import ast
import math
import re
import warnings
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import cn2an

from assistant.tools.base import ToolContext, ToolError, ToolResult, ToolSpec, zh
from assistant.tools.calc_sounds import as_meant
from assistant.tools.calc_totals import asked_total, parts_added
from assistant.tools.calc_words import after_numerals, arithmetic_core, before_numerals, discount_of
from assistant.tools.units import Conversion, conversion

_MAX_DIGITS = 40
_MAX_POWER = 64

_MONEY = r"\d+(?:\.\d+)?\s*(?:块|元)(?:\s*\d(?!\s*[个人斤两]))?(?:钱)?"
_PER = r"斤|公斤|千克|克|升|两|个|只|瓶|袋|盒|包|箱|本|件|条|支|根|双|碗|份|张"
# Applied in order to the text after Chinese numerals became digits.
_REWRITES: tuple[tuple[str, str], ...] = (
    # the result the user offers, to be checked, is no part of the sum: "1加1等于2吗", "1块2加3块是4块2吧"
    (r"(?<=[\d)块元])\s*(?:是不是|是|等于)\s*\d+(?:\.\d+)?\s*(?:(?:块|元)\s*\d?)?钱?\s*"
     r"(?:吗|嘛|吧|对吗|对不对|对不|没错吧)?\s*[？?。]*$", ""),
    (r"(?:1|一|总)共|合计|一起", ""),
    # "3斤半" is 3.5斤, "半斤" 0.5斤, "1块半" 1.5块
    (rf"(\d+)\s*(?P<u>{_PER}|块|元)\s*半", r"\1.5\g<u>"),
    (rf"(?<![\d.])半\s*(?=(?:{_PER})(?!子))", "0.5"),
    # a sum shared out: "300块钱4个人分，1人多少", "300块分给4个人", "4个人分300块"
    (rf"(?P<m>{_MONEY}|\d+(?:\.\d+)?)\s*[，,]?\s*(?:平均)?(?:分给|分成|给)?\s*(?P<n>\d+)\s*(?:个人|人|份)(?:平均|平)?分?",
     r"(\g<m>)/\g<n>"),
    (rf"(?P<n>\d+)\s*个?人(?:平均|平)?分\s*(?P<m>{_MONEY})", r"(\g<m>)/\g<n>"),
    (r"[，,]?\s*(?:每|1)\s*个?人(?:能|可以)?(?:分|得|摊|出)?(?:到|多少)?", ""),
    # the change back: "100块钱买了38块5的东西，找多少钱"
    (rf"(?:给了?|付了?|交了?)?(?P<a>{_MONEY}|\d+(?:\.\d+)?)[^\d]{{0,6}}?(?:买了?|花了?|付了?)[^\d]{{0,4}}?(?P<b>{_MONEY})[^\d]*?"
     r"(?:应该|要|能)?找(?:回|零|我)?(?:多少|几)", r"(\g<a>)-(\g<b>)"),
    # what one of them cost, from what all of them cost: "100块钱买了3斤苹果，每斤多少钱",
    # "4个花了20块，1个几块"
    (rf"(?:花了?|用了?|付了?)?(?P<m>{_MONEY})[\u4e00-\u9fff]{{0,4}}?(?:买|称|要|拿)了?\s*(?P<q>\d+(?:\.\d+)?)\s*"
     rf"(?P<u>{_PER})[^\d]{{0,6}}?(?:平均)?(?:1|每)\s*(?P=u)[^\d]{{0,3}}?(?:多少|几)", r"(\g<m>)/\g<q>"),
    (rf"(?P<q>\d+(?:\.\d+)?)\s*(?P<u>{_PER})[\u4e00-\u9fff]{{0,4}}?(?:花了?|用了?|付了?|是)\s*(?P<m>{_MONEY})[^\d]{{0,3}}?"
     rf"(?:平均)?(?:1|每)\s*(?P=u)[^\d]{{0,3}}?(?:多少|几)", r"(\g<m>)/\g<q>"),
    (rf"(?P<q>\d+(?:\.\d+)?)\s*(?P<u>{_PER})[\u4e00-\u9fff]{{0,4}}?(?:花了?|用了?|付了?)\s*(?P<m>\d+(?:\.\d+)?)"
     rf"(?:块|元)?钱?[^\d]{{0,3}}?(?:平均)?(?:1|每)\s*(?P=u)[^\d]{{0,3}}?(?:多少|几)", r"(\g<m>)/\g<q>"),
    # a price and a count: "9块9的东西买5个"
    (rf"(?P<p>{_MONEY})的?[\u4e00-\u9fff]{{0,4}}?(?:买|要|称|来|拿)了?\s*(?P<q>\d+(?:\.\d+)?)\s*(?:{_PER})",
     r"(\g<p>)*\g<q>"),
    # a price per unit and a quantity: "1斤苹果5块2，买3斤", "买3斤苹果，每斤5块2"
    (rf"(?:1|每)\s*(?P<u>{_PER})[\u4e00-\u9fff]{{0,4}}?\s*(?P<p>{_MONEY})\s*[，,]?\s*"
     rf"[\u4e00-\u9fff]{{0,5}}?\s*(?P<q>\d+(?:\.\d+)?)\s*(?P=u)[\u4e00-\u9fff]{{0,4}}?(?=多少|一共|总共|得|要|[，,？?]|$)",
     r"(\g<p>)*\g<q>"),
    (rf"[\u4e00-\u9fff]{{0,5}}?\s*(?P<q>\d+(?:\.\d+)?)\s*(?P<u>{_PER})[\u4e00-\u9fff]{{0,4}}?\s*(?:多少钱|要多少|得多少)?\s*[，,]?\s*"
     rf"(?:1|每)\s*(?P=u)\s*(?P<p>{_MONEY})", r"(\g<p>)*\g<q>"),
    (rf"(?P<p>{_MONEY})\s*(?:1|每)\s*(?P<u>{_PER})[\u4e00-\u9fff]{{0,4}}?\s*[，,]?\s*"
     rf"[\u4e00-\u9fff]{{0,5}}?\s*(?P<q>\d+(?:\.\d+)?)\s*(?P=u)", r"(\g<p>)*\g<q>"),
    (r"(\d+(?:\.\d+)?)\s*(?:块|元)\s*(\d)\s*(?:毛|角)?\s*(\d)\s*分", r"(\1+\2/10+\3/100)"),
    (r"(\d+(?:\.\d+)?)\s*(?:块|元)\s*(\d)\s*(?:毛|角)\s*(\d)(?![\d.])", r"(\1+\2/10+\3/100)"),  # 1块2毛5
    (r"(\d+(?:\.\d+)?)\s*(?:块|元)\s*零?\s*(\d)\s*分", r"(\1+\2/100)"),
    (r"(\d+(?:\.\d+)?)\s*(?:块|元)\s*(\d)\s*(?:毛|角)?", r"(\1+\2/10)"),
    (r"(\d+(?:\.\d+)?)\s*(?:毛|角)(?:钱)?", r"(\1/10)"),
    (r"(\d+(?:\.\d+)?)\s*(?:块|元)(?:钱)?", r"\1"),
    (r"打\s*个?\s*(\d)\s*(\d)\s*折", r"*0.\1\2"),
    (r"打\s*个?\s*(\d)\s*折", r"*0.\1"),
    (r"打\s*个?\s*(\d\.\d)\s*折", r"*\1/10"),
    (r"(\d+(?:\.\d+)?)\s*/\s*(\d+(?:\.\d+)?)", r"(\1/\2)"),  # cn2an writes 三分之一 as 1/3
    (r"(\d+(?:\.\d+)?)\s*(?:%|percent) off\s*(\d+(?:\.\d+)?)", r"\2*(1-\1/100)"),  # 20 percent off 150
    (r"(\d+(?:\.\d+)?)\s*(?:%|percent)", r"(\1/100)"),
    (r"(\d+(?:\.\d+)?)\s*成(?!本|绩|人|功|熟|都)", r"(\1/10)"),  # 3成 = 30%
    (r"的\s*(?=\()", "*"),  # 100的20% → 100*(20/100)
    (r"(?<=\))\s*的\s*(?=\d)", "*"),  # 20%的100 → (20/100)*100
    (r"(?:的)?平方", "**2"),
    (r"(?:的)?立方", "**3"),
    (r"(?:squared)", "**2"),
    (r"\bsquare root of\s*(\d+(?:\.\d+)?)|根号\s*(\d+(?:\.\d+)?)", r"(\1\2**(1/2))"),
    # a share of an amount: "a 20 percent tip on 45 dollars", "the tax on 80"
    (r"\b(?:tip|tax|service charge|discount|raise|interest)\s+(?:on|of)\b", "*"),
    (r"加上|加|\bplus\b|＋", "+"),
    (r"减去|减掉|减|\bminus\b|－", "-"),
    (r"乘以|乘上|乘|\btimes\b|\bmultiplied by\b|[×xX＊]", "*"),
    (r"除以|除|\bdivided by\b|\bover\b|[÷／]", "/"),
    (r"[（(]", "("),
    (r"[）)]", ")"),
    (r"\bof\b", "*"),
)
# Words around a sum that carry no arithmetic.
_FILLER = re.compile(
    r"请问|请你|帮我|给我|你|算一下|算一算|算算|计算一下|计算|一下|等于几|等于多少|等于|是多少|得多少|多少钱|多少|是几|几|"
    r"呢|吗|啊|呀|吧|钱|那么|那|再|然后|还剩下|还剩|剩下|剩|还有|需要|要|是|的结果|结果|"
    r"\bwhat'?s\b|\bwhat is\b|\bhow much is\b|\bcalculate\b|"
    r"\bequals?\b|\bis\b|[?？!！。，,、\s]"
)
# Numbers in a question that asks no value: yes or no ("百分之八十的人都有这个病吗", "打八折划算吗"), or
# what a sum named as a thing is ("陈景润证明的一加二是什么").
_NOT_ASKED = re.compile(r"^(?!.*(?:等于|多少|几|是\s*\d)).*[吗嘛][？?。!！\s]*$"
                        r"|的\s*\d[^，,。？?]*(?:是什么|什么意思|啥意思)")
_ALLOWED = re.compile(r"^[\d.+\-*/()]+$")
_OPERATOR = re.compile(r"\d\s*(?:\*\*|[+\-*/])\s*[\d(]|\)\s*[+\-*/]|\*\*")


_EN_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_EN_TENS = {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(),
                                            start=2)}
_EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_EN_WORD = "|".join([*_EN_UNITS, *_EN_TENS, *_EN_SCALES])
_EN_NUMBER = re.compile(rf"\b(?:{_EN_WORD})(?:(?:[\s-]+|\s+and\s+)(?:{_EN_WORD}))*\b", re.IGNORECASE)


def _en_number(words: str) -> str:
    """"twelve" -> "12", "three hundred and fifty" -> "350", "twenty-five" -> "25"."""
    total = current = 0
    for word in re.split(r"[\s-]+", words.lower()):
        if word in _EN_UNITS:
            current += _EN_UNITS[word]
        elif word in _EN_TENS:
            current += _EN_TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _EN_SCALES:
            total += max(current, 1) * _EN_SCALES[word]
            current = 0
    return str(total + current)


def english_numbers(text: str) -> str:
    """English number words written as digits ("what is twelve times seven" -> "what is 12 times 7")."""
    return _EN_NUMBER.sub(lambda m: _en_number(m.group()), text)


class CalcError(ToolError):
    code = "bad_calculation"


def _digits(text: str) -> str | None:
    """``text`` in lower case with its Chinese and English number words as digits, or None."""
    try:
        with warnings.catch_warnings():  # a lone 万 ("万圣节是几号"): cn2an warns and leaves it as a word
            warnings.simplefilter("ignore", UserWarning)
            plain = before_numerals(as_meant(text.strip().lower()))
            return str(cn2an.transform(english_numbers(plain), "cn2an"))
    except (ValueError, KeyError, IndexError):
        return None


def unit_conversion(text: str) -> Conversion | None:
    """The unit conversion ``text`` asks for ("一斤等于几两"), or None (:mod:`assistant.tools.units`)."""
    digits = _digits(text)
    return conversion(digits) if digits is not None else None


def asks_calculation(text: str) -> bool:
    """Does ``text`` ask for a sum or a unit conversion (the router's test; numerals read once)?"""
    digits = _digits(text)
    if digits is None or _NOT_ASKED.search(digits):
        return False
    return any(found is not None for found in (discount_of(digits), _expression(digits), conversion(digits)))


def to_expression(text: str) -> str | None:
    """The arithmetic in ``text`` as ``"350*0.8"``, or None when it is not a sum."""
    digits = _digits(text)
    return _expression(digits) if digits is not None else None


def _expression(digits: str) -> str | None:
    total = asked_total(digits)
    digits = after_numerals(digits)
    for pattern, repl in _REWRITES:
        digits = re.sub(pattern, repl, digits)
    expr = arithmetic_core(_FILLER.sub("", digits), _ALLOWED)
    if not _ALLOWED.match(expr):  # several things bought, each with its price, asked together
        expr = parts_added(digits, total) or expr
    if not expr or not _ALLOWED.match(expr) or not _OPERATOR.search(expr):
        return None
    return expr


def evaluate(expression: str) -> Fraction:
    """The exact value of ``expression`` (numbers, + - * / **, brackets). Raises CalcError."""
    if len(expression) > 200:
        raise CalcError("the expression is too long")
    try:
        tree = ast.parse(expression, mode="eval")
    except SyntaxError:
        raise CalcError(f"not a calculation: {expression!r}") from None
    return _value(tree.body)


def _value(node: ast.AST) -> Fraction:
    if (
        isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    ):
        return Fraction(str(node.value))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        inner = _value(node.operand)
        return -inner if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.BinOp):
        left, right = _value(node.left), _value(node.right)
        if isinstance(node.op, ast.Add):
            return _bounded(left + right)
        if isinstance(node.op, ast.Sub):
            return _bounded(left - right)
        if isinstance(node.op, ast.Mult):
            return _bounded(left * right)
        if isinstance(node.op, ast.Div):
            if right == 0:
                raise CalcError("division by zero", code="division_by_zero")
            return _bounded(left / right)
        if isinstance(node.op, ast.Pow):
            if right == Fraction(1, 2) and left >= 0:
                return _square_root(left)
            if right.denominator != 1 or abs(right) > _MAX_POWER:
                raise CalcError("only small whole powers are supported")
            return _bounded(left ** int(right))
    raise CalcError(f"unsupported expression element {type(node).__name__}")


def _square_root(value: Fraction) -> Fraction:
    """Exact for a square ("144" → 12), else to six decimals (said as "about")."""
    top, bottom = math.isqrt(value.numerator), math.isqrt(value.denominator)
    if top * top == value.numerator and bottom * bottom == value.denominator:
        return Fraction(top, bottom)
    return Fraction(math.sqrt(value)).limit_denominator(10**6)


def _bounded(value: Fraction) -> Fraction:
    if len(str(value.numerator)) > _MAX_DIGITS or len(str(value.denominator)) > _MAX_DIGITS:
        raise CalcError("the number is too large")
    return value


def decimal_text(value: Fraction) -> tuple[str, bool]:
    """``("280", True)``; ``("33.33", False)`` when rounded (the decimal does not end)."""
    den = value.denominator
    for prime in (2, 5):
        while den % prime == 0:
            den //= prime
    exact = den == 1
    places = 0 if value.denominator == 1 else (12 if exact else 2)
    text = f"{float(value):.{places}f}" if abs(value) < 10**15 else str(round(value))
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return (text if text != "-0" else "0"), exact


def spoken_zh(number: str) -> str:
    """Digits → Chinese numerals (``280`` → ``二百八十``, ``-2.5`` → ``负二点五``)."""
    try:
        return str(cn2an.an2cn(number, "low"))
    except (ValueError, KeyError, IndexError):
        return number


def money_zh(number: str) -> str:
    """``51.4`` → ``五十一块四毛``, ``3.05`` → ``三块零五分``, ``0.5`` → ``五毛`` (rounded to fen)."""
    value = round(Fraction(number) * 100)
    sign, value = ("负" if value < 0 else ""), abs(value)
    yuan, jiao, fen = value // 100, value // 10 % 10, value % 10
    out = f"{spoken_zh(str(yuan))}块" if yuan else ""
    if jiao:
        out += f"{spoken_zh(str(jiao))}毛"
    elif fen and yuan:
        out += "零"
    if fen:
        out += f"{spoken_zh(str(fen))}分"
    return sign + (out or "零块")


# how long a supply lasts, asked ("能吃几天", "够用多少个月")
_LASTS_ASKED = re.compile(r"(?:能|可以|够)(?P<verb>吃|用|喝|抽)?(?:多少|几)(?P<unit>天|顿|次|周|个星期|个月)")


class CalculatorTool:
    spec = ToolSpec(
        name="calculator",
        description="精确计算加减乘除、打折、百分比。Exact arithmetic: + - * /, discounts, percentages.",
        parameters={
            "type": "object",
            "properties": {
                "expression": {
                    "type": "string",
                    "description": "要算的式子，可以是用户的原话，如“三百五十块打八折”，或“350*0.8”",
                },
            },
            "required": ["expression"],
        },
        timeout_s=1.0,
    )

    async def run(self, args: Mapping[str, Any], ctx: ToolContext) -> ToolResult:
        said = str(args.get("expression") or "")
        if (prices := discount_of(_digits(said) or "")) is not None:
            return _discount(*prices, ctx)
        expression = to_expression(said)
        if expression is None and (converted := unit_conversion(said)) is not None:
            return _converted(converted, ctx)
        if expression is None:
            return ToolResult(
                text=zh(
                    ctx,
                    "您想算什么？请再说一遍要算的数。",
                    "What should I calculate? Please say the numbers again.",
                ),
                data={"expression": said},
                ok=False,
            )
        try:
            value = evaluate(expression)
        except CalcError as exc:
            if exc.code == "division_by_zero":
                return ToolResult(
                    text=zh(ctx, "不能除以零哦。", "You can't divide by zero."),
                    data={"expression": expression},
                    ok=False,
                )
            return ToolResult(
                text=zh(ctx, "这个我算不了，请换个说法。", "I can't calculate that."),
                data={"expression": expression},
                ok=False,
            )
        number, exact = decimal_text(value)
        unit = "块" if re.search(r"块|元|钱|折|毛|角|花多少|工资|退休金|养老金", said) else ""
        if ctx.language == "en":
            text = f"It's {'' if exact else 'about '}{number}."
        elif not unit and (lasts := _LASTS_ASKED.search(said)) is not None and value >= 0:
            whole = int(value)  # "能吃几天": a count of days, whole ones ("三十三天多")
            more = "" if whole == value else "多"
            text = f"能{lasts['verb'] or '用'}{spoken_zh(str(whole))}{lasts['unit']}{more}。"
        else:
            amount = money_zh(number) if unit else spoken_zh(number)
            cents_exact = not unit or "." not in number or len(number.split(".")[1]) <= 2
            text = f"{'等于' if exact and cents_exact else '约等于'}{amount}。"
        # A sum of money the user gave is a computed price, not a market price.
        return ToolResult(
            text=text,
            data={"expression": expression, "result": number, "exact": exact},
            grounded=frozenset({"number", "price"} if unit else {"number"}),
        )


def _converted(found: Conversion, ctx: ToolContext) -> ToolResult:
    """The spoken result of a unit conversion ("一米七等于五点一尺。")."""
    number, exact = decimal_text(found.value)
    if ctx.language == "en":
        text = f"{found.amount} is {'' if exact else 'about '}{number} {found.unit}."
    else:
        amount = re.sub(r"\d+(?:\.\d+)?", lambda m: spoken_zh(m.group()), found.amount).replace("市两", "两")
        amount = re.sub(r"^二(?=[打双])", "两", amount)  # "两打", as it is said
        text = f"{amount}{'等于' if exact else '约等于'}{spoken_zh(number)}{found.unit}。"
    return ToolResult(text=text, data={"conversion": found.amount, "unit": found.unit, "result": number,
                                       "exact": exact}, grounded=frozenset({"number"}))


def _discount(price: str, paid: str, ctx: ToolContext) -> ToolResult:
    """Which discount ``paid`` is of ``price`` ("相当于打八折。", "八五折"; in whole percents)."""
    share = evaluate(f"{paid}*100/{price}")
    percent = min(max(round(share), 1), 99)
    exact = share == percent
    if ctx.language == "en":
        text = f"That's {'' if exact else 'about '}{100 - percent}% off."
    else:
        digits = f"{percent:02d}".rstrip("0")
        rate = "零点" + spoken_zh(digits[1]) if digits[0] == "0" else "".join(spoken_zh(d) for d in digits)
        text = f"{'相当于' if exact else '大约'}打{rate}折。"
    tenths = decimal_text(Fraction(percent, 10))[0]
    data = {"expression": f"{paid}/{price}*10", "result": tenths, "exact": exact}
    return ToolResult(text=text, data=data, grounded=frozenset({"number", "price"}))
