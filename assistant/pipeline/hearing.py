"""Misheard questions: answer what was most likely meant, or ask back; never answer nonsense.

The small LLM does not follow a prompt that says "the transcript may be wrong", so the decision is
made here, in code, before any tool or LLM sees the words:

* **ask back** (a short fixed sentence, "不好意思，我没听清，您能再说一遍吗？") when
  - speech recognition was unsure (mean token log-probability below ``UNSURE_LOGPROB``) and the
    words show it: ``STRAY_CHARACTERS`` or more characters that make no word ("今天起月集后");
  - the words are mostly Whisper's own prompt or the clock line the LLM is given (an echo, not speech);
  - the words are a subtitle credit Whisper writes on noise ("字幕由Amara.org社区提供");
  - they are a sum without numbers ("以下以等于几"), or with a numeral's sound that is not a numeral
    ("十三成以时三", "三百五时块"): the numbers were misheard;
  - they are only a vague fragment ("那个那个，就是那个东西", "我想问一下那个"), particles ("吗", "的的了"),
    hesitations ("嗯嗯啊"), a stutter ("我我我我") or connectives ("然后还有就是");
  - a homophone was read as meant but ``STRAY_CHARACTERS`` characters still make no word
    ("高血亚平尸要住意什么"): the half-repaired words would repeat a garble;
  - they ask for a number or a value with ``VALUE_STRAY_CHARACTERS`` characters that make no word
    ("时爱成以时爱等于多少"), even when the recogniser was sure of them;
  - they ask where a thing is, and the thing is an adverb ("常常在哪个国家" for 长城): the name was misheard,
    and so were the words after it when "在哪个" ends on a lone adjective or verb ("常常在哪个成熟" for
    长城在哪个城市: the 1.5B answered "常常在秋天成熟");
* **read a homophone as the word meant** (:mod:`assistant.pipeline.homophones`: "高血亚" -> "高血压";
  :mod:`assistant.pipeline.sound_frames`, a real word where the question needs a unit or a medicine:
  "一辆是多少克" -> "一两是多少克", "吃了酱鸭能喝白酒吗" -> "吃了降压药能喝白酒吗") and answer that;
  the garbled span never reaches the LLM, so it cannot be repeated as a fact;
* **read a weather question heard wrong as meant** ("今天外面了不能" -> 冷不冷), or ask it back
  ("您是问明天冷不冷吗？") when the words may mean something else (:mod:`assistant.tools.weather_heard`);
* **read Traditional characters as Simplified** (typed text, a remote recogniser) before the repair;
* **drop a leading copy of Whisper's prompt** ("以下是普通话的句子，今天天气怎么样") and answer the rest.

Pure logic apart from the word lists that :mod:`~assistant.pipeline.homophones` loads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache

from assistant.asr.base import Transcript
from assistant.asr.filter import SHORT_AUDIO_S, ZH_PROMPT, SimplifiedConverter, compact, hallucination_reason
from assistant.pipeline import homophones, sound_frames, soundalikes, unheard_of
from assistant.tools import weather_heard
from assistant.tools.calc_sounds import as_meant

# A decode this unsure (mean token log-probability) whose words include STRAY_CHARACTERS characters
# that make no word is asked back. Whisper's own threshold, -1.0, lets most garbled transcripts
# through and stops some sound short ones ("你好" at -1.05); see README, "Misheard questions".
UNSURE_LOGPROB = -0.5
STRAY_CHARACTERS = 2
# A question that asks for a number or a value (多少, 几, 开什么号) is asked back when this many of its
# characters make no word, however sure the recogniser was: a number said in answer to a garbled
# question ("明天每元的回离是多少" for 美元的汇率) would be invented. 40 sound number questions had at most 2.
VALUE_STRAY_CHARACTERS = 3
ECHO_SHARE = 0.6  # this much of the words copied from the prompt or the clock line: an echo

ASK_AGAIN_ZH = "不好意思，我没听清，您能再说一遍吗？"
ASK_AGAIN_EN = "Sorry, I didn't catch that. Could you say it again?"
ASK_WHAT_ZH = "您想问什么呢？您慢慢说，我听着。"
ASK_WHAT_EN = "What would you like to ask? Take your time."
ASK_NUMBERS_ZH = "不好意思，我没听清是哪几个数，您能再说一遍吗？"
ASK_NUMBERS_EN = "Sorry, I didn't catch the numbers. Could you say them again?"

_CLOCK_LINE = re.compile(r"现在是\d{4}年\d{1,2}月\d{1,2}日\s*星期.\s*\S{0,2}\d{1,2}点")
_SUM_ZH = re.compile(r"等于几|等于多少|得几|加.{0,4}等于|减.{0,4}等于|乘以?.{0,4}等于|除以?.{0,4}等于")
_SUM_EN = re.compile(r"\b(plus|minus|times|divided by)\b.*\b(equals?|is)\b|\bequals? what\b", re.I)
_NUMERAL = re.compile(r"[0-9零〇一二两三四五六七八九十百千万亿半]|\b(zero|one|two|three|four|five|six|seven|"
                      r"eight|nine|ten|eleven|twelve|hundred|thousand)\b", re.I)
# Words that point at something without naming it, and fillers.
_VAGUE_ZH = re.compile(r"那个|这个|那什么|那啥|就是|东西|事情|事儿|一下|我想问|我想|问问|问一下|请问"
                       r"|你说|怎么说|还有|然后|哎呀|哎|嗯|啊|呃|哦|噢|唔|呀|吧|吗|呢|的|了|那|这|个|它|是|我|问|想")
_VAGUE_EN = re.compile(r"\b(um+|uh+|er+|hmm+|well|so|like|you know|i mean|the|that|this|thing|things|"
                       r"stuff|it|i|want|wanna|to|ask|about|a|an|is|was|one|just|there|something"
                       r"|uh-huh)\b", re.I)
_PARTICLES = frozenset("吗呢吧的了啊呀嘛么哦噢")
_HESITATIONS = frozenset("嗯啊呃额唔哦噢哎")
_CONNECTIVES = re.compile(r"然后|还有|就是|而且|所以|但是|或者|那么|接着")
_ASKS = re.compile(r"什么|怎么|为什么|哪|谁|几|多少|吗|\b(what|how|why|where|who|when|which)\b", re.I)
# "一等于几": one number, no operation and no unit before 等于.
_DIGITS = "0-9零〇一二两三四五六七八九十百千万"
_LONE_NUMBER_SUM = re.compile(rf"(?:^|[^{_DIGITS}])[{_DIGITS}]+等于(几|多少)")
_OPERATION = re.compile(r"加|减|乘|除|倍|平方|开方|次方|\b(plus|minus|times|divided)\b", re.I)
_ASKS_VALUE = re.compile(r"多少|几|开什么|什么号|谁赢|哪天|哪一天")
# An operation right after a number, and what follows it up to the question ("等于几", "是多少").
_OPERAND = re.compile(rf"[{_DIGITS}](?:加上?|减去?|乘以?|除以)(?P<operand>.*?)"
                      r"(?=等于|是多少|是几|得|多少|几|加|减|乘|除|[，。？?！!,]|$)")
_NUMBER_SOUND_UNIT = re.compile(rf"[{_DIGITS}](\S)[块元斤]")
_NUMERAL_SOUNDS = frozenset("ling yi er san si wu liu qi ba jiu shi bai qian wan liang".split())
# Words of a sum that sound like a numeral and belong there: "三百加五十块钱", "二加三加起来", "是多少".
_SUM_WORDS = frozenset("钱起是期次岁")
_SUM_TERMS = re.compile(r"小时|时间|时候|分钟|公里|公斤|千克|千米|一起|一共|总共")
_HAN = re.compile(r"[\u4e00-\u9fff]")
PROMPT_ECHO_CHARS = 5  # "以下是普通" and longer; "以下是" may be the user's
# "X在哪个国家", "X在哪儿": where a thing is, the whole question.
_WHERE_IS = re.compile(r"^(?P<subject>[\u4e00-\u9fff]{2,4})在哪(?:个国家|个省|个城市|个地方|里|儿)?"
                       r"[？?。！!]*$")
_WHERE_WHICH = re.compile(r"^(?P<subject>[\u4e00-\u9fff]{2,4})在哪一?个(?P<what>[\u4e00-\u9fff]{1,4})"
                          r"[？?。！!]*$")
_PUNCT = re.compile(r"[\s，。！？、,.!?；;：:…\"'“”‘’()（）-]+")


@dataclass(frozen=True, slots=True, kw_only=True)
class Hearing:
    """What to do with the words: ``ask`` back with ``text``, or answer ``text`` (maybe corrected)."""

    ask: bool
    text: str
    reason: str = ""  # why: "asr unsure", "echo", "sum without numbers", "fragment", "homophone"
    heard: str = ""  # the words as transcribed, when ``text`` differs
    garbled: frozenset[str] = frozenset()  # misheard bits of ``text`` an answer must not repeat


def review(text: str, *, language: str, transcript: Transcript | None = None,
           clock_line: str = "") -> Hearing:
    """Decide whether ``text`` (the transcript, or a typed question) can be answered as it is.

    ``transcript`` carries the recogniser's confidence (None for typed text); ``clock_line`` is the
    line with the date and time that the LLM is given this turn."""
    en = language == "en"
    if transcript is not None and (is_echo(text, clock_line) or is_subtitle_credit(text)):
        return Hearing(ask=True, text=ASK_AGAIN_EN if en else ASK_AGAIN_ZH, reason="echo")
    heard = text
    if not en:
        text = simplified(text)
    if transcript is not None:
        text = without_prompt_echo(text)
    corrections = [told_reading(text, c) for c in homophones.find_corrections(text)]
    meant = homophones.apply(text, corrections) if corrections else text
    meant = with_operators(sound_frames.as_meant(meant))
    if weather := weather_heard.reading(meant):  # "今天外面了不能": 冷不冷, or "您是问今天冷不冷吗？"
        if weather.ask:
            return Hearing(ask=True, text=weather.text, reason="weather unclear")
        meant = weather.text
    if is_sum_without_numbers(meant) or has_misheard_number(meant):
        return Hearing(ask=True, text=ASK_NUMBERS_EN if en else ASK_NUMBERS_ZH, reason="sum without numbers")
    if is_fragment(text):
        return Hearing(ask=True, text=ASK_WHAT_EN if en else ASK_WHAT_ZH, reason="fragment")
    if transcript is not None and asr_unsure(transcript, meant):
        return Hearing(ask=True, text=ASK_AGAIN_EN if en else ASK_AGAIN_ZH, reason="asr unsure")
    if transcript is not None and garbled_value_question(meant):
        return Hearing(ask=True, text=ASK_AGAIN_EN if en else ASK_AGAIN_ZH, reason="garbled value question")
    if (corrections and homophones.stray_characters(meant) >= STRAY_CHARACTERS) or adverb_placed(meant):
        return Hearing(ask=True, text=ASK_AGAIN_EN if en else ASK_AGAIN_ZH, reason="misheard")
    garbled = misheard_bits(meant) | (heard_only_bits(text, [c.word for c in corrections]) if meant != text
                                      else frozenset())
    if corrections or meant != text:
        return Hearing(ask=False, text=meant, reason="homophone", heard=heard, garbled=garbled)
    if text != heard:
        reason = "echo" if simplified(heard) != text else "traditional"
        return Hearing(ask=False, text=text, reason=reason, heard=heard, garbled=garbled)
    return Hearing(ask=False, text=text, garbled=garbled)


def misheard_bits(text: str) -> frozenset[str]:
    """Bits of ``text`` that an answer must not repeat as if they were words: runs of stray characters
    (:func:`homophones.garbled_pairs`) and spans that sound like a word they are not
    (:func:`soundalikes.sound_alikes`: "大含" for 大寒). Those of the words as heard are kept when a
    homophone was read as meant, in case the reading was wrong (:func:`heard_only_bits`)."""
    return homophones.garbled_pairs(text) | soundalikes.sound_alikes(text)


# What one tells, recites or sings for her, and the words that ask for it with a measure word ("讲个",
# "说一个", "来段", "唱首"): a span heard there with the sound of one of them is that, not a domain word of
# the same sound ("给我讲个姑事吧" was read as 股市 and got the stock market in discovery 13).
_TOLD = ("故事", "笑话", "谜语", "相声", "评书", "儿歌", "古诗", "唐诗", "诗歌", "歌曲", "小曲", "戏曲")
_ASKS_TOLD = re.compile(r"(讲|说|念|读|听|唱|来|背)(一)?(个|段|首|则)$")


def told_reading(text: str, correction: homophones.Correction) -> homophones.Correction:
    """``correction`` read as a thing told when the words before it ask for one and it sounds like one."""
    from pypinyin import lazy_pinyin

    if not _ASKS_TOLD.search(text[: correction.start]):
        return correction
    sound = lazy_pinyin(correction.heard)
    word = next((w for w in _TOLD if lazy_pinyin(w) == sound), correction.word)
    return homophones.Correction(heard=correction.heard, word=word, start=correction.start)


def heard_only_bits(heard: str, words: list[str]) -> frozenset[str]:
    """Misheard bits of the words as heard, when homophones were read as the domain ``words``, but for
    those inside one of them: "唐尿病" read as "糖尿病" keeps "唐尿", while "尿病" is part of the word
    meant, and an answer that says "糖尿病" says it (it was cut for repeating a garble, "没听清", in
    discovery 13: "西红市" for 西红柿, "将压药" for 降压药)."""
    return frozenset(bit for bit in misheard_bits(heard) if not any(bit in word for word in words))


def simplified(text: str) -> str:
    """``text`` in Simplified characters: the recognisers convert their own output already, but typed
    text and a remote recogniser may not, and the homophone repair knows Simplified words only."""
    return _converter()(text) if _HAN.search(text) else text


@cache
def _converter() -> SimplifiedConverter:
    return SimplifiedConverter()  # OpenCC's t2s, 0.1 s to load


def warm() -> None:
    """Load the word lists and the converter now (blocking, about 2 s) rather than in the first turn."""
    homophones.warm()
    soundalikes.warm()
    unheard_of.warm()
    _converter()


def asr_unsure(transcript: Transcript, text: str) -> bool:
    """The recogniser was unsure of ``text`` (its words, homophones read as meant) and the words show it:
    a low log-probability together with characters that make no word. (``Transcript.unsure`` is not
    used: faster-whisper's compression ratio is above its threshold on many sound short sentences,
    "今年是哪一年？" 3.35, and a loop is cut to its first copy, which is the sentence said.)"""
    return transcript.avg_logprob < UNSURE_LOGPROB and homophones.stray_characters(text) >= STRAY_CHARACTERS


def garbled_value_question(text: str) -> bool:
    """A question for a number or a value, heard with characters that make no word."""
    return bool(_ASKS_VALUE.search(text)) and homophones.stray_characters(text) >= VALUE_STRAY_CHARACTERS


def adverb_placed(text: str) -> bool:
    """A question where a thing is, in what country, province or city, asked of an adverb and nothing
    else ("常常在哪个国家": 长城 heard as 常常): no subject is left to place; or asked "在哪个" of an adverb
    with a lone adjective or verb after it, where the place should be ("常常在哪个成熟": 城市 heard as
    成熟 too). "我常常在公园散步", "长城在哪个国家" and "经常在哪个站下车" are whole."""
    import jieba.posseg

    match = _WHERE_IS.match(text) or _WHERE_WHICH.match(text)
    if match is None:
        return False
    tagged = jieba.posseg.lcut(match.group("subject"), HMM=False)
    if len(tagged) != 1 or tagged[0].flag != "d":
        return False
    if (what := match.groupdict().get("what")) is None:
        return True
    after = jieba.posseg.lcut(what, HMM=False)
    return len(after) == 1 and after[0].flag in {"a", "ad", "an", "v", "vd"}


def is_echo(text: str, clock_line: str = "") -> bool:
    """Most of ``text`` copied from Whisper's prompt or from a clock line: not the user's words."""
    words = compact(text)
    if len(words) < 4:
        return False
    if _CLOCK_LINE.search(_PUNCT.sub("", text)):
        return True
    for source in (ZH_PROMPT, clock_line):
        ref = compact(source)
        if not ref:
            continue
        blocks = SequenceMatcher(None, words, ref, autojunk=False).get_matching_blocks()
        copied = sum(b.size for b in blocks if b.size >= 2)
        if copied >= ECHO_SHARE * len(words):
            return True
    return False


def is_subtitle_credit(text: str) -> bool:
    """A subtitle credit or channel plug that Whisper writes on noise ("字幕由Amara.org社区提供")."""
    return (hallucination_reason(text, audio_s=SHORT_AUDIO_S, level=1.0) or "").startswith("subtitle")


def without_prompt_echo(text: str) -> str:
    """``text`` without a leading copy of Whisper's prompt ("以下是普通话的句子，今天天气怎么样" ->
    "今天天气怎么样"); a copy of ``PROMPT_ECHO_CHARS`` or more characters, with the user's words after it."""
    ref = compact(ZH_PROMPT)
    kept = 0
    for end in range(1, len(text) + 1):
        head = compact(text[:end])
        if head and head not in ref:
            break
        kept = end
    rest = _PUNCT.sub("", text[kept:], count=1) if _PUNCT.match(text[kept:]) else text[kept:]
    if len(compact(text[:kept])) < PROMPT_ECHO_CHARS or not compact(rest):
        return text
    return rest


