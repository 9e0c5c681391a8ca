"""Market and household wordings of a sum, put into the calculator's plainer form (pure logic).

Before the Chinese numerals become digits: "二斤八两" is 2.8 斤 (10 两 make a 斤; cn2an would read
"2斤82"), and a price per unit after a numeral ("一块二一斤", "二十八一斤") is "每斤" (cn2an would
read "1块21斤"). After: a monthly or daily amount asked for a year or a week ("一个月四千二，一年多少"),
an English price per unit ("3 dollars a pound ... buy 4 pounds"), and the words around the sum ("白菜",
"我给了他", "how much is that") dropped once the middle is plain arithmetic.
"""

from __future__ import annotations

import re

from assistant.tools.calc_totals import left_shared, one_piece_dropped, saved

_ZH_DIGIT = "一二三四五六七八九"
_UNIT = r"斤|公斤|千克|克|升|个|只|瓶|袋|盒|包|箱|本|件|条|支|根|双|碗|份|张"
# "二斤八两" → "二点八斤"; "两斤三两" → "两点三斤".
_JIN_LIANG = re.compile(rf"(?P<jin>[{_ZH_DIGIT}两十]+)斤(?P<liang>[{_ZH_DIGIT}])两")
# The weight 两 after a numeral ("二两", "一两"; cn2an reads "二两" as 22), not "一两百" (one or two hundred).
_LIANG = re.compile(rf"(?<=[{_ZH_DIGIT}十半])两(?![{_ZH_DIGIT}十百千万个天年月次])")
# Two of a count ("两打", "两双"), which cn2an leaves as words.
_TWO_OF = re.compile(rf"(?<![{_ZH_DIGIT}十\d])两(?=打|双)")
# "一块二一斤", "二十八一斤", "六块五一斤" (not "三十一斤", 31 斤): the 一 is "每".
_PER_ONE = re.compile(rf"(?<=[二三四五六七八九两块元毛])一(?=(?:{_UNIT})(?!{_ZH_DIGIT}))")
# A bare number before "每斤" is a price in 块 ("28每斤" → "28块每斤"), not after 块 ("1块2每斤").
_BARE_PRICE = re.compile(rf"(?<![\d.块元])(\d+(?:\.\d+)?)\s*(?=每\s*(?:{_UNIT}))")
_PERIODS = {("月", "年"): 12, ("天", "周"): 7, ("天", "星期"): 7, ("天", "礼拜"): 7, ("周", "年"): 52,
            ("天", "月"): 30}
_PER_PERIOD = re.compile(
    r"(?:1|每)\s*个?(?P<a>月|天|周|星期|礼拜)[\u4e00-\u9fff]{0,6}?(?P<x>\d+(?:\.\d+)?)\s*(?P<m>块|元)?钱?\s*[，,]?\s*"
    r"(?:那么?)?(?:1|一)\s*个?(?P<b>年|周|星期|礼拜|月)(?:下来|总共|一共|1共)?(?=.{0,4}(?:多少|几))"
)
# an amount for a longer period shared over a shorter one: "1个月2800的退休金，1天能花多少",
# "2800块1个月，每天多少"
_PERIOD_SHARE = re.compile(
    r"(?:(?:1|每)\s*个?(?P<b>月|年|周|星期|礼拜)[\u4e00-\u9fff]{0,6}?(?P<x>\d+(?:\.\d+)?)\s*(?P<m>块|元)?钱?"
    r"|(?P<x2>\d+(?:\.\d+)?)\s*(?P<m2>块|元)?钱?\s*(?:1|每)\s*个?(?P<b2>月|年|周|星期|礼拜))"
    r"[\u4e00-\u9fff]{0,6}?\s*[，,]?\s*(?:那么?)?(?:平均)?(?:1|每)\s*个?(?P<a>天|月|周|星期|礼拜)"
    r"(?:平均)?(?:能|可以|得|要)?(?:花|用|有|合|摊|赚|挣|拿)?(?:到|上)?(?=\s*(?:多少|几))"
)
# the change from several things bought: "100块买了3样东西，分别是23、15块5和8块，找回多少"
_CHANGE_MANY = re.compile(
    r"(?P<a>\d+(?:\.\d+)?)\s*(?:块|元)?钱?[^\d]{0,14}?(?:买|花)[^\d]{0,4}?"
    r"(?:\d+\s*(?:样|件|个|种|份)[^\d]{0,4}?)?[^\d]{0,10}?(?:分别是|分别|是)?"
    r"(?P<items>\d+(?:\.\d+)?\s*(?:块|元)?\s*(?:\d(?![\d.]))?(?:\s*(?:、|，|,|和|跟|与|加|还有)\s*"
    r"\d+(?:\.\d+)?\s*(?:块|元)?\s*(?:\d(?![\d.]))?){1,6})"
    r"[^\d]{0,8}?(?:找|剩|还剩|还有)(?:回|零|我|下)?(?:多少|几)")
