"""Times an elder says by what happens in the day, not by the clock: "吃完晚饭提醒我吃药",
"睡觉前提醒我把假牙泡上", "一会儿提醒我关火", "remind me after dinner". Nothing is saved on such
words: the reply asks back with the usual hour for them ("您是说今天晚上7点吗？"), and a "是的" stores it.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from assistant.tools.when_base import Unclear, on_day

# (words, hour, minute): the usual clock time of a moment in an elder's day
_MOMENTS = (
    (re.compile(r"(?:吃[完过了]|用[完过])?早饭(?:以后|之后|后)|吃[完过]早饭|早饭过后|\bafter breakfast\b",
                re.IGNORECASE), 8, 0),
    (re.compile(r"(?:吃[完过了]|用[完过])?午饭(?:以后|之后|后)|吃[完过]午饭|午饭过后|\bafter lunch\b",
                re.IGNORECASE), 13, 0),
    (re.compile(r"(?:吃[完过了]|用[完过])?晚饭(?:以后|之后|后)|吃[完过]晚饭|晚饭过后"
                r"|\bafter (?:dinner|supper)\b", re.IGNORECASE), 19, 0),
    (re.compile(r"(?:睡觉|睡|上床|临睡)(?:以前|之前|前)|临睡"
                r"|\bbefore (?:bed(?:time)?|(?:I go to |going to )?sleep|I go to bed|going to bed)\b",
                re.IGNORECASE), 21, 0),
)
# "一会儿", "待会儿", "in a bit": soon, said back as ten minutes on
_SOON = re.compile(r"(?:再?过|等)?(?:一小?会儿?|待会儿?|等会儿?)"
                   r"|\bin a (?:little )?(?:bit|while)\b|\bshortly\b", re.IGNORECASE)
SOON_MINUTES = 10
_DAILY = re.compile(r"每天|每日|天天|每晚|\bevery (?:day|night|evening)\b", re.IGNORECASE)


def moment_said(text: str, now: datetime, offset: int | None, repeat: str = "once",
                weekday: int | None = None) -> Unclear | None:
    """An ask-back guess for a moment of the day said instead of a clock time, or None; ``offset``,
    ``repeat`` and ``weekday``: the day already read ("明天", "每周三")."""
    repeat = "daily" if repeat == "once" and _DAILY.search(text) else repeat
    for words, hour, minute in _MOMENTS:
        m = words.search(text)
        if m is not None:
            guess = on_day(now, offset, repeat, weekday, hour, minute)
            return Unclear(guess=guess, repeat=repeat, weekday=weekday, rest=_without(text, m))
    m = _SOON.search(text)
    if m is not None and offset is None and repeat == "once":
        guess = now.replace(second=0, microsecond=0) + timedelta(minutes=SOON_MINUTES)
        return Unclear(guess=guess, rest=_without(text, m))
    return None


def _without(text: str, m: re.Match[str]) -> str:
    return re.sub(r"\s+", " ", text[: m.start()] + " " + text[m.end():]).strip()
