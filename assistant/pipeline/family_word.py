"""Words for the family: "帮我告诉女儿，周末回来吃饭" is passed on, not answered with a promise.

The elder asks the assistant to tell a relative something ("跟我儿子说一声我到家了", "给闺女带个话：药吃完了",
"tell my son I'm fine"). The words are stored as an alert of kind ``message`` for her household (the
family console lists it, and every alert channel sends it); she hears that they were left, and who can
read them. Without a household to leave them with (an unpaired session), she hears plainly that they
were not passed on. Pure logic here; the server does the storing (:mod:`assistant.care.alerts`).

Not a request to pass words on: a question about how or whether to tell ("我该怎么跟儿子说",
"要不要告诉女儿"), a wish to keep something from them ("别告诉我女儿": :mod:`.intents`), what a
relative said ("我儿子告诉我…"), "告诉我儿子的电话" (tell me), and a wish to talk or call
("我想跟女儿说说话", "给儿子打个电话").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_KIN_ZH = (r"(?:大|二|三|小)?(?:儿子|女儿|闺女|孙子|孙女|外孙女?|儿媳妇?|媳妇|女婿|侄子|侄女|外甥女?)"
           r"|老伴儿?|老头子?|老婆子|家里人|家人|孩子们|孩子|儿女|老大|老二|老三")
_ASK_ZH = r"(?:你|您)?(?:帮我|替我|给我|麻烦你|麻烦您|请你|请您|你|您)?"
_TO_ZH = rf"(?:我的?|我们家的?|我家的?)?(?:{_KIN_ZH})"
# after the relative: how the words are to go ("说一声", "带个话", "发个微信说")
_HOW_ZH = (r"(?:(?:说一声|说一下|说声|讲一声|讲一下|带个话|带句话|带一句话|捎个话|捎句话|传个话|留个言|留句话"
           r"|留个话|转告一下|发个(?:微信|消息|信息|短信)|发条(?:微信|消息|信息|短信))(?:说|讲)?|说|讲)")
_ZH = re.compile(
    rf"^(?:那个|就是|哎呀|哎|嗯|喂)?[，,\s]*{_ASK_ZH}"
    rf"(?:(?:告诉|转告|通知|问问|问一下|问一声)(?:一下)?{_TO_ZH}(?:一声|一下)?|(?:跟|和|给|同){_TO_ZH}{_HOW_ZH})"
    r"[，,：:\s“\"]*(?:说|讲)?[，,：:\s“\"]*(?P<words>.+)$")
# the words are a question to the assistant, or about how or whether to tell
_NOT_ZH = re.compile(r"(?:怎么|如何|咋|该不该|要不要|能不能|可不可以|是不是|好不好|什么|啥|吗|呢"
                     r"|哪[儿里]?|谁|多少)[。？?！!]*$|^[的地]|^(?:打个?电话|打电话|视频|说说话|聊聊|聊天)"
                     r"|^(?:了|过)(?:[。，！]|$)|^(?:一声|一下)$")
_QUESTION_START = re.compile(r"^(?:我|咱)?(?:该|要|应该|想|能)?(?:怎么|如何|咋)")

_KIN_EN = (r"(?:son|daughter|grandson|granddaughter|grandchildren|grandkids|kids|children|husband|wife"
           r"|family|nephew|niece|son-in-law|daughter-in-law)")
_EN = re.compile(
    rf"^(?:please,? |can you |could you |would you )?(?:please )?"
    rf"(?:tell|let) my (?P<who>{_KIN_EN})(?: know)?(?: that|:|,)? (?P<words>.+)$"
    rf"|^(?:please,? |can you |could you )?(?:please )?(?:send|give|pass|leave) "
    rf"(?:a (?:message|text|note)|word|this) (?:to|for) my (?P<who2>{_KIN_EN})"
    rf"(?:,| saying| that|:)? (?P<words2>.+)$", re.IGNORECASE)
# a question about telling ("How do I tell my son…?", "Should I let my daughter know?")
_ASKS_EN = re.compile(r"^(?:how|should|shall|what|why|when|where|whether|do|does|did|can i|could i|may i)\b",
                      re.IGNORECASE)
_NOT_EN = re.compile(r"^(?:know|about)\b", re.IGNORECASE)

MAX_WORDS_CHARS = 200


@dataclass(frozen=True, slots=True)
class FamilyWord:
    who: str  # the relative as she named them: "女儿", "家里人", "son"
    words: str  # what to pass on, as she said it


def family_word(text: str) -> FamilyWord | None:
    """The words ``text`` asks to pass on to a relative, or None."""
    said = text.strip()
    if re.search(r"[\u4e00-\u9fff]", said):
        if _QUESTION_START.search(said) or re.search(r"(?:别|不要|不用|不许|先别)(?:告诉|跟|和|让)", said):
            return None
        found = _ZH.search(said)
        if found is None:
            return None
        words = found.group("words")
        who = re.findall(_KIN_ZH, said[:found.start("words")])[-1]
        not_words = _NOT_ZH
    else:
        found = None if _ASKS_EN.search(said) else _EN.search(said)
        if found is None:
            return None
        who = found.group("who") or found.group("who2")
        words = found.group("words") or found.group("words2")
        not_words = _NOT_EN
    words = words.strip(" ，,：:“”\"'。.？?")
    if len(words) < 2 or not_words.search(words):
        return None
    return FamilyWord(who=who.lower() if who.isascii() else who, words=words[:MAX_WORDS_CHARS])


def left_text(word: FamilyWord, language: str) -> str:
    """What she hears once the words were left for the family."""
    if language == "en":
        return (f"All right, I've left your message for your {word.who}: \"{word.words}\". "
                "Your family can read it on their phone.")
    who = "家里人" if word.who in ("家里人", "家人") else f"您{word.who}"
    return f"好的，您的话我已经留给{who}了：“{word.words}”。家里人在手机上能看到。"


def not_left_text(word: FamilyWord, language: str) -> str:
    """What she hears when the words could not be left (no household, or storage failed)."""
    if language == "en":
        return f"Sorry, I can't pass this on to your {word.who} right now. Please call them yourself."
    return f"对不起，这句话我现在没法转告，您直接给{word.who}打个电话吧。"


def headline(word: FamilyWord, name: str, at: str, language: str = "zh") -> str:
    """The family's notification: ``name`` (how they know her), ``at`` ("12月03日 10:20")."""
    who = name or "老人"
    if language == "en":
        return f"[Message] {who} asked me to tell {word.who}: \"{word.words}\" ({at})."
    return f"【老人留言】{who}让我转告{word.who}：“{word.words}”（{at}）。"
