"""The system prompt, the per-turn clock line, and the conversation history.

Prompt layout, chosen for llama.cpp prefix caching::

    [system: static prompt]  [earlier turns: (clock), user, assistant] ...  [(system: clock now)]  [user]

The clock line (date and time, plus a language hint) is volatile, so it comes after everything
else. ``build_request`` also records it in the history, where the next user message follows it:
the next turn's prompt then starts with exactly this turn's prompt and answer, and llama.cpp only
processes what is new. A turn within :data:`CLOCK_REUSE` of the clock line still in the history (same
date, same language) gets no new one: that line is about 25 tokens (Qwen writes each digit as a token),
some 40% of what a turn of questions a few seconds apart adds. The honesty guard checks a time the
LLM says against the real clock, within 15 minutes (``pipeline/honesty.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from assistant.llm.base import ChatMessage, ChatRequest
from assistant.llm.usage import estimate_tokens
from assistant.tools.clock import time_zh

SYSTEM_PROMPT_ZH = (
    "你是一位耐心、亲切的语音助手，主要陪伴和帮助老年人。你说的每一句话都会被朗读出来。\n"
    "请遵守以下要求：\n"
    "一、回答要简短、口语化，一般两到三句话；只有对方明确要求详细说明时，才多说一些。"
    "多用逗号断成短小句，每个小句不超过十个字，老人听得更清楚。\n"
    "二、不要使用任何格式符号：不要用星号、井号、列表、编号、表格、表情符号或网址。\n"
    "三、数字要写成适合朗读的样子，比如“三点二十分”“两百五十块钱”“百分之十”。\n"
    "四、用对方说话的语言回答：对方说中文，就用简体中文回答；对方说英文，就用英文回答。\n"
    "五、不要编造你不可能知道的事情，比如今天的天气、新闻、股价、菜价、比赛结果。"
    "遇到这类问题，要直接说你不知道，可以建议对方看看电视、手机或者问问家人。\n"
    "六、涉及身体不适、用药或紧急情况时，要提醒对方及时联系家人或医生，情况紧急就拨打一二零。\n"
    "七、语气要温和、尊重，多用“您”。对方没听清或者重复问，要耐心地再说一遍。\n"
    "八、当前的日期和时间会在对话最后告诉你，回答与日期时间有关的问题时以它为准。\n"
    "九、对方的话是语音识别转写的，可能有同音字错误，比如把“心脏病”写成“新脏病”。"
    "请按最可能的意思回答，不要重复写错的字；实在听不懂，就用一句话请对方再说一遍。"
)

INTERRUPTED_MARK = "……（被打断）"
CLOCK_REUSE = timedelta(minutes=5)  # a clock line in the history stands for the turns this soon after it

_WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


def format_now_zh(now: datetime) -> str:
    """``现在是2026年11月28日 星期六 下午3点20分``: the time in the clock tool's words (its periods of the
    day, 12-hour clock), so that the LLM and the clock tool never name the same hour differently."""
    return f"现在是{now.year}年{now.month}月{now.day}日 {_WEEKDAYS[now.weekday()]} {time_zh(now)}"


def _hint(clock: ChatMessage) -> str:
    """What a clock line says besides the time (the language hint)."""
    return clock.content.partition("。")[2]


def clock_message(now: datetime, *, language: str = "zh") -> ChatMessage:
    """The volatile system message before a turn's question: the time, and which language to answer in."""
    text = format_now_zh(now) + "。"
    if language == "en":
        text += "The user is speaking English: answer in English."
    return ChatMessage(role="system", content=text)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Entry:
    message: ChatMessage
    tokens: int
    clock: bool = False
    at: datetime | None = None  # a clock line's time