def has_misheard_number(text: str) -> bool:
    """A sum with no second number, or one with a character that sounds like a numeral and is not one
    ("十三乘以时三", "一加义等于记": 十 heard as 时, 一 as 义), or a number, a numeral's sound and a unit
    ("三百五时块" for 三百五十块). "一百加运费是多少" is whole: 运费 sounds like no numeral. Also a sum
    with no first number or a numeral's sound for it, a lone number asked, and 是 or 十 before 多少."""
    for match in _OPERAND.finditer(text):
        operand = _SUM_TERMS.sub("", match.group("operand"))
        if not operand.strip() or any(_sounds_like_numeral(ch) for ch in operand):
            return True
    if _SUM_ASKED.search(text) and _DOTTED_NUMBER.search(text):
        return True  # "177.370.7是多少" for 一百减去三十七: no number has two decimal points
    if _BARE_NUMBER_ASKED.match(text) or _TEN_OR_IS.search(text):
        return True
    if _OPERATION.search(text) and any(_numeral_at_edge(m.group("ch")) for m in _EDGE_SOUND.finditer(text)):
        return True  # "时二乘以是二等于多少" for 十二乘以十二
    for match in _FIRST_OPERAND.finditer(text):  # "乘以十二等于多少", "私事乘以五等于多少" (四十)
        operand = match.group("operand")
        if _SUM_ASKED.search(text) and all(_sounds_like_numeral(ch) for ch in operand):
            return True
    return any(_sounds_like_numeral(m.group(1)) for m in _NUMBER_SOUND_UNIT.finditer(text))


