"""Emergencies in what the elder says: a fall, a call for help, chest pain, breathlessness, a stroke,
fainting, bleeding, fire or gas, the wrong medicine, a burn, someone lost, a sudden illness, and a
crisis (words of suicide or self-harm, kind ``"crisis"``). The kinds and their phrases are in
:mod:`assistant.care.emergency_kinds`.

:func:`detect_emergency` reads one utterance and returns an :class:`Emergency` or None. It is pure,
fast (regular expressions) and tuned for few false alarms:

* a *signal* is a phrase that states an emergency happening now ("我摔倒了", "起不来了", "救命",
  "胸口疼得厉害", "喘不上气", "I've fallen", "can't breathe");
* it does not count inside a clause that is negated ("没摔倒", "不疼了"), hypothetical ("要是摔倒了
  怎么办", "怕摔倒"), a general question ("胸口疼是什么原因"), or a compound that is not a call
  for help ("救命恩人");
* nor in a sentence about television, a film, a story, a dream or hearsay ("电视里有人摔倒了",
  "听说张大爷摔倒了"), or about the past ("去年摔了一跤") unless the same clause says it is still
  so ("现在还起不来").

Someone else in the home counts ("老伴摔倒了，起不来了"): the family must be told either way. A stroke
is also found from two soft signs together ("头晕，手脚发麻"), and a crisis only in the user's own
words; both are explained in :mod:`assistant.care.emergency_signs`. A cold sweat with another symptom
("手抖得厉害，直冒冷汗") is a sudden illness.
The measured precision and recall on ``tests/care/emergency_phrases.tsv`` are in the README.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.care.emergency_causes import name_cause
from assistant.care.emergency_kinds import (
    ILLNESS_SOFT_RES,
    SIGNAL_RES,
    SWEAT_EXPLAINED,
    excused,
    split_signal,
)
from assistant.care.emergency_signs import (
    CRISIS_CONDITION,
    CRISIS_HYPERBOLE,
    CRISIS_HYPOTHETICAL,
    CRISIS_NEGATION,
    CRISIS_RE,
    CRISIS_RESOLVED,
    CRISIS_SUBJECT,
    DIZZY_EXPLAINED,
    POSITIONAL,
    STROKE_SOFT_RES,
)

_CLAUSE = re.compile(r"[，,；;：:、]")
_SENTENCE = re.compile(r"[。！？!?…\n]+|\.\s")

# A fall or pain said strongly enough to need no other sign of urgency.
_SEVERE = re.compile(r"厉害|得很|受不了|要命|特别|非常|剧烈|突然|起不来|动不了"
                     r"|badly|really|severe|terrible", re.I)

_NEGATION = re.compile(
    r"(没|没有|不是|并没|别|不要|不会|不用|未)(摔|跌|倒|事|疼|痛|闷|晕|喘|着火|流血|麻|歪)"
    r"|不(疼|痛|闷|晕|喘|麻)了|好(多)?了|没事|没什么事|不要紧|放心"
    r"|差(一)?点(儿)?|险些"  # "差点摔倒", "差点把硬币吞下去": it did not happen
    r"|\b(not(?! (breathing|responding|answering|waking|moving|conscious))"
    r"|didn'?t|don'?t|no longer|never|i'?m ok|i'?m fine)\b",
    re.I)
_HYPOTHETICAL = re.compile(
    r"如果|要是|假如|假设|万一|的话|(?<![恐只])怕(?!是|不是)|(恐|只)怕(会|要)"  # 怕是, 恐怕: "probably"
    r"|随便问问|(就|只)是?问问"
    r"|担心|害怕|会不会|容易|预防|防止|避免|(?<!不)小心|注意|以防|怎么预防|该怎么办|怎(么)?样才能"
    r"|的(人|病人|老人)(要|该|应该|怎么|能|可以|吃|得|一般)"  # people in general: "昏迷的人怎么护理"
    r"|\b(if|in case|what should|how (do|can|to)|afraid|worried|prevent|avoid|would|just asking)\b", re.I)
_QUESTION_GENERAL = re.compile(
    r"是什么(原因|病|意思)|什么原因|(?<!有)什么意思|怎么回事|为什么|是不是.{0,6}病|应该(先)?(做什么|怎么(做|办))|该做什么"
    r"|有哪些(症状|表现)|什么症状"
    r"|\b(what causes|why does|is it normal|what should|signs of|symptoms of)\b", re.I)
_FIRST_PERSON = re.compile(r"我|俺|\b(i|my|me)\b", re.I)
_RESOLVED = re.compile(r"已经好了|已经没事|没事|好多了|不要紧|没大碍|老毛病|老样子"
                       r"|\b(i'?m (ok|fine)( now)?|it'?s passed"
                       r"|(he'?s|she'?s|they'?re|is|are) (doing )?(fine|well|ok|okay) now)\b", re.I)
_NOT_HERE = re.compile(
    r"电视|电影|电视剧|新闻|节目|视频|小说|故事|戏里|剧里|书上|广告|这首歌|歌里|歌词|唱的|梦见|梦到|做梦|做了个梦|听说|据说|(他|她|人家)说(?!话|不(出|清))"
    r"|\b(tv|television|movie|film|show|story|book|song|lyrics|dream(ed|t)?|heard that|news)\b", re.I)
_PAST = re.compile(
    r"昨天|前天|上次|上回|上周|上个?(礼拜|星期)|上个月|去年|前年|以前|那年|小时候|年轻时|几年前|前几天|那次"
    r"|\b(yesterday|last (week|month|year)|years ago|once)\b", re.I)
_CANNOT = re.compile(r"\bcan ?not\b", re.I)  # "cannot get up", "can not breathe": one form, "can't"
_MISTAKE = re.compile(r"吃错|拿错|搞错|弄错|不小心|误(吃|服)|当成|\b(by mistake|accidentally)\b", re.I)
_DIALECT = re.compile(r"咋")  # "咋整", "咋防": 怎么
_CRY = re.compile(r"救命|救救我|help me", re.I)  # a cry for help is never hypothetical
_STILL = re.compile(r"现在|还是|还在|仍然|一直|到现在|\b(still|now)\b", re.I)


@dataclass(frozen=True, slots=True, kw_only=True)
class Emergency:
    kind: str  # a key of KIND_LABELS: "fall", "help", "chest", …, "crisis"
    phrase: str  # the words that triggered it
    text: str  # the whole utterance


def _clause_ok(clause: str) -> bool:
    """Not negated, not hypothetical, not a general question about the sign."""
    if _NEGATION.search(clause) or _HYPOTHETICAL.search(clause):
        return False
    told_as_own = _SEVERE.search(clause) or _FIRST_PERSON.search(clause)
    return not (_QUESTION_GENERAL.search(clause) and not told_as_own)


def _clause_signal(clause: str, sentence: str, skip: frozenset[str]) -> tuple[str, str] | None:
    for kind, pattern in SIGNAL_RES.items():
        match = None if kind in skip else pattern.search(clause)
        if match is None or excused(kind, match.group(0), clause, sentence):
            continue
        return (kind, match.group(0)) if _clause_ok(clause) else None
    found = split_signal(clause, sentence)
    if found is None or excused(found[0], found[1], clause, sentence):
        return None
    return found if _clause_ok(clause) else None


def _crisis_clause(clause: str) -> str | None:
    match = CRISIS_RE.search(clause)
    if match is None or CRISIS_NEGATION.search(clause) or CRISIS_HYPERBOLE.search(clause):
        return None
    if CRISIS_HYPOTHETICAL.search(clause):  # "I'd kill myself if …" (Chinese conditions: the sentence)
        return None
    prefix = clause[:match.start()]  # "他不想活了", "你不想活了？": someone else's words, not the user's
    subjects = CRISIS_SUBJECT.findall(prefix)  # "我老伴说他活够了": the nearest subject is not the user
    if subjects and not _FIRST_PERSON.fullmatch(subjects[-1]):
        return None
    if _QUESTION_GENERAL.search(clause) and not _FIRST_PERSON.search(clause):
        return None
    return match.group(0)


def _crisis(sentence: str) -> str | None:
    """The words of suicidal thoughts in ``sentence`` (a "没事" does not cancel them), or None."""
    if CRISIS_RE.search(sentence) is None:
        return None
    if _PAST.search(sentence) and not _STILL.search(sentence):
        return None
    if CRISIS_RESOLVED.search(sentence) or CRISIS_CONDITION.search(sentence):
        return None
    for clause in _CLAUSE.split(sentence):
        phrase = _crisis_clause(clause)
        if phrase is not None and not ("药" in phrase and _MISTAKE.search(sentence)):
            return phrase  # pills taken by mistake ("吃错药了，吃了一整瓶安眠药") are the wrong medicine
    return None


def _soft_signs(clause: str, soft: dict[str, str]) -> None:
    """Add the soft signs in ``clause`` to ``soft`` (group -> words): a stroke's, and a sudden
    illness's (groups named ``ill:…``)."""
    for group, pattern in STROKE_SOFT_RES.items():
        match = pattern.search(clause)
        if match is not None and not (group == "limbs" and POSITIONAL.search(clause)):
            soft.setdefault(group, match.group(0))
    for group, pattern in ILLNESS_SOFT_RES.items():
        match = pattern.search(clause)
        if match is not None:
            soft.setdefault(f"ill:{group}", match.group(0))


