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
  "听说张大爷摔倒了"; what comes before "他说" counts: "老伴胸口疼得厉害，他说喘不上气"), or about the
  past ("去年摔了一跤") unless the same clause says it is still so ("现在还起不来");
* nor in a question of first aid asked about no one ("噎住了怎么急救"; "老伴噎住了怎么急救" is one).

Someone else in the home counts ("老伴摔倒了，起不来了"): the family must be told either way. A stroke
is also found from two soft signs together ("头晕，手脚发麻") (:mod:`assistant.care.emergency_signs`),
and a crisis in the user's own words or relayed from someone close ("我妈说她不想活了": the user is
then answered as the helper) (:mod:`assistant.care.emergency_crisis`). A cold sweat with another symptom
("手抖得厉害，直冒冷汗") is a sudden illness.
The measured precision and recall on ``tests/care/emergency_phrases.tsv`` are in the README.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from assistant.care.emergency_causes import name_cause
from assistant.care.emergency_context import (
    CANNOT,
    CLAUSE,
    CRY,
    DIALECT,
    FIRST_AID,
    FIRST_PERSON,
    HYPOTHETICAL,
    NEGATION,
    PAST,
    PERSON,
    QUESTION_GENERAL,
    RESOLVED,
    SENTENCE,
    SEVERE,
    STILL,
    TOPIC_PAUSE,
    URGENT,
    told_here,
)
from assistant.care.emergency_crisis import crisis_in
from assistant.care.emergency_first import first_words
from assistant.care.emergency_kinds import (
    ILLNESS_SOFT_RES,
    SIGNAL_RES,
    SWEAT_EXPLAINED,
    excused,
    split_signal,
)
from assistant.care.emergency_signs import CRISIS_JOKE, DIZZY_EXPLAINED, POSITIONAL, STROKE_SOFT_RES


@dataclass(frozen=True, slots=True, kw_only=True)
class Emergency:
    kind: str  # a key of KIND_LABELS: "fall", "help", "chest", …, "crisis"
    phrase: str  # the words that triggered it
    text: str  # the whole utterance
    relayed: bool = False  # a crisis in the words of someone close, told by the user (who is the helper)


def _clause_ok(clause: str) -> bool:
    """Not negated, not hypothetical, not a general question about the sign."""
    if NEGATION.search(clause) or HYPOTHETICAL.search(clause):
        return False
    told_as_own = SEVERE.search(clause) or FIRST_PERSON.search(clause)
    return not (QUESTION_GENERAL.search(clause) and not told_as_own)


def _first_aid_question(clause: str, at: int) -> bool:
    """How to give first aid for the sign at ``at``, asked about no one ("噎住了怎么急救", "老人摔倒了
    怎么处理"), not about someone here ("老伴噎住了怎么急救") nor in haste ("噎住了，快，怎么救")."""
    return bool(FIRST_AID.search(clause)) and not PERSON.search(clause[:at]) and not URGENT.search(clause)


def _clause_signal(clause: str, sentence: str, skip: frozenset[str]) -> tuple[str, str] | None:
    for kind, pattern in SIGNAL_RES.items():
        match = None if kind in skip else pattern.search(clause)
        if match is None or excused(kind, match.group(0), clause, sentence):
            continue
        ok = _clause_ok(clause) and not _first_aid_question(clause, match.start())
        return (kind, match.group(0)) if ok else None
    found = split_signal(clause, sentence)
    if found is None or excused(found[0], found[1], clause, sentence):
        return None
    return found if _clause_ok(clause) else None


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
    resolved = bool(RESOLVED.search(sentence))  # "摔了一下，不过没事" (but "起不来了，没事的" is one)
    past = bool(PAST.search(sentence))
    hypothetical = bool(HYPOTHETICAL.search(sentence)) and not CRY.search(sentence)
    for clause in CLAUSE.split(sentence):
        if past and not STILL.search(clause):
            continue
        mild = (hypothetical or resolved) and not SEVERE.search(clause)
        found = _clause_signal(clause, sentence, skip)
        if found is None:
            if not mild and _clause_ok(clause):
                _soft_signs(clause, soft)
            continue
        if not mild or (found[0] == "intruder" and not resolved):  # fear said beside a break-in is no "if"
            return found
    return None


def detect_emergency(text: str) -> Emergency | None:
    """The emergency that ``text`` reports happening now, or None (see the module docstring).

    A cry for help takes the kind of what else is said ("救命，老头子掉河里了" is someone in the water),
    and a plainer kind takes the cause named with it (:mod:`assistant.care.emergency_causes`)."""
    text = text.strip()
    if not text or len(text) > 400:
        return None
    sentences = SENTENCE.split(TOPIC_PAUSE.sub(r"\1\2", DIALECT.sub("怎么", CANNOT.sub("can't", text))))
    here = [told_here(s) for s in sentences]
    close = [told_here(s, close=True) for s in sentences]  # with the words of someone close, for a crisis
    found = _scan(here, close, text, frozenset())
    if found is not None and found.kind == "help":
        found = _scan(here, close, text, frozenset({"help"})) or found
    cause = None if found is None else name_cause(found.kind, here)
    return found if found is None or cause is None else replace(found, kind=cause)