# how long a supply lasts: "1瓶药60粒，1天吃3粒，能吃几天", "1袋米50斤，1天吃1斤半，能吃多少天"
_LASTS = re.compile(
    r"(?P<total>\d+(?:\.\d+)?)\s*(?P<u>粒|片|颗|斤|公斤|袋|包|瓶|盒|支|升|个|卷|块)[^\d，,]{0,6}[，,]?\s*"
    r"(?:1|每|平均每?)\s*(?:天|顿|次|周|个?星期|个?月)[^\d]{0,4}?(?P<per>\d+(?:\.\d+)?|两)\s*(?P=u)(?P<half>半)?"
    r"[^\d]{0,8}?(?:能|可以|够)?(?:吃|用|喝|抽)?(?:多少|几)(?:天|顿|次|周|个?星期|个?月)"
)
_EN_PER_UNIT = re.compile(
    r"\$?(?P<p>\d+(?:\.\d+)?)\s*(?:dollars?|bucks|yuan|kuai)?\s*(?:a|per|for (?:a|one)|each)\s+"
    r"(?P<u>pound|kilo|kilogram|dozen|bag|box|bottle|one|piece)\b.{0,30}?"
    r"\b(?:buy|get|take|bought|need|want|for)\s+(?P<q>\d+(?:\.\d+)?)\b(?:\s*(?:pounds?|kilos?|kilograms?|dozens?"
    r"|bags?|boxes|bottles?|pieces?|of them))?",
    re.IGNORECASE,
)
_MONEY = r"\d+(?:\.\d+)?\s*(?:块|元)(?:\s*\d(?!\s*[个人斤两]))?钱?"
# The change back or what is left after sums of money, whatever words join them
# ("我递给老板20块，东西是12块6，他该找我几块", "拿100块钱，买了25块的鸡蛋和18块的菜，还剩多少"):
# the first less the others.
_CHANGE = re.compile(rf"(?P<a>{_MONEY})(?P<rest>(?:[^\d]{{0,10}}?{_MONEY})+)[^\d]{{0,8}}?"
                     r"(?:找(?:回|零|我)?|还剩下?|剩下?)(?:多少|几)")
_AMOUNT = re.compile(_MONEY)
# Money handed over as notes ("给了两张五十的", "一张一百块"): the notes times their value, in 块.
_NOTES = re.compile(r"(?<![\d.])(?P<n>\d+)\s*张\s*(?P<v>\d+(?:\.\d+)?)\s*(?:块|元)?钱?(?:的)?"
                    r"(?:钱|票子|纸币)?"
                    r"(?![\d.]|\s*(?:块|元)?钱?的?[\u4e00-\u9fff]{0,3}(?:票|邮票|卡|纸))")
# An amount said as handed over to the seller ("给了100块", "递过去50块钱", "拿了20块"), not spent.
_HANDED_OVER = re.compile(rf"(?:给了?|递了?|递给[\u4e00-\u9fff]{{0,3}}?|拿了?|掏了?|交了?|付了?)"
                          rf"(?:他|她|老板|人家)?\s*(?P<x>{_MONEY})")
# A quantity, then the price of one unit ("买了3.2斤肉，26块每斤").
_QTY_THEN_PRICE = re.compile(
    rf"(?P<q>\d+(?:\.\d+)?)\s*(?P<u>{_UNIT})[\u4e00-\u9fff]{{0,4}}?\s*[，,]?\s*(?P<p>{_MONEY})\s*每\s*(?P=u)"
)
# Money shared among people named otherwise than 人 ("800块钱分给3个孙子，每人多少").
_SHARED = re.compile(rf"(?P<m>{_MONEY})\s*[，,]?\s*(?:平均)?分(?:给|成)\s*(?P<n>\d+)\s*个?"
                     r"[\u4e00-\u9fff]{1,3}?"
                     r"(?=\s*[，,]?\s*(?:每|1)\s*个?(?:人|家))")