def _sentence_signal(sentence: str, soft: dict[str, str], skip: frozenset[str]) -> tuple[str, str] | None:
    phrase = _crisis(sentence)
    if phrase is not None:
        return "crisis", phrase
    resolved = bool(_RESOLVED.search(sentence))  # "摔了一下，不过没事" (but "起不来了，没事的" is one)
    past = bool(_PAST.search(sentence))
    hypothetical = bool(_HYPOTHETICAL.search(sentence)) and not _CRY.search(sentence)
    for clause in _CLAUSE.split(sentence):
        if past and not _STILL.search(clause):
            continue
        mild = (hypothetical or resolved) and not _SEVERE.search(clause)
        found = _clause_signal(clause, sentence, skip)
        if found is None:
            if not mild and _clause_ok(clause):
                _soft_signs(clause, soft)
            continue
        if not mild:
            return found
    return None


def detect_emergency(text: str) -> Emergency | None:
    """The emergency that ``text`` reports happening now, or None (see the module docstring).

    A cry for help takes the kind of what else is said ("救命，老头子掉河里了" is someone in the water),
    and a plainer kind takes the cause named with it (:mod:`assistant.care.emergency_causes`)."""
    text = text.strip()
    if not text or len(text) > 400:
        return None
    sentences = [s for s in _SENTENCE.split(_DIALECT.sub("怎么", _CANNOT.sub("can't", text)))
                 if not _NOT_HERE.search(s)]
    found = _scan(sentences, text, frozenset())
    if found is not None and found.kind == "help":
        found = _scan(sentences, text, frozenset({"help"})) or found
    cause = None if found is None else name_cause(found.kind, sentences)
    return found if found is None or cause is None else replace(found, kind=cause)


