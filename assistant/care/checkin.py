"""The daily check-in (CareCall-style): a short conversation at a set time, off by default.

Pure logic, no I/O:

* :class:`CheckinPlan`: the per-elder setting (``user_settings`` key ``checkin``): ``enabled``,
  ``at`` ("09:00", the household's local time), ``channel`` ("call" or "app") and ``tries`` (attempts
  without an answer before the family is alerted). :meth:`CheckinPlan.parse` refuses a malformed one
  with the reason.
* :class:`CheckinDialogue` (a :class:`assistant.pipeline.script.Script`): the opening and two or three
  short questions (slept well? eaten? any pain?), one per answer, then a closing line; after that the
  conversation goes on normally. When the last check-in recorded a complaint ("腿有点疼"), it asks about
  it first: "您昨天说腿有点疼，今天好些了吗？".
* :func:`summarize`: the family's short summary, extracted from the answers (no LLM).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

Answers = dict[str, str]  # question key -> the elder's words
QUESTIONS: tuple[tuple[str, str, str], ...] = (  # key, Chinese, English
    ("sleep", "您昨晚睡得好吗？", "Did you sleep well last night?"),
    ("meal", "今天吃饭了吗？", "Have you eaten today?"),
    ("pain", "身上有没有哪里不舒服？", "Is anything hurting or bothering you?"),
)
CHANNELS = ("call", "app")

_COMPLAINT = re.compile(r"疼|痛|不舒服|难受|晕|酸|麻|咳|发烧|胸闷|没劲"
                        r"|\b(hurts?|pain|sore|dizzy|ache|aching)\b", re.I)
_NO_COMPLAINT = re.compile(r"^(没有|没|没事|都好|挺好|还好|不疼|不痛|没哪|都挺好|好着呢)|都(挺)?好|没有不舒服"
                           r"|\b(no|nothing|fine|all good|i'?m (ok|good))\b", re.I)
_BAD_SLEEP = re.compile(r"不好|没睡好|睡不着|失眠|老醒|醒了好几次|不太好|一般"
                        r"|\b(badly|not (well|really)|poorly)\b", re.I)
_NO_MEAL = re.compile(r"没吃|还没|不想吃|吃不下|没胃口|\b(not yet|haven'?t|no)\b", re.I)
_LEAD = re.compile(r"^(我|俺|就是|还是|嗯|哎|唉|这个|不过|但是|可是|但)+")


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckinPlan:
    enabled: bool = False
    at: str = "09:00"
    channel: str = "call"
    tries: int = 3

    @classmethod
    def parse(cls, value: Mapping[str, object]) -> CheckinPlan:
        """From the family's JSON. Raises ValueError with the reason for a malformed plan."""
        unknown = set(value) - {"enabled", "at", "channel", "tries"}
        if unknown:
            raise ValueError(f"unknown check-in keys: {', '.join(sorted(unknown))}")
        enabled, at = value.get("enabled", False), value.get("at", "09:00")
        channel, tries = value.get("channel", "call"), value.get("tries", 3)
        if not isinstance(enabled, bool):
            raise ValueError("enabled must be true or false")
        if not isinstance(at, str) or not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", at):
            raise ValueError(f"at must be a time like 09:00, not {at!r}")
        if channel not in CHANNELS:
            raise ValueError(f"channel must be call or app, not {channel!r}")
        if not isinstance(tries, int) or isinstance(tries, bool) or not 1 <= tries <= 10:
            raise ValueError("tries must be a whole number from 1 to 10")
        return cls(enabled=enabled, at=at, channel=str(channel), tries=tries)

    def next_time(self, after: float, zone: ZoneInfo) -> float:
        """The next check-in after epoch ``after``, at ``at`` in ``zone`` (across DST changes)."""
        hour, minute = (int(x) for x in self.at.split(":"))
        moment = datetime.fromtimestamp(after, zone).replace(hour=hour, minute=minute, second=0,
                                                             microsecond=0)
        while moment.timestamp() <= after:
            moment = (moment + timedelta(days=1)).replace(hour=hour, minute=minute)
        return moment.timestamp()


def complaint(text: str) -> str:
    """The complaint in an answer, in the elder's words ("腿有点疼"), or "" when there is none."""
    text = text.strip()
    if not text or (_NO_COMPLAINT.search(text) and not re.search(r"但|不过|就是|\bbut\b", text)):
        return ""
    for clause in re.split(r"[，,。.；;！!？?]", text):
        if _COMPLAINT.search(clause):
            return _LEAD.sub("", clause.strip())[:20]
    return ""


def follow_up(last: Mapping[str, str] | None, last_at: float, now: float, zone: ZoneInfo,
              language: str = "zh") -> str:
    """"您昨天说腿有点疼，今天好些了吗？" when the last check-in recorded a complaint, else ""."""
    said = complaint((last or {}).get("pain", ""))
    if not said:
        return ""
    days = (datetime.fromtimestamp(now, zone).date() - datetime.fromtimestamp(last_at, zone).date()).days
    if language == "en":
        return f"{'Yesterday' if days == 1 else 'Last time'} you said: {said}. Is it better today?"
    return f"您{'昨天' if days == 1 else '上次'}说{said}，今天好些了吗？"


@dataclass(slots=True)
class CheckinDialogue:
    """One check-in conversation. ``on_done(answers)`` is awaited once the last question is answered."""

    name: str  # how the elder is addressed
    on_done: Callable[[Answers], Awaitable[None]]
    language: str = "zh"
    follow: str = ""  # the follow-up question about the last complaint, if any
    answers: Answers = field(default_factory=dict)
    _step: int = 0

    @property
    def steps(self) -> list[tuple[str, str]]:
        en = self.language == "en"
        asked = [(key, en_text if en else zh) for key, zh, en_text in QUESTIONS]
        return ([("follow_up", self.follow)] if self.follow else []) + asked

    @property
    def active(self) -> bool:
        return self._step < len(self.steps)

    def opening(self) -> str:
        first = self.steps[0][1]
        if self.language == "en":
            return f"Good morning{', ' + self.name if self.name else ''}! Just checking in. {first}"
        return f"{self.name}您好，我来问候您一下。{first}"

    async def reply(self, text: str, language: str) -> str | None:
        steps = self.steps
        if not self.active:
            return None
        self.answers[steps[self._step][0]] = text.strip()[:200]
        self._step += 1
        if self.active:
            return ("OK. " if self.language == "en" else "好的。") + steps[self._step][1]
        await self.on_done(dict(self.answers))
        if self.language == "en":
            return "Thank you, I've noted it all. Anything else you'd like to talk about?"
        return "谢谢您，我都记下了。您还有什么想跟我聊聊的吗？"


def summarize(name: str, answers: Mapping[str, str]) -> str:
    """The family's summary, from the answers alone: "王奶奶今天：睡得不太好；吃过饭了；说腿有点疼。"."""
    parts = []
    if "follow_up" in answers:
        parts.append(f"问起上次的不舒服，答：“{answers['follow_up']}”")
    if sleep := answers.get("sleep", ""):
        parts.append(f"睡得不太好（“{sleep}”）" if _BAD_SLEEP.search(sleep) else "睡得还好")
    if meal := answers.get("meal", ""):
        parts.append(f"还没怎么吃饭（“{meal}”）" if _NO_MEAL.search(meal) else "吃过饭了")
    if "pain" in answers:
        said = complaint(answers["pain"])
        parts.append(f"说{said}" if said else "没说哪里不舒服")
    return f"{name or '老人'}今天：" + ("；".join(parts) or "没有回答") + "。"