_EN_CHANGE = re.compile(r"\bpaid\s+\$?(?P<a>\d+(?:\.\d+)?)\b.{0,30}?\b(?:cost|costs|was|came to|comes to)\s+"
                        r"\$?(?P<b>\d+(?:\.\d+)?)\b.{0,30}?\bchange\b", re.IGNORECASE)
# A price for a bundle ("5块钱3斤，我买了9斤"; "3斤5块钱，买9斤"): the price over the bundle, times
# what is bought.
_BUNDLE = re.compile(
    rf"(?:(?P<p>{_MONEY})\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<u>{_UNIT})|(?P<n2>\d+(?:\.\d+)?)\s*(?P<u2>{_UNIT})[\u4e00-\u9fff]{{0,3}}?"
    rf"(?P<p2>{_MONEY}))\s*[，,]?[\u4e00-\u9fff]{{0,5}}?(?P<q>\d+(?:\.\d+)?)\s*(?:(?P=u)|(?P=u2))"
)
# A bare price after one unit of a thing ("1袋米65，买3袋") is in 块.
_BARE_UNIT_PRICE = re.compile(
    rf"(?P<head>(?:1|每)\s*(?P<u>{_UNIT})[\u4e00-\u9fff]{{0,3}}?)(?P<p>\d+(?:\.\d+)?)(?=\s*[，,]\s*"
    rf"[\u4e00-\u9fff]{{0,3}}?\d+(?:\.\d+)?\s*(?P=u))"
)
# Simple interest on a deposit, as banks reckon a fixed term ("2000块钱存1年，年利率2%，利息有多少";
# the rate called 利息 or 年息 as it is said: "一万块存一年利息百分之二是多少"):
# the sum times the yearly rate times the years, the deposit or the rate said first.
_INTEREST = re.compile(
    r"(?P<x>\d+(?:\.\d+)?)\s*(?:块|元)?钱?\s*存(?:了)?(?:定期)?\s*(?P<n>\d+(?:\.\d+)?)\s*年[^\d]{0,8}?"
    r"(?:利率|利息|年息)(?:是|为)?\s*(?P<p>\d+(?:\.\d+)?)\s*%[^\d]{0,12}?(?=(?:多少|几))"
    r"|(?:年)?(?:利率|利息|年息)(?:是|为)?\s*(?P<p2>\d+(?:\.\d+)?)\s*%[^\d]{0,8}?(?P<x2>\d+(?:\.\d+)?)\s*(?:块|元)?钱?\s*"
    r"存(?:了)?(?:定期)?\s*(?P<n2>\d+(?:\.\d+)?)\s*年[^\d]{0,12}?(?=(?:多少|几))"
)
# The rate's word misheard or left out before a rate that 利息 follows ("存1年，年历历2%，利息有多少").
_RATE_HEARD = re.compile(r"(存(?:了)?(?:定期)?\s*\d+(?:\.\d+)?\s*年\s*[，,]?\s*)[\u4e00-\u9fff]{0,4}?"
                         r"(?=\s*\d+(?:\.\d+)?\s*%[^\d]{0,4}利息)")
# "存2万块钱，1年" said as "2万块钱存1年", the order _INTEREST reads.
_DEPOSIT_FIRST = re.compile(r"存(?:了)?(?P<x>\d+(?:\.\d+)?\s*(?:块|元)?钱?)\s*[，,]?\s*(?:存)?"
                            r"(?P<n>\d+(?:\.\d+)?\s*年)")
