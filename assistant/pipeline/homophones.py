"""Homophone errors of speech recognition: "高血亚" was meant as "高血压".

Whisper often writes a word with the right sounds and the wrong characters. A span of the transcript
is read as a word of the domain list (``domain_words.txt``: health, food, the calendar, the phone,
the family) when

* it sounds like that word: the same pinyin, tones aside (for a polyphonic character any of its
  readings counts), or else the same after the sound pairs that southern and older speakers merge and
  Whisper confuses (n/l, zh/z, ch/c, sh/s, -ang/-an, -eng/-en, -ing/-in: "西南花" -> "西兰花"), for
  three characters or more,
* it is not itself a word (jieba's dictionary of about 350,000 words), and
* it starts and ends where jieba's segmentation (without its guesser for unknown words) cuts the
  sentence, and holds a character that segmentation left alone ("糖尿|冰" is read as "糖尿病",
  but "今天|是" never as "今天使"). A function character standing alone ("要", "是") is never part of a
  span, except as its last character when it has the word's sound and tone and the clause ends or a word
  of when a medicine is taken follows ("降压要饭前吃" -> "降压药"), and
* it does not change a count ("七床", "三步", "一服药" are never 起床, 散步, 衣服).

Only the domain list is used as the source of corrections: with the whole dictionary, "喝点" would be
"corrected" to "核电" and "微信" (missing from jieba's older dictionary) to "威信".

The word list loads once per process (about 1 s); :func:`warm` does it ahead of the first turn.
"""

from __future__ import annotations

import itertools
import logging
import re
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

log = logging.getLogger(__name__)

DOMAIN_WORDS = Path(__file__).with_name("domain_words.txt")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
# Characters that are words on their own in almost every sentence: a span with one of them is never
# a garbled word ("天是" in "今天是" is not "天使").
_FUNCTION = frozenset("的了吗呢吧啊呀哦嘛是我你他她它们这那就都也还要会能想在有不没和跟说问个么什怎几多"
                      "给让把被很太该挺别蛮甭")

# More characters that often stand alone in a sound sentence ("的人能吃什么"): not strays.
_NUMERALS = frozenset("零〇一二两三四五六七八九十百千万亿几")

_COMMON = _FUNCTION | frozenset("人吃喝去来看做用走买卖听写读睡穿拿放找等叫帮请对好大小少早晚冷热新老"
                                "高低长短快慢天年月日号点分钱块家里上下前后中外再又才只最更得地着过从到"
                                "向往比为啥咋哪谁几能可零一二两三四五六七八九十百千万亿半加减乘除嗯哦噢哎唉呃")

# A run of strays with a character rarer than this (jieba's count of it as a word of its own) is a real
# rare word ("甲钴胺", "腌笃鲜", "张子琪"), not a garble: Whisper mishears into common characters.
RARE_CHAR_COUNT = 700

# Neighbours that mark a one-character verb as a verb in use, not a stray ("涨了", "很疼", "喊我").
_VERB_AFTER = frozenset("了着过不我你他她它")
_VERB_BEFORE = frozenset("很不没别要会能想该再也都就还")

# Words missing from jieba's dictionary that are never a source of corrections (as names, "李东" and
# "小韩", they sound like 立冬 and 小寒), only not strays.
_KNOWN_WORDS = ("立春 雨水 惊蛰 春分 清明 谷雨 立夏 小满 芒种 夏至 小暑 大暑 "
                "立秋 处暑 白露 秋分 寒露 霜降 立冬 小雪 大雪 冬至 小寒 大寒").split()

# The commonest surnames, and the words after which a name is expected.
SURNAMES = frozenset("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董"
                      "袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊"
                      "秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
_NAME_SLOTS = ("给", "叫", "跟", "和", "找", "问", "告诉", "让", "是", "喊", "请", "同", "帮")

_lock = threading.Lock()


@dataclass(frozen=True, slots=True, kw_only=True)
class Correction:
    heard: str  # the span as transcribed
    word: str  # the domain word it is read as
    start: int  # where the span starts in the transcript


@dataclass(frozen=True, slots=True, kw_only=True)
class _Lexicon:
    words: frozenset[str]  # jieba's dictionary
    by_sound: dict[tuple[str, ...], str]  # toneless pinyin -> domain word
    by_blur: dict[tuple[str, ...], str]  # the same with merged sounds (:func:`blur`)
    common_chars: frozenset[str]  # characters jieba counts RARE_CHAR_COUNT times or more on their own
    said: frozenset[str]  # the domain list and the 节气 (_KNOWN_WORDS)


# Merged sounds are used for spans this long or longer: two characters are too often a name ("老钟" is
# not "闹钟", "小韩" not "小寒").
BLUR_MIN_CHARS = 3
MAX_SPAN = 5  # the longest domain word ("速效救心丸")
# Words of when a medicine is taken, which may follow a function character read as the last of a
# domain word ("降压要饭前吃": 要 for 药); a verb may not ("降压要吃": 要 is "must" there).
_WHEN_TAKEN = ("饭前", "饭后", "睡前", "空腹", "以后", "之后", "以前", "之前")
_BLUR_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("n", "l"))
_BLUR_FINALS = (("ang", "an"), ("eng", "en"), ("ing", "in"))


