"""Weather questions as Whisper writes them when an older speaker asks them: read as meant, or asked back.

Whisper (base) writes a weather word in other characters of (about) the same sound: 冷不冷 as "了不能",
"能不冷", "路不冷"; 降温 as "将温", "叫温", "江问"; 下雨 as "下鱼"; 下雪 as "下血"; 带伞 as "带散"; 刮风 as
"挂风"; 天气 as "天器", "田七"; 几度 as "几肚". The small LLM then answers the words as heard ("对不起，我不能
出门") or makes up a forecast ("最近几天可能会叫温暖"). A sound-alike reading counts only when the sentence so
read is a weather question to the router (:func:`assistant.tools.router.route`) or asks about the air
(answered honestly by the pipeline), and then it is

* **read as meant** when the characters heard make no word (nothing else can have been said) and the
  sentence names a day or a place (今天, 这几天, 外面, 出门, 杭州): "今天外面了不能" -> "今天外面冷不冷";
* **asked back** ("您是问明天冷不冷吗？") when the characters heard are a word that may be what was said
  ("下学", "大鱼", "能不能", "田七"), when a character had to be added ("挂不挂": 刮不刮风), or when no day or
  place is named ("了不能"); a word heard is still read as meant when a day and a city are both named
  ("杭州明天能不能": nothing but the weather is asked of a city on a day).

Anything else is left as heard. A character heard as part of a word with its neighbour outside the
span ("长江温度", "肚子", "散步", "七点") is never re-read. Pure logic apart from jieba's dictionary (the word
check, loaded on first use) and pypinyin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from assistant.tools.city_names import CITIES
from assistant.tools.router import AIR, route


@dataclass(frozen=True, slots=True)
class _Word:
    meant: str  # the word as meant; a first character of "" keeps the one heard ("拿把伞", "多少度")
    first: frozenset[str]  # the sounds its first character may be heard as
    second: frozenset[str]  # and its second
    between: str = ""  # characters that may stand between the two ("下小雨", "拿把伞")
    ask: str = ""  # the question asked back: "会不会下雨"
    sure: bool = True  # False: the words heard are always a sound question of their own ("后天有鱼吗")


def _word(meant: str, first: str, second: str, between: str = "", ask: str = "", sure: bool = True) -> _Word:
    return _Word(meant, frozenset(first.split()), frozenset(second.split()), between, ask or meant, sure)


_WORDS = (
    _word("降温", "jiang jiao", "wen", ask="会不会降温"),  # "将温", "叫温暖", "江问"
    _word("升温", "sheng shen", "wen", ask="会不会升温"),  # "生温", "声温"
    _word("刮风", "gua", "feng", ask="刮不刮风"),  # "挂风", "刮疯", "挂不挂风"
    _word("下雨", "xia", "yu", "大小中暴阵", "会不会下雨"),  # "下鱼", "下不下于", "下小鱼"
    _word("下雪", "xia", "xue xie", "大小中暴", "会不会下雪"),  # "下血", "下不下谢"; "下学" is asked back
    _word("有雨", "you", "yu", "大小中暴阵", "会不会下雨", sure=False),  # "后天有鱼吗": fish at the market?
    _word("天气", "tian", "qi", ask="天气怎么样"),  # "天器", "甜气", "天七"; "田七" is asked back
    _word("气温", "qi", "wen", ask="天气冷不冷"),  # "七温"
    _word("空气", "kong", "qi", ask="空气怎么样"),  # "空汽"
    _word("晴天", "qing", "tian", ask="是不是晴天"),  # "情天"
    _word("阴天", "yin", "tian", ask="是不是阴天"),  # "音天"
    _word("雾霾", "wu", "mai", ask="有没有雾霾"),  # "五霾"
    _word("雾大", "wu", "da", ask="雾大不大"),  # "误大不大"
    _word("伞", "dai na da", "san", "把个", "要不要带伞"),  # "带散", "拿把散"
    _word("棉袄", "mian", "ao", ask="要不要穿棉袄"),  # "面袄"
    _word("秋裤", "qiu", "ku", ask="要不要穿秋裤"),  # "求裤"
    _word("度", "ji shao", "du", ask="天气多少度"),  # "几肚", "多少读"
)
# A question asked as A-not-A at the end of a clause ("冷不冷", heard "了不能", "能不冷", "路不冷"):
# (the word, the sounds each half may be heard as, what it asks once read).
_EITHER_OR = (
    ("冷", frozenset("leng neng len nen lun le lu".split()), "冷不冷"),
    ("热", frozenset("re le ruo".split()), "热不热"),
    ("大", frozenset({"da"}), "大不大"),  # "风大不打"
    ("刮", frozenset({"gua"}), "刮不刮风"),  # "挂不挂": 风 added, so only asked back
)
_TAIL = re.compile(r"(?P<a>[\u4e00-\u9fff])(?P<no>[不部步布])(?P<b>[\u4e00-\u9fff])"
                   r"(?=[啊呀呢吧啦嘛哪哇]?(?:[，。？！,.?!\s]|$))")
# 降温 or 升温 with its 温 lost: "这几天会将吗".
_LOST_WEN = re.compile(r"(?<=会)(?P<x>[\u4e00-\u9fff])(?=了?[吗嘛么]?[，。？！,.?!]?$)")
_NOT = frozenset("不没")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A question with no day or place named is asked back only when it is this short: the weather word heard
# wrong is all there is ("了不能", "要不要带散").
BARE_QUESTION_CHARS = 6
_NUMERALS = frozenset("零〇一二两三四五六七八九十百千万亿几半")
_WHEN = re.compile(r"大?后天|今天|明天|今儿个?|明儿个?|今早|明早|今晚|明晚|这两天|这几天|过两天|过几天|最近"
                   r"|这个?(?:礼拜|星期)|这周|下个?(?:礼拜|星期|周)|周末|(?:星期|礼拜|周)[一二三四五六日天]"
                   r"|早上|上午|中午|下午|晚上|夜里|半夜|现在"
                   r"|\b(?:today|tomorrow|tonight|this (?:morning|afternoon|evening|weekend|week))\b",
                   re.IGNORECASE)
_WHERE = re.compile(r"外面|外头|外边|出门|外出|\boutside\b", re.IGNORECASE)
# "reign" for rain, asked as a forecast ("Is it going to reign tomorrow?"); the queen's reign is not.
_EN_RAIN = re.compile(r"\b(?P<frame>going to|gonna|will it|is it|it's|it is) (?:reign|rein)s?\b",
                      re.IGNORECASE)
ASK_EN = "Are you asking about the weather, whether it will rain?"


@dataclass(frozen=True, slots=True)
class Reading:
    """The words read as meant (``ask`` False), or the question to ask back (``ask`` True)."""

    text: str
    ask: bool


@dataclass(frozen=True, slots=True)
class _Candidate:
    text: str  # the whole sentence with the word read as meant
    sure: bool  # the heard characters make no word: nothing else can have been said
    ask: str  # what is asked back when it is not read


def reading(text: str) -> Reading | None:
    """``text`` with a weather word heard in other characters read as meant, or the weather question to ask
    back; None: not a weather question heard wrong (the words stay as heard)."""
    found = [c for c in _candidates(text) if _asks_weather(c.text)]
    if not found:
        return None
    when, where = _WHEN.search(text), _WHERE.search(text) or _city_in(text)
    for candidate in found:
        if when and (candidate.sure or _city_in(text)):
            return Reading(_reread(candidate.text), ask=False)
    if not (when or where) and (not found[0].sure or len(_HAN.findall(text)) > BARE_QUESTION_CHARS):
        return None  # "这个菜嫩不嫩": a sound question of its own; a longer sentence says what it is about
    return Reading(_ask_back(found[0].ask, when.group() if when else "", text), ask=True)


def _reread(text: str) -> str:
    """A sentence read as meant may hold a second weather word heard wrong ("明天田七冷不能")."""
    more = [c for c in _candidates(text) if c.sure and _asks_weather(c.text)]
    return more[0].text if more else text


def _asks_weather(text: str) -> bool:
    call = route(text)
    return (call is not None and call.name == "weather") or (call is None and bool(AIR.search(text)))


def _city_in(text: str) -> bool:
    return any(city in text for city in CITIES)


def _ask_back(asked: str, when: str, text: str) -> str:
    if not re.search(r"[\u4e00-\u9fff]", text):
        return ASK_EN
    if not when and not asked.startswith(("天气", "会不会", "要不要", "空气", "有没有")):
        asked = "天气" + asked
    return f"您是问{when}{asked}吗？"


def _candidates(text: str) -> list[_Candidate]:
    found = [c for word in _WORDS for i in range(len(text) - 1) if (c := _word_at(text, i, word))]
    found += _either_or(text)
    if m := _LOST_WEN.search(text):
        for word in _WORDS[:2]:
            if _sound(m.group("x")) in word.first:
                found.append(_Candidate(text[: m.start()] + word.meant + text[m.end():], False, word.ask))
    if m := _EN_RAIN.search(text):
        found.append(_Candidate(f"{text[: m.start()]}{m.group('frame')} rain{text[m.end():]}", True, ASK_EN))
    return found


def _word_at(text: str, i: int, word: _Word) -> _Candidate | None:
    """``word`` heard at ``text[i]`` (its first character) and after, or None."""
    if _sound(text[i]) not in word.first:
        return None
    j = i + 1
    if j + 1 < len(text) and text[j] in _NOT and _sound(text[j + 1]) in word.first:
        j += 2  # asked as A-not-A: "下不下鱼", "挂不挂风"
    if j < len(text) and text[j] in word.between:
        j += 1  # "下小鱼", "拿把散"
    if j >= len(text) or _sound(text[j]) not in word.second:
        return None
    if _counted(text, i) or _counted(text, j):
        return None  # a number: "七百五打九折" is no 雾大
    first, second = word.meant[:-1], word.meant[-1]
    if (not first or text[i] == first) and text[j] == second:
        return None  # heard right
    starts, ends = _cuts(text)
    if (first and i not in starts) or (text[j] != second and j + 1 not in ends):
        return None  # part of a word with its neighbour: "今天起", "长江温度", "肚子", "散步", "七点"
    said = text[i] + text[j]
    meant = (first or text[i]) + text[i + 1 : j].replace(text[i], first or text[i]) + second
    return _Candidate(text[:i] + meant + text[j + 1 :], word.sure and not _is_word(said), word.ask)


def _counted(text: str, at: int) -> bool:
    """``text[at]`` is a numeral next to another: part of a number, never another word's sound."""
    return text[at] in _NUMERALS and text[at] != "几" and any(
        0 <= k < len(text) and text[k] in _NUMERALS for k in (at - 1, at + 1))