# A price in 毛 alone ("8毛每斤", "两毛5"): 0.8块, so that the price-per-unit wordings take it.
_JIAO = re.compile(r"(?<![\d.块元])(?P<j>\d|两)\s*[毛角](?P<f>\d)?(?![\d分])")
# A daily dose ("1次半片，1天两次") and what is asked of it: how long a box lasts ("1盒24片能吃几天")
# or how much a course takes ("1个月要吃多少片"). Numerals are digits by now, but for 两 and 半.
_N = r"(?:\d+(?:\.\d+)?|两|半)"
_DOSE_UNIT = r"片|粒|颗|丸|袋|包|支|滴|毫升|勺|格|针"
_PER_TIME = re.compile(rf"(?:1|每)\s*(?:次|回|顿)[\u4e00-\u9fff]{{0,3}}?(?P<x>{_N})\s*(?:{_DOSE_UNIT})")
_PER_DAY = re.compile(r"(?:1|每)\s*天[\u4e00-\u9fff]{0,3}?(?P<t>\d+|两)\s*(?:次|回|顿)")
_SUPPLY = re.compile(rf"(?:1|每|这)\s*(?:盒|瓶|板|袋|包)[\u4e00-\u9fff]{{0,2}}?(?P<m>\d+)\s*(?:{_DOSE_UNIT})"
                     r"[^\d，,]{0,8}?(?:几|多少)天")
_COURSE = re.compile(r"(?:(?P<n>\d+)\s*天|(?:1|一)\s*个?(?P<p>月|星期|礼拜|周|年))"
                     r"(?:[^\d，,]|1(?=共)){0,6}?(?:多少|几)")  # "1共" is 一共
_COURSE_DAYS = {"月": 30, "星期": 7, "礼拜": 7, "周": 7, "年": 365}
# The same in English: "2 pills 3 times a day, how many is that in a week", "half a tablet twice a day
# for 30 days"
_EN_DOSE_UNIT = r"(?:pills?|tablets?|capsules?|drops?|spoonfuls?|teaspoons?|puffs?)"
_EN_DAILY = re.compile(rf"\b(?P<x>\d+(?:\.\d+)?|half an?|an?)\s+{_EN_DOSE_UNIT}\s*,?\s*(?:of it\s+)?"
                       r"(?P<t>\d+ times|twice|once|thrice)\s+(?:a|per|every)\s+day\b")
_EN_COURSE = re.compile(r"\b(?:in|for|over)\s+(?:a|1|one|(?P<n>\d+))\s+(?P<p>days?|weeks?|months?|years?)\b")
_EN_COURSE_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}
_EN_TIMES = {"once": "1", "twice": "2", "thrice": "3"}
# A change between two amounts ("养老金从2800涨到3050，涨了多少", "体重从65降到60，瘦了几斤").
_CHANGE_TO = re.compile(r"(?P<a>\d+(?:\.\d+)?)\s*(?:块|元|斤|公斤)?钱?\s*(?:(?P<up>涨|增加|提高|升|长|加)"
                        r"|(?:降|减少|减|掉|跌|少))到了?\s*(?P<b>\d+(?:\.\d+)?)\s*(?:块|元|斤|公斤)?钱?"
                        r"[^\d]{0,8}?(?=多少|几)")
# Which discount two prices make ("原价200现在卖160，这是打几折", "160块买的，原来200，几折"): the lower
# over the higher, whichever is said first.
_RATE_ASKED = re.compile(r"(?P<a>\d+(?:\.\d+)?)\s*(?:块|元)?钱?[^\d]{0,8}?"
                         r"(?P<b>\d+(?:\.\d+)?)\s*(?:块|元)?钱?[^\d]{0,8}?(?:几折|多少折)")
# The count of one before the thing a discount is asked of ("一件羽绒服原价四百八，打七五折",
# "一双鞋两百打八折"): no factor of the sum, unless the unit comes back with a count ("1件120，买3件"
# is a price per unit).
_ONE_ITEM = re.compile(rf"(?<![\d.])1\s*(?P<u>{_UNIT}|台|套|顶|把|辆|部|副)(?=[\u4e00-\u9fff])")
_DISCOUNT = re.compile(r"打\s*个?\s*\d")
# A shop's offer of so much off a bill over a sum ("满一百减二十，买了一百三十块的东西，
# 该付多少"): once, or for every full sum with 每满; nothing off a bill under it.
_FULL_OFF = re.compile(r"(?P<each>每)?满\s*(?P<t>\d+(?:\.\d+)?)\s*(?:块|元)?钱?\s*[，,]?\s*"
                       r"(?:就)?(?:立减|减|少)\s*(?P<o>\d+(?:\.\d+)?)\s*(?:块|元)?钱?")
