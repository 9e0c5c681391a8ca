"""Who the assistant is: the small LLM's own training identity must not reach the elder.

Asked "你是谁？", the embedded Qwen model answers "我是由阿里云开发的人工智能助手，名字叫通义千问。"
That is not what the user talks to: they talk to 小助手, run by their family or a care service, and the
model behind it may be any backend. So a clause that names the model's maker or the model as the
speaker, or gives the speaker a made-up name ("我是你的语音助手，叫小智"), is replaced with one sentence
that says who is speaking. A clause that merely mentions the
company ("阿里云是一家公司") is not an identity claim. Pure logic.
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


def identity_claim(clause: str, context: str = "") -> bool:
    """True when ``clause`` (``context``: the sentence before it) presents the speaker as a particular
    company's model, or gives it another name than its own."""
    if _CLAIM.search(clause):
        return True
    found = _SELF_NAMED.search(context + clause)
    return found is not None and found.end() > len(context)


def who_i_am(language: str) -> str:
    return WHO_EN if language == "en" else WHO_ZH
