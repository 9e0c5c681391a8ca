"""The honesty guard: a reply must not state what the assistant cannot know.

Weather, news, market prices and today's date or time may be stated only when they are *grounded*:
read from a tool result of this turn (``ReplyPlan.grounded`` names the categories), or, for the date
and time, consistent with the clock line the LLM was given. The guard sees the reply clause by clause,
as the TTS does, and replaces a clause that states an ungrounded fact with an honest sentence before
it is spoken ("我查不到实时的天气……"); the rest of that sentence is dropped.

What is a *claim* (an assertion anchored to the present, not generic knowledge, a hedge or a
question) is decided in :mod:`assistant.pipeline.honesty_claims`. A clause that opens a
weather sentence without the claim itself ("今天的天气") is held back until the next clause decides it. A
clause cut without a mark (:mod:`assistant.tts.phrases`) is judged again together with the next one.

Pure logic: no I/O, no model. :class:`HonestyGuard` is one reply's state.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Set
from dataclasses import dataclass
from datetime import datetime, timedelta

from assistant.pipeline.honesty_claims import (
    HONEST_EN,
    HONEST_ZH,
    is_hedged,
    news_claim,
    price_claim,
    traffic_claim,
    weather_claim,
)
from assistant.pipeline.honesty_facts import HONEST_MORE_EN, HONEST_MORE_ZH, more_violation
from assistant.pipeline.honesty_hold import (
    bare_answer,
    bare_violation,
    honest_for,
    opens_claim,
    opens_live_claim,
)
from assistant.pipeline.honesty_live import period_ok
from assistant.pipeline.honesty_parrot import instead_of_parrot, parrots
from assistant.pipeline.honesty_personal import personal_claim, personal_statement
from assistant.pipeline.honesty_promise import broken_promise, instead_of_promise
from assistant.pipeline.honesty_unasked import DATE_ZH as _DATE_ZH
from assistant.pipeline.honesty_unasked import TIME_ZH as _TIME_ZH
from assistant.pipeline.honesty_unasked import WEEKDAY_ZH as _WEEKDAY_ZH
from assistant.pipeline.honesty_unasked import asks_clock, asks_now, echoes, english_times, split_unasked
from assistant.pipeline.identity import identity_claim, not_a_person, persona_claim, who_i_am
from assistant.tools.clock import time_en

log = logging.getLogger(__name__)

CATEGORIES = frozenset({"weather", "date", "time", "price", "news", "traffic", "schedule", "hours", "health",
                        "countdown", "policy"})

_STRONG_END = re.compile(r"[。！？!?；;…]+[”’\"')）」]*$|\.$")
_HAN = re.compile(r"[\u4e00-\u9fff]")

_LUNAR = re.compile(r"农历|阴历|初[一二三四五六七八九十]|廿|腊月|正月")
_WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december")
_WEEKDAY_EN = re.compile(r"\b(" + "|".join(_WEEKDAYS_EN) + r")\b", re.I)
_DATE_EN = re.compile(r"\b(" + "|".join(_MONTHS_EN) + r")\s+(\d{1,2})(?:st|nd|rd|th)?\b", re.I)

_OTHER_DAY = re.compile(r"下周|上周|下星期|上星期|下礼拜|上礼拜|下个月|上个月|明年|去年"
                        r"|\bnext\b|\blast\b", re.I)
_OCCASION = re.compile(r"[\u4e00-\u9fff]节(?![目约省奏])|节日|节气|生日|纪念日"
                       r"|\b(christmas|new year|festival|birthday|anniversary|holiday)\b", re.I)
_YEARLY = re.compile(r"每年|一般|通常|\b(every year|usually|always)\b", re.I)
_NOW_EN = re.compile(r"\bnow\b|the time is|\bit'?s (now |about |around |almost |nearly )?\d"
                     r"|\bit is (now |about |around |almost |nearly )?\d", re.I)

@dataclass(frozen=True, slots=True, kw_only=True)
class Violation:
    category: str  # "weather", "date", "time", "price", "news" ("lunar" is a date the clock cannot give)
    clause: str
    replacement: str


def _zh_int(token: str) -> int | None:
    """0..9999 in digits, or Chinese numerals up to 99 (二十三, 廿三), or digit by digit (二零二六)."""
    if token.isdigit():
        return int(token)
    digits = "零一二三四五六七八九"
    table = {ch: i for i, ch in enumerate(digits)} | {"〇": 0, "两": 2}
    if "十" not in token and "廿" not in token:
        if all(ch in table for ch in token):
            return int("".join(str(table[ch]) for ch in token))
        return None
    token = token.replace("廿", "二十")
    tens, _, ones = token.partition("十")
    if (tens and tens not in table) or (ones and ones not in table):
        return None
    return (table[tens] if tens else 1) * 10 + (table[ones] if ones else 0)


def _day_offset(text: str) -> int | None:
    for word, offset in (("大后天", 3), ("后天", 2), ("明天", 1), ("明日", 1), ("前天", -2), ("昨天", -1),
                         ("今天", 0), ("今日", 0), ("现在", 0), ("tomorrow", 1), ("yesterday", -1),
                         ("today", 0)):
        if word in text.lower():
            return offset
    return None


class ClockCheck:
    """Whether a clause's date or time agrees with the clock the LLM was given."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def date_ok(self, clause: str, question: str) -> bool:
        if is_hedged(clause):
            return True
        if _OTHER_DAY.search(clause + question):
            return True  # "下周三是几号": another day, not today's
        offset = _day_offset(clause)
        if offset is None and ((_OCCASION.search(clause + question) and _day_offset(question) is None)
                               or _YEARLY.search(clause)):
            return True  # the date of a festival or a yearly day ("清明节一般在4月4号"), not today's
        if offset is None:
            if not re.search(r"几号|星期几|礼拜几|周几|日期|what day|what date|which day", question, re.I):
                return True  # a weekday or date of some other event ("下周三去医院")
            offset = _day_offset(question) or 0
        day = self.now + timedelta(days=offset)
        for match in _WEEKDAY_ZH.finditer(clause):
            want = "一二三四五六日天1234567".index(match.group(2))
            if (want if want < 6 else (6 if want < 8 else want - 8)) % 7 != day.weekday():
                return False
        for match in _WEEKDAY_EN.finditer(clause):
            if _WEEKDAYS_EN.index(match.group(1).lower()) != day.weekday():
                return False
        for match in _DATE_ZH.finditer(clause):
            year, month, mday = (_zh_int(g) if g else None for g in match.group(1, 2, 3))
            alone = _zh_int(match.group(4)) if match.group(4) else None
            if year is not None and year != day.year:
                return False
            if month is not None and (month != day.month or mday != day.day):
                return False
            if alone is not None and alone != day.day:
                return False
        for match in _DATE_EN.finditer(clause):
            if _MONTHS_EN.index(match.group(1).lower()) + 1 != day.month or int(match.group(2)) != day.day:
                return False
        return True

    def time_ok(self, clause: str, question: str) -> bool:
        if is_hedged(clause):
            return True
        asked = asks_now(question)
        zh = [m for m in _TIME_ZH.finditer(clause)
              if asked or re.search(r"现在[^，,。]{0,4}$", clause[: m.start()])]
        en = english_times(clause) if asked or _NOW_EN.search(clause) else []
        for match in zh:
            hour = _zh_int(match.group(2))
            if hour is None or hour > 24:
                continue
            minute = _zh_int(match.group(3)) if match.group(3) else 30 if match.group(4) else \
                15 if match.group(5) else 45 if match.group(6) else None
            if not self._near(hour, minute, match.group(1) or ""):
                return False
        for hour, minute, period in en:
            if not self._near(hour, minute, period):
                return False
        return True

    def _near(self, hour: int, minute: int | None, period: str) -> bool:
        hours = {hour % 24}
        if hour <= 12:
            hours |= {(hour + 12) % 24}
        if period in ("凌晨", "早上", "上午"):
            hours = {h for h in hours if h < 12}
        elif period in ("下午", "傍晚", "晚上", "夜里"):
            hours = {h for h in hours if h >= 12 or h < 1}
        now_min = self.now.hour * 60 + self.now.minute
        tolerance = 15 if minute is not None else 60
        for h in hours:
            said = h * 60 + (minute or 0)
            if min(abs(said - now_min), 1440 - abs(said - now_min)) <= tolerance:
                return True
        return False

    def statement(self, category: str, language: str) -> str:
        """The honest replacement for a wrong date or time: what the clock says."""
        now = self.now
        if language == "en":
            if category == "time":
                return f"It's {time_en(now)} now."  # as the clock tool says it ("9:40 a.m.")
            return f"Today is {now.strftime('%A')}, {now.strftime('%B')} {now.day}."
        if category == "time":
            from assistant.llm.prompt import format_now_zh

            return "现在是" + format_now_zh(now).split(" ", 2)[2] + "。"
        weekday = "一二三四五六日"[now.weekday()]
        return f"今天是{now.month}月{now.day}日，星期{weekday}。"