@cache
def blur(syllable: str) -> str:
    """``syllable`` with the sounds that speakers merge made one ("nan" -> "lan", "zhong" -> "zon")."""
    for a, b in _BLUR_INITIALS:
        if syllable.startswith(a):
            syllable = b + syllable[len(a) :]
            break
    for a, b in _BLUR_FINALS:
        if syllable.endswith(a):
            return syllable[: -len(a)] + b
    return syllable


@cache
def _readings(char: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    return frozenset(pinyin(char, style=Style.NORMAL, heteronym=True)[0])


@cache
def _lexicon() -> _Lexicon:
    import jieba
    from pypinyin import lazy_pinyin

    path = Path(jieba.__file__).with_name("dict.txt")
    counts: dict[str, int] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            word, count, *_ = line.split(" ")
            counts[word] = int(count)
    words = frozenset(counts)
    common = frozenset(w for w, c in counts.items() if len(w) == 1 and c >= RARE_CHAR_COUNT)
    by_sound: dict[tuple[str, ...], str] = {}
    for line in DOMAIN_WORDS.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        for word in line.split():
            by_sound.setdefault(tuple(lazy_pinyin(word)), word)
    for word in by_sound.values():  # jieba's dictionary is older than 微信 and 支付宝
        jieba.add_word(word)
    for word in _KNOWN_WORDS:
        jieba.add_word(word)
    by_blur: dict[tuple[str, ...], str] = {}
    for sound, word in by_sound.items():
        by_blur.setdefault(tuple(blur(s) for s in sound), word)
    domain = frozenset(by_sound.values())
    return _Lexicon(words=words | domain, by_sound=by_sound, by_blur=by_blur, common_chars=common,
                    said=domain | frozenset(_KNOWN_WORDS))


def warm() -> None:
    """Load the word lists now (blocking, about 1 s) rather than during the first turn."""
    with _lock:
        _lexicon()
        _spans("你好")
        _tagged("你好")  # jieba's part-of-speech table, for stray_characters


def lexicon() -> _Lexicon:
    """The word lists (loaded on first use)."""
    with _lock:
        return _lexicon()


def tokens_at(text: str) -> list[tuple[str, int]]:
    """jieba's segmentation of ``text`` (dictionary and domain list), with where each token starts."""
    with _lock:
        _lexicon()
        tokens = _tokens(text)
    return list(zip(tokens, itertools.accumulate(map(len, tokens[:-1]), initial=0), strict=True))


def stands_alone(char: str) -> bool:
    """A function word or a numeral: a character that is a word on its own in a sound sentence."""
    return char in _FUNCTION or char in _NUMERALS


def _spans(text: str) -> tuple[list[tuple[int, int]], set[int]]:
    """The stretches of 2-``MAX_SPAN`` characters of ``text`` that start and end where jieba's dictionary
    cuts the sentence and hold at least one Han character it left alone ("糖尿|冰" -> "糖尿冰"), longest
    first, and the positions of function characters standing alone ("降压|要": 要). A stretch that cuts
    through a known word ("今|天是") is never one."""
    bounds, singles, loose, pos = [0], set(), set(), 0
    for token in _tokens(text):
        if len(token) == 1 and _HAN.match(token):
            singles.add(pos)
            if token in _FUNCTION:
                loose.add(pos)
        pos += len(token)
        bounds.append(pos)
    spans = [(a, b) for i, a in enumerate(bounds) for b in bounds[i + 1 :]
             if 2 <= b - a <= MAX_SPAN and any(a <= s < b for s in singles) and _HAN.fullmatch(text[a:b])]
    return sorted(spans, key=lambda ab: (ab[0] - ab[1], ab[0])), loose


def stray_characters(text: str) -> int:
    """How many characters of ``text`` belong to no word: Han characters that jieba's dictionary leaves
    alone, two or more in a row, not counting common ones that are words by themselves ("的", "人"), a
    verb on its own ("涨了还是跌了", "带把伞") or an A-not-A question ("贵不贵", "堵不堵"), nor a run that
    is a real word by :func:`_real_word` ("甲钴胺", "叫张子琪").
    "今天起月集后" (for 今天几月几号) has 4; a sound sentence rarely has more than 1."""
    with _lock:
        lexicon = _lexicon()
        tagged = _tagged(text)
    plain = _plain_singles(tagged)
    count, run = 0, []
    for i, (token, _flag) in enumerate([*tagged, ("。", "x")]):
        if len(token) == 1 and _HAN.match(token):
            run.append((i, token))
            continue
        if len(run) >= 2 and not _real_word(run, tagged, lexicon):
            count += sum(1 for j, ch in run if ch not in _COMMON and j not in plain)
        run = []
    return count


def _plain_singles(tagged: list[tuple[str, str]], *, any_either_or: bool = False) -> set[int]:
    """Positions of one-character tokens that are plainly words: a verb with its aspect particle, its
    negation or auxiliary, or its pronoun object ("涨了", "不堵", "喊我"), and both halves of A-not-A
    with a verb or an adjective ("贵不贵"; with ``any_either_or`` any A, "辣不辣"). A verb among strays
    with none of these is not one: "起月集后"."""
    plain: set[int] = set()
    padded = [("", ""), *tagged, ("", "")]
    for i, (token, flag) in enumerate(tagged):
        if len(token) != 1:
            continue
        before, after = padded[i][0], padded[i + 2][0]
        if flag == "v" and (after in _VERB_AFTER or before in _VERB_BEFORE):
            plain.add(i)
        if after in ("不", "没") and padded[i + 3][0] == token and (any_either_or or flag[:1] in ("v", "a")):
            plain |= {i, i + 2}
    return plain


def garbled_pairs(text: str) -> frozenset[str]:
    """Neighbouring characters of a run of three or more that jieba's dictionary leaves alone, not common
    words by themselves ("琪狼花是什么颜色" -> 琪狼, 狼花), and the word before the run with its first
    character ("今天能力士及越集后": 能力士): an answer that repeats one repeats a garble as a fact. (Two
    alone are often a word missing from the dictionary: "泡脚"; see :func:`_real_word`, "瑞舒伐|他|汀".)"""
    with _lock:
        lexicon = _lexicon()
        tagged = _tagged(text)
    plain = _plain_singles(tagged, any_either_or=True)
    pairs: set[str] = set()
    run: list[tuple[int, str]] = []
    for i, (token, _flag) in enumerate([*tagged, ("。", "x")]):
        if len(token) == 1 and _HAN.fullmatch(token) and token not in _COMMON and i not in plain:
            run.append((i, token))
            continue
        if len(run) >= 3 and not _real_word(_widened(run, tagged), tagged, lexicon):
            pairs.update(a + b for (_, a), (_, b) in itertools.pairwise(run))
            word_before = tagged[run[0][0] - 1][0] if run[0][0] > 0 else ""
            if len(word_before) > 1 and _HAN.fullmatch(word_before):
                pairs.add(word_before + run[0][1])
        run = []
    return frozenset(pairs)


def _widened(run: list[tuple[int, str]], tagged: list[tuple[str, str]]) -> list[tuple[int, str]]:
    """``run`` with the one-character Han tokens next to it, common ones too ("瑞舒伐" -> "瑞舒伐他汀")."""
    alone = [len(token) == 1 and bool(_HAN.fullmatch(token)) for token, _ in tagged]
    start, end = run[0][0], run[-1][0] + 1
    while start > 0 and alone[start - 1]:
        start -= 1
    while end < len(tagged) and alone[end]:
        end += 1
    return [(i, tagged[i][0]) for i in range(start, end)]


def _real_word(run: list[tuple[int, str]], tagged: list[tuple[str, str]], lexicon: _Lexicon) -> bool:
    """A run of characters that jieba left alone (token positions in ``tagged``) that is a real word
    missing from its dictionary, not a garble: half or more of its uncommon characters are rare ones
    (``RARE_CHAR_COUNT``; Whisper mishears into common characters: "甲钴胺", "腌笃鲜", but not "琪狼花"),
    or it starts with a surname where a name is expected ("我孙子叫张子琪")."""
    chars = [(i, ch) for i, ch in run if ch not in _COMMON]
    if not chars:
        return False
    rare = sum(1 for _, ch in chars if ch not in lexicon.common_chars)
    if rare and 2 * rare >= len(chars):
        return True
    first, char = chars[0]
    return char in SURNAMES and first > 0 and tagged[first - 1][0].endswith(_NAME_SLOTS)


def _tokens(text: str) -> list[str]:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return list(jieba.lcut(text, HMM=False))


def _tagged_at(text: str) -> list[tuple[str, str, int]]:
    """:func:`_tagged` with where each token starts."""
    out, pos = [], 0
    for token, flag in _tagged(text):
        out.append((token, flag, pos))
        pos += len(token)
    return out


def _tagged(text: str) -> list[tuple[str, str]]:
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    return [(pair.word, pair.flag) for pair in jieba.posseg.lcut(text, HMM=False)]


def _sounds_like(span: str, sound: tuple[str, ...]) -> bool:
    return all(reading in _readings(char) for char, reading in zip(span, sound, strict=True))


def find_corrections(text: str) -> list[Correction]:
    """The garbled spans of ``text`` that sound exactly like a domain word, longest first, not
    overlapping."""
    if not _HAN.search(text):
        return []
    with _lock:
        lexicon = _lexicon()
        spans, loose = _spans(text)
    found: list[Correction] = []
    taken: set[int] = set()
    for start, end in spans:
        span = text[start:end]
        if span in lexicon.words or taken & set(range(start, end)) or _is_name(span, text[:start]):
            continue
        inside = loose & set(range(start, end))
        if inside and inside != {end - 1}:
            continue
        word = _word_for(span, lexicon) if not inside else _tail_word(text, start, end, lexicon)
        if word is not None and not _is_count(text, start, word):
            found.append(Correction(heard=span, word=word, start=start))
            taken |= set(range(start, end))
    return sorted(found, key=lambda c: c.start)


def _tail_word(text: str, start: int, end: int, lexicon: _Lexicon) -> str | None:
    """The domain word of three or more characters that a span ending in a function character standing
    alone is, when that character has the word's last sound, tone and all, and the span ends the clause
    or a word of when to take a medicine follows ("吃消炎要", "降压要饭前吃", "安眠要以后": 要 for 药).
    "降压要吃什么" and "感冒要晚上多盖被子" are left alone: 要 there is "must"."""
    from pypinyin import Style, lazy_pinyin

    span = text[start:end]
    word = lexicon.by_sound.get(tuple(lazy_pinyin(span))) if len(span) >= BLUR_MIN_CHARS else None
    if word is None or lazy_pinyin(span[-1], style=Style.TONE3) != lazy_pinyin(word, style=Style.TONE3)[-1:]:
        return None
    if end == len(text) or not _HAN.match(text[end]) or text.startswith(_WHEN_TAKEN, end):
        return word
    return None


def _is_count(text: str, start: int, word: str) -> bool:
    """The span at ``start`` holds a count that the word would change: a numeral and a noun or a
    measure ("七床" is not 起床, "一院" not 医院, "三步" not 散步, "穿一服药" not 穿衣服). Counts are real
    speech; a numeral before a verb or a preposition is not one ("一到素" is 胰岛素, "女二在" 女儿在)."""
    span = text[start : start + len(word)]
    pairs = enumerate(zip(span, word, strict=True))
    changed = {start + i for i, (a, b) in pairs if a in _NUMERALS and a != b}
    if not changed:  # a measure of a show after "this/which/one" ("这出戏", "哪出戏"): not 这除夕
        return start > 0 and bool(re.match(r"[这那哪一每几][出场部首段集]", text[start - 1 :]))
    with _lock:
        tagged = _tagged_at(text)
    for i, (token, _flag, at) in enumerate(tagged):
        if at in changed and token[0] in _NUMERALS:
            if len(token) > 1 or (i + 1 < len(tagged) and tagged[i + 1][1][:1] in ("n", "q")):
                return True  # "三步", "一服": jieba's dictionary has the count as one word
    return False


def _is_name(span: str, before: str) -> bool:
    """A two-character span that starts with a common surname, where a name is expected ("给江文打电话",
    "我外甥叫李冬"): a person, not "降温" or "立冬"."""
    return len(span) == 2 and span[0] in SURNAMES and before.endswith(_NAME_SLOTS)


def _word_for(span: str, lexicon: _Lexicon) -> str | None:
    from pypinyin import lazy_pinyin

    word = lexicon.by_sound.get(tuple(lazy_pinyin(span)))
    if word is not None:
        return word
    for sound, candidate in lexicon.by_sound.items():  # a polyphonic character read another way
        if len(sound) == len(span) and _sounds_like(span, sound):
            return candidate
    if len(span) < BLUR_MIN_CHARS:
        return None
    return lexicon.by_blur.get(tuple(blur(s) for s in lazy_pinyin(span)))


def apply(text: str, corrections: list[Correction]) -> str:
    """``text`` with every correction made."""
    out, pos = [], 0
    for c in sorted(corrections, key=lambda c: c.start):
        out.append(text[pos : c.start])
        out.append(c.word)
        pos = c.start + len(c.heard)
    out.append(text[pos:])
    return "".join(out)