_BILL = re.compile(r"(?<![\d.])(?P<a>\d+(?:\.\d+)?)\s*(?:块|元)")
_EDGE_WORDS = re.compile(r"^[^\d().+\-*/]+|[^\d().+\-*/]+$")


# "算一下" is "work it out", not the number one ("帮我算一下三十八乘以十二" was read as 算1下38乘以12).
_A_BIT = re.compile(r"(?<=[算看查问])一下")


def before_numerals(text: str) -> str:
    """``text`` with the weight and price-per-unit wordings cn2an misreads put plainly."""
    text = _A_BIT.sub("", text)
    text = _JIN_LIANG.sub(lambda m: f"{m.group('jin')}点{m.group('liang')}斤", text)
    text = _LIANG.sub("市两", _TWO_OF.sub("二", text))
    return _PER_ONE.sub("每", text)


def after_numerals(digits: str) -> str:
    """``digits`` (numerals already digits) with periods and English prices per unit as products."""
    dose = _dose(digits)
    if dose is not None:
        return dose
    if (offer := _full_off(digits)) is not None:
        return offer
    if (left := left_shared(digits)) is not None:
        return left
    if (many := _CHANGE_MANY.search(digits)) is not None:
        items = re.split(r"\s*(?:、|，|,|和|跟|与|加|还有)\s*", many["items"].strip())
        return f"{many['a']}-(" + "+".join(f"({item})" for item in items) + ")"
    if (lasts := _LASTS.search(digits)) is not None:
        per = 2.0 if lasts["per"] == "两" else float(lasts["per"])
        return f"{lasts['total']}/{per + 0.5 if lasts['half'] else per:g}"
    digits = one_piece_dropped(saved(_one_item_dropped(digits)))
    digits = _CHANGE_TO.sub(lambda m: f"{m['b']}-{m['a']}" if m["up"] else f"{m['a']}-{m['b']}", digits)
    digits = _JIAO.sub(lambda m: f"0.{_two(m['j'])}{m['f'] or ''}块", digits)
    digits = _RATE_HEARD.sub(r"\g<1>利率", _DEPOSIT_FIRST.sub(r"\g<x>存\g<n>", digits))
    digits = _INTEREST.sub(_interest, digits)
    digits = _BARE_PRICE.sub(r"\1块", digits)
    digits = _PERIOD_SHARE.sub(_period_share, _PER_PERIOD.sub(_period_product, digits))
    digits = _BARE_UNIT_PRICE.sub(r"\g<head>\g<p>块", digits)
    digits = _CHANGE.sub(_remainder, _NOTES.sub(_notes_total, digits))
    digits = _QTY_THEN_PRICE.sub(r"(\g<p>)*\g<q>", digits)
    digits = _SHARED.sub(r"(\g<m>)/\g<n>", digits)
    digits = _BUNDLE.sub(_bundle_product, digits)
    digits = _EN_CHANGE.sub(r"(\g<a>)-(\g<b>)", digits)
    return _EN_PER_UNIT.sub(r"(\g<p>)*\g<q>", digits)


