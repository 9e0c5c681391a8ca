"""What is said first in an emergency, before the number to call, where the kind alone says too little.

A gas leak with no fire is told apart from a fire: the valve shut and the windows opened come first,
no switch or flame touched, and the call made from outside (a fire's "leave the room, touch nothing
electric" does not shut the gas off). A pan alight is smothered with its lid and the heat turned off,
never water on it. A low blood sugar attack in someone with diabetes needs sugar at once, before sitting
still and waiting for the ambulance. Every other emergency keeps the words of its kind
(:mod:`assistant.care.emergency`). Pure logic.
"""

from __future__ import annotations

import re

_GAS = re.compile(r"煤气|燃气|天然气|液化气|\bgas\b", re.I)
# A fire or smoke, not a flame turned on or off ("关火", "点火") nor water boiled ("烧水").
_FLAME = re.compile(r"着火|起火|失火|火苗|火光|冒火|火着|烧起来|烧着|冒烟|浓烟|黑烟|着了"
                    r"|\b(fire|flames?|smoke|burning|alight)\b", re.I)
_PAN = re.compile(r"锅|\b(pan|pot|wok|chip pan|fryer)\b", re.I)
_SUGAR = re.compile(r"低血糖|血糖|糖尿病|胰岛素|降糖|\b(sugar|diabet\w*|insulin|hypo\w*)\b", re.I)

_WORDS = {
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
}


def variant(kind: str, text: str) -> str:
    """"leak", "pan" or "sugar" when ``text`` tells that of an emergency of ``kind``, else ``kind``."""
    if kind == "fire" and _GAS.search(text) and not _FLAME.search(text):
        return "leak"  # "屋里一股煤气味儿", "I can smell gas"
    if kind == "fire" and _PAN.search(text):
        return "pan"  # "锅里的油着火了", "the frying pan caught fire"
    if kind == "illness" and _SUGAR.search(text):
        return "sugar"  # "我有糖尿病，心慌手抖，一身虚汗"
    return kind


def first_words(kind: str, text: str, language: str) -> str | None:
    """The words said first for this emergency, or None: those of its kind."""
    return _WORDS.get((variant(kind, text), "en" if language == "en" else "zh"))
