"""What is said first in an emergency, before the number to call, where the kind alone says too little.

A gas leak with no fire is told apart from a fire: the valve shut and the windows opened come first,
no switch or flame touched, and the call made from outside (a fire's "leave the room, touch nothing
electric" does not shut the gas off). A pan alight is smothered with its lid and the heat turned off,
never water on it. A low blood sugar attack in someone with diabetes needs sugar at once, before sitting
still and waiting for the ambulance. Food stuck in the throat is coughed out, or pushed out from
below the ribs when no cough comes.

The words are said to whoever is in danger: when the sign is told of someone else, the nearest subject
before it a relative or he, she or someone ("老伴吃东西噎住了", "孙子摔倒了", "My husband collapsed"), the
user is the helper and hears what to do for them ("让他使劲咳嗽", not "请您坐直，慢慢呼吸"). Every other
emergency keeps the words of its kind (:mod:`assistant.care.emergency`). Pure logic.
"""

from __future__ import annotations

import re

from assistant.care.emergency_context import FIRST_PERSON
from assistant.care.emergency_signs import CRISIS_SUBJECT

_GAS = re.compile(r"煤气|燃气|天然气|液化气|\bgas\b", re.I)
# A fire or smoke, not a flame turned on or off ("关火", "点火") nor water boiled ("烧水").
_FLAME = re.compile(r"着火|起火|失火|火苗|火光|冒火|火着|烧起来|烧着|冒烟|浓烟|黑烟|着了"
                    r"|\b(fire|flames?|smoke|burning|alight)\b", re.I)
_PAN = re.compile(r"锅|\b(pan|pot|wok|chip pan|fryer)\b", re.I)
# Food or a thing stuck in the throat ("噎住了", "果冻卡住了"), not a fish bone (a fact, no emergency).
_CHOKE = re.compile(r"噎|卡(住|在)|\bchok(e|es|ed|ing)\b", re.I)
_NOT_BREATHING = re.compile(r"(没|没有)(了)?(呼吸|气息|心跳)|不喘气|没(了)?气(儿)?了|摸不(着|到)(气|心跳)"
                            r"|\b(not|isn'?t|stopped|no longer) breathing\b|\bno (pulse|heartbeat)\b", re.I)
_SHE = re.compile(r"她|妈|娘|老太婆?|老婆|媳妇|妻子|奶奶|姥姥|外婆|阿婆|婆婆"
                  r"|女儿|闺女|孙女|外孙女|姐|妹|母亲")
_YOU = re.compile(r"你|您|\byou\b", re.I)
# A seizure ("孙女发烧抽筋了", "他抽搐了"): on the side, nothing in the mouth, not held down.
_SEIZURE = re.compile(r"抽搐|抽风|抽筋|口吐白沫|\b(?:seizure|fit|convuls\w*|shaking all over)\b", re.I)
# A fall with blood ("老伴在浴室里摔了，头上流血了"): the wound pressed first.
_BLOOD = re.compile(r"流血|出血|血流|淌血|冒血|\bbleed\w*|\bblood\b", re.I)
# Sick after drink or poison while not awake ("喝多了酒，吐了一地，叫也不太应"): on the side, not the back.
_VOMIT = re.compile(r"吐|呕|\b(?:vomit\w*|throw\w* up|threw up|being sick)\b", re.I)
# Awake again after a faint ("晕过去了，现在醒了"): no check of the breath, but rest and company.
_AWAKE = re.compile(r"(?:醒了|醒过来|醒来了|缓过来|清醒了|睁眼了|能说话了)"
                    r"|\b(?:came|come|coming) (?:to|round|around)\b|\b(?:awake|conscious) (?:again|now)\b",
                    re.I)
_SUGAR = re.compile(r"低血糖|血糖|糖尿病|胰岛素|降糖|\b(sugar|diabet\w*|insulin|hypo\w*)\b", re.I)