def _full_off(digits: str) -> str | None:
    """What is paid under a 满减 offer ("130-20*1"), or None when ``digits`` names no offer and a bill."""
    offer = _FULL_OFF.search(digits)
    if offer is None or not re.search(r"多少|几", digits[offer.end():]):
        return None
    bill = _BILL.search(digits[:offer.start()] + " " * len(offer.group()) + digits[offer.end():])
    if bill is None or float(offer["t"]) <= 0:
        return None
    times = int(float(bill["a"]) // float(offer["t"]))
    return f"{bill['a']}-{offer['o']}*{min(times, 1) if offer['each'] is None else times}"


def _one_item_dropped(digits: str) -> str:
    """``digits`` without the count of one before the thing a discount is asked of."""
    one = _ONE_ITEM.search(digits)
    if one is None or not _DISCOUNT.search(digits, one.end()):
        return digits
    if re.search(rf"\d\s*{one['u']}", digits[one.end():]):
        return digits
    return digits[:one.start()] + digits[one.end():]


def discount_of(digits: str) -> tuple[str, str] | None:
    """``(price, paid)`` when ``digits`` asks which discount they make, or None."""
    found = _RATE_ASKED.search(digits)
    if found is None:
        return None
    low, high = sorted((found.group("a"), found.group("b")), key=float)
    return (high, low) if 0 < float(low) < float(high) else None


def _two(number: str) -> str:
    return {"两": "2", "半": "0.5"}.get(number, number)


def _dose(digits: str) -> str | None:
    """The dose sum in ``digits`` ("24/(0.5*2)", "0.5*2*30"), or None when it is not one."""
    per_time, per_day = _PER_TIME.search(digits), _PER_DAY.search(digits)
    if per_time is None or per_day is None:
        return _en_dose(digits)
    daily = f"{_two(per_time['x'])}*{_two(per_day['t'])}"
    if (supply := _SUPPLY.search(digits)) is not None:
        return f"{supply['m']}/({daily})"
    if (course := _COURSE.search(digits)) is not None:
        return f"{daily}*{course['n'] or _COURSE_DAYS[course['p']]}"
    return None


def _en_dose(digits: str) -> str | None:
    """An English dose sum ("2*3*7"): a daily dose and a course of days, with "how many" asked."""
    daily, course = _EN_DAILY.search(digits), _EN_COURSE.search(digits)
    if daily is None or course is None or "how many" not in digits:
        return None
    x = {"a": "1", "an": "1"}.get(daily["x"], "0.5" if daily["x"].startswith("half") else daily["x"])
    times = _EN_TIMES.get(daily["t"]) or daily["t"].split()[0]
    return f"{x}*{times}*{int(course['n'] or 1) * _EN_COURSE_DAYS[course['p'].rstrip('s')]}"


def _interest(m: re.Match[str]) -> str:
    principal, rate, years = (m.group("x"), m.group("p"), m.group("n")) if m.group("x") else \
        (m.group("x2"), m.group("p2"), m.group("n2"))
    return f"{principal}*{rate}/100*{years}"


def _remainder(m: re.Match[str]) -> str:
    """The money handed over less the others: the first amount, or a later one said as handed over
    ("花了37块5，给了100块，找我多少")."""
    amounts = [m.group("a"), *(amount.group() for amount in _AMOUNT.finditer(m.group("rest")))]
    handed = [found.group("x") for found in _HANDED_OVER.finditer(m.group("rest"))]
    later = len(handed) == 1 and handed[0] in amounts[1:] and not _HANDED_OVER.search(m.string[:m.end("a")])
    whole = handed[0] if later else amounts[0]
    amounts.remove(whole)
    return f"({whole})" + "".join(f"-({amount})" for amount in amounts)


def _notes_total(m: re.Match[str]) -> str:
    total = int(m.group("n")) * float(m.group("v"))
    return f"{total:g}块"


def _bundle_product(m: re.Match[str]) -> str:
    price, count = (m.group("p"), m.group("n")) if m.group("p") else (m.group("p2"), m.group("n2"))
    return f"({price})/{count}*{m.group('q')}"


def _times(shorter: str, longer: str) -> int | None:
    """How many of the ``shorter`` period a ``longer`` one holds (星期 and 礼拜 said as 周), or None."""
    def week(word: str) -> str:
        return word.replace("星期", "周").replace("礼拜", "周")

    return _PERIODS.get((week(shorter), longer)) or _PERIODS.get((shorter, week(longer)))


def _period_product(m: re.Match[str]) -> str:
    times = _times(m.group("a"), m.group("b"))
    if times is None:
        return m.group()
    return f"{m.group('x')}{m.group('m') or ''}*{times}"


def _period_share(m: re.Match[str]) -> str:
    times = _times(m.group("a"), m.group("b") or m.group("b2"))
    if times is None:
        return m.group()
    return f"({m.group('x') or m.group('x2')})/{times}"


def arithmetic_core(expr: str, allowed: re.Pattern[str]) -> str:
    """``expr`` without the words before and after its arithmetic ("白菜(1.2)*3.5" → "(1.2)*3.5"),
    when what is left is plain arithmetic; else ``expr`` unchanged."""
    core = _EDGE_WORDS.sub("", expr)
    return core if core and allowed.match(core) else expr