def find_violation(clause: str, *, context: str = "", question: str = "", grounded: Set[str] = frozenset(),
                   clock: ClockCheck | None = None, language: str = "zh", told: str = "",
                   earlier: str = "") -> Violation | None:
    """The first ungrounded claim in ``clause`` (``context``: the sentence so far; ``told``: what the
    conversation holds, for facts of the user's own life; ``earlier``: the answer before the sentence),
    or None."""
    texts = HONEST_EN if language == "en" else HONEST_ZH
    if identity_claim(clause, context):
        return Violation(category="identity", clause=clause, replacement=who_i_am(language))
    if persona_claim(clause, context):
        return Violation(category="identity", clause=clause, replacement=not_a_person(language))
    if promised := broken_promise(clause, context=context, question=question, grounded=grounded, told=told):
        said = instead_of_promise(promised, language, around=question + earlier + context + clause,
                                  before=earlier)
        return Violation(category=f"promise:{promised}", clause=clause, replacement=said)
    if personal := personal_claim(clause, question, told):
        return Violation(category="personal", clause=clause,
                         replacement=personal_statement(personal, language))
    if bare := bare_violation(clause, question, grounded, language, before=earlier or context):
        return Violation(category=bare[0], clause=clause, replacement=bare[1])  # "到了，" to "快递到了吗？"
    if "weather" not in grounded and weather_claim(clause, context, question):
        return Violation(category="weather", clause=clause, replacement=texts["weather"])
    if "price" not in grounded and price_claim(clause, question, context):
        return Violation(category="price", clause=clause, replacement=texts["price"])
    if "news" not in grounded and news_claim(clause, context):
        return Violation(category="news", clause=clause, replacement=texts["news"])
    if "traffic" not in grounded and traffic_claim(clause, question):
        return Violation(category="traffic", clause=clause, replacement=texts["traffic"])
    more = more_violation(clause, context, question, grounded)
    if more is not None:
        return Violation(category=more, clause=clause,
                         replacement=(HONEST_MORE_EN if language == "en" else HONEST_MORE_ZH)[more])
    around = clause + context + question
    if "date" not in grounded and _LUNAR.search(clause) and _day_offset(around) is not None \
            and re.search(r"农历|阴历", around) and not is_hedged(clause):
        return Violation(category="lunar", clause=clause, replacement=texts["lunar"])
    if clock is not None:
        # checked when a tool grounds the date too: the tool read the same clock, so a reply that
        # disagrees with it misread the tool ("今天是星期三" on a Tuesday)
        if not clock.date_ok(clause, question):
            return Violation(category="date", clause=clause, replacement=clock.statement("date", language))
        if not (clock.time_ok(clause, question) and period_ok(clause, clock.now, question)):
            return Violation(category="time", clause=clause, replacement=clock.statement("time", language))
    return None


