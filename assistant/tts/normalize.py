"""Text normalisation for speech: numbers, units and letters written out as words.

The Mandarin voice drops everything that is not a Han character, so :func:`normalize_zh` turns
digits into Chinese readings (``2026年`` → ``二零二六年``, ``3.5`` → ``三点五``, ``120`` → ``一百二十``,
``50%`` → ``百分之五十``, ``8:30`` → ``八点三十分``, ``打120`` → ``打幺二零``), units into words
(``5kg`` → ``五公斤``) and short letter groups into Chinese letter names (``CT`` → ``西提``,
``B超`` → ``比超``). Runs of English words (``I have 2 cats``) are left alone for the English voice.
:func:`normalize_en` does the few things espeak-ng reads badly (decimals, yuan, degrees).
"""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"
_PHONE_DIGITS = "零幺二三四五六七八九"
_SMALL_UNITS = ("", "十", "百", "千")
_BIG_UNITS = ("", "万", "亿", "万亿")

# Chinese letter names, as people say them (B超 = "比超", CT = "西提").
_LETTERS = {
    "A": "诶", "B": "比", "C": "西", "D": "迪", "E": "伊", "F": "艾弗", "G": "吉", "H": "艾尺",
    "I": "艾", "J": "杰", "K": "开", "L": "艾勒", "M": "艾姆", "N": "恩", "O": "欧", "P": "批",
    "Q": "丘", "R": "阿尔", "S": "艾斯", "T": "提", "U": "优", "V": "维", "W": "达不溜",
    "X": "艾克斯", "Y": "歪", "Z": "贼",
}
_LOANWORDS = {"ok": "欧开", "okay": "欧开", "wifi": "歪法爱"}

# Measure words after which "2" reads 两.
_LIANG_BEFORE = tuple(
    "个 位 次 天 年 岁 斤 两 块 份 种 件 条 张 本 只 双 片 粒 瓶 杯 碗 顿 遍 周 层 口 家 台 辆 "
    "套 盒 包 袋 根 支 头 把 点 小时 分钟 星期 公斤 公里 千克 米 趟 步 副 颗 样 句 分".split()
)

_UNITS = [  # longest first; matched right after a number
    ("mmol/L", "毫摩尔每升"), ("mmHg", "毫米汞柱"), ("km/h", "公里每小时"), ("kcal", "千卡"),
    ("kg", "公斤"), ("km", "公里"), ("cm", "厘米"), ("mm", "毫米"), ("ml", "毫升"), ("mL", "毫升"),
    ("mg", "毫克"), ("kW", "千瓦"), ("°C", "摄氏度"), ("℃", "摄氏度"), ("°F", "华氏度"), ("°", "度"),
    ("GB", "吉字节"), ("MB", "兆字节"), ("Hz", "赫兹"), ("m²", "平方米"), ("㎡", "平方米"), ("g", "克"),
    ("m", "米"), ("L", "升"), ("h", "小时"), ("min", "分钟"), ("s", "秒"),
]
_UNIT_MAP = dict(_UNITS)
_UNIT_RE = "|".join(re.escape(u) for u, _ in sorted(_UNITS, key=lambda p: -len(p[0])))

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"  # 1,000 is one thousand
_ZH_PATTERN = re.compile(
    r"(?P<english>[A-Za-z][A-Za-z'’]*(?:[ \t]+[A-Za-z0-9][A-Za-z0-9'’]*)+)"
    r"|(?P<date>(?<!\d)\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)"
    r"|(?P<hour>(?<![\d:])\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?(?![\d:])"
    r"|(?P<year>(?<!\d)(?:1[5-9]|20)\d\d)(?=年)"
    r"|(?P<percent>-?" + _NUM + r")[%％]"
    r"|(?P<neg>(?<![\dA-Za-z])-)?(?P<amount>" + _NUM + r")(?P<unit>" + _UNIT_RE + r")(?![A-Za-z])"
    r"|(?P<range_a>" + _NUM + r")[-~～](?P<range_b>" + _NUM + r")"
    r"|(?P<bp_high>(?<!\d)\d{2,3})/(?P<bp_low>\d{2,3})\s*mmHg"
    r"|(?P<num_a>(?<![\d/])\d+)/(?P<den>\d+)(?![\d/])"
    r"|(?P<cur>[¥￥$])(?P<money>" + _NUM + r")"
    r"|(?P<sign>(?<![\dA-Za-z])-)?(?P<number>" + _NUM + r")"
    r"|(?P<word>[A-Za-z]+)"
)
_DIAL_CONTEXT = re.compile(r"(打|拨|拨打|呼叫|电话|号码|热线|手机|拨通)\s*[:：是]?\s*$")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_LEADING_TWO = ("二千", "二万", "二亿")
_SYMBOLS = {"+": "加", "=": "等于", "×": "乘", "÷": "除以", "&": "和", "~": "到", "～": "到", "@": "艾特"}


