"""What an elder's short answer means: to a reminder ("吃了", "等一会儿再提醒我"), or to an offer
("好", "打吧", "不用了"). Pure functions over one utterance."""

from __future__ import annotations

import re
from typing import Literal

ReminderReply = Literal["done", "snooze"]

_SNOOZE = re.compile(
    r"(等|过)(一)?(会|会儿|下|下儿|阵|阵子)|待会|一会儿?再|晚(一)?点|稍后|还没|没吃|没有吃|还没有|再提醒"
    r"|\b(later|not yet|remind me again|in a (minute|while)|snooze)\b", re.I)
_DONE = re.compile(
    r"吃(过)?了|喝(过)?了|做(完)?了|量(过)?了|已经|好的|好了|好啊|^好$|知道了|知道啦|晓得|记住了|记得|明白|收到|行|嗯|对|是的|没问题"
    r"|\b(done|took it|i took|already|ok(ay)?|got it|yes|will do|sure|thanks?)\b", re.I)
_YES = re.compile(r"^(好|好的|好啊|行|可以|打吧|打|快打|要|需要|嗯|对|是|麻烦你|拜托)"
                  r"|打吧|快打|给.{0,4}打|叫.{0,3}来"
                  r"|\b(yes|please|ok(ay)?|call (them|her|him)|do it|sure)\b", re.I)
_NO = re.compile(r"不用|不要|别打|不打|没事|算了|不必|\b(no|don'?t|not now)\b", re.I)


def reminder_reply(text: str) -> ReminderReply | None:
    """"done" (acknowledged), "snooze" (remind me later, or not done yet), or None (something else).

    "还没吃" is a snooze: the elder is reminded again later."""
    text = text.strip()
    if not text or len(text) > 60:
        return None
    if _SNOOZE.search(text):
        return "snooze"
    if _DONE.search(text):
        return "done"
    return None


def accepts_offer(text: str) -> bool | None:
    """True for "好" / "打吧", False for "不用了", None when the answer is about something else."""
    text = text.strip()
    if not text or len(text) > 40:
        return None
    if _NO.search(text):
        return False
    if _YES.search(text):
        return True
    return None
