"""Asked what it said before (or what she said), when it has said nothing yet: said plainly in code.

Asked "刚才你说的那个药叫什么名字来着？" or "把刚才那首诗再念一遍。" as the first words of a session (a new
call, the app opened again, a question carried over from yesterday), the shipped 1.5B model makes up
what it said: a medicine, a time, a poem. An elder who forgets may take the invented words for what she
heard. So when the conversation holds no answer yet, a question about what the assistant said, told,
read or explained a moment ago (its medicine, its time, its story, joke, riddle or poem) gets a short
answer: it has no record of it, ask again (not "I said nothing": a reminder spoken by the care loop is
not in the history). Once an answer is there, the LLM answers from it (a short
"再说一遍" is :func:`assistant.pipeline.intents.wants_repeat`'s). What she did, or what a doctor or her
family said, is not the assistant's words. Pure logic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.llm.base import ChatMessage

_EARLIER = r"(?:刚才|刚刚|方才|刚|前面|先前|之前|上一?句|上回|上次)"
_YOU = r"(?:你|您|小助手)"
_TELL = r"(?:说|讲|念|提|告诉|教|讲到|提到|背)"
# What the assistant gives: its words, a story, a joke, a riddle, a poem, a way of doing a thing
_ITS = r"(?:故事|笑话|谜语|谜底|诗|古诗|办法|法子|话|那句|几句|菜谱)"
_ZH = tuple(re.compile(p) for p in (
    rf"{_YOU}[^，。？！]{{0,2}}?{_EARLIER}[^，。？！]{{0,3}}?{_TELL}",  # "你刚才说的", "你前面讲"
    rf"{_EARLIER}(?:那会儿)?{_YOU}(?:跟我|给我|对我)?{_TELL}",  # "刚才你讲的"
    rf"{_EARLIER}(?:的|那个|那首|那段|那则|那句|那几句)(?:{_ITS})",  # "刚才那个故事", "刚才的笑话"
    rf"{_EARLIER}{_YOU}?(?:说|讲)的(?:啥|什么)",  # "上一句你说的啥"
))
# whether she said or asked it before ("我刚才是不是跟你说过这个？"): asked, not told ("我跟你说过吧，…")
_TO_YOU = r"(?:跟你|和你|对你|给你|跟您|和您|问你|问您)"
_HER_ZH = re.compile(rf"我{_EARLIER}?(?:是不是|有没有)?{_TO_YOU}?(?:说|问|讲|提|告诉)过(?:你|您)?"
                     rf"[^，。！]{{0,8}}(?:吗|么|没有?)?[？?]|我{_EARLIER}(?:跟你|和你)?(?:说|问)(?:的|了)(?:啥|什么)")
_EN = tuple(re.compile(p, re.IGNORECASE) for p in (
    r"\byou (?:just )?(?:mentioned|told me|recommended)\b",
    # "the poem you read me", not a request ("could you read me a poem", "will you read to me")
    r"(?<!\bcould )(?<!\bcan )(?<!\bwould )(?<!\bwill )(?<!\bdo )(?<!\bwon't )"
    r"\byou (?:just )?(?:read me|read to me)\b",
    r"\bwhat you (?:just |had )?said\b",
    r"\byou (?:just )?said\b.*\b(?:earlier|before|a minute ago|a moment ago|just now)\b",
    r"\bwhat did you (?:just )?say (?:the|that|about|it|he|she|they)\b",
    r"\bwhat did you just say\b",
    # its words at a time before ("what did you tell me this morning"), or her own question to it
    r"\bwhat did you (?:say|tell me|read me|recommend)\b.*"
    r"\b(?:earlier|before|this morning|yesterday|last time|a minute ago|a moment ago|just now"
    r"|the other day)\b",
    r"\bwhat did i (?:just )?(?:ask|tell) you\b",
    r"\b(?:did|have) i (?:already |just )?(?:told|tell|asked|ask) you\b.*\?",
))
# True also after a reminder or a family message spoken by the care loop, which the conversation's history
# does not hold: nothing said is before it, so it never claims to have said nothing.
_ZH_REPLY = "刚才说的话我这里没有记下来。您想知道什么，再问我一遍，我好好说给您听。"
_EN_REPLY = ("I don't have what was said before in front of me. Ask me again what you'd like to know, "
             "and I'll tell you.")


def asks_what_was_said(text: str) -> bool:
    """``text`` asks about, or asks again for, something the assistant said before, or whether she said
    or asked something before ("我刚才是不是跟你说过这个？": the 1.5B said "是的" in an empty session)."""
    said = text.strip()
    if not re.search(r"[\u4e00-\u9fff]", said):
        return any(rule.search(said) for rule in _EN)
    return any(rule.search(said) for rule in _ZH) or bool(_HER_ZH.search(said))


def nothing_said_yet(text: str, language: str, messages: Sequence[ChatMessage]) -> str | None:
    """The answer when ``text`` asks what the assistant said before and ``messages`` (the conversation
    so far) hold no answer of its own; else None (the LLM answers from what was said)."""
    if any(m.role == "assistant" and m.content for m in messages) or not asks_what_was_said(text):
        return None
    return _EN_REPLY if language == "en" else _ZH_REPLY