def int_zh(digits: str) -> str:
    """Read an integer the Chinese way: ``'120'`` → ``'一百二十'``, ``'10'`` → ``'十'``,
    ``'10086'`` → ``'一万零八十六'``."""
    digits = digits.lstrip("0")
    if not digits:
        return "零"
    if len(digits) > 16:
        return digits_zh(digits)
    groups = [digits[max(0, end - 4):end] for end in range(len(digits), 0, -4)][::-1]
    parts: list[str] = []
    gap = False  # a zero group or leading zeros since the last spoken group
    for index, group in enumerate(groups):
        if int(group) == 0:
            gap = bool(parts)
            continue
        if parts and (gap or group[0] == "0"):
            parts.append("零")
        parts.append(_group_zh(group) + _BIG_UNITS[len(groups) - 1 - index])
        gap = False
    out = "".join(parts)
    if out.startswith(_LEADING_TWO):
        return "两" + out[1:]
    return out[1:] if out.startswith("一十") else out


def _group_zh(group: str) -> str:
    """Read 1-4 digits with 千百十: ``'1020'`` → ``'一千零二十'``."""
    digits = str(int(group))
    out = ""
    zero = False
    for i, ch in enumerate(digits):
        if ch == "0":
            zero = True
            continue
        if zero:
            out += "零"
            zero = False
        out += _DIGITS[int(ch)] + _SMALL_UNITS[len(digits) - 1 - i]
    return out


def digits_zh(digits: str, *, phone: bool = False) -> str:
    """Read digit by digit: ``'2026'`` → ``'二零二六'``; ``phone`` reads 1 as 幺."""
    table = _PHONE_DIGITS if phone else _DIGITS
    return "".join(table[int(c)] for c in digits if c.isdigit())


def number_zh(text: str) -> str:
    """Read a number with an optional decimal part: ``'3.5'`` → ``'三点五'``."""
    whole, _, frac = text.replace(",", "").partition(".")
    out = int_zh(whole) if len(whole) <= 1 or not whole.startswith("0") else digits_zh(whole)
    return out + ("点" + digits_zh(frac) if frac else "")


def spell_zh(word: str) -> str:
    """Spell letters with their Chinese names; ``'OK'`` reads 欧开."""
    loan = _LOANWORDS.get(word.lower())
    if loan is not None:
        return loan
    return "".join(_LETTERS.get(c.upper(), "") for c in word)


def is_spellable(word: str) -> bool:
    """Short letter groups the Mandarin voice spells: one letter, all-caps up to 5, or a loanword."""
    return word.lower() in _LOANWORDS or len(word) == 1 or (word.isupper() and len(word) <= 5)


def normalize_zh(text: str) -> str:
    """Write numbers, units, symbols and short letter groups in ``text`` as Chinese words."""
    out: list[str] = []
    pos = 0
    for m in _ZH_PATTERN.finditer(text):
        out.append(text[pos:m.start()])
        out.append(_expand(m, text[:m.start()]))
        pos = m.end()
    out.append(text[pos:])
    result = "".join(out)
    return "".join(_SYMBOLS.get(c, c) for c in result)