def _scan(here: list[str], close: list[str], text: str, skip: frozenset[str]) -> Emergency | None:
    soft: dict[str, str] = {}
    for sentence, with_words in zip(here, close, strict=True):
        crisis = crisis_in(with_words)
        if crisis is not None and not (crisis.relayed and CRISIS_JOKE.search(text)):
            return Emergency(kind="crisis", phrase=crisis.phrase, text=text, relayed=crisis.relayed)
        found = _sentence_signal(sentence, soft, skip)
        if found is not None:
            return Emergency(kind=found[0], phrase=found[1], text=text)
    return _soft_emergency(text, soft)


def _soft_emergency(text: str, soft: dict[str, str]) -> Emergency | None:
    """Two soft signs of a stroke ("头晕，手脚发麻"), a cold sweat and another symptom ("手抖，冒冷汗"), or a
    fever and a muddled mind ("发高烧，人有点糊涂了")."""
    if DIZZY_EXPLAINED.search(text):
        soft.pop("dizzy", None)
    stroke = [words for group, words in soft.items() if not group.startswith("ill:")]
    if len(stroke) >= 2:
        return Emergency(kind="stroke", phrase="，".join(stroke), text=text)
    ill = {group: words for group, words in soft.items() if group.startswith("ill:")}
    if "ill:sweat" in ill and len(ill) >= 2 and not SWEAT_EXPLAINED.search(text):
        return Emergency(kind="illness", phrase="，".join(ill.values()), text=text)
    if "ill:fever" in ill and "ill:muddled" in ill:  # a fever that muddles the mind
        return Emergency(kind="illness", phrase=f"{ill['ill:fever']}，{ill['ill:muddled']}", text=text)
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
    "intruder": "请先保护好自己：别出声，别和坏人硬碰，能躲就躲进屋里锁上门。",
    "shock": "请先拉下电闸或拔掉插头，断电前千万别用手碰他。",
    "drowning": "请大声喊人帮忙把人拉上来，您自己别下水。",
    "gas": "请马上开窗，到屋外透气，别开关电器。", "heat": "请把人挪到阴凉处，用湿毛巾擦身子降温。",
    "cold": "请尽快到暖和的地方，用被子或厚衣服裹住身子。",
    "allergy": "请坐直，慢慢呼吸，别再吃刚才那样东西。",
    "swallowed": "别催吐，也先别吃东西喝水。", "food": "先别再吃了，剩下的东西留着给医生看。",
}
_FIRST_WORDS_EN = {
    "fall": "Please don't try to get up quickly.", "chest": "Please sit or lie down and keep still.",
    "breath": "Please sit up and breathe slowly.", "bleeding": "Press a clean cloth firmly on the wound.",
    "fire": "Please leave the room now.", "crisis": "I'm here with you, and you're not alone.",
    "burn": "Cool the burn under cold running water.", "lost": "Please stay where you are.",
    "intruder": "Keep yourself safe first: stay quiet, don't confront them, and lock yourself in a room.",
    "shock": "Switch off the power first, and don't touch them until it's off.",
    "drowning": "Shout for help to get them out, and don't go into the water yourself.",
    "gas": "Open the windows and get outside into fresh air now.",
    "heat": "Move them into the shade and cool them with wet cloths.",
    "cold": "Get somewhere warm and wrap up in blankets.",
    "allergy": "Sit up and breathe slowly; if you have an adrenaline pen, use it now.",
    "swallowed": "Don't try to make them vomit, and give nothing to eat or drink.",
    "food": "Don't eat any more of it, and keep what's left for the doctor.",
}
# kind -> what the family reads (webhooks, SMS; the family console has the same labels).
KIND_LABELS = {
    "fall": "摔倒", "help": "呼救", "chest": "胸痛", "breath": "呼吸困难", "stroke": "疑似中风",
    "faint": "晕倒", "bleeding": "出血", "fire": "火情或煤气", "poison": "吃错药", "crisis": "情绪危机",
    "burn": "烫伤", "lost": "走失", "illness": "突发急症", "shock": "触电", "drowning": "落水",
    "gas": "煤气中毒", "heat": "中暑", "cold": "冻伤失温", "allergy": "严重过敏", "swallowed": "误吞异物",
    "food": "食物中毒", "intruder": "入室盗窃或抢劫",
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
    """What the elder hears at once: call the number, the family is being told, and the family's number.

    A crisis in the words of someone close (``relayed``) is answered to the user as their helper
    (:func:`_helper_reply`)."""
    advice = advice or EmergencyAdvice()
    if emergency.kind == "crisis" and emergency.relayed:
        return _helper_reply(advice, language=language)
    number = advice.number
    line = advice.crisis_line if emergency.kind == "crisis" else ""
    told = f"{emergency.text} {emergency.phrase}"  # as heard, and as read when heard in other characters
    if language == "en":
        call = (f"Please call {number} right now." if emergency.kind == "crisis"
                else "Call the police (110) right away!" if emergency.kind == "intruder" and number == "120"
                else f"Call {number} for help right away!")
        first = (first_words(emergency.kind, told, language, phrase=emergency.phrase)
                 or _FIRST_WORDS_EN.get(emergency.kind, ""))
        text = f"{first} {call}" + _family_told(advice, language, own=True)
        if line:
            text += f" You can also call the help line {_digits_en(line)}."
        return (text + _family_reached(advice, language, own=True)).strip()
    if emergency.kind == "fire" and number == "120":
        call = "一一九火警电话"
    elif emergency.kind in ("lost", "intruder") and number == "120":
        call = "一一零报警电话"
    else:
        call = spoken_digits(number) + "急救电话"
    now = "现在就" if emergency.kind == "crisis" else "马上"
    first = (first_words(emergency.kind, told, language, phrase=emergency.phrase)
             or _FIRST_WORDS_ZH.get(emergency.kind, ""))
    text = f"{first}请{now}拨打{call}！"
    if call != spoken_digits(number) + "急救电话":  # 119 or 110: the ambulance is still 120
        text += "有人受伤了或者身体不舒服，就打一二零。"
    text += _family_told(advice, language, own=True)
    if line:
        text += f"您也可以打心理援助热线{spoken_digits(line)}，那里有人听您说。"
    return text + _family_reached(advice, language, own=True)


def _helper_reply(advice: EmergencyAdvice, *, language: str) -> str:
    """For someone who tells that a person close to them spoke of ending their life ("我妈说她不想活了"):
    stay with them and put the means away, 120 if they are hurt or in danger, the family is told, the
    help line together. 他 is said for him or her alike (他 and 她 sound the same)."""
    line = advice.crisis_line
    if language == "en":
        text = ("Please stay with them now and don't leave them alone; put pills and knives out of reach. "
                f"If they have hurt themselves or are in danger, call {advice.number} right away!")
        text += _family_told(advice, language, own=False)
        if line:
            text += f" You can also call the help line {_digits_en(line)} together."
        return text + _family_reached(advice, language, own=False)
    text = ("请您现在就陪着他，别让他一个人待着，把药和刀收起来。"
            f"他要是伤了自己或者有危险，请马上拨打{spoken_digits(advice.number)}急救电话！")
    text += _family_told(advice, language, own=False)
    if line:
        text += f"您也可以陪他打心理援助热线{spoken_digits(line)}，那里有人听他说。"
    return text + _family_reached(advice, language, own=False)


def family_lines(advice: EmergencyAdvice, language: str) -> str:
    """That her family is being told, and the offer to call them (or their number)."""
    told = _family_told(advice, language, own=True)
    return told + _family_reached(advice, language, own=True)


def _family_told(advice: EmergencyAdvice, language: str, *, own: bool) -> str:
    """That the family is being told: the user's own family (``own``), or the household's to a helper."""
    if language == "en":
        whose = "your" if own else "the"
        if advice.has_channel:
            return f" I'm telling {whose} family now."
        return f" I will let {whose} family know."
    whose = "您的" if own else ""
    return f"我正在通知{whose}家人。" if advice.has_channel else f"我会告诉{whose}家人。"


def _family_reached(advice: EmergencyAdvice, language: str, *, own: bool) -> str:
    """The offer to call the family (with a phone line), or else their number, if any."""
    if language == "en":
        whose = "your" if own else "the"
        if advice.offer_call:
            return f" Shall I call {whose} family now?"
        if advice.family_phone:
            return f" {whose.capitalize()} family's number is {' '.join(advice.family_phone)}."
        return ""
    whose = "您" if own else ""
    if advice.offer_call:
        return f"要我现在给{whose}家人打电话吗？"
    if advice.family_phone:
        return f"{whose}家人的电话是{spoken_digits(advice.family_phone)}，您也可以直接打过去。"
    return ""


def _digits_en(number: str) -> str:
    """"12356" → "1 2 3 5 6": a help line read digit by digit."""
    return " ".join(ch for ch in number if ch.isdigit())


def advice_note(number: str) -> str:
    """For the family's message: what the elder was told."""
    return f"助手已建议老人拨打{number}。"
