"""The words of a reminder request: which action they ask for (beyond the router's own patterns), what
to remind of, and the repeats the product cannot keep yet.

* :func:`reminder_action`: "list" for a question about the reminders already set ("我都定了啥提醒",
  "帮我看看我设的提醒", "闹钟都有哪几个"), "cancel" for "把明早那个提醒删了", "量血压那个提醒不要了",
  "stop reminding me to …", "set" for "帮我记一下，后天下午两点去医院拿药", "set a reminder for …";
  None when the words say nothing of the kind.
* :func:`task_of`: the thing to do, without the request words ("记得", "到时候", "一声", "我要").
* :func:`unsupported`: a repeat the store cannot hold ("每隔两天", "每天早中晚", "每个月"), answered
  plainly instead of saved as something else.
"""

from __future__ import annotations

import re

from assistant.tools.reminder_change import CHANGE

_NOUN = r"(?:提醒|闹钟|闹铃|reminders?|alarms?)"
# A spoken hour or span: a question with one sets a reminder ("八点提醒我问问医生有什么要注意的").
_HOUR = re.compile(r"\d|[零一二两三四五六七八九十]\s*(?:点|个?小时|分钟|刻钟)|\bat \d|\b[ap]\.?m\b",
                   re.IGNORECASE)
_LIST = re.compile(
    r"(?:哪些|哪几|几个|多少个?|啥|什么|有没有|看看|看一?下|查查|查一?下|念|读|说说|列|都有)"
    r"[^，。？]{0,6}" + _NOUN
    + r"|" + _NOUN + r"[^，。？]{0,6}(?:哪些|哪几|几个|多少|啥|什么|念|读|说说|列出|都有)"
    r"|有(?:没有)?" + _NOUN + r"(?:吗|嘛|没有?)"  # "大后天有提醒吗"
    + r"|\b(?:what|which|show|tell|read|list|any)\b.{0,20}\b(?:reminders|alarms)\b"
    r"|\bany\b.{0,12}\b(?:reminder|alarm)\b(?! to\b)"  # "do I have any reminder set"
    r"|\b(?:what|which) (?:reminder|alarm) (?:is|did|do|have)\b"
    r"|\b(?:have|got) (?:i|you) (?:got |set )?(?:a|an|any)\b.{0,12}\b(?:reminder|alarm)\b",
    re.IGNORECASE,
)
# "明天有啥事儿", "礼拜一我有啥事儿没有", "what do I have tomorrow": the elder's own day, asked of the
# reminders (a day must be said, and not "你": "你今天有什么事吗" is small talk).
_DAY_WORD = (r"(?:今天|明天|后天|大后天|今儿个?|明儿个?|后儿个?|今晚|明早|明晚|这个?|下个?)?"
             r"(?:(?:周|星期|礼拜)[一二三四五六日天]|今天|明天|后天|今儿个?|明儿个?|后儿个?|今晚|明早|明晚"
             r"|[一二三四五六七八九十\d]+号)")
_AGENDA = re.compile(
    r"^[^你]*?" + _DAY_WORD
    + r"[^，。？你]{0,4}(?:有|要)(?:啥|什么|哪些|没有|没)?(?:事儿?|事情|安排)(?:要[做办干])?"
    r"(?:吗|嘛|没有?|呢|啊)?[？?！!。]?$"
    r"|^what (?:do i have|have i got|am i doing)(?: on| for)? (?:today|tomorrow|(?:this |next )?\w+day)\b",
    re.IGNORECASE,
)
# Undoing names the reminder ("取消泡脚的提醒", "把明早那个提醒删了", "不用提醒我吃药了"),
# never "十分钟后提醒我把火关了".
_UNDO = r"(?:删|取消|撤销|撤掉|去掉|关掉|关了|作废)"
_CANCEL = re.compile(
    _UNDO + r"[^，。？]{0,8}(?:提醒|闹钟)|(?:提醒|闹钟)(?!我)[^，。？]{0,6}(?:" + _UNDO[3:-1]
    + r"|不要了|不用了|不需要了|算了)|(?:不用|不要|别|甭)再?(?:提醒我|(?:叫|喊)我起)"
    # a reminder pointed at and dropped at the end: "明天早上叫我起床那个不用了"
    r"|(?:那个|这个|那条|这条)(?:提醒|闹钟)?[就也]?(?:不用了|不要了|不需要了|算了|删了|取消了?)[，。！!\s吧啊]*$"
    r"|\b(?:cancel|delete|remove)\b.{0,30}\b(?:reminders?|alarms?)\b|\bstop reminding\b|\bdon'?t remind\b"
    r"|\bno need to remind\b|\b(?:don'?t|do not|no longer) need\b.{0,30}\b(?:reminders?|alarms?)\b",
    re.IGNORECASE,
)
_SET = re.compile(
    r"(?:帮|给|替)我记(?:着|住|一下)|提醒我|叫我|喊我|提醒一下|到时候?(?:提醒|叫|喊)"
    r"|\bset (?:a |an )?(?:reminder|alarm)\b|\bremind me\b",
    re.IGNORECASE,
)