_WORDS = {
    ("fall_bleeding", "zh"): "您先别急着起来，用干净的毛巾或布用力按住流血的地方。",
    ("fall_bleeding", "en"): "Don't try to get up yet; press a clean towel or cloth firmly on the bleeding.",
    ("leak", "zh"): "请先关上燃气阀门，打开窗户通风，千万别开关电灯电器、别点火，"
                    "马上到屋外去，到外面再打电话。",
    ("leak", "en"): "Turn the gas off at the valve, open the windows, don't touch any switch or flame, "
                    "and go outside; make the call from there.",
    ("pan", "zh"): "请马上关火，用锅盖或湿布把锅盖严，千万别用水泼。火灭不了就马上离开屋子。",
    ("pan", "en"): "Turn off the heat and cover the pan with its lid or a damp cloth; never throw water "
                   "on it. If it doesn't go out, leave the room now.",
    ("sugar", "zh"): "有糖尿病的话，请马上吃几块糖，或者喝半杯糖水、果汁，然后坐下别走动。",
    ("sugar", "en"): "If you're diabetic, eat some sugar or drink some juice right away, then sit down "
                     "and keep still.",
    ("choke", "zh"): ("请使劲咳嗽，把东西咳出来，别喝水也别用手抠；"
                     "咳不出来，就把肚子上方顶在椅背上，用力往上冲压。"),
    ("choke", "en"): "Cough hard to get it out, and drink nothing; if no cough comes, press your upper belly "
                     "hard against the back of a chair, in and up.",
}
# The same emergencies told of someone else: the user is the helper.
_FOR_SOMEONE = {
    ("choke", "zh"): "让他使劲咳嗽；咳不出来、说不出话，就站到他身后抱住他，一手握拳顶在他肚脐上方，"
                     "另一只手包住拳头，快速向里向上冲压，直到东西吐出来。",
    ("choke", "en"): ("Get them to cough hard; if they can't cough or speak, stand behind them, put a fist "
                     "just above the navel, grasp it with your other hand and thrust in and up until it "
                     "comes out."),
    ("not_breathing", "zh"): "让他平躺在硬地上，打通一二零以后，照接线员说的给他做胸外按压。",
    ("not_breathing", "en"): ("Lay them flat on a firm surface; once you're through to 120, do chest "
                             "compressions as the operator tells you."),
    ("fall", "zh"): "先别急着扶他起来，看看他能不能动、哪儿疼，给他盖件衣服保暖。",
    ("fall", "en"): ("Don't rush to lift them; see whether they can move and where it hurts, "
                    "and keep them warm."),
    ("chest", "zh"): "让他马上坐下或躺下，别走动，解开衣领。",
    ("chest", "en"): "Have them sit or lie down and keep still, and loosen tight clothing.",
    ("breath", "zh"): "扶他坐直，解开衣领，打开窗户透气。",
    ("breath", "en"): "Help them sit up, loosen their collar and open a window.",
    ("stroke", "zh"): "让他躺下或坐下别动，记住是几点发病的，先别给他吃东西喝水。",
    ("stroke", "en"): ("Keep them still, lying or sitting; note the time it started, and give them "
                      "nothing to eat or drink."),
    ("fall_bleeding", "zh"): ("先别急着扶他起来，用干净的毛巾或布用力按住流血的地方，"
                              "看看他清不清醒、能不能动，给他盖件衣服保暖。"),
    ("fall_bleeding", "en"): ("Don't rush to lift them; press a clean towel or cloth firmly on the bleeding, "
                              "see whether they are awake and can move, and keep them warm."),
    ("faint", "zh"): "让他平躺，解开衣领，看看他还有没有呼吸。",
    ("faint", "en"): "Lay them flat, loosen their collar and check that they are breathing.",
    ("side", "zh"): "让他侧躺，头偏向一边，别让吐的东西呛进气管；解开衣领，看看他还有没有呼吸。",
    ("side", "en"): ("Turn them on their side with the head tilted, so that vomit can't choke them; loosen "
                    "their collar and check that they are breathing."),
    ("seizure", "zh"): ("让他侧躺，别往他嘴里塞东西，也别使劲按住他，"
                        "把周围硬的东西挪开，记下抽了多长时间。"),
    ("seizure", "en"): ("Lay them on their side, put nothing in their mouth and don't hold them down; "
                       "move hard things away, and note how long it lasts."),
    ("awake", "zh"): "让他先躺着别急着起来，别给他吃东西喝水，陪着他，看他说话清不清楚、手脚有没有劲。",
    ("awake", "en"): ("Have them stay lying down and not get up yet, give them nothing to eat or drink, and "
                     "stay with them; watch whether their speech is clear and their arms and legs are "
                     "strong."),
    ("bleeding", "zh"): "用干净的布用力按住他的伤口，别松手。",
    ("bleeding", "en"): "Press a clean cloth firmly on their wound and keep pressing.",
    ("illness", "zh"): "让他坐下或躺下，别走动。",
    ("illness", "en"): "Have them sit or lie down and keep still.",
    ("sugar", "zh"): "他有糖尿病、人还清醒的话，马上给他吃几块糖，或者喝半杯糖水、果汁，然后让他坐下别走动。",
    ("sugar", "en"): ("If they're diabetic and awake, give them some sugar or juice right away, then have "
                     "them sit down and keep still."),
    ("allergy", "zh"): "扶他坐直，别再让他吃刚才那样东西。",
    ("allergy", "en"): "Help them sit up; if they have an adrenaline pen, use it now.",
}