def _scan(sentences: list[str], text: str, skip: frozenset[str]) -> Emergency | None:
    soft: dict[str, str] = {}
    for sentence in sentences:
        found = _sentence_signal(sentence, soft, skip)
        if found is not None:
            return Emergency(kind=found[0], phrase=found[1], text=text)
    return _soft_emergency(text, soft)


def _soft_emergency(text: str, soft: dict[str, str]) -> Emergency | None:
    """Two soft signs of a stroke ("头晕，手脚发麻"), or a cold sweat and another symptom ("手抖，冒冷汗")."""
    if DIZZY_EXPLAINED.search(text):
        soft.pop("dizzy", None)
    stroke = [words for group, words in soft.items() if not group.startswith("ill:")]
    if len(stroke) >= 2:
        return Emergency(kind="stroke", phrase="，".join(stroke), text=text)
    ill = {group: words for group, words in soft.items() if group.startswith("ill:")}
    if "ill:sweat" in ill and len(ill) >= 2 and not SWEAT_EXPLAINED.search(text):
        return Emergency(kind="illness", phrase="，".join(ill.values()), text=text)
    return None


@dataclass(frozen=True, slots=True, kw_only=True)
class EmergencyReport:
    """An emergency heard in a session, for the alert service (``Session`` → server → care)."""

    user_id: str  # the session's user ("" for --open, a users.id, or "phone:+86…")
    session_id: str
    emergency: Emergency
    at: float  # seconds since the epoch


