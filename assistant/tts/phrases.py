"""Phrase boundaries inside a sentence that has no punctuation yet, for an early first clause.

On a 2-core CPU the model writes 15-20 tokens a second, so a first sentence such as
"今天出门应该穿一件轻薄的外套和一条长裤。" or "A healthy breakfast for an old man is ..." keeps the
listener waiting 0.5-1 s longer than a short one. :func:`phrase_break` finds where such a sentence
can be cut with the least harm to its prosody: before a conjunction, a modal verb or a preposition
that starts a new phrase ("…外套 | 和一条长裤", "…an old man | is oatmeal"), or before an amount
of a curated fact ("每天应该喝 | 一千五到一千七百毫升的水"), never inside a word.

An amount is cut off only in an answer to a question that carried a curated fact (``known``,
:mod:`assistant.knowledge.facts`), and only where the answer agrees with one of the fact's amounts: a run
of numerals (with "到", "至", "多" between them) that ends in a measure word or a unit ("杯", "毫升",
"分钟"), in Chinese numerals or in digits ("60到100次" agrees with "六十到一百次"). Two characters that
agree are enough, so the first clause plays while the model writes the rest. Any other amount stays in
one clause with the words before it ("您今天走了八千多步" is a claim about her own day). The honesty guard
judges a clause cut without a mark again together with the next one. Dates, clock times, prices and
temperatures are never cut off, and a numeral that makes one word with the character before it is not
an amount ("星期一", "统一", "不一定", "这两天").
"""

from __future__ import annotations

import functools
import re

from assistant.tts.normalize import int_zh

MIN_ZH_CHARS = 6  # Chinese characters before a break
MIN_EN_WORDS = 5  # English words before a break
MIN_AMOUNT_CHARS = 4  # Chinese characters before an amount of a fact ("用凉水冲 | 十五到二十分钟")

# Words that start a phrase. Single characters that often end a word are left out (都: 首都, 是: 总是).
_ZH_STARTS = (
    "和", "跟", "以及", "或者", "还有", "比如", "例如", "因为", "所以", "但是", "不过", "然后", "如果",
    "应该", "可以", "需要", "建议", "最好", "一定", "记得", "不要", "就", "也", "再", "先",
)
_ZH_NOT_AFTER = {"和": "温平缓柔暖总共随", "就": "成造迁将", "先": "首优率事领祖原"}  # 温和, 成就, 首先
_NUMERALS = frozenset("零一二两三四五六七八九十百千万几半0123456789")
_BETWEEN = frozenset("到至多.")  # inside an amount: 三到五, 十多, 1.5
# a measure word or unit ends an amount (三杯, 五分钟, 一千毫升, 两个); none of a date, a clock time, a
# price or a temperature (年月日号点时元块钱度), which the honesty guard judges with the words before them
_UNITS = frozenset("个件双套张本盒只把份次杯碗口勺片粒颗顿餐遍步趟岁天周小分秒"
                   "克斤升毫厘公米里种条瓶包袋支位名倍成")
# a numeral after one of these is part of a word, a date or a price (星期一, 统一, 不一定, 这两天, 2点30分,
# 十五块一斤)
_NUMERAL_WORDS = frozenset("第期周初统唯万同单专不之某每逐划合归这那哪好大前后头年月日号点时元块角钱度")
_AMOUNT = re.compile(f"[{''.join(sorted(_NUMERALS))}][{''.join(sorted(_NUMERALS | _BETWEEN))}]*"
                     f"[{''.join(sorted(_UNITS))}]")
_EN_STARTS = frozenset(
    "is are was were and with for to that which because but or so should can will could would "
    "including like such if when".split())
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def phrase_break(text: str, known: str = "") -> int | None:
    """Index where a second phrase of ``text`` starts, or None if there is no good break yet.

    ``text`` may still be growing: a break is only reported before a complete start word, with
    at least :data:`MIN_ZH_CHARS` characters (Chinese) or :data:`MIN_EN_WORDS` words (English) before it,
    or before an amount that agrees with one of ``known``'s (the facts the question carried), with at
    least :data:`MIN_AMOUNT_CHARS` characters before it.
    """
    if len(_CJK.findall(text)) * 2 >= len(_WORD.findall(text)):
        return _zh_break(text, known)
    return _en_break(text)


def _zh_break(text: str, known: str) -> int | None:
    seen = 0
    for i, ch in enumerate(text):
        if known and seen >= MIN_AMOUNT_CHARS and _amount_at(text, i, known):
            return i
        if seen >= MIN_ZH_CHARS:
            for word in _ZH_STARTS:
                if text.startswith(word, i) and i + len(word) < len(text) and text[i - 1] not in \
                        _ZH_NOT_AFTER.get(word, "") and _CJK.match(text[i - 1]):
                    return i
        if _CJK.match(ch):
            seen += 1
    return None


def _amount_at(text: str, i: int, known: str) -> bool:
    """An amount of ``known`` starts at ``text[i]``, after a Chinese character of another word: what has
    arrived from ``i`` on agrees with one of its amounts (two characters of it are enough)."""
    if text[i] not in _NUMERALS or not _CJK.match(text[i - 1]) or text[i - 1] in _NUMERALS \
            or text[i - 1] in _NUMERAL_WORDS:
        return False
    said = text[i:]
    if said[0].isdigit():  # the model writes "60到100次" where the fact has "六十到一百次"
        digits = re.match(r"\d+", said).group()  # type: ignore[union-attr]
        if len(digits) == len(said):
            return False  # the number may still grow
        said = int_zh(digits) + said[len(digits):]
    return any(len(said) >= min(2, len(amount)) and amount.startswith(said[:len(amount)])
               for amount in _amounts(known))


@functools.lru_cache(maxsize=64)
def _amounts(known: str) -> tuple[str, ...]:
    """The amounts of ``known`` with the first character of their unit ("一千五到一千七百毫", "七八杯")."""
    return tuple(_AMOUNT.findall(known))


def _en_break(text: str) -> int | None:
    words = list(_WORD.finditer(text))
    for n, word in enumerate(words[:-1]):  # the last word may still be growing
        if n >= MIN_EN_WORDS and word.group().lower() in _EN_STARTS and text[word.start() - 1] == " ":
            return word.start()
    return None
