"""The words of a sum as Whisper writes them when they are said, put back as meant (pure logic).

Whisper (base) often writes a spoken operation in characters of the same sound: "十二成以十二" (乘以),
"一百出以四" or "一百重以四" (除以), "一百剪去三十七" (减去), "三十八家上二十五" (加上); 等于 as "等一",
"登于", "等鱼" before 多少 or 几; 百分之 as "白分之"; and a discount with its 折 heard as another word or lost
("350块打8就是多少", "打八这是多少", "两百块打八者多少钱"). Each is read as meant only where a sum is
plainly asked: between two numbers, before 多少 or 几, after an amount. Used by the calculator before its
numerals become digits and by the hearing check (:mod:`assistant.pipeline.hearing`), so that a sum heard
this way is answered, not asked back.
"""

from __future__ import annotations

import re
from functools import cache

_NUM = "0-9零〇一二两三四五六七八九十百千万"
# Operation -> the sounds of its first character and of its second ("乘以", "乘上", "减去", "减掉").
_OPERATIONS = {"乘": ("cheng", "以上"), "除": ("chu chong", "以"), "减": ("jian", "去掉"),
               "加": ("jia", "上")}
_SECOND = {"以": "yi", "上": "shang", "去": "qu", "掉": "diao"}
# Two characters between two numbers, where the operation stands ("成以", "剪去").
_BETWEEN = re.compile(rf"(?<=[{_NUM}])\s*([\u4e00-\u9fff])([\u4e00-\u9fff])(?=\s*[{_NUM}])")
# 等于 heard as two other characters, after a number and before the question ("等一多少", "登于几").
_EQUALS = re.compile(rf"(?<=[{_NUM}])\s*([\u4e00-\u9fff])([\u4e00-\u9fff])(?=\s*(?:多少|几))")
_PERCENT = re.compile(r"([\u4e00-\u9fff])(?=分之)")
# A discount after an amount, its 折 heard as a word of the sound zhe or as 就, or not heard, when the
# price is asked at once: "打8就是多少", "打八这是多少", "打八者多少钱", "打九五是多少".
_DISCOUNT = re.compile(rf"(?<=[{_NUM}块元钱])\s*打\s*(?P<rate>[一二三四五六七八九\d]{{1,2}}|\d\.\d)\s*"
                       r"(?:[这者着哲浙遮则]|就(?=是))?(?=\s*(?:就?是|等于)?\s*多少)")
_ASKED = re.compile(r"多少|几|等于")


@cache
def _sounds(char: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    return frozenset(pinyin(char, style=Style.NORMAL, heteronym=True)[0])


def _operation(first: str, second: str) -> str | None:
    """The operation that ``first`` and ``second`` sound like ("成以" -> "乘以"), or None."""
    if first in _OPERATIONS or second in "一二三四五六七八九十":
        return None
    for operation, (sounds, seconds) in _OPERATIONS.items():
        if _sounds(first) & set(sounds.split()):
            meant = [s for s in seconds if _SECOND[s] in _sounds(second)]
            if meant:
                return operation + meant[0]
    return None


def _between(m: re.Match[str]) -> str:
    return _operation(m.group(1), m.group(2)) or m.group()


def _equals(m: re.Match[str]) -> str:
    first, second = m.group(1), m.group(2)
    if "deng" in _sounds(first) and _sounds(second) & {"yu", "yi"}:
        return "等于"
    return m.group()


def _percent(m: re.Match[str]) -> str:
    return "百" if "bai" in _sounds(m.group(1)) else m.group(1)


def as_meant(text: str) -> str:
    """``text`` with the sum words heard in other characters written as meant, when a sum is asked."""
    if not _ASKED.search(text):
        return text
    text = _BETWEEN.sub(_between, text)
    text = _EQUALS.sub(_equals, text)
    text = _PERCENT.sub(_percent, text)
    return _DISCOUNT.sub(lambda m: f"打{m.group('rate')}折", text)