_FIRST_WORDS_ZH = {
    "fall": "您先别急着起来。", "chest": "请您马上坐下或躺下，别走动。", "breath": "请您坐直，慢慢呼吸。",
    "stroke": "请您别动，坐下或躺下。", "faint": "请您先躺平，别站起来。",
    "bleeding": "请您用干净的布用力按住伤口。", "fire": "请您马上离开屋子，别开电器。",
    "poison": "请把药盒留着给医生看。", "crisis": "我在这儿陪着您，您不是一个人。",
    "burn": "请马上用凉水冲伤处。", "lost": "请您就在原地等，看看周围有什么店名或路牌。",
    "illness": "请您先坐下或躺下，别走动。",
    "shock": "请先拉下电闸或拔掉插头，断电前千万别用手碰他。",
    "drowning": "请大声喊人帮忙把人拉上来，您自己别下水。",
    "gas": "请马上开窗，到屋外透气，别开关电器。", "heat": "请把人挪到阴凉处，用湿毛巾擦身子降温。",
    "cold": "请尽快到暖和的地方，用被子或厚衣服裹住身子。",
    "allergy": "请坐直，慢慢呼吸，别再吃刚才那样东西。",
    "swallowed": "别催吐，也先别吃东西喝水。",
}
_FIRST_WORDS_EN = {
    "fall": "Please don't try to get up quickly.", "chest": "Please sit or lie down and keep still.",
    "breath": "Please sit up and breathe slowly.", "bleeding": "Press a clean cloth firmly on the wound.",
    "fire": "Please leave the room now.", "crisis": "I'm here with you, and you're not alone.",
    "burn": "Cool the burn under cold running water.", "lost": "Please stay where you are.",
    "shock": "Switch off the power first, and don't touch them until it's off.",
    "drowning": "Shout for help to get them out, and don't go into the water yourself.",
    "gas": "Open the windows and get outside into fresh air now.",
    "heat": "Move them into the shade and cool them with wet cloths.",
    "cold": "Get somewhere warm and wrap up in blankets.",
    "allergy": "Sit up and breathe slowly; if you have an adrenaline pen, use it now.",
    "swallowed": "Don't try to make them vomit, and give nothing to eat or drink.",
}
# kind -> what the family reads (webhooks, SMS; the family console has the same labels).
KIND_LABELS = {
    "fall": "摔倒", "help": "呼救", "chest": "胸痛", "breath": "呼吸困难", "stroke": "疑似中风",
    "faint": "晕倒", "bleeding": "出血", "fire": "火情或煤气", "poison": "吃错药", "crisis": "情绪危机",
    "burn": "烫伤", "lost": "走失", "illness": "突发急症", "shock": "触电", "drowning": "落水",
    "gas": "煤气中毒", "heat": "中暑", "cold": "冻伤失温", "allergy": "严重过敏", "swallowed": "误吞异物",
}


def spoken_digits(number: str) -> str:
    """"120" → "一二零": emergency and phone numbers are read digit by digit."""
    return "".join("零一二三四五六七八九"[int(ch)] if ch.isdigit() else ch for ch in number if ch not in " -")


@dataclass(frozen=True, slots=True, kw_only=True)
class EmergencyAdvice:
    """What the elder is told in an emergency (from the ``[alerts]`` settings)."""

    number: str = "120"
    family_phone: str = ""
    has_channel: bool = True  # a webhook will tell the family now
    offer_call: bool = False  # a phone line (Twilio) can call the family: offer it
    crisis_line: str = "12356"  # a psychological help line, said after words of suicide ("": none)


def emergency_reply(emergency: Emergency, *, language: str, advice: EmergencyAdvice | None = None) -> str:
    """What the elder hears at once: call the number, the family is being told, and the family's number."""
    advice = advice or EmergencyAdvice()
    number, family_phone, has_channel = advice.number, advice.family_phone, advice.has_channel
    line = advice.crisis_line if emergency.kind == "crisis" else ""
    if language == "en":
        call = (f"Please call {number} right now." if emergency.kind == "crisis"
                else f"Call {number} for help right away!")
        text = f"{_FIRST_WORDS_EN.get(emergency.kind, '')} {call} "
        text += "I'm telling your family now." if has_channel else "I will let your family know."
        if line:
            text += f" You can also call the help line {' '.join(ch for ch in line if ch.isdigit())}."
        if advice.offer_call:
            text += " Shall I call your family now?"
        elif family_phone:
            text += f" Your family's number is {' '.join(family_phone)}."
        return text.strip()
    if emergency.kind == "fire" and number == "120":
        call = "一一九火警电话"
    elif emergency.kind == "lost" and number == "120":
        call = "一一零报警电话"
    else:
        call = spoken_digits(number) + "急救电话"
    now = "现在就" if emergency.kind == "crisis" else "马上"
    text = f"{_FIRST_WORDS_ZH.get(emergency.kind, '')}请{now}拨打{call}！"
    if call != spoken_digits(number) + "急救电话":  # 119 or 110: the ambulance is still 120
        text += "有人受伤了或者身体不舒服，就打一二零。"
    text += "我正在通知您的家人。" if has_channel else "我会告诉您的家人。"
    if line:
        text += f"您也可以打心理援助热线{spoken_digits(line)}，那里有人听您说。"
    if advice.offer_call:
        text += "要我现在给您家人打电话吗？"
    elif family_phone:
        text += f"您家人的电话是{spoken_digits(family_phone)}，您也可以直接打过去。"
    return text


def advice_note(number: str) -> str:
    """For the family's message: what the elder was told."""
    return f"助手已建议老人拨打{number}。"