def _expand(m: re.Match[str], before: str) -> str:
    g = m.groupdict()
    if g["english"] is not None:
        words = re.findall(r"[A-Za-z][A-Za-z'’]*", g["english"])
        if all(is_spellable(w) for w in words):
            return re.sub(r"[A-Za-z]+", lambda w: spell_zh(w.group()), _digits_in(g["english"]))
        return g["english"]
    if g["date"] is not None:
        return f"{digits_zh(g['date'])}年{int_zh(g['month'])}月{int_zh(g['day'])}日"
    if g["hour"] is not None:
        return _time_zh(g["hour"], g["minute"], g["second"])
    if g["year"] is not None:
        return digits_zh(g["year"])
    if g["percent"] is not None:
        value = g["percent"]
        return ("负" if value.startswith("-") else "") + "百分之" + number_zh(value.lstrip("-"))
    if g["amount"] is not None:
        unit = _UNIT_MAP[g["unit"]]
        prefix = ("零下" if unit in ("摄氏度", "度", "华氏度") else "负") if g["neg"] else ""
        return prefix + _count_zh(g["amount"], unit) + unit
    if g["range_a"] is not None:
        a, b = g["range_a"], g["range_b"]
        if max(len(a), len(b)) >= 5 or a.startswith("0"):  # a phone number like 010-12345678
            return digits_zh(a, phone=True) + "，" + digits_zh(b, phone=True)
        return number_zh(a) + "到" + number_zh(b)
    if g["bp_high"] is not None:  # blood pressure 130/80mmHg: "一百三十，八十毫米汞柱"
        return int_zh(g["bp_high"]) + "，" + int_zh(g["bp_low"]) + "毫米汞柱"
    if g["num_a"] is not None:
        return int_zh(g["den"]) + "分之" + int_zh(g["num_a"])
    if g["cur"] is not None:
        return number_zh(g["money"]) + ("美元" if g["cur"] == "$" else "元")
    if g["number"] is not None:
        return ("负" if g["sign"] else "") + _plain_number(g["number"], before, m.string[m.end():])
    return spell_zh(g["word"]) if is_spellable(g["word"]) else g["word"]


def _digits_in(text: str) -> str:
    return re.sub(r"\d+", lambda d: number_zh(d.group()), text)


def _plain_number(value: str, before: str, after: str) -> str:
    whole = value.partition(".")[0]
    if "." not in value and "," not in value and (
            _DIAL_CONTEXT.search(before) or len(whole) >= 7 or (len(whole) > 1 and whole.startswith("0"))):
        return digits_zh(whole, phone=True)
    return _count_zh(value, after, ordinal=before.endswith("第"))


def _count_zh(value: str, after: str, *, ordinal: bool = False) -> str:
    """A number before ``after``: 2 reads 两 before a measure word (but 第二)."""
    if value == "2" and not ordinal and after.startswith(_LIANG_BEFORE):
        return "两"
    return number_zh(value)


def _time_zh(hour: str, minute: str, second: str | None) -> str:
    h, mi = int(hour), int(minute)
    if h > 24 or mi > 59:
        return f"{int_zh(hour)}比{int_zh(minute)}"  # a score or a ratio, not a time
    out = ("两" if h == 2 else int_zh(hour)) + "点"
    if mi:
        out += ("零" if mi < 10 else "") + int_zh(minute) + "分"
    if second is not None and int(second):
        out += int_zh(second) + "秒"
    return out


_EN_DECIMAL = re.compile(r"(?<![\d.])(\d+)\.(\d+)(?![\d.])")
_EN_MONEY = re.compile(r"[¥￥]\s*(\d+(?:\.\d+)?)")
_EN_FULLWIDTH = str.maketrans({"，": ", ", "。": ". ", "！": "! ", "？": "? ", "；": "; ", "：": ": ",
                               "（": " (", "）": ") ", "“": '"', "”": '"', "‘": "'", "’": "'", "、": ", "})


_EN_TITLES = re.compile(r"\b(Mr|Mrs|Ms|Dr|Prof)\.", re.IGNORECASE)
_TITLE_WORDS = {"mr": "Mister", "mrs": "Missus", "ms": "Miz", "dr": "Doctor", "prof": "Professor"}


def normalize_en(text: str) -> str:
    """Fix what espeak-ng reads badly: ``3.5`` → ``3 point 5``, ``¥5`` → ``5 yuan``,
    ``37°C`` → ``37 degrees Celsius``."""
    text = _THOUSANDS.sub("", text.translate(_EN_FULLWIDTH))
    text = _EN_TITLES.sub(lambda m: _TITLE_WORDS[m.group(1).lower()], text)
    text = _EN_MONEY.sub(lambda m: f"{m.group(1)} yuan", text)
    text = text.replace("°C", " degrees Celsius").replace("℃", " degrees Celsius")
    text = text.replace("°F", " degrees Fahrenheit").replace("°", " degrees")
    text = _EN_DECIMAL.sub(lambda m: f"{m.group(1)} point {' '.join(m.group(2))}", text)
    return re.sub(r"[ \t]+", " ", text).strip()