# "你记着，下周二上午十点我要去医院做B超": an opening imperative, with an hour (see reminder_action)
_REMEMBER = re.compile(r"^(?:你|请|帮我|给我|替我)?记(?:着|住|一下|下来)")


# "你记着，我下午三点吃了药": something done, told to be remembered, is a note for the LLM, no reminder
# (only without a reminder word: "我吃过药了，取消吃药的提醒" still cancels).
_DONE = re.compile(r"已经|刚才|刚刚|早就|完了|好了"
                   r"|[吃喝量测打做拿取交办洗泡买看去过](?:了|过)(?![一二两三四五六七八九十\d]|来|去)")
_AHEAD = re.compile(r"要|得|会|该|明天|后天|明早|明晚|以后|之后|待会|等会|每|下周|下个|下星期|下礼拜"
                    r"|到时|记得|别忘")
_REMINDER_WORD = re.compile(r"提醒|闹钟|闹铃|叫我|喊我|\bremind|\balarm", re.IGNORECASE)


# When a "叫我" / "喊我" is a call at a time: its clause says when, or it wakes her ("明早六点叫我",
# "到点喊我一声", "叫我起床").
_CALL_WHEN = re.compile(r"\d|[零一两二三四五六七八九十半]\s*(?:点|个?小时|个?钟头|分钟|刻)|凌晨|早上|早晨"
                        r"|清早|上午|中午|下午|傍晚|晚上|夜里|半夜|明早|明晚|今晚|明天|后天|每天|每[周晚早]|待会|等会"
                        r"|一会|过会|到时|到点|起床|起来|醒")
# Words that may stand before a "叫我" said to the assistant ("你到时候叫我", "记得喊我").
_TO_YOU = re.compile(r"(?:你|您|请|麻烦|帮忙|就|再|也|记得|别忘了?|到时候?|然后|那|好|可以|能不能|能|回头"
                     r"|一定)*")
# After "叫我": something to learn or perform (Whisper writes 教我 as 叫我: "叫我唱生日歌").
_TAUGHT = re.compile(r"^(?:怎么|咋)?(?:唱|背|写|画|学|认|弹|跳|织|剪|折|包|用)")
_CALL = re.compile(r"(?P<before>[^，。！？,.!?；;]*?)[叫喊]我(?P<after>[^，。！？,.!?；;]*)")
_OTHER_REMINDER_WORD = re.compile(r"提醒|闹钟|闹铃|记着|记住|remind|alarm|wake", re.IGNORECASE)


def told_not_called(text: str) -> bool:
    """"叫我" / "喊我" with no time in its clause and no other reminder word, said of someone else
    ("医生叫我少吃盐") or of something to learn ("孙子过生日，叫我唱生日歌"): no reminder to set
    ("叫我老伴吃药" still is one, asked when)."""
    if _OTHER_REMINDER_WORD.search(text):
        return False
    calls = list(_CALL.finditer(text))
    return bool(calls) and all(
        not _CALL_WHEN.search(call.group(0))
        and (not _TO_YOU.fullmatch(call.group("before").strip()) or bool(_TAUGHT.search(call.group("after"))))
        for call in calls)


# One of the family to be reminded, asked of the assistant ("晚上八点提醒奶奶吃药", "please remind my mom
# to ...", said by the elder or by her son on her device): after a time, a pause or a word of asking, not
# a subject ("医生提醒奶奶少吃盐", "I'll remind her"). The reminder is the device's, said to its user.
KIN_REMINDED = (r"(?:^|(?<=[，,。\s点分半刻上午晚早后天你请])|(?<=帮我|麻烦|记得|到时|时候))提醒(?:一下)?"
                 r"(?:奶奶|爷爷|姥姥|姥爷|外婆|外公|老伴儿?|老头子?|老太太|孩子他[爸妈]|[他她])"
                 r"|(?<!\bi'll )(?<!\bi will )(?<!\bi )(?<!\bwe )\bremind (?:my |our )?"
                 r"(?:mom|mum|mother|dad|father|grandma|grandpa|granny|grandmother|grandfather|wife|husband"
                 r"|her|him)\b")


def is_done_note(text: str) -> bool:
    """Past-tense words with nothing ahead and no reminder word ("你记着，我下午三点吃了药")."""
    return bool(_DONE.search(text)) and not _AHEAD.search(text) and not _REMINDER_WORD.search(text)


def without_done_clauses(text: str) -> str:
    """A cancel without the clause that says why ("复查的事不用提醒了，我已经去过了" → "复查的事不用提醒了"):
    its words are no part of the reminder meant."""
    clauses = [c for c in re.split(r"[，,。；;！!]", text) if c.strip()]
    kept = [c for c in clauses if _CANCEL.search(c) or _REMINDER_WORD.search(c) or not _DONE.search(c)]
    return (", " if text.isascii() else "，").join(kept) if kept else text


