"""Questions about a thing that is no word: "西南瓜是什么东西？", "阿莫西瓜是什么药？". The 1.5B model
defines whatever it is asked about ("西南瓜是瓜类的一种，原产于中国西南地区"), whatever its prompt says,
so such a question is answered here, in code: it has not heard of that thing, and asks what she means,
offering the real word it is nearest to.

The thing is the noun the question asks about ("X是什么(东西)/是啥/是干什么的", "你知道X吗",
"X怎么做/能吃吗/有什么营养"). It is made up when it is no word of jieba's dictionary nor of the domain
list (:mod:`.homophones`) and has a shape of a real word gone wrong:
- a broken word: the beginning of a word that is nothing alone, with a wrong last character that makes
  no word with the one before it ("胡萝|豆" for 胡萝卜, "电冰|锅" for 电冰箱; not "菌群|失衡");
- a blend: a word of the domain list broken and run into a common word on a shared character
  ("阿莫西[林]|西瓜"), or a word of the list with a common noun of the same beginning crossed in
  ("血压|血糖");
- a direction before a common word ("西|南瓜", "东|萝卜").
A name, a word with Latin letters or digits, a thing of two characters (too often a name or a dialect
word) and a real compound missing from the dictionary of another shape ("螺蛳粉", "暖宝宝", "黄金瓜") go
to the LLM. Pure logic.
"""

from __future__ import annotations

import re
from functools import cache

from assistant.pipeline import homophones

COMMON_COUNT = 100  # a word at least this often in jieba's corpus is an everyday one
KNOWN_COUNT = 20  # and one this often a word she may have meant
_LEAD = r"(?:请问一下|请问|问一下|问问|你知道|您知道|你晓得|你听说过|听说过)?"
_ASKED = re.compile(
    r"^" + _LEAD + r"(?P<thing>[\u4e00-\u9fff]{3,5}?)"
    r"(?:是什么东西|是啥东西|是什么玩意儿?|是个?什么|是个?啥|是干什么用?的|是干嘛用?的|是做什么用?的"
    r"|怎么做|怎么吃|能吃吗|能不能吃|能天天吃|有什么营养|有什么好处|是哪里产的|哪里有卖|在哪里买)"
    r"[^，,。]{0,8}[？?。！!]?$")
_KNOW = re.compile(r"^(?:你知道|您知道|你听说过|您听说过)(?P<thing>[\u4e00-\u9fff]{3,5})吗[？?。]?$")
_DIRECTIONS = "东西南北"
_NICKNAME = "小老阿大"  # 小红书, 老头乐, 小区门: names, brands and places begin so


def _freq() -> dict[str, int]:
    """jieba's table: word -> its count, 0 for the beginning of a longer word (domain words added)."""
    homophones.lexicon()
    import jieba

    return jieba.dt.FREQ  # type: ignore[no-any-return]


def _count(word: str) -> int:
    return int(_freq().get(word, 0))


def _is_word(word: str) -> bool:
    return word in homophones.lexicon().words


def _is_fragment(start: str) -> bool:
    """``start`` begins a word of jieba's table and is nothing alone ("胡萝", "阿莫西")."""
    return start in _freq() and _freq()[start] == 0 and not _is_word(start)


@cache
def _words_by_start() -> dict[str, tuple[str, ...]]:
    """Words (3 to 5 characters) by all their characters but the last ("胡萝" -> 胡萝卜), most common
    first."""
    table: dict[str, list[str]] = {}
    for word, count in _freq().items():
        if 3 <= len(word) <= 5 and count > 0:
            table.setdefault(word[:-1], []).append(word)
    return {start: tuple(sorted(words, key=_count, reverse=True)) for start, words in table.items()}


def _nouns(*words: str) -> bool:
    """Every one of ``words`` is a common noun of jieba's table (not a place, a name or a verb)."""
    import jieba.posseg

    _freq()
    return all(jieba.posseg.dt.word_tag_tab.get(word) == "n" for word in words)


def _two_words(thing: str) -> bool:
    """``thing`` is two common words side by side ("东北|大米"): a compound, not a word gone wrong."""
    return any(_count(thing[:cut]) >= COMMON_COUNT and _count(thing[cut:]) >= COMMON_COUNT
               for cut in range(2, len(thing) - 1))


def _shapes(thing: str) -> list[str]:
    """The real words ``thing`` is a broken form or a blend of."""
    found: list[str] = []
    said = homophones.lexicon().said  # the domain list: words she is likely to say
    if _is_fragment(thing[:-1]) and not _is_word(thing[-2:]):  # a broken word: its beginning, a wrong
        found += [w for w in _words_by_start().get(thing[:-1], ())  # end (of a word she knows, for two
                  if len(w) > 3 or _count(w) >= KNOWN_COUNT]  # characters: "达美|乐" is a brand)
    for cut in range(2, len(thing) - 1):  # a blend: a word of the list broken, run into a word on a
        left, right = thing[: cut + 1], thing[cut:]  # shared character ("阿莫西[林]|西瓜"; not 唐山|地震)
        if _is_fragment(left) and _count(right) >= COMMON_COUNT and (
                meant := [w for w in _words_by_start().get(left, ()) if w in said]):
            found += [*meant, right]
    if len(thing) == 3 and thing[0] in _DIRECTIONS and _count(thing[1:]) >= COMMON_COUNT:
        found.append(thing[1:])  # a direction before a word of daily life ("西|南瓜", "东|萝卜")
    crossed = thing[0] + thing[2]  # a word of the list with a common noun of its beginning crossed in
    if (len(thing) == 3 and crossed in said and _count(thing[:2]) >= COMMON_COUNT  # ("血压|血糖"; not
            and _nouns(thing[:2], crossed) and not _is_word(thing[1:])):  # 女儿|女家, 北京人, 黄|金瓜)
        found += [crossed, thing[:2]]
    return found


def near_words(thing: str) -> list[str]:
    """The real words ``thing`` is a broken form or a blend of, and those one character less makes of it
    ("西南瓜": 南瓜, 西瓜); [] when it is a word, a name-like or two-word compound, or of no such shape."""
    if (_is_word(thing) or len(thing) < 3 or (len(thing) == 3 and thing[0] in _NICKNAME) or _two_words(thing)
            or not (found := _shapes(thing))):
        return []
    less = (thing[:i] + thing[i + 1:] for i in range(len(thing)))
    return list(dict.fromkeys(found + [w for w in less if _count(w) >= COMMON_COUNT]))


def thing_asked(text: str) -> str | None:
    """The noun ``text`` asks about ("西南瓜" in "请问西南瓜是什么东西？"), or None."""
    text = text.strip()
    found = _KNOW.match(text) or _ASKED.match(text)
    return found["thing"] if found else None


def honest_reply(text: str, language: str) -> tuple[str, str] | None:
    """``(thing, reply)`` for a question about a made-up thing: it has not heard of it and asks what she
    means; None for any other question (English included: no dictionary to tell)."""
    if language != "zh" or (thing := thing_asked(text)) is None:
        return None
    near = near_words(thing)
    if not near:
        return None
    offered = f"{near[0]}吗" if len(near) == 1 else f"{near[0]}还是{near[1]}"
    return thing, f"“{thing}”我没听说过，不知道是什么。您说的是{offered}？还是别的东西？"


def warm() -> None:
    """Build the table of words by their beginnings now (about 1 s) rather than in the first turn."""
    _words_by_start()
    _nouns("你好")
