"""A reading she took at home and tells ("我血压一百六十五，九十八，要紧吗", "血糖空腹八点二",
"体温三十八度五", "my blood pressure is 170 over 100"): the reading said back, whether it is in the
usual range, what to do. Pure logic.

Asked such a number, the shipped 1.5B model invents verdicts ("这是正常的"), so the answer is kept in
code. The ranges are the widely published adult reference ranges:
- blood pressure: Chinese hypertension guideline 2018 (中国高血压防治指南) and WHO: <140/90 usual,
  >=140/90 high, >=180/110 very high; below 90 systolic low;
- blood glucose (mmol/L; mg/dL over 35 is divided by 18): WHO / Chinese diabetes guideline 2020: fasting
  3.9-6.1, two hours after a meal below 7.8; below 3.9 low, 16.7 or more very high;
- body temperature: 37.3 °C or more a fever, 39 or more a high fever; below 35 too cold;
- resting pulse 60-100 a minute; blood oxygen (SpO2) 95 % or more, below 90 very low.
A danger (a low or very high blood sugar, SpO2 below 90, a very high reading with signs such as a
headache, chest pain, blurred sight, numbness, confusion or trouble breathing) is answered with "call
120, tell the family". Such words are mostly caught first by :func:`assistant.care.emergency.detect_emergency`
(which alerts the family); one it misses ("血糖才三点一，心慌出汗") is taken by the session's emergency
turn (:func:`assistant.pipeline.emergency.emergency_plan`) from :func:`advice` here: the family is alerted
(kind "illness") and she hears this answer, then that they are being told.
Words without a number ("我血压有点高怎么办"), a reminder to measure, a room's temperature: None.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

import cn2an

from assistant.care.emergency import spoken_digits
from assistant.pipeline import readings_words as words

_ZH = re.compile(r"[\u4e00-\u9fff]")
# "提醒我量血压", "remind me to check my sugar": the reminder tool's, not a reading
_REMINDER = re.compile(r"提醒|闹钟|\bremind|\balarm\b", re.I)
# a target, a norm or a rule, not a reading: "医生说血压要控制在一百三以下", "正常血压一般在140/90以下",
# "发烧超过三十八度五要吃药吗", "what should it be at 80", "a normal resting heart rate is 60 to 100"
_NORM = re.compile(r"控制在|目标|该多少|应该是?多少|多少算|一般来说|比较理想"
                   r"|正常的?(?:血压|血糖|体温|心率|心跳|血氧)|(?:血压|血糖|体温|心率|心跳|血氧)正常(?:是|在|值|范围|一般)"
                   r"|(?:超过|高于|低于)[^，。？]{0,10}(?:要|就|的话|得)"
                   r"|should (?:it |my \w+ )?be|supposed to|target|\bnormal for|\ba normal\b"
                   r"|\bnormal (?:body|resting|blood|range|level)"
                   r"|\bif\b[^,.]{0,30}\b(?:above|over|below|under)\b",
                   re.I)
_KEYWORDS = {
    "bp": r"血压|(?<!降)高压(?![锅电线])|低压(?![锅电线])|收缩压|舒张压|blood pressure|\bpressure\b|\bbp\b",
    "glucose": r"血糖|blood sugar|sugar (?:level|reading)|\bmy sugar\b|glucose",
    "temperature": r"体温|发烧|发热|烧到|\btemperature\b|\btemp\b|\bfever\b",
    "pulse": r"心跳|脉搏|心率|heart ?rate|heartbeat|\bpulse\b",
    "oxygen": r"血氧|氧饱和|含氧量|spo2|saturation"
              r"|\boxygen\b(?! (?:tank|bottle|machine|cylinder|concentrator))",
}
_NUMBER = re.compile(r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?")
# a number followed by these counts something else: hours, pills, money, years, a time of day
_NOT_A_READING = re.compile(
    r"\s*(?:多|来|几)?(?:个?小时|分钟|分(?!之)|次|片|粒|张|块|元|毛|岁|年|月|号|日|斤|公斤|两(?![百千])|个|遍|天|周|楼"
    r"|层|万|千|步|里|米|杯|碗|口|瓶|包|盒|颗|点(?![零一二三四五六七八九\d])"
    r"|hours?\b|minutes?\b|mins?\b|times\b|pills?\b|tablets?\b|years?\b|[ap]\.?m\b|o'clock|dollars?|yuan"
    r"|spoons?\b|cups?\b|grams?\b|kg\b|pounds?\b|lbs?\b|steps\b|miles?\b)", re.I)
_COUNTED = re.compile(r"(?:\bat|\baged?|第|每)\s*$", re.I)  # "at 80", "第二", "每三"
_ROOM = re.compile(r"屋里|屋子|房间|室内|室外|外面|外头|天气|气温|空调|水温|洗澡水"
                   r"|烧水|水烧|开水|水开|锅|油温|烤箱"
                   r"|\boutside\b|\broom\b|weather|water")
_FASTING = re.compile(r"空腹|早上没吃|还没吃饭|饭前|餐前"
                      r"|\bfasting\b|before (?:breakfast|eating|a meal)", re.I)
_AFTER_MEAL = re.compile(r"餐后|饭后|吃完饭|吃过饭"
                         r"|after (?:a |my )?(?:meal|eating|breakfast|lunch|dinner)", re.I)
_DIASTOLIC = re.compile(r"(?:低压|舒张压|下面的?|低的|lower|bottom|diastolic)\D{0,3}$", re.I)
_SIGNS = re.compile(
    r"头疼|头痛|头晕|胸口|胸闷|胸痛|心口疼|看不清|眼花|模糊|发麻|手麻|脚麻|说话不清|口齿不清|嘴歪|喘不上气|喘不过气"
    r"|呼吸困难|憋气|糊涂|说胡话|迷糊|叫不醒|抽搐|晕倒|昏|呕吐"
    r"|headache|chest|blurr|can't see|vision|numb|slurr|confus|breath|faint|passed out|vomit|dizzy", re.I)
_GRAVE = re.compile(
    r"胸口|胸闷|胸痛|心口疼|看不清|模糊|发麻|手麻|脚麻|说话不清|口齿不清|嘴歪|喘不上气|喘不过气|呼吸困难|憋气"
    r"|糊涂|说胡话|叫不醒|抽搐|晕倒|昏"
    r"|chest|blurr|can't see|vision|numb|slurr|confus|breath|faint|passed out", re.I)
_NOT_SIGN = re.compile(r"(?:没有?|不|\bno\b|\bnot\b|n't)\s?\S{0,2}$", re.I)


@dataclass(frozen=True, slots=True)
class Reading:
    """One told reading: its kind ("bp", "glucose", …), its values and, for glucose, when it was taken."""

    kind: str
    first: float | None
    second: float | None = None  # the diastolic pressure
    when: str = ""  # glucose: "fasting", "after" (a meal) or "" (not said)
    per_dl: bool = False  # glucose told in mg/dL (English only)


def _value(token: str, *, lower: bool = False) -> float | None:
    """The number ``token`` says; of two told together ("一百五六": 150 or 160) the one farther from the
    usual range: the higher, or with ``lower`` (blood oxygen) the lower."""
    if re.fullmatch(r"\d+(?:\.\d+)?", token):
        return float(token)
    token = token.replace("两", "二").replace("〇", "零")
    digits = "一二三四五六七八九"
    if (about := re.fullmatch(rf"(.*?)([{digits}])([{digits}])(十?)", token)) and \
            digits.index(about[3]) == digits.index(about[2]) + 1:
        token = about[1] + about[2 if lower else 3] + about[4]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # cn2an warns on what it cannot read
        try:
            return float(cn2an.cn2an(token, "smart"))
        except (ValueError, KeyError, TypeError):
            return None


def _numbers(span: str, *, lower: bool = False) -> list[tuple[int, float]]:
    """``(position, value)`` of each number in ``span`` that is not a count of something else."""
    span = span.replace("百分之", "")
    span = re.sub(r"([\d零一二三四五六七八九十])度([一二三四五六七八九\d])(?![十百\d])",  # 三十八度五, 38度5
                  lambda m: m[1] + ("." if m[1].isdigit() else "点") + m[2], span)
    found = []
    for match in _NUMBER.finditer(span):
        if _NOT_A_READING.match(span, match.end()) or _COUNTED.search(span[: match.start()]):
            continue
        value = _value(match.group(), lower=lower)
        if value is not None:
            found.append((match.start(), value))
    return found


def _told(text: str, kind: str) -> tuple[str, list[tuple[int, float]]] | None:
    """The words of the sentence around the first word of ``kind`` (15 characters before it, 30 after)
    and the numbers told there, those after the word first (None: no such word)."""
    found = re.search(_KEYWORDS[kind], text, re.I)
    if found is None:
        return None
    before = re.split(r"[。？！?!;；]", text[:found.start()])[-1][-15:]
    window = before + found.group() + re.split(r"[。？！?!;；]", text[found.end():])[0][:30]
    word = range(len(before), len(before) + len(found.group()))
    numbers = [n for n in _numbers(window, lower=kind == "oxygen") if n[0] not in word]  # not SpO2's 2
    return window, [n for n in numbers if n[0] > word.stop - 1] or numbers


def _pressure(window: str, numbers: list[tuple[int, float]]) -> Reading | None:
    values = [(at, value) for at, value in numbers if 30 <= value <= 260]
    if not values:
        return None
    (at, top), rest = values[0], values[1:]
    if not rest:
        if _DIASTOLIC.search(window[:at]):  # "低压一百"
            return Reading("bp", None, top) if top <= 150 else None
        return Reading("bp", top) if top >= 70 else None
    bottom = rest[0][1]
    return Reading("bp", top, bottom) if 70 <= top and bottom < top and bottom <= 150 else None


def _reading(text: str, kind: str) -> Reading | None:
    told = _told(text, kind)
    if told is None or not told[1]:
        return None
    if kind == "bp":
        return _pressure(*told)
    value = told[1][0][1]
    if kind == "glucose":
        per_dl = 35 < value <= 600 and not _ZH.search(text)
        when = "fasting" if _FASTING.search(text) else "after" if _AFTER_MEAL.search(text) else ""
        return Reading(kind, value, when=when, per_dl=per_dl) if per_dl or 1.5 <= value <= 35 else None
    if kind == "temperature":
        if _ROOM.search(text):
            return None
        if 93 <= value <= 110 and not _ZH.search(text):
            value = round((value - 32) * 5 / 9, 1)  # Fahrenheit
        return Reading(kind, value) if 34 <= value <= 43 else None
    if kind == "pulse":
        return Reading(kind, value) if 25 <= value <= 250 else None
    return Reading(kind, value) if 50 <= value <= 100 else None  # oxygen


def read(text: str) -> Reading | None:
    """The reading told in ``text``, or None (no number, a reminder, a room's temperature)."""
    if not text.strip() or _REMINDER.search(text) or _NORM.search(text):
        return None
    return next((found for kind in _KEYWORDS if (found := _reading(text, kind)) is not None), None)


def _signs(text: str, pattern: re.Pattern[str]) -> bool:
    """Whether ``text`` tells of a sign in ``pattern`` that is not denied ("没有头疼")."""
    return any(not _NOT_SIGN.search(text[: m.start()]) for m in pattern.finditer(text))


def level(reading: Reading, text: str) -> str:
    """"ok", "high", "very_high", "low", "danger" or "danger_low" (a low blood sugar)."""
    value, kind = reading.first, reading.kind
    if kind == "bp":
        top, bottom = reading.first or 0, reading.second or 0
        found = ("very_high" if top >= 180 or bottom >= 110 else "high" if top >= 140 or bottom >= 90
                 else "low" if reading.first is not None and top < 90 else "ok")
    elif kind == "glucose":
        assert value is not None
        value = value / 18 if reading.per_dl else value  # mmol/L
        if value < 3.9:
            return "danger_low"
        ceiling = 7.8 if reading.when == "after" else 6.1
        found = "danger" if value >= 16.7 else "high" if value >= ceiling else "ok"
    elif kind == "temperature":
        assert value is not None
        found = ("danger" if value >= 41 else "very_high" if value >= 39 else "high" if value >= 37.3
                 else "low" if value <= 35 else "ok")
    elif kind == "pulse":
        assert value is not None
        found = ("very_high" if value > 130 else "high" if value > 100 else "very_low" if value < 40
                 else "low" if value < 60 else "ok")
    else:
        assert value is not None
        found = "danger" if value < 90 else "low" if value < 95 else "ok"
    far_out = found in ("very_high", "very_low")
    if (far_out and _signs(text, _SIGNS)) or (found != "ok" and _signs(text, _GRAVE)):
        return "danger"
    return {"very_low": "low", "very_high": "high" if kind == "pulse" else found}.get(found, found)


def _number(value: float, language: str) -> str:
    shown = f"{value:g}"
    if language == "en":
        return shown
    spoken = str(cn2an.an2cn(shown))
    return "两" + spoken[1:] if spoken.startswith("二百") else spoken


def _said(reading: Reading, language: str) -> str:
    first = _number(reading.first, language) if reading.first is not None else ""
    second = _number(reading.second, language) if reading.second is not None else ""
    en = language == "en"
    if reading.kind == "bp":
        if first and second:
            return f"blood pressure is {first} over {second}" if en else f"血压{first}、{second}"
        alone = first or second
        return f"blood pressure is {alone}" if en else f"{'高压' if first else '低压'}{alone}"
    when = {"fasting": ("fasting ", "空腹"), "after": ("after-meal ", "饭后")}.get(reading.when, ("", ""))
    return {
        "glucose": f"{when[0]}blood sugar is {first}" if en else f"{when[1]}血糖{first}",
        "temperature": f"temperature is {first} degrees" if en else f"体温{first.replace('点', '度', 1)}"
                       + ("" if "点" in first else "度"),
        "pulse": f"pulse is {first} a minute" if en else f"心跳每分钟{first}下",
        "oxygen": f"blood oxygen is {first} percent" if en else f"血氧{first}",
    }[reading.kind]


def advice(text: str, language: str, number: str = "120") -> tuple[str, str] | None:
    """``(kind, answer)`` for a reading told in ``text`` ("bp.high", "glucose.danger", …), in
    ``language``; ``number`` is the emergency number. None when no reading is told."""
    reading = read(text)
    if reading is None:
        return None
    found = level(reading, text)
    en = language == "en"
    said = _said(reading, language)
    scope = "glucose.after" if reading.kind == "glucose" and reading.when == "after" else reading.kind
    scope += ".low" if found == "low" else ".mgdl" if reading.per_dl else ""
    ranges = words.RANGE_EN if en else words.RANGE_ZH
    first = (words.FIRST_EN if en else words.FIRST_ZH)[found.removesuffix("_low")]
    told = first.format(said=said, range=ranges.get(scope, ranges[scope.rsplit(".", 1)[0]]))
    then = (words.DO_EN if en else words.DO_ZH)[f"{reading.kind}.{found}"]
    answer = f"{told} {then}" if en else told + then
    kind = f"{reading.kind}.{found.removesuffix('_low')}"
    return kind, answer.format(n=number if en else spoken_digits(number))