class History:
    """One conversation, kept within a token budget.

    The system prompt is not stored here (``build_request`` adds it), so the budget only
    covers the turns. When over budget, whole turns are dropped oldest first until the history
    is back under ``low_water`` of the budget: a turn starts at a user message (or a photo
    context message) and runs to the next one. Dropping in one larger step, rather than one turn
    per new turn, keeps the cached prompt prefix valid for several turns in a row. The newest
    turn is always kept, even when it alone exceeds the budget.
    """

    def __init__(self, *, budget_tokens: int, count_tokens: Callable[[str], int] = estimate_tokens,
                 low_water: float = 0.75) -> None:
        if budget_tokens <= 0:
            raise ValueError("budget_tokens must be positive")
        if not 0.0 < low_water <= 1.0:
            raise ValueError("low_water must be in (0, 1]")
        self._budget = budget_tokens
        self._low_water = int(budget_tokens * low_water)
        self._count = count_tokens
        self._entries: list[_Entry] = []
        self._pending_clock: ChatMessage | None = None
        self._pending_at: datetime | None = None
        self.conversation = ""  # whose conversation: its requests carry it (ChatRequest.conversation)

    def add_user(self, text: str) -> None:
        """Record a question; the clock line of its request (see ``stamp``) goes in first."""
        if self._pending_clock is not None:
            self._add(self._pending_clock, clock=True, at=self._pending_at)
            self._pending_clock = None
        self._add(ChatMessage(role="user", content=text.strip()))

    def stamp(self, clock: ChatMessage, *, at: datetime | None = None) -> None:
        """Record the clock line of the request being made (``build_request`` calls this).

        It goes before the trailing user message(s) already in the history, or else before the
        next ``add_user``. Asking again for the same turn replaces it. With ``at`` (the time it
        tells), a clock line already in the history from the same date, less than
        :data:`CLOCK_REUSE` earlier and with the same language hint, stands instead: nothing is added.
        """
        if at is not None and self._still_true(clock, at):
            self._pending_clock = None
            return
        end = len(self._entries)
        while end > 0 and self._entries[end - 1].message.role == "user":
            end -= 1
        if end == len(self._entries):
            self._pending_clock = clock
            self._pending_at = at
            return
        if end > 0 and self._entries[end - 1].clock:
            del self._entries[end - 1]
            end -= 1
        entry = _Entry(message=clock, tokens=self._count(clock.content) + 4, clock=True, at=at)
        self._entries.insert(end, entry)
        self._trim()

    def _still_true(self, clock: ChatMessage, at: datetime) -> bool:
        last = next((e for e in reversed(self._entries) if e.clock), None)
        if last is None or last.at is None or last.at.date() != at.date():
            return False
        try:
            age = at - last.at
        except TypeError:  # one time with a zone, the other without
            return False
        return timedelta(0) <= age < CLOCK_REUSE and _hint(last.message) == _hint(clock)

    def add_assistant(self, text: str, *, interrupted: bool = False) -> None:
        """Record an answer. ``interrupted``: the user barged in; ``text`` is what was heard.

        An answer cut off before anything was heard is not recorded: a lone mark would only teach
        the small model to answer with the mark itself."""
        text = text.strip()
        if not text:
            return
        if interrupted:
            text = text + INTERRUPTED_MARK
        self._add(ChatMessage(role="assistant", content=text))

    def cut_last_answer(self, heard: str) -> None:
        """The last answer was cut off by barge-in after it was recorded: keep only what was heard
        (nothing at all when nothing was heard, as in :meth:`add_assistant`)."""
        heard = heard.strip()
        message = ChatMessage(role="assistant", content=heard + INTERRUPTED_MARK)
        entry = _Entry(message=message, tokens=self._count(message.content) + 4)
        for i in range(len(self._entries) - 1, -1, -1):
            if self._entries[i].message.role == "assistant":
                if heard:
                    self._entries[i] = entry
                else:
                    del self._entries[i]
                return
        if heard:
            self._entries.append(entry)
            self._trim()

    def add_photo_context(self, description: str) -> None:
        """What is known about a photo the user sent (OCR text, labels, or a VLM's description)."""
        self._add(ChatMessage(role="system",
                              content=f"用户发来了一张照片。照片的信息：{description.strip()}"))

    def replace(self, old: ChatMessage, new: ChatMessage | None) -> bool:
        """Put ``new`` where the message ``old`` (this very object) is, or remove it (``None``).
        False when ``old`` is no longer here (trimmed, or already replaced)."""
        for i, entry in enumerate(self._entries):
            if entry.message is old:
                if new is None:
                    del self._entries[i]
                else:
                    tokens = self._count(new.content) + 4
                    self._entries[i] = _Entry(message=new, tokens=tokens, clock=entry.clock, at=entry.at)
                return True
        return False

    def clear(self) -> None:
        self._entries.clear()
        self._pending_clock = None
        self._pending_at = None

    @property
    def pending_clock(self) -> ChatMessage | None:
        """The clock line recorded by ``stamp`` that waits for the next ``add_user``."""
        return self._pending_clock

    @property
    def tokens(self) -> int:
        return sum(e.tokens for e in self._entries)

    @property
    def messages(self) -> list[ChatMessage]:
        return [e.message for e in self._entries]

    def _add(self, message: ChatMessage, *, clock: bool = False, at: datetime | None = None) -> None:
        tokens = self._count(message.content) + 4
        self._entries.append(_Entry(message=message, tokens=tokens, clock=clock, at=at))
        self._trim()

    def _turn_starts(self) -> list[int]:
        return [i for i, e in enumerate(self._entries) if e.message.role != "assistant"
                and (i == 0 or self._entries[i - 1].message.role == "assistant")]

    def _trim(self) -> None:
        if self.tokens <= self._budget:
            return
        while self.tokens > self._low_water:
            starts = self._turn_starts()
            if len(starts) < 2:
                if self._entries and self._entries[0].message.role == "assistant":
                    del self._entries[0]  # a stray answer before the first kept question
                    continue
                return
            del self._entries[: starts[1]]


def build_request(
    history: History,
    *,
    now: datetime,
    system_prompt: str = SYSTEM_PROMPT_ZH,
    language: str = "zh",
    max_tokens: int = 160,
    temperature: float = 0.3,
) -> ChatRequest:
    """The request for this turn: the system prompt, the history and the clock line ``now``.

    Either add the user message to ``history`` first (the clock goes before it), or append it
    to the returned messages and add it to ``history`` afterwards with ``add_user``. The clock
    line is recorded in ``history`` either way (``History.stamp``), which keeps the prompt
    prefix of the next turn identical to this one for llama.cpp's cache.
    """
    history.stamp(clock_message(now, language=language), at=now)
    turns = history.messages
    if history.pending_clock is not None:
        turns.append(history.pending_clock)
    messages = [ChatMessage(role="system", content=system_prompt), *turns]
    return ChatRequest(messages=messages, max_tokens=max_tokens, temperature=temperature,
                       conversation=history.conversation)