def reminder_action(text: str) -> str | None:
    """"set" / "list" / "cancel" / "change" for words about reminders that the router's patterns miss,
    else None."""
    if CHANGE.search(text):
        return "change"
    if _CANCEL.search(text):
        return "cancel"
    if (_LIST.search(text) or _AGENDA.search(text)) and not _HOUR.search(text):
        return "list"
    if _SET.search(text) or (_REMEMBER.search(text) and _HOUR.search(text)):
        return "set"
    return None


_TASK_HEAD = re.compile(
    r"^(?:[，。,.\s]|请|麻烦|帮我|给我|替我|你|记一下|记着|记住|记得|一声|一下|我(?:要|得|想|需要|该)?"
    r"|那天|那时候?|到那天|当天)+"
    r"|^(?:(?:can|could|would|will) you\s+)?(?:please\s+)?(?:set (?:a |an )?(?:reminder|alarm)(?:\s+for)?"
    r"|remind me)(?:\s+to)?\s*|^to\s+"
    # one of the family to be reminded: the words from "remind" on ("I'm her son, please remind my mom ...")
    r"|^(?:[^,.]*[,.]\s*)?(?:(?:can|could|would|will) you\s+)?(?:please\s+)?(?=remind (?:my |our )?"
    r"(?:mom|mum|mother|dad|father|grandma|grandpa|granny|grandmother|grandfather|wife|husband|her|him)\b)",
    re.IGNORECASE,
)
_TASK_TAIL = re.compile(
    r"(?:[，。！？,.!?\s]|记得|到时候?|到点|的时候|(?:提醒|叫|喊)(?:我|您)?|一下|一声|吧|啊|哦)+$",
    re.IGNORECASE,
)
_TASK_REQUEST = re.compile(
    r"(?:(?:设置?|定)一?个?的?(?:提醒|闹钟|闹铃)|提醒一下我|提醒我一下|提醒我|叫我起来|叫我|喊我)(?:一下|一声)?(?:要|该)?",
)


def task_of(rest: str) -> str:
    """The thing to do in ``rest`` (the words without the time): "吃降压药", "去医院复查". When a later
    clause asks to be reminded, the thing is in it ("腊月十五是我生日，那天提醒我煮长寿面" → "煮长寿面")."""
    clauses = re.split(r"[，,]", rest)
    asked = next((i for i, c in enumerate(clauses) if i and _TASK_REQUEST.search(c)), None)
    later = _task("，".join(clauses[asked:])) if asked is not None else ""
    return later or _task(rest)


def _task(rest: str) -> str:
    text = rest.strip()
    for _ in range(3):
        text = _TASK_REQUEST.sub("", text, count=1)
        text = _TASK_TAIL.sub("", _TASK_HEAD.sub("", text)).strip()
    if text and not _WAKE_ME.fullmatch(text):
        return text
    if re.search(r"\bwake me\b", rest, re.IGNORECASE):
        return "get up"  # "wake me up at 6": the task is getting up
    return "起床" if _WAKE_ME.search(rest) or "叫我起来" in rest else text  # "明早六点叫醒我"


_WAKE_ME = re.compile(r"(?:叫醒|喊醒)我?|(?:please\s+)?wake me(?:\s+up)?[.!]?", re.IGNORECASE)


_EVERY_OTHER = re.compile(
    r"每隔|隔一?天|每两天|每[两三四五六七八九十几]天|每个?月|每年|工作日|周一到周五|"
    r"(?:每个?(?:周|星期|礼拜)[一二三四五六日天])[和跟、及][^，。]{0,3}[一二三四五六日天]"
    r"|\bevery (?:other|second|two|three|few) (?:day|week)s?\b|\bevery month\b|\bweekdays\b",
    re.IGNORECASE,
)
_MANY_TIMES = re.compile(
    r"早中晚|(?:每天|天天)[^，。]{0,2}早晚|[一每]天[两三四几]次|[两三四几]顿饭|三餐|各一次"
    r"|\b(?:twice|three times) a day\b",
    re.IGNORECASE,
)


def unsupported(text: str, language: str) -> str | None:
    """A plain "not yet" for a repeat the store cannot hold, or None."""
    if _MANY_TIMES.search(text):
        if language == "en":
            return ("I can set one time per reminder. Please tell me each time, for example: "
                    "remind me every day at 8 a.m. to take my pills.")
        return "一个提醒只能定一个时间。请一个一个跟我说，比如“每天早上八点提醒我吃药”。"
    if _EVERY_OTHER.search(text):
        if language == "en":
            return "I can only set a reminder for once, every day or one day each week so far."
        return "我现在只能定一次的、每天的或者每周某一天的提醒，这个还做不到。"
    return None


def you(task: str, language: str) -> str:
    """The task said back to the user: "我" → "您", "my" → "your"."""
    if language == "en":
        return re.sub(r"\bmy\b", "your", re.sub(r"\bme\b", "you", task, flags=re.IGNORECASE),
                      flags=re.IGNORECASE)
    return task.replace("我", "您")
