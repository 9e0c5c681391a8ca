"""Transcript repair against the user's own words: a cheap pinyin-level fix of homophone errors.

Whisper often hears a rare word as common characters that sound the same: 硝苯地平 → 小本地平,
裕华区 → 鱼华区, 儿媳妇 → 而媳妇, 二甲双胍 → 二甲双胶. When a span of the transcript sounds like
one of the user's words (:mod:`assistant.asr.vocabulary`), it is replaced by that word:

- two-character words only when every syllable sounds the same (with the usual fuzzy pairs of
  southern and northern speakers: z/zh, c/ch, s/sh, n/l, f/h, -n/-ng);
- three-character words when at most one syllable differs, and that one keeps its initial or its
  final (降压药 for 家压药, not 石家庄 for 回家装);
- longer words when at most one syllable differs at all.

With ``strict`` (for words where a false reading is costly), a word of three or more characters may
differ in one syllable only where that syllable is *near*: the same final after an aspirated initial
or its plain partner (扒不起来 for 爬不起来), or the same initial with a near final (偷不过去 for
透不过气, 收不出话 for 说不出话). "想不起来", "拿不起来", "我想说" and "我想睡" are then not read as
站不起来, 爬不起来 or 我想死.

Tones are ignored. No word of the list, no change. Measured in ``assistant eval words``.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from functools import lru_cache

_FUZZY_INITIALS = {"zh": "z", "ch": "c", "sh": "s", "n": "l", "f": "h", "r": "l"}
_FUZZY_FINALS = {"ang": "an", "eng": "en", "ing": "in", "iang": "ian", "uang": "uan"}
_ASPIRATED = {"p": "b", "t": "d", "k": "g", "q": "j", "c": "z"}
# Finals heard for one another (after the fuzzy pairs; "v" is ü): 气/情/去, 说/收, 会/为.
_NEAR_FINALS = ({"i", "in", "v"}, {"e", "en"}, {"a", "an"}, {"o", "ou", "uo"}, {"ei", "ui"}, {"u", "un"})
_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r",
             "z", "c", "s", "y", "w")


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


@lru_cache(maxsize=4096)
def syllable(ch: str) -> tuple[str, str]:
    """(initial, final) of one character, toneless and with the fuzzy pairs merged."""
    from pypinyin import lazy_pinyin

    return _split(lazy_pinyin(ch)[0])


@lru_cache(maxsize=4096)
def word_syllables(term: str) -> tuple[tuple[str, str], ...]:
    """The syllables of a whole word, read in context (着火 is zhao huo, not zhe huo)."""
    from pypinyin import lazy_pinyin

    readings = lazy_pinyin(term)
    if len(readings) != len(term):
        return tuple(syllable(ch) for ch in term)
    return tuple(_split(p) for p in readings)


def _split(pinyin: str) -> tuple[str, str]:
    initial = next((i for i in _INITIALS if pinyin.startswith(i)), "")
    final = pinyin[len(initial):]
    return _FUZZY_INITIALS.get(initial, initial), _FUZZY_FINALS.get(final, final)


def _final(sound: tuple[str, str]) -> str:
    return "v" if sound[1] == "u" and sound[0] in ("j", "q", "x", "y") else sound[1]


def _near(a: tuple[str, str], b: tuple[str, str]) -> bool:
    """Whether syllable ``a`` is easily heard for ``b`` (see ``strict`` in the module docstring)."""
    if a[1] == b[1]:
        return _ASPIRATED.get(a[0], a[0]) == _ASPIRATED.get(b[0], b[0])
    return a[0] == b[0] and any(_final(a) in near and _final(b) in near for near in _NEAR_FINALS)


def _sounds_like(span: str, term: str, strict: bool = False) -> bool:
    differ = [(syllable(a), b) for a, b in zip(span, word_syllables(term), strict=True) if syllable(a) != b]
    if not differ:
        return True
    if len(term) <= 2 or len(differ) > 1:
        return False
    (a, b), = differ
    if strict:
        return _near(a, b)
    return len(term) >= 4 or a[0] == b[0] or a[1] == b[1]


def repair(text: str, terms: Sequence[str], *, cuts: Set[int] | None = None, strict: bool = False) -> str:
    """``text`` with every span that sounds like one of ``terms`` (Chinese, 2+ characters) written as
    that term; longer terms first, then in the order given (the same text is always read the same
    way), and a span is changed at most once. With ``cuts`` (the positions between words, from a
    segmenter), only a span that starts and ends at a cut is changed: "我想知道" is never read as
    "我想死道". ``strict``: see the module docstring."""
    chars = list(text)
    fixed = [False] * len(chars)
    chinese = [t for t in dict.fromkeys(terms) if len(t) >= 2 and all(_is_han(c) for c in t)]
    for term in sorted(chinese, key=len, reverse=True):
        n = len(term)
        i = 0
        while i + n <= len(chars):
            span = "".join(chars[i:i + n])
            whole = cuts is None or (i in cuts and i + n in cuts)
            if span != term and whole and not any(fixed[i:i + n]) and all(_is_han(c) for c in span) \
                    and _sounds_like(span, term, strict):
                chars[i:i + n] = list(term)
                fixed[i:i + n] = [True] * n
                i += n
                continue
            if span == term:
                fixed[i:i + n] = [True] * n
            i += 1
    return "".join(chars)
