"""Small, fixed decisions about a user's words that need no model."""

from __future__ import annotations

import re

from assistant.pipeline import selfhelp

_REPEAT = re.compile(
    r"(再说一遍|再说一次|再讲一遍|再讲一次|重复一下|重复一遍|没听清|没听清楚|你说什么|刚才说什么"
    r"|repeat that|say that again|say it again|repeat please|pardon)",
    re.IGNORECASE,
)
_PRIVATE = re.compile(
    r"(这句话?|这些话?|这个|刚才的?话?)?(别|不要|不用|不许)(告诉|跟|让|给)(我的?)?(家人|家里人|孩子们?|儿女|子女)"
    r"(说|讲|知道|看)?"
    r"|(don'?t|do not|never) (tell|show) (this to )?my (family|kids|children)"
    r"|keep (this|that) from my family",
    re.IGNORECASE,
)
_FILLER = re.compile(r"^[\s，。！？、,.!?嗯啊呃哦噢唔]*$")


def wants_repeat(text: str) -> bool:
    """True for a short request to hear the last answer again ("再说一遍", "repeat that"), not a
    question how to ask for it ("怎么让你再说一遍": :mod:`assistant.pipeline.selfhelp` answers that)."""
    return len(text) <= 24 and bool(_REPEAT.search(text)) and selfhelp.topic(text) != "howto_repeat"


def is_empty_utterance(text: str) -> bool:
    """Nothing worth answering: silence, a cough transcribed as "嗯", punctuation."""
    return bool(_FILLER.match(text))


def is_chinese(text: str) -> bool:
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    return han > 0 and han * 2 >= latin / 3


def apology(language: str) -> str:
    if language == "en":
        return "Sorry, something went wrong on my side. Please say that again."
    return "抱歉，我这边出了点问题，请您再说一遍。"


def repeat_prefix(language: str) -> str:
    return "好的，我再说一遍。" if language != "en" else "Sure, here it is again. "


def nothing_to_repeat(language: str) -> str:
    return "我还没有说过什么呢，您请说。" if language != "en" else "I haven't said anything yet. Go ahead."


def repeat_text(last_answer: str, language: str) -> str:
    """What "再说一遍" gets: the last answer again, with a short preface, or that there is none yet."""
    return repeat_prefix(language) + last_answer if last_answer else nothing_to_repeat(language)


def reply_language(session_language: str, text: str) -> str:
    """The language to answer ``text`` in: the session's, or (``auto``) the question's."""
    if session_language in ("zh", "en"):
        return session_language
    return "zh" if is_chinese(text) or not text else "en"


def expected_language(session_language: str, last_language: object) -> str:
    """The next answer's likely language before the question is known: the session's, else the last
    answer's, else Chinese."""
    if session_language in ("zh", "en"):
        return session_language
    return str(last_language) if last_language in ("zh", "en") else "zh"


def wants_privacy(text: str) -> bool:
    """The speaker asks to keep this from the family ("这句话别告诉家人", "don't tell my family")."""
    return bool(_PRIVATE.search(text))


def only_privacy(text: str) -> bool:
    """The utterance is nothing but the privacy request (it then refers to what was said before)."""
    rest = _PRIVATE.sub("", text)
    rest = re.sub(r"好的|好吗|行吗|可以吗|拜托|谢谢|please|ok(ay)?|thanks|[\s\W嗯啊呃哦噢唔呀吧哈]", "", rest,
                  flags=re.IGNORECASE)
    return wants_privacy(text) and len(rest) <= 1


def privacy_ack(language: str) -> str:
    if language == "en":
        return "All right. Your family will not see that."
    return "好的，这句话不会给家人看。"
