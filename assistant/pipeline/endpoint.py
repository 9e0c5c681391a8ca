"""Semantic end of turn: how long to wait in a pause, judged from what was said before it.

The VAD notices a short pause and the session transcribes the utterance so far (the speculative
turn). This module reads that transcript and says whether it is

- ``UNFINISHED``: plainly half a sentence. A bare time or place ("明天早上八点", "在北京"), a
  trailing conjunction or filler (然后, 还有, 就是, 那个, 因为, "and", "um"), a verb or preposition
  with nothing after it (提醒我, 告诉我, 我想问一下, 给, "remind me", "tell me about"), an opening
  subordinate clause with no main clause (因为我血压高, 如果明天下雨, "if it rains"), a topic with
  nothing said of it yet (我要买的东西, 我昨天吃的药, 那个降压药, 我孙子他, "what time"), a wish or
  a request to someone with no what yet (我想去, 我想给我闺女, 我想请你, 你能不能), a trailing comma.
  Wait longer (``TurnWaits.unfinished_ms``): elderly speakers pause mid-sentence, often for a second.
- ``FINISHED``: plainly a whole question. It ends in 吗 / 呢 / 吧 / 么 / 嘛 or a question mark, or it
  asks with a question word and says what it asks about (一天有多少个小时, 现在几点了, 这是什么,
  为什么天是蓝的, "what time is it"), or with a verb's yes-or-no (明天去不去, 你吃饭了没有).
  Answer sooner (``TurnWaits.finished_ms``).
- ``UNSURE``: anything else; the ordinary wait (``TurnWaits.default_ms``).

The unfinished signs win over the question signs: "你能不能告诉我" asks, but not yet what.
Pure functions, no I/O; see tests/pipeline/test_endpoint.py for the sentences it is held to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Protocol

from assistant.asr.repair import syllable
from assistant.errors import ConfigError

if TYPE_CHECKING:
    from assistant.pipeline.turn import Turn


class Verdict(Enum):
    FINISHED = "finished"
    UNSURE = "unsure"
    UNFINISHED = "unfinished"


@dataclass(frozen=True, slots=True, kw_only=True)
class TurnWaits:
    """Silence (ms) before the end of turn, per verdict (``turn.*_silence_ms`` settings)."""

    finished_ms: int = 400
    default_ms: int = 700
    unfinished_ms: int = 1800

    def __post_init__(self) -> None:
        if not 0 < self.finished_ms <= self.default_ms <= self.unfinished_ms <= 5000:
            raise ConfigError("turn.finished_silence_ms, end_silence_ms and unfinished_silence_ms must rise, "
                              f"at most 5000 (now {self.finished_ms}, {self.default_ms}, "
                              f"{self.unfinished_ms})")

    def for_verdict(self, verdict: Verdict) -> int:
        if verdict is Verdict.FINISHED:
            return self.finished_ms
        return self.unfinished_ms if verdict is Verdict.UNFINISHED else self.default_ms


# ---- Chinese ------------------------------------------------------------------------------------
_NUM = "零〇一二两三四五六七八九十百0-9０-９"
_WD = "[一二三四五六日天末]"
_DAY = (r"今天|明天|后天|大后天|昨天|前天|今早|明早|今晚|明晚|每天|天天|"
        rf"(?:这|下|本|上)(?:个)?(?:周|星期|礼拜){_WD}?|星期{_WD}|礼拜{_WD}|周{_WD}|"
        r"这个?月|下个?月|今年|明年")
_PART = r"早上|早晨|上午|中午|下午|傍晚|晚上|夜里|半夜|凌晨|清早|一早|白天"
_CLOCK = rf"[{_NUM}]+\s*(?:点钟|点半|点整|点|时|:[0-9]{{2}}|：[0-9]{{2}})(?:[{_NUM}]+分?|一刻|三刻|半)?"
_DATE = rf"[{_NUM}]+\s*(?:月|号|日)"
_TIME_UNIT = rf"(?:{_DAY}|{_PART}|{_CLOCK}|{_DATE}|的时候|左右|前后|以前|以后|之前|之后|的)"
_BARE_TIME = re.compile(rf"^(?:{_TIME_UNIT}\s*)+$")
_TRAILING_TIME = re.compile(rf"(?:{_DAY}|{_PART}|{_CLOCK}|{_DATE})(?:\s*{_TIME_UNIT})*$")
# Who or what asks before a bare time: "我明天早上八点", "你提醒我下午三点" (no verb, no object yet).
_TIME_LEAD = re.compile(r"(?:^|我|你|您|咱们?|我们|提醒我|叫我|喊我|帮我|那|就|还有|然后|再)$")
# A trailing word that needs something after it: conjunctions, fillers, prepositions, verbs that
# take an object or a clause.
_ZH_TRAILING = tuple((
    "然后 还有 就是 那个 这个 因为 所以 但是 可是 不过 而且 或者 还是 "
    "如果 要是 假如 的话 并且 接着 另外 比如 比如说 然后呢就 和 跟 与 或 "
    "及 以及 还 也 就 再 又 嗯 呃 额 那么 给 把 被 告诉她 告诉他 让 "
    "叫 向 往 从 比 替 是 有 要 想 想要 打算 准备 需要 应该 "
    "提醒我 告诉我 帮我 给我 叫我 让我 教我 请你 麻烦你 我想 我要 我想问 "
    "想问 问一下 请问 问问 查一下 查查 看一下 说一下 讲一下 算一下 告诉你 "
    "我觉得 我记得 我听说 关于 怎么 怎样 如何 一个 的时候 以后 之后 以前 "
    "之前 说 那个什么 这个什么 "
).split())
_ZH_CONJUNCTIONS = ("然后", "还有", "所以", "但是", "而且")  # not 就是: 九十 sounds the same
# An opening subordinate clause with no main clause after it.
_ZH_OPENERS = tuple((
    "因为 如果 要是 假如 虽然 尽管 只要 除非 等到 等我 万一 既然 为了 "
).split())
_ZH_PREPOSITION_LEAD = re.compile(r"^(?:在|从|到|往|跟|和|给|为|关于)[^\s，,不了吗呢吧的过着]{1,4}$")
# A topic with no comment yet: what one wants or did, said as a noun ("我要买的东西", "我吃的药").
_ZH_TOPIC_ONLY = re.compile(
    r"^(?!(?:我|你|您|他|她|我们|咱们|老伴)的)"  # "我的药" is whole: whose, not what one did
    r"(?:我|你|您|我们|咱们|他|她|老伴|孙子|女儿|儿子)?(?:要|想|想要|得|需要|该|应该|今天|明天|刚才|昨天|早上|晚上)*"
    r"(?!是|有|在|这|那)[^\s，,的了吗呢吧？?]{1,4}的(?:东西|事|事情|药|菜|地方|话|时间|那个|人)$")
# A person as the last word of a noun phrase: kin, 老李 / 小明, a pronoun.
_KIN = r"(?:[子女儿伴妈爸婆公爷奶姐哥弟妹叔姨舅婿妇夫居友生]|[老小][\u4e00-\u9fff])"
_PERSON = rf"(?:[我你他她]们?|{_KIN})"
# A subject and nothing said of it yet: "我孙子他", "老李她", "我孙女儿在".
_ZH_SUBJECT_ONLY = re.compile(rf"^(?=...).*{_KIN}(?:[他她]们?|在)$")
# Wanting to do something to or with someone, or asking them to, but not yet what: "我想给我闺女",
# "我要跟儿子打", "我想请你", "我问问你".
_BARE_VERB = "(?:打|买|做|找|问|看|发|送|寄|说|讲|带|拿|借|换)"
_ZH_TO_SOMEONE = re.compile(
    rf"(?:想|要|得|我|你|您|请|再)(?:给|跟|和|向|对|替|帮|为|让|请|叫|求|问问|问)(?:我|你|他|她|咱|我们)?的?"
    rf"[^\s，,。了过吗呢吧不没是有]{{0,4}}{_PERSON}{_BARE_VERB}?$")
# Wanting to do, but not yet what: "我想去", "我要买", "我想知道" ("我不想去" is whole).
_ZH_WANT_BARE = re.compile(rf"(?<![不没别])(?:想|要|想要|打算|准备)"
                           rf"(?:知道|了解|请教|咨询|问问|看看|听听|去|吃|喝|用|学|听|请|叫|{_BARE_VERB})$")
# A modal asked with nothing after it: "你能不能", "我可不可以".
_ZH_BARE_MODAL = re.compile(r"^(?:那|请问)?(?:你|您|我|我们|咱们|他|她)"
                            r"(?:能不能|会不会|可不可以|可以不可以|能否|可否|是不是|有没有|要不要)$")
# A demonstrative, a measure word and a noun, nothing said of it: "那个降压药", "这种病".
_ZH_THIS_THING = re.compile(
    r"^(?:那|这)(?:个|些|种|位|本|张|件|盒|瓶|家|条|只|台|部|次|回|块|样东西)"
    r"[^\s，,。了过吗呢吧不没是有在要能会多几什么怎谁哪好行对就也都还太很真挺我你他她说吃一二两三四五六七八九十0-9]{1,6}$")
# A place with a direction word, no verb: "在人民公园那边", "到医院门口".
_ZH_PLACE = re.compile(r"^(?:就|还)?(?:在|从|到|往)[^\s，,。了过吗呢吧不没是有要]{1,8}"
                       r"(?:那边|这边|那儿|这儿|那里|这里|附近|旁边|门口|对面|里面|外面|楼下|楼上|底下)$")
_ZH_PARTICLES = ("吗", "呢", "吧", "么", "嘛", "呀吗")
# Asked by a verb's yes-or-no at the end: "你吃饭了没有", "能喝酒不", "明天去不去".
_ZH_TAG_QUESTION = re.compile(
    r"(?:(?:了|过)[^，,]{0,8}(?:没有|没)|([\u4e00-\u9fff])[不没]\1|"
    r"(?:能|会|可以|要|是|有|好|行|对|去|来|了)[^，,]{0,8}(?<![点很太也都就还真并可又我你他她们不再])不)$")
# "你知道吗" with nothing it asks about: more often the start of a story than a question.
_ZH_PREAMBLE = re.compile(r"^(?:你|您)?(?:知道|晓得)(?:吗|不|嘛|么)$")
_ZH_QUESTION = re.compile(
    r"多少|几[点个岁号月天年种次位块分钟口遍杯片粒斤碗瓶盒顿步层楼路趟回]|星期几|礼拜几|周几|几$|什么|啥|咋|怎么|怎样|"
    r"如何|哪|谁|为什么|为啥|"
    r"是不是|有没有|能不能|会不会|要不要|可不可以|好不好|对不对|行不行|是否|多大|多远|多久|多长|多高|多重|多贵|"
    r"(?<=.)还是(?=..)")  # "饭前吃还是饭后吃": a choice
_ZH_FILLER_END = "哦噢喔啊呀嗯呃额"
_ZH_FILLER_START = re.compile(r"^(?:嗯|呃|额|那个|就是|然后|那)+")

# ---- English ------------------------------------------------------------------------------------
_EN_TRAILING = frozenset(
    "and or but so because then the a an to of for with at in on by from about into my your his her "
    "their our its this these those um uh er like if when while whether than as is are was were "
    "i some any what's also".split())
_EN_TRAILING_PHRASES = ("remind me", "tell me", "let me know", "i want", "i'd like", "i would like",
                        "i need", "can you", "could you", "would you", "will you", "i was wondering",
                        "i think", "you know", "i mean", "what about", "how about", "you please", "to know",
                        "i wonder")
_EN_OPENERS = ("if ", "when ", "because ", "since ", "although ", "though ", "unless ", "while ",
               "before ", "after ", "as soon as ")
_EN_QUESTION_START = re.compile(
    r"^(?:what|what's|whats|how|when|where|who|whom|whose|why|which|is|are|am|was|were|can|could|do|does|did|"
    r"will|would|should|shall|may|might|have|has|had|isn't|aren't|don't|doesn't|didn't|won't|can't)\b")
_EN_BARE_TIME = re.compile(
    r"^(?:(?:tomorrow|today|tonight|this|next|every|on|at|in|the|morning|afternoon|evening|night|noon|"
    r"midnight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|o'clock|am|pm|a\.m\.|p\.m\.|"
    r"half|past|quarter|to|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[0-9:]+)\s*)+$")

# "what time", "how many": asks, but not yet the verb; "who is he" is whole, "my grandson, he" is not.
_EN_WH_NOUN = re.compile(
    r"^(?:(?:what|which|whose) (?!(?:is|are|was|were|do|does|did|can|will|would|should|else|now|for|if|not)"
    r"\b)[a-z]+(?<!ed)(?<!'s)|how (?:many|much|long|old|far|often|big))$")
_EN_SUBJECTS = ("he", "she", "they", "we")
_EN_AUX = frozenset("is are was were do does did can could will would should has have had am".split())

_END_PUNCT = "。.！!…~～ "
_COMMA = ("，", ",", "、", "：", ":", "；", ";", "—", "-", "...", "……")
_QUESTION_MARKS = ("？", "?")


def judge(text: str) -> Verdict:
    """How finished the transcript ``text`` of the speech so far sounds (see the module docstring)."""
    raw = text.strip()
    if not raw:
        return Verdict.UNSURE
    if raw.endswith(_COMMA):
        return Verdict.UNFINISHED
    if _is_chinese(raw):
        return _judge_zh(raw)
    return _judge_en(raw)


def wait_ms(text: str, waits: TurnWaits) -> int:
    return waits.for_verdict(judge(text))


class PauseHolder(Protocol):
    """What :func:`hold_pause` needs of the VAD stream (:meth:`assistant.audio.vad.VadStream.end_after`)."""

    def end_after(self, pause_at_ms: int, silence_ms: int) -> None: ...


def hold_pause(vad: PauseHolder, turn: Turn, text: str | None, waits: TurnWaits | None) -> bool:
    """A speculative ``turn`` heard ``text`` before its pause: tell ``vad`` how long that pause must
    last to end the turn (``waits`` None: semantic end of turn is off). ``text`` None: the
    transcription failed, the ordinary wait. An empty transcript waits long: an empty turn says
    nothing, so waiting costs nothing, and Whisper often drops a lone 还有 / 然后 / 嗯.
    True when a wait was set."""
    if waits is None or turn.pause_at_ms is None or turn.committed.is_set():
        return False
    if text is None and "endpoint" in turn.metrics.extra:
        return False  # the transcript was judged; a later failure (the LLM's) changes nothing
    verdict = Verdict.UNSURE if text is None else judge(text) if text.strip() else Verdict.UNFINISHED
    turn.metrics.extra["endpoint"] = verdict.value
    vad.end_after(int(turn.pause_at_ms), waits.for_verdict(verdict))
    return True


def _is_chinese(text: str) -> bool:
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    return han > 0 and han >= sum(1 for ch in text if ch.isascii() and ch.isalpha()) / 3


def _judge_zh(raw: str) -> Verdict:
    asked = raw.endswith(_QUESTION_MARKS)
    # The last clause decides; commas inside keep what came before as context.
    core = raw.rstrip(_END_PUNCT + "？?")
    clause = re.split(r"[，,、；;。.！!？?]", core)[-1].strip() or core
    if not clause:
        return Verdict.UNSURE
    # A filler sound after the words ("我要买的东西哦，…") holds the floor like the words alone.
    held = clause.rstrip(_ZH_FILLER_END) or clause
    held_core = core[: len(core) - (len(clause) - len(held))]
    if _zh_unfinished(held_core, held) or _zh_half_phrase(held):
        return Verdict.UNFINISHED
    if _ZH_PREAMBLE.match(clause):
        return Verdict.UNSURE
    if asked or clause.endswith(_ZH_PARTICLES) or (len(clause) >= 4 and _ZH_TAG_QUESTION.search(clause)):
        return Verdict.FINISHED
    bare = _ZH_FILLER_START.sub("", clause)
    if len(bare) >= 3 and _ZH_QUESTION.search(bare):
        return Verdict.FINISHED
    return Verdict.UNSURE


def _zh_half_phrase(clause: str) -> bool:
    """Someone or something named, or a wish, with nothing yet said of it (see the patterns)."""
    if _ZH_QUESTION.search(clause) and not _ZH_BARE_MODAL.match(clause):
        return False
    patterns = (_ZH_SUBJECT_ONLY, _ZH_TO_SOMEONE, _ZH_WANT_BARE, _ZH_BARE_MODAL, _ZH_THIS_THING, _ZH_PLACE)
    return any(p.search(clause) for p in patterns)


def _zh_unfinished(core: str, clause: str) -> bool:
    if clause in ("呃", "额", "把", "被"):
        return True
    if _misheard_conjunction(clause):
        return True
    marker = max((t for t in _ZH_TRAILING if clause.endswith(t)), key=len, default=None)
    if marker is not None and (len(marker) > 1 or len(clause) > 1 or core != clause):  # "是" alone: yes
        return not _ends_in_whole_word(clause)
    before = core[: len(core) - len(clause)].rstrip("，,、；; ")
    if _BARE_TIME.match(clause) and (not before or _TIME_LEAD.search(before)):
        return True
    time = _TRAILING_TIME.search(clause)
    lead = (before + clause[: time.start()]).strip() if time is not None else None
    if lead is not None and _TIME_LEAD.search(lead) and not _ZH_QUESTION.search(clause):
        return True
    if _ZH_PREPOSITION_LEAD.match(clause) and not _ZH_QUESTION.search(clause):
        return True
    if core == clause and _ZH_TOPIC_ONLY.match(clause) and not _ZH_QUESTION.search(clause):
        return True
    # "因为我血压高" / "如果明天下雨": an opener with no second clause anywhere in the utterance.
    return core == clause and clause.startswith(_ZH_OPENERS) and not _ZH_QUESTION.search(clause)


# Words that end in a trailing marker but are complete on their own.
_WHOLE = tuple((
    "检查一下 配对 核对 反对 现在 存在 实在 正在 不在 还在 自在 一下就 没有 只有 所有 还有吗 回去 "
    "出去 过去 下去 上去 进去 看到 想到 听到 收到 做到 找到 遇到 迟到 "
    "到了 不要 重要 需要 主要 只要 想要 要不要 不会 学会 开会 一会 机会 "
    "社会 不能 可能 功能 不对 面对 绝对 相对 不是 总是 可以 "
    "不可以 难为 认为 以为 作为 因为啥 晓得 觉得 记得 值得 舍得 懂得 不得 "
    "怎么说 咋说 这么说 那么说 小说 再说 不说 没说 别说 难说 胡说 瞎说 好说 "
    "了不得 这个吗 那个吗 怎么样 干什么 几个 一个一个 高兴 我也是 也对 就好 "
    "再见 又来 都好 才怪 先生 "
).split())


def _misheard_conjunction(clause: str) -> bool:
    """The clause ends in what sounds like 然后 / 还有 / 所以 … as Whisper mishears it (然后 → 延后):
    the second syllable the same, the first with the same final, after at least two characters."""
    tail = clause[-2:]
    if len(clause) < 4 or tail in _ZH_CONJUNCTIONS or not all("\u4e00" <= c <= "\u9fff" for c in tail):
        return False
    if _ZH_QUESTION.search(clause):
        return False  # "饭前吃还是饭后": asked, not continued
    first = syllable(tail[0])
    return any(tail[1] == c[1] and first[1] == syllable(c[0])[1] for c in _ZH_CONJUNCTIONS)


def _ends_in_whole_word(clause: str) -> bool:
    for word in _WHOLE:
        if clause.endswith(word):
            # "提醒我还有" ends in 还有 (unfinished) even though 只有/没有 are whole.
            return not any(clause.endswith(t) and len(t) > len(word) for t in _ZH_TRAILING)
    return False


def _judge_en(raw: str) -> Verdict:
    text = raw.lower().rstrip(_END_PUNCT)
    asked = text.endswith(_QUESTION_MARKS)
    text = text.rstrip("?").strip()
    words = re.findall(r"[a-z0-9':.]+", text.rsplit(",", 1)[-1])
    if not words:
        return Verdict.UNSURE
    lone_wh = len(words) == 1 and not asked and _EN_QUESTION_START.match(words[0]) is not None  # "What…"
    if words[-1] in _EN_TRAILING or text.endswith(_EN_TRAILING_PHRASES) or lone_wh:
        return Verdict.UNFINISHED
    if not asked and (_EN_WH_NOUN.match(" ".join(words)) or _bare_subject(words)):
        return Verdict.UNFINISHED
    if _EN_BARE_TIME.match(" ".join(words)) or _remind_without_what(text):
        return Verdict.UNFINISHED
    if text.startswith(_EN_OPENERS) and "," not in text and not asked:
        return Verdict.UNFINISHED
    if asked or (len(words) >= 3 and _EN_QUESTION_START.match(" ".join(words))):
        return Verdict.FINISHED
    return Verdict.UNSURE


def _bare_subject(words: list[str]) -> bool:
    """"my grandson, he": a subject with no verb yet ("where is he" asks about him)."""
    return words[-1] in _EN_SUBJECTS and (len(words) == 1 or words[-2] not in _EN_AUX)


def _remind_without_what(text: str) -> bool:
    """"remind me tomorrow at eight": reminded of nothing yet."""
    if not re.search(r"\bremind (?:me|him|her|us)\b", text):
        return False
    return not re.search(r"\b(?:to|about|that|of)\b", text.split("remind", 1)[1])
