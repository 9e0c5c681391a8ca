"""What the care loop says, and how an elder's short answer to a reminder is understood.

Everything here is pure: words in, words out. ``reminder_text`` builds the spoken reminder
("王奶奶，八点了，该吃降压药了。吃了吗？"), ``answer_of`` recognises an answer to it in code, before
any LLM: an acknowledgement ("吃了", "好的", "知道了", "吃过了", "OK, I took it") or a snooze
("等一会儿再提醒我", "remind me later", optionally with minutes: "过二十分钟再提醒我").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

import cn2an

from assistant.tools.clock import period_zh

_END = r"[，。！!,.？?~～\s]*"
_ACK_ZH = re.compile(
    r"^(?:嗯+|噢|哦|好|行|是)?[，,\s]*(?:吃了|吃过了|吃过啦|吃了吃了|已经吃了|我吃了|我已经吃了|吃好了|好的|好|好嘞|好啊|"
    r"知道了|知道啦|我知道了|晓得了|明白了|收到|做了|做过了|已经做了|弄好了|行|可以)"
    r"(?:[，,\s]*(?:谢谢|谢谢你|知道了|好的|放心吧?))?" + _END + "$")
_ACK_EN = re.compile(
    r"^(?:ok(?:ay)?|yes|yeah|yep|sure|got it|i know|done|i did|i have|i took (?:it|them)|"
    r"(?:i've|i have) taken (?:it|them)|thanks?(?: you)?|all right|alright)"
    r"(?:[,\s]+(?:i took (?:it|them)|thanks?(?: you)?|got it|done))?" + _END + "$", re.IGNORECASE)
_SNOOZE_ZH = re.compile(
    r"^(?:好的?[，,\s]*)?(?:等一?会儿?|待会儿?|过一?会儿?|晚点儿?|稍后|过(?P<n>[0-9零一二两三四五六七八九十]+)分钟)"
    r"(?:再|)(?:提醒|叫|告诉)我?(?:吧|一下)?" + _END + "$")
_SNOOZE_EN = re.compile(
    r"^(?:ok(?:ay)?[,\s]+)?(?:remind me (?:later|again(?: later)?|in (?P<n>\d+) minutes?)"
    r"|snooze|not now|later)" + _END + "$", re.IGNORECASE)

Answer = Literal["ack", "snooze"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Reply:
    kind: Answer
    snooze_s: float | None = None  # minutes the elder named, else the setting's default


def answer_of(text: str) -> Reply | None:
    """An acknowledgement or a snooze in ``text`` (the whole utterance), else None."""
    said = text.strip()
    for pattern in (_SNOOZE_ZH, _SNOOZE_EN):
        if m := pattern.match(said):
            n = m.group("n")
            minutes = None
            if n:
                try:
                    minutes = int(n) if n.isdigit() else int(cn2an.cn2an(n.replace("两", "二"), "smart"))
                except (ValueError, KeyError):
                    minutes = None
            return Reply(kind="snooze", snooze_s=minutes * 60.0 if minutes and 0 < minutes <= 720 else None)
    if _ACK_ZH.match(said) or _ACK_EN.match(said):
        return Reply(kind="ack")
    return None


def clock_zh(moment: datetime) -> str:
    """"早上八点" / "晚上九点半" / "下午三点十分" (numerals as characters, for the voice)."""
    hour12 = moment.hour % 12 or 12
    minute = "" if moment.minute == 0 else "半" if moment.minute == 30 else f"{cn2an.an2cn(moment.minute)}分"
    hour = "两" if hour12 == 2 else cn2an.an2cn(hour12)
    return f"{period_zh(moment.hour)}{hour}点{minute}"


def clock_en(moment: datetime) -> str:
    hour12 = moment.hour % 12 or 12
    return f"{hour12}:{moment.minute:02d} {'a.m.' if moment.hour < 12 else 'p.m.'}"


def _task_zh(text: str) -> str:
    return text.strip().rstrip("。！!.").replace("我", "您")


def reminder_text(*, name: str, task: str, due: datetime, language: str, late: bool = False) -> str:
    """The spoken reminder. ``due`` is the occurrence's time in the elder's zone; ``late``: said late.

    "王奶奶，八点了，该吃降压药了。吃了吗？"; late: "王奶奶，刚才早上八点的提醒：该吃降压药了。吃了吗？"
    """
    if language == "en":
        who = f"{name}, " if name else ""
        head = f"{who}this is your {clock_en(due)} reminder, a little late: " if late \
            else f"{who}it's {clock_en(due)} now. Time to "
        task_en = re.sub(r"\bmy\b", "your", task.strip().rstrip("."))
        return f"{head}{task_en}. Have you done it?"
    who = f"{name}，" if name else ""
    task_zh = _task_zh(task)
    question = "吃了吗？" if task_zh.startswith("吃") else "好了就跟我说一声“知道了”。"
    if late:
        return f"{who}刚才{clock_zh(due)}的提醒：该{task_zh}了。{question}"
    return f"{who}{clock_zh(due).removeprefix(period_zh(due.hour))}了，该{task_zh}了。{question}"


def ack_reply(reply: Reply, *, language: str, snooze_s: float) -> str:
    """What the assistant says back to an answer."""
    minutes = round((reply.snooze_s or snooze_s) / 60)
    if reply.kind == "snooze":
        if language == "en":
            return f"All right, I'll remind you again in {minutes} minutes."
        return f"好的，{cn2an.an2cn(minutes)}分钟后我再提醒您。"
    return "Good, I've noted that." if language == "en" else "好的，记下了。"

