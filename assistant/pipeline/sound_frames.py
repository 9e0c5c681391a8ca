"""Key words misheard as other real words, read as meant by the question they stand in.

Whisper base writes a key word with other characters of its sounds, and often these make a real word:
"一斤是多少克" was heard as "已经是多少课", "一两" as "一辆", "一克" as "一刻", and "吃了降压药可以喝酒吗"
as "吃了酱鸭可以喝酒吗" (药 swallowed). No rule on single words can see it: 一辆, 一刻 and 酱鸭 are words,
and so are 已经 and 课. Only the sentence tells, where one kind of word fits and the one heard does not:

* **a unit conversion**: "<a number><a unit>是多少<a unit>" (also 等于, 合, 是几). The unit asked for is a
  unit of weight, length, area or volume, or sounds like exactly one ("课" -> 克); the first unit is one of
  the same kind, or is read as the one of that kind that sounds like it ("一刻是多少毫克" -> 一克, "一次是
  多少厘米" -> 一尺, ch/c merged as :func:`homophones.blur` does). A numeral heard as another character
  counts only first in the clause ("已经" -> 一斤). "一刻钟是多少分钟" and "一节课是多少分钟" ask for no
  such unit and are left alone.
* **a medicine taken**: two characters that sound exactly like the head of a medicine of the domain list
  ("酱鸭" like 降压 of 降压药), or three like the whole ("安眠要" like 安眠药), right after 吃了/服了/停了
  or first in the clause, and followed by what is asked about a medicine: whether it can be taken with
  drink, stopped, taken together or before driving ("能喝", "可以停", "能和…一起"). "吃了酱鸭口渴
  怎么办" and "酱鸭配黄酒好吃吗" are left alone.
* **a function character inside a word**: three to five characters, cut where jieba cuts the sentence,
  that hold a function character standing alone first or inside (never last: "降压要吃" is "must", see
  :func:`homophones.find_corrections`), are no word, and sound exactly like a domain word of three
  characters or more: "不落分" -> 布洛芬, "眼要水" -> 眼药水, "个夜菜" -> 隔夜菜, "没气罐" -> 煤气罐,
  "没气味" -> 煤气味. (Homophones never span a function character there: "今天|是" is no 今天使; a
  word of three sounds exactly the same is another matter.)

* **the lunar calendar**: a word of 农历's sound right after a day and before a date question ("今天努力是
  多少", "今天能力几月几号") is 农历; "我今天努力工作" is left alone.

Toneless pinyin (pypinyin), as :mod:`~assistant.pipeline.homophones` reads sounds. Pure logic.
"""

from __future__ import annotations

import re
from functools import cache

from assistant.pipeline import homophones

# Units by kind. Time is left out: "一刻", "一天", "几点" are far more often the words meant.
_UNITS = {
    "weight": "斤 两 克 公斤 千克 毫克 吨",
    "length": "米 厘米 毫米 分米 公里 千米 里 尺 寸 丈",
    "area": "亩 平米 平方米 公顷",
    "volume": "升 毫升",
}
_KIND = {unit: kind for kind, units in _UNITS.items() for unit in units.split()}
_DIGITS = "0-9零〇一二两三四五六七八九十百千万半"
_NUMERAL_BY_SOUND = {"yi": "一", "er": "二", "san": "三", "si": "四", "wu": "五", "liu": "六", "qi": "七",
                     "ba": "八", "jiu": "九", "shi": "十", "liang": "两", "ban": "半"}
_CLAUSE = re.compile(r"[，。？！,.?!、\s]")
# "……是多少克", "……等于几两" at the end of the clause; the unit asked is one or two characters.
_ASKED = re.compile(r"(?:是|等于|合|折合)(?:多少|几)(?P<asked>[\u4e00-\u9fff]{1,2}?)"
                    r"(?=[吗呢啊呀？?。！!，,]|$)")
_NUMBER_AT_END = re.compile(rf"[{_DIGITS}]+$")
_HAN = re.compile(r"[\u4e00-\u9fff]+")

# The measure word 块 heard as 快 after a numeral, 多少 or 几 ("多少快骨头", "三快钱"); not a word of 快
# ("一快一慢", "十分快乐", "三点快到了").
_MEASURE_KUAI = re.compile(rf"(?:(?<=[{_DIGITS}])|(?<=多少)|(?<=几))快"
                           r"(?![乐点要递车餐速去来些了过跑走慢一到])")

# A medicine taken: the two characters, after 吃了/服了/停了 or first in the clause, then what is asked.
_TAKEN = re.compile(r"(?:^|(?<=[，。？！,.?!\s])|(?<=吃了)|(?<=服了)|(?<=停了)|(?<=吃完))"
                    r"(?P<heard>[\u4e00-\u9fff]{2,3})"
                    r"(?=(?:以后|之后)?(?:能不能|可不可以|能|可以)(?:喝|停|开车|和|跟|一起|空腹|减|加|换))")


def as_meant(text: str) -> str:
    """``text`` with a unit of a conversion, a medicine taken and the measure word 块 read as meant (see
    the module's doc)."""
    return lunar_as_meant(measure_as_meant(held_words_as_meant(medicine_as_meant(units_as_meant(text)))))


def measure_as_meant(text: str) -> str:
    """"多少快骨头" -> "多少块骨头", "五万快存三年" -> "五万块存三年": 快 right after a number is 块."""
    return _MEASURE_KUAI.sub("块", text)