# Digits with two or more decimal points; a date written with dots ("2026.12.1") starts with a year.
_DOTTED_NUMBER = re.compile(r"(?<![\d.])\d{1,3}\.\d+\.\d+")
# Only a number and the question ("100.737.多少" for 一百减去三十七): the operation was not heard.
_BARE_NUMBER_ASKED = re.compile(rf"^[{_DIGITS}.\s，,、。]+(?:等于|是)?(?:多少|几)[？?。！!]*$")
# A last number in 十 right before the question, no 是 or 等于 ("一百除以四十多少"): 四是多少 heard with
# 是 as 十, or forty asked; which one cannot be told.
_TEN_OR_IS = re.compile(rf"(?:乘以?|除以|加上?|减去?)[{_DIGITS}]*?[一二三四五六七八九两]十(?:多少|几)")
# The character before a number that starts the sentence, a clause or the number after an operation.
_EDGE_SOUND = re.compile(rf"(?:^|[，。？?！!,、\s]|乘以?|除以|加上?|减去?)(?P<ch>[\u4e00-\u9fff])"
                         rf"(?=[{_DIGITS}])")
# What stands before an operation, from the start or a pause, when it holds no numeral.
_FIRST_OPERAND = re.compile(rf"(?:^|[，。？?！!,、\s])(?P<operand>[^，。？?！!,、\s{_DIGITS}]{{0,3}})"
                            rf"(?:乘以?|除以|加上?|减去?)(?=\s*[{_DIGITS}])")