def variant(kind: str, text: str) -> str:
    """"leak", "pan", "sugar", "choke", "fall_bleeding", "not_breathing", "seizure", "side" or "awake"
    when ``text`` tells that of an emergency of ``kind``, else ``kind``."""
    if kind == "fire" and _GAS.search(text) and not _FLAME.search(text):
        return "leak"  # "屋里一股煤气味儿", "I can smell gas"
    if kind == "fire" and _PAN.search(text):
        return "pan"  # "锅里的油着火了", "the frying pan caught fire"
    if kind == "illness" and _SUGAR.search(text):
        return "sugar"  # "我有糖尿病，心慌手抖，一身虚汗"
    if kind == "breath" and _CHOKE.search(text):
        return "choke"  # "老伴吃东西噎住了"
    if kind in {"faint", "breath"} and _NOT_BREATHING.search(text):
        return "not_breathing"  # "他倒下了，没呼吸了" (only someone else: whoever says it breathes)
    if kind == "fall" and _BLOOD.search(text):
        return "fall_bleeding"  # "老伴在浴室里摔了，头上流血了"
    if kind == "faint" and _SEIZURE.search(text):
        return "seizure"  # "我孙女发烧抽筋了"
    if kind == "faint" and _VOMIT.search(text):
        return "side"  # "老头子喝多了酒，吐了一地，叫也不太应"
    if kind == "faint" and _AWAKE.search(text):
        return "awake"  # "老伴晕过去了，现在醒了" (only someone else: she says it of herself as "faint")
    return kind


def someone_else(text: str, phrase: str) -> str:
    """The one the sign ``phrase`` is told of when that is not the user: the nearest subject before it (in
    ``text``), a relative, he, she or someone ("我老伴噎住了" → "老伴", "He collapsed" → "He"); "" for "我"
    or none."""
    at = text.find(phrase) if phrase else -1
    # (or within the sign's own words: "My wife fell" names her)
    subjects = CRISIS_SUBJECT.findall(text[:at] if at >= 0 else text) or CRISIS_SUBJECT.findall(phrase)
    if not subjects or FIRST_PERSON.fullmatch(subjects[-1]) or _YOU.fullmatch(subjects[-1]):
        return ""
    return str(subjects[-1])


def first_words(kind: str, text: str, language: str, *, phrase: str = "") -> str | None:
    """The words said first for this emergency, or None: those of its kind."""
    lang = "en" if language == "en" else "zh"
    which = variant(kind, text)
    who = someone_else(text, phrase)
    if not who:
        helper_only = ("not_breathing", "awake", "side", "seizure")  # said of someone else only
        return _WORDS.get((which, lang)) if which not in helper_only else None
    words = _FOR_SOMEONE.get((which, lang)) or _FOR_SOMEONE.get((kind, lang)) or _WORDS.get((which, lang))
    return words.replace("他", "她") if words and _SHE.fullmatch(who) else words
