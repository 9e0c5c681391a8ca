"""Small, fixed decisions about a user's words that need no model."""

from __future__ import annotations

import re

_REPEAT = re.compile(
    r"(再说一遍|再说一次|再讲一遍|再讲一次|重复一下|重复一遍|没听清|没听清楚|你说什么|刚才说什么"
    r"|repeat that|say that again|say it again|repeat please|pardon)",
    re.IGNORECASE,
)
_FILLER = re.compile(r"^[\s，。！？、,.!?嗯啊呃哦噢唔]*$")


def wants_repeat(text: str) -> bool:
    """True for a short request to hear the last answer again ("再说一遍", "repeat that")."""
    return len(text) <= 24 and bool(_REPEAT.search(text))


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