# An operation heard in other characters between two numerals of a sum: "三成七等于几" (乘),
# "五家三是多少" (加), "九见四等于几" (减). Toneless pinyin: the tone is often lost on the phone.
_OPERATOR_SOUNDS = {"jia": "加", "jian": "减", "cheng": "乘", "chu": "除"}
_BETWEEN_NUMERALS = re.compile(rf"(?<=[{_DIGITS}])([\u4e00-\u9fff])(?=[{_DIGITS}])")
_SUM_ASKED = re.compile(r"等于|是多少|是几|得几|得多少")


def with_operators(text: str) -> str:
    """``text`` with an operation misheard between two numerals written as meant, when a sum is asked
    (one character, "五家三是多少"; or two, "十二成以十二", "等一多少": :func:`calc_sounds.as_meant`)."""
    text = as_meant(text)
    if not _SUM_ASKED.search(text) or _OPERATION.search(text):
        return text

    def meant(m: re.Match[str]) -> str:
        from pypinyin import lazy_pinyin

        if m.group(1) == "初":  # "初三初五": lunar days
            return m.group(1)
        return _OPERATOR_SOUNDS.get(lazy_pinyin(m.group(1))[0], m.group(1))

    return _BETWEEN_NUMERALS.sub(meant, text)


def _numeral_at_edge(char: str) -> bool:
    """Is ``char``, first before a number of a sum, a numeral's sound (是 too, a sum word after it)?"""
    from pypinyin import lazy_pinyin

    if char in _DIGITS or char in "以上去掉把":  # "乘以十二"; "把三百块…" (ba)
        return False
    return lazy_pinyin(char)[0] in _NUMERAL_SOUNDS