def units_as_meant(text: str) -> str:
    """"已经是多少课" -> "一斤是多少克", "一辆是多少克" -> "一两是多少克"; else ``text`` as it is."""
    match = _ASKED.search(text)
    asked = _unit_read(match.group("asked"), None) if match else None
    if match is None or asked is None:
        return text
    head, tail = text[: match.start()], text[match.start() : match.start("asked")] + asked
    rest = text[match.end("asked") :]
    for size in (2, 1):
        heard = head[-size:]
        unit = _unit_read(heard, _KIND[asked]) if _HAN.fullmatch(heard) else None
        number = _number_before(head[:-size]) if unit is not None else None
        if unit is not None and number is not None:
            return number + unit + tail + rest
    return text


def _number_before(text: str) -> str | None:
    """``text`` with the number at its end as meant: digits or numerals as they are, or one character
    first in the clause that sounds like a numeral ("已" -> 一); None when no number ends it."""
    from pypinyin import lazy_pinyin

    if _NUMBER_AT_END.search(text):
        return text
    if not text or (len(text) > 1 and not _CLAUSE.match(text[-2])):
        return None
    numeral = _NUMERAL_BY_SOUND.get(lazy_pinyin(text[-1])[0])
    return None if numeral is None else text[:-1] + numeral


def _unit_read(heard: str, kind: str | None) -> str | None:
    """The unit ``heard`` is: itself when it is a unit (of ``kind``, when given), or else the one unit
    (of ``kind``) of as many characters that sounds like it, merged sounds too; None otherwise."""
    if _KIND.get(heard) is not None and kind in (None, _KIND[heard]):
        return heard
    alike = [unit for unit in _by_sound().get(_sound(heard), ()) if kind in (None, _KIND[unit])]
    return alike[0] if len(alike) == 1 else None


@cache
def _by_sound() -> dict[tuple[str, ...], tuple[str, ...]]:
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for unit in _KIND:
        table[_sound(unit)] = (*table.get(_sound(unit), ()), unit)
    return table


def _sound(text: str) -> tuple[str, ...]:
    from pypinyin import lazy_pinyin

    return tuple(homophones.blur(s) for s in lazy_pinyin(text))


def medicine_as_meant(text: str) -> str:
    """"吃了酱鸭能喝白酒吗" -> "吃了降压药能喝白酒吗"; else ``text`` as it is."""
    from pypinyin import lazy_pinyin

    medicines = _medicines()
    for match in _TAKEN.finditer(text):
        medicine = medicines.get(tuple(lazy_pinyin(match.group("heard"))))
        if medicine is not None and not medicine.startswith(match.group("heard")):
            return text[: match.start()] + medicine + text[match.end() :]
    return text


@cache
def _medicines() -> dict[tuple[str, ...], str]:
    """Toneless pinyin of each medicine of three characters of the domain list, and of its head, to the
    medicine ("jiang ya" and "jiang ya yao" -> 降压药)."""
    from pypinyin import lazy_pinyin

    medicines = sorted(w for w in homophones.lexicon().said if len(w) == 3 and w.endswith("药"))
    return {tuple(lazy_pinyin(sound)): word for word in medicines for sound in (word[:-1], word)}


def held_words_as_meant(text: str) -> str:
    """"不落分一天能吃几次" -> "布洛芬一天能吃几次"; else ``text`` as it is (see the module's doc)."""
    from pypinyin import lazy_pinyin

    lexicon, tokens = homophones.lexicon(), homophones.tokens_at(text)
    bounds = [at for _, at in tokens] + [len(text)]
    for i, (token, at) in enumerate(tokens):
        if len(token) != 1 or not homophones.stands_alone(token) or token.isnumeric():
            continue
        for start in (b for b in bounds[max(0, i - 3) : i + 1] if at - b < homophones.MAX_SPAN):
            for end in (b for b in bounds[i + 2 :] if 3 <= b - start <= homophones.MAX_SPAN):
                span = text[start:end]
                word = lexicon.by_sound.get(tuple(lazy_pinyin(span))) if _HAN.fullmatch(span) else None
                if word is not None and len(word) >= 3 and span not in lexicon.words:
                    return text[:start] + word + text[end:]
    return text


# 农历 heard as another word of its sound ("今天努力是多少", "今天能力几月几"; n/l merged, -ong/-eng/-u
# alike to Whisper) between a day and what is asked of a date: "努力" is never asked a date of.
_LUNAR = re.compile(r"(?<=今天|明天|后天|昨天|今儿|明儿|现在)(?:的|是)?(?P<heard>[\u4e00-\u9fff]{2})"
                    r"(?=(?:是|为)?(?:多少|几月|几号|初几|哪天|几|什么日子|的几))")
_LUNAR_SOUNDS = frozenset({("nong", "li"), ("neng", "li"), ("nu", "li"), ("long", "li"), ("leng", "li"),
                           ("nong", "ni"), ("lu", "li")})


def lunar_as_meant(text: str) -> str:
    """``text`` with 农历 heard as a word of its sound before a date question read as 农历."""
    from pypinyin import lazy_pinyin

    def meant(m: re.Match[str]) -> str:
        heard = m.group("heard")
        sound = tuple(lazy_pinyin(heard))
        return m.group().replace(heard, "农历") if sound in _LUNAR_SOUNDS and heard != "农历" else m.group()

    return _LUNAR.sub(meant, text)
