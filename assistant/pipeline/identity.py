"""Who the assistant is: the small LLM's own training identity must not reach the elder.

Asked "你是谁？", the embedded Qwen model answers "我是由阿里云开发的人工智能助手，名字叫通义千问。"
That is not what the user talks to: they talk to 小助手, run by their family or a care service, and the
model behind it may be any backend. So a clause that names the model's maker or the model as the
speaker, or gives the speaker a made-up name ("我是你的语音助手，叫小智"), is replaced with one sentence
that says who is speaking. A clause that merely mentions the
company ("阿里云是一家公司") is not an identity claim.

Asked about itself as one asks a person, the same model plays a person: "你多大了" → "我今年66岁。",
"你有孩子吗" → "我有三个孩子。", "你住在哪里" → "我住在北京市海淀区中关村大街。", and a garbled
"常常在哪个国家" → "我经常在亚洲。". An elder may believe it. So a clause in which the speaker claims a
person's life (an age, a home or hometown, a spouse or children, a sex, meals) is replaced with one
sentence that says it is a program. Words in quotation marks (a story's character) are not the
speaker's. Pure logic.
"""

from __future__ import annotations

import re

_MODEL_NAMES = (r"通义千问|千问|通义|qwen|豆包|文心一言|chatgpt|gpt-?\d|claude|gemini|deepseek|"
                r"阿里云|阿里巴巴|alibaba|openai|anthropic|google|百度|字节跳动|深度求索")
# "我是…通义千问", "我叫千问", "由阿里云开发/训练的", "I am Qwen", "created by Alibaba Cloud".
_CLAIM = re.compile(
    rf"(我是|我叫|我的名字(是|叫)|本助手是).{{0,16}}({_MODEL_NAMES})"
    rf"|我.{{0,6}}(由|被)?({_MODEL_NAMES}).{{0,12}}(开发|研发|训练|打造|推出|创造|制造)"
    rf"|\b(i am|i'm|my name is)\b.{{0,30}}\b({_MODEL_NAMES})"
    rf"|\b(i am|i'm|i was|i've been)\b.{{0,40}}\b(developed|created|made|trained|built) by\b.{{0,12}}"
    rf"\b({_MODEL_NAMES})",
    re.IGNORECASE,
)

WHO_ZH = "我是小助手，专门陪您聊天、帮您查时间、记提醒的语音助手。"
WHO_EN = "I'm 小助手, a voice assistant here to chat with you and help with the time and reminders."


# The speaker giving itself a name other than its own ("我是你的语音助手，叫小智。", "My name is Lily").
_SELF_NAMED = re.compile(
    r"(?:我|本助手)(?:的名字)?(?:叫|名叫)(?:做)?(?!小助手|[你您他她它大家人醒起])[\u4e00-\u9fffA-Za-z]"
    r"|我是[^。！？!?]{0,12}[，,]?\s*(?:名字)?(?:叫|名叫)(?:做)?(?!小助手|[你您他她它大家人醒起])[\u4e00-\u9fffA-Za-z]"
    r"|\b(?:my name is|i'?m called|call me)\s+(?!xiao ?zhushou\b)[A-Z]",
    re.IGNORECASE,
)


_PLACE = r"[^，。！？,.!?]{0,8}(?:国|洲|省|市|区|县|镇|村|城|乡下|农村|海边|北京|上海|天津|重庆)"
# The speaker living a person's life: "我今年66岁", "我住在…", "我老家在山东", "我有三个孩子", "我是男的".
_PERSONA = re.compile(
    r"我(?:今年|已经|都)?[0-9一二三四五六七八九十两百]+岁"
    rf"|我(?:现在|一直|平时)?(?:住在|家在|生活在|出生在|长在){_PLACE}"
    rf"|我(?:的)?老家(?:在|是)|我(?:经常|常常|一般|平时|通常)(?:在|待在|去){_PLACE}"
    r"|我(?:已经|早就|还)?(?:结婚|成家|离婚)了|我还没(?:有)?(?:结婚|成家)"
    r"|我(?:也)?有(?:[0-9一二三四五两]+个)?(?:孩子|儿子|女儿|孙子|孙女|老婆|老公|丈夫|妻子)"
    r"|我是(?:个)?(?:男|女)(?:的|生|人|孩子?)"
    r"|我(?:刚|已经|早就)?吃(?:过)?(?:饭|早饭|午饭|晚饭)了|我还没(?:有)?吃(?:饭|早饭|午饭|晚饭)"
    r"|我(?:也|最)?(?:喜欢|爱)吃"
    r"|\bi(?:'m| am) \d+ years old\b|\bi live (?:in|near|by|on)\b|\bi(?:'m| am) (?:married|divorced|single)\b"
    r"|\bi have (?:a|an|one|two|three|four|\d+) "
    r"(?:kids?|children|sons?|daughters?|grandchildren|wife|husband)\b"
    r"|\bi (?:grew up|was born) in\b|\bi(?:'m| am) a (?:man|woman|boy|girl)\b",
    re.IGNORECASE,
)
_QUOTE_OPEN = re.compile(r"[“「『\"](?=[^”」』\"]*$)|[说道]：")
NOT_A_PERSON_ZH = "我是小助手，是个电脑程序，没有年纪，也没有家，不用吃饭。不过我一直在这儿陪着您。"
NOT_A_PERSON_EN = ("I'm 小助手, a computer program: I have no age, home or family, and I don't eat. "
                   "But I'm always here for you.")


def persona_claim(clause: str, context: str = "") -> bool:
    """True when the speaker of ``clause`` (``context``: the sentence before it) claims a person's life;
    not inside a quotation."""
    found = _PERSONA.search(clause)
    return found is not None and not _QUOTE_OPEN.search(context + clause[: found.start()])


def not_a_person(language: str) -> str:
    return NOT_A_PERSON_EN if language == "en" else NOT_A_PERSON_ZH


def identity_claim(clause: str, context: str = "") -> bool:
    """True when ``clause`` (``context``: the sentence before it) presents the speaker as a particular
    company's model, or gives it another name than its own."""
    if _CLAIM.search(clause):
        return True
    found = _SELF_NAMED.search(context + clause)
    return found is not None and found.end() > len(context)


def who_i_am(language: str) -> str:
    return WHO_EN if language == "en" else WHO_ZH