def _sounds_like_numeral(char: str) -> bool:
    from pypinyin import lazy_pinyin

    if char in _DIGITS or char in _SUM_WORDS or not _HAN.match(char):
        return False
    return lazy_pinyin(char)[0] in _NUMERAL_SOUNDS


def is_sum_without_numbers(text: str) -> bool:
    """A sum is asked ("……等于几", "what is ... plus ...") but no number was heard, or only one with
    nothing to do to it ("以下一等于几": the first number and the operation were misheard; "一斤等于
    多少克" converts a unit and is whole)."""
    if not (_SUM_ZH.search(text) or _SUM_EN.search(text)):
        return False
    if not _NUMERAL.search(text):
        return True
    return bool(_LONE_NUMBER_SUM.search(text)) and not _OPERATION.search(text)


def is_noise_zh(words: str) -> bool:
    """Chinese words (no punctuation) that say nothing: only particles ("吗", "的的的了"), three or more
    hesitation sounds of two kinds or more ("嗯嗯啊"; "嗯嗯" is a yes), a pointing word or pronoun
    stuttered four times or more ("我我我我"), or two or more connectives and nothing else ("然后还有就是";
    "就是" alone agrees, "然后呢" asks for more)."""
    if set(words) <= _PARTICLES and not set(words) <= _HESITATIONS:
        return True
    if set(words) <= _HESITATIONS:
        return len(words) >= 3 and len(set(words)) >= 2
    if len(words) >= 4 and len(set(words)) == 1:
        return bool(_VAGUE_ZH.fullmatch(words[0]))
    connectives = len(_CONNECTIVES.findall(words))
    return connectives >= 2 and not _VAGUE_ZH.sub("", _CONNECTIVES.sub("", words))


def is_fragment(text: str) -> bool:
    """Only pointing words and fillers ("那个那个，就是那个东西"): nothing that says what is meant.

    A short greeting or reply ("你好", "谢谢", "好的", "yes") is not a fragment: it has no pointing
    word at all; nor is a question ("那是什么？")."""
    stripped = _PUNCT.sub("", text)
    if stripped and _HAN.search(stripped) and is_noise_zh(stripped):
        return True
    if not stripped or _ASKS.search(stripped):
        return False  # "那是什么？" asks something (about what was said before, or a photo)
    if _HAN.search(stripped):
        if not re.search(r"那个|这个|那什么|那啥|东西|事情|事儿|我想问|问一下", stripped):
            return False
        return len(_VAGUE_ZH.sub("", stripped)) == 0
    if not re.search(r"\b(that|this|thing|stuff|something)\b", text, re.I):
        return False
    return not _PUNCT.sub("", _VAGUE_EN.sub("", text))
