"""Misheard words that look like words: "大含" for 大寒, "马酱" for 麻将, "一包卡" for 医保卡.

Whisper writes a word with other characters of the same sounds. When those characters are common ones,
or make words of their own ("一包|卡", "知府|包"), no rule on characters left alone
(:func:`homophones.garbled_pairs`) sees them, and the small LLM answers about them as if they were real
things: "八贯一般一周做一次", "马酱要四个人一起打". A span of the question is a *sound-alike* when

* it starts where jieba's segmentation starts a word and ends where one ends, or inside a word of two
  characters when the word it sounds like fits the sentence there ("狗|起泡|水" is "枸杞|泡水"; but not
  "去|医院" as 曲艺|院), and holds a character that segmentation left alone,
* it is no word (jieba's dictionary, the domain list, the 节气) and half its characters or more are
  common ones (``homophones.RARE_CHAR_COUNT``: Whisper mishears into common characters; "瑞舒伐他汀"),
* it is not a name: two or three characters that start with a common surname or follow one ("马强",
  "黄丽", "王|月菊": they sound like 麻将, 黄历, 越剧), a nickname ("小宇", "老钟", "阿强"), a doubled
  character ("朵朵"); and two characters hold no function word, numeral ("七床" is a count), question
  word or verb ending ("记着"), and
* it sounds exactly like (toneless pinyin) a word an older user says (the domain list and the 节气;
  three characters or more also after the sound pairs speakers merge, :func:`homophones.blur`; a word
  and a function word never: "酱鸭|要" is no 降压药, though "将|押|要" is), or,
  for three characters or more that all stand alone and are no function word or numeral, like a word
  of jieba's dictionary it has at least ``MIN_WORD_COUNT`` times. (Two characters alone sound like some
  dictionary word far too often: "上气" like 上期, "记着" like 记者.)

An answer that repeats a sound-alike is replaced by an ask-back (``HonestyGuard(garbled=...)``), as one
that repeats a run of stray characters is. Nothing is corrected here.
"""

from __future__ import annotations

import re
from functools import cache

from assistant.pipeline import homophones

MIN_WORD_COUNT = 10
MAX_CHARS = 5
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_NICKNAME = frozenset("小老阿")
# Characters standing alone that are words of a sound sentence: a name follows them ("叫李冬"), they
# ask ("谁能吃"), or they finish a verb ("记着", "吃过", "笑得").
_NOT_IN_WORDS = frozenset("叫给跟和找问让喊请同帮谁哪啥咋着过得地")


@cache
def _said_by_sound() -> tuple[dict[tuple[str, ...], str], dict[tuple[str, ...], str]]:
    """The words an older user says (domain list and 节气) by toneless pinyin, and by merged sounds."""
    from pypinyin import lazy_pinyin

    exact: dict[tuple[str, ...], str] = {}
    for word in sorted(homophones.lexicon().said):
        exact.setdefault(tuple(lazy_pinyin(word)), word)
    merged = {tuple(homophones.blur(s) for s in sound): word for sound, word in exact.items()}
    return exact, merged


@cache
def _by_reading() -> dict[str, frozenset[str]]:
    """Toneless reading (the usual one) -> the characters jieba's dictionary has as words with it."""
    from pypinyin import lazy_pinyin

    table: dict[str, set[str]] = {}
    for word, count in _counts().items():
        if len(word) == 1 and count > 0 and _HAN.fullmatch(word):
            table.setdefault(lazy_pinyin(word)[0], set()).add(word)
    return {reading: frozenset(chars) for reading, chars in table.items()}


@cache
def _counts() -> dict[str, int]:
    """jieba's dictionary: word -> how often its corpus has it, and every prefix of a word (0)."""
    import jieba

    homophones.lexicon()  # the domain words are added to it first
    return jieba.dt.FREQ  # type: ignore[no-any-return]


def warm() -> None:
    """Build the sound tables now (about 0.3 s) rather than during the first turn."""
    _said_by_sound()
    _by_reading()