def join_clauses(a: str, b: str) -> str:
    """Append clause ``b`` to text ``a``: a space between English words, none in Chinese."""
    if not a:
        return b
    if a[-1].isascii() and b[:1].isascii():
        return f"{a} {b}"
    return a + b


class HonestyGuard:
    """One reply's guard: ``push`` each clause, speak what it returns, then speak ``flush()``."""

    def __init__(self, *, grounded: Set[str] = frozenset(), now: datetime | None = None,
                 question: str = "", language: str | None = None, garbled: Set[str] = frozenset(),
                 told: str = "") -> None:
        """``grounded`` is read at every clause: a live set may grow while the answer streams (a remote
        model's tool call). ``garbled``: misheard bits of the question (``hearing.misheard_bits``); an
        answer that repeats one is replaced by an ask-back, and nothing more of it is said."""
        self.grounded = grounded
        self.garbled = garbled
        self._silenced = False
        self.question = question
        self.told = told
        self.clock = ClockCheck(now) if now is not None else None
        self.language = language
        self.violations: list[Violation] = []
        self._sentence = ""  # released clauses of the current sentence
        self._held = ""
        self._cut = ""  # the last clause released, when it ends without a mark
        self._dropping = False  # the rest of a sentence whose clause was replaced
        self._said = False  # whether any of the answer was released
        self._first = True  # the first sentence is still to end
        self._parrot = ""  # the first sentence's last clause, held: it says the question back
        self._answer = ""  # what was released, for the honest words instead of a broken promise
        self._yes_held = False  # a bare yes or no opening the answer was held once (honesty_hold.py)

    def push(self, clause: str) -> list[str]:
        out = self._push(clause)
        self._said = self._said or bool(out)
        self._answer += "".join(out)
        return out

    def _push(self, clause: str) -> list[str]:
        if self._silenced:
            return []
        if self._parrot:  # more follows the sentence that said the question back: it was an echo
            parrot, self._parrot = self._parrot, ""
            return [parrot, *self._push(clause)]
        if any(pair in clause for pair in self.garbled):  # a misheard phrase repeated as if a fact
            return self._ask_back(clause)
        kept, unasked = split_unasked(clause, self.question) if self.clock is not None \
            and not {"date", "time"} & set(self.grounded) else (clause, "")
        if unasked:
            if not self._said and ((self.garbled and not asks_clock(self.question))
                                   or echoes(unasked, self.question)):
                return self._ask_back(clause)  # the clock read back to a question heard wrong
            log.info("honesty guard: left out a date or time nobody asked for: %r", clause)
            self.violations.append(Violation(category="unasked", clause=clause, replacement=""))
            if not kept.strip("，,、；; "):
                return []
            clause = kept
        ends = bool(_STRONG_END.search(clause))
        if self._dropping:
            self._dropping = not ends
            if ends:
                self._sentence = ""
            return []
        candidate = join_clauses(self._held, clause)
        self._held = ""
        language = self.language or ("zh" if _HAN.search(candidate + self.question) else "en")
        cut, self._cut = self._cut, ""  # the clause before, cut without a mark (tts/phrases.py): judged again
        for text in (candidate, cut + candidate) if cut else (candidate,):
            before = self._sentence[:len(self._sentence) + len(candidate) - len(text)]
            found = find_violation(text, context=before, question=self.question, grounded=self.grounded,
                                   clock=self.clock, language=language, told=self.told, earlier=self._answer)
            if found is not None:
                break
        if found is not None:
            said = {v.category for v in self.violations}
            log.info("honesty guard: replaced an ungrounded %s claim %r", found.category, candidate)
            self.violations.append(found)
            self._dropping = not ends
            self._sentence = ""
            self._silenced = found.category == "code"  # an answer about programming: none of it is hers
            return [] if found.category in said else [found.replacement]
        if self._should_hold(candidate, clause, ends):
            self._held = candidate
            return []
        # one side of "是不是" taken is an answer, unless the question is of her world (its honest sentence)
        sides = honest_for(self.question, self.grounded, language) is None
        if ends and self._first and language == "zh" and parrots(self._sentence + candidate, self.question,
                                                                  sides=sides):
            self._parrot, self._first, self._sentence = candidate, False, ""
            return []
        self._first = self._first and not ends
        self._sentence = "" if ends else self._sentence + candidate
        self._cut = candidate if re.search(r"\w$", candidate) else ""
        return [candidate]

    def _ask_back(self, clause: str, replacement: str = "") -> list[str]:
        """The answer repeats a misheard phrase: say that instead, and nothing more of the answer."""
        self._silenced, self._held = True, ""
        language = self.language or ("zh" if _HAN.search(clause + self.question) else "en")
        replacement = replacement or (HONEST_EN if language == "en" else HONEST_ZH)["misheard"]
        log.info("honesty guard: the answer repeats a misheard phrase: %r", clause)
        self.violations.append(Violation(category="misheard", clause=clause, replacement=replacement))
        return [replacement]

    def flush(self) -> list[str]:
        if self._silenced:
            return []
        held, self._held = self._held, ""
        self._dropping = False
        out: list[str] = []
        if held:
            self._sentence, out = "", self.push(held + "。" if _HAN.search(held) else held + ".")
            out = [o[:-1] if o == held + "。" or o == held + "." else o for o in out]
        if self._parrot and not out:  # the answer only said the question back
            language = self.language or ("zh" if _HAN.search(self.question) else "en")
            honest = honest_for(self.question, self.grounded, language)
            return self._ask_back(self._parrot, honest or instead_of_parrot(self.question))
        if not self._said and any(v.category == "unasked" for v in self.violations):
            return self._ask_back("")  # the answer was only the clock read back: it answers nothing asked
        return out

    def _should_hold(self, candidate: str, clause: str, ends: bool) -> bool:
        """Wait one clause: a weather (or bus) sentence has begun, or a bare yes opens the answer
        (:mod:`assistant.pipeline.honesty_hold`)."""
        if candidate == clause and not ends and opens_live_claim(candidate, self.question):
            return True
        if candidate != clause or len(candidate) > 24:
            return False
        if not self._said and not self._yes_held and bare_answer(candidate, self.question):
            self._yes_held = True
            return True
        return not ends and opens_claim(candidate, self.question, self.grounded)