def _either_or(text: str) -> list[_Candidate]:
    found = []
    for m in _TAIL.finditer(text):
        a, b = m.group("a"), m.group("b")
        for meant, heard_as, asked in _EITHER_OR:
            if not (_sound(a) in heard_as and _sound(b) in heard_as) or m.group() == asked:
                continue
            sure = (a != b or _sound(a) == _sound(meant)) and asked.endswith(meant)
            found.append(_Candidate(text[: m.start()] + asked + text[m.end():], sure, asked))
    return found


@cache
def _sound(char: str) -> str:
    """The commonest reading of ``char``, tones ignored: Whisper writes a character for its usual sound
    (吃 is never heard for 气, though one rare reading of it is qi)."""
    from pypinyin import lazy_pinyin

    return lazy_pinyin(char)[0]


@cache
def _cuts(text: str) -> tuple[frozenset[int], frozenset[int]]:
    """Where jieba's dictionary segmentation of ``text`` starts a word, and where it ends one."""
    import jieba

    starts, at = set(), 0
    for token in jieba.lcut(text, HMM=False):
        starts.add(at)
        at += len(token)
    return frozenset(starts), frozenset(starts - {0} | {at})


@cache
def _is_word(chars: str) -> bool:
    """``chars`` is a word of jieba's dictionary (loaded once, about a second)."""
    import jieba

    if len(chars) < 2:
        return False
    jieba.dt.check_initialized()
    return bool(jieba.dt.FREQ.get(chars, 0) > 0)