def sound_alikes(text: str) -> frozenset[str]:
    """The spans of ``text`` that are no word and sound exactly like one (see the module's doc)."""
    if not _HAN.search(text):
        return frozenset()
    tokens = homophones.tokens_at(text)
    found: set[str] = set()
    for i, (_, start) in enumerate(tokens):
        ends = [(at + len(token), j) for j, (token, at) in enumerate(tokens[i:], i)
                if at + len(token) - start <= MAX_CHARS]
        for end, j in reversed(ends):
            if _word_like(text[start:end], tokens[i - 1][0] if i else "", [t for t, _ in tokens[i : j + 1]]):
                found.add(text[start:end])
                break
        else:
            found.update(_cut_short(text, tokens[i - 1][0] if i else "", tokens[i:]))
    return frozenset(found)


def _cut_short(text: str, previous: str, tokens: list[tuple[str, int]]) -> set[str]:
    """A span from ``start`` that ends inside a word of two characters, when the word it sounds like fits
    the sentence whole and the rest of the word cut makes a word with what follows or is a function word:
    "狗|起泡|水" is "枸杞|泡水", "劳|连|正在" is "老年证|在"."""
    start = tokens[0][1]
    for j, (token, at) in enumerate(tokens[1:], 1):
        span = text[start : at + 1]
        if len(span) > MAX_CHARS:
            break
        if len(token) != 2:
            continue
        word = _word_like(span, previous, [t for t, _ in tokens[:j]] + [token[0]])
        if word is None:
            continue
        fitted = homophones.tokens_at(text[:start] + word + text[at + 1 :])
        rest = next((t for t, pos in fitted if pos <= at + 1 < pos + len(t)), "")
        if (word, start) in fitted and (len(rest) > 1 or homophones.stands_alone(rest)):
            return {span}
    return set()


def _word_like(span: str, previous: str, tokens: list[str]) -> str | None:
    """The word that ``span`` (made of ``tokens``, after the token ``previous``) sounds like when it is a
    sound-alike (see the module's doc), or None."""
    lexicon = homophones.lexicon()
    if len(span) < 2 or not _HAN.fullmatch(span) or span in lexicon.words or span in lexicon.said:
        return None
    if 2 * sum(ch not in lexicon.common_chars for ch in span) > len(span) or all(len(t) > 1 for t in tokens):
        return None
    if len(span) <= 3 and (span[0] in homophones.SURNAMES or previous in homophones.SURNAMES):
        return None  # a name: "马强", "黄丽", "王|月菊" (麻将, 黄历, 越剧)
    alone = any(t in _NOT_IN_WORDS or homophones.stands_alone(t) for t in tokens)
    worded = any(len(t) > 1 for t in tokens)
    if len(span) == 2:  # a nickname or a doubled character is a name: "小宇", "老钟", "朵朵"
        named = span[0] in _NICKNAME or span[0] == span[1]
        return None if named or alone else _said_word(span)
    if alone and worded:
        return None  # a word and a function word: "酱鸭|要" is not 降压药 ("将|押|要" is)
    said = _said_word(span)
    return said if said is not None or alone or worded else _dictionary_word(span)


def _said_word(span: str) -> str | None:
    """The word an older user says that ``span`` sounds exactly like (merged sounds too, for three
    characters or more), or None."""
    from pypinyin import lazy_pinyin

    exact, merged = _said_by_sound()
    sound = tuple(lazy_pinyin(span))
    if sound in exact or len(span) < homophones.BLUR_MIN_CHARS:
        return exact.get(sound)
    return merged.get(tuple(homophones.blur(s) for s in sound))


def _dictionary_word(span: str) -> str | None:
    """A word of jieba's dictionary (``MIN_WORD_COUNT`` times or more) that ``span`` sounds exactly like,
    grown reading by reading while some word starts so, or None."""
    from pypinyin import lazy_pinyin

    counts, by_reading = _counts(), _by_reading()
    prefixes = {""}
    for reading in lazy_pinyin(span):
        prefixes = {prefix + other for prefix in prefixes for other in by_reading.get(reading, ())
                    if prefix + other in counts}
    return next((word for word in sorted(prefixes) if word != span and counts[word] >= MIN_WORD_COUNT), None)
