"""One spoken turn that holds two or three requests ("先提醒我吃药，再告诉我明天天气",
"告诉我现在几点了，再帮我定个八点的闹钟", "What time is it, and then remind me at 8 pm to take my pills").

:func:`parts` cuts a turn at a connector (先…再…, 然后, 还有, 顺便, 另外, 并且, 再帮我; "and then", "also",
"then") and keeps the cut only when every piece is a request of its own: one the router takes, a question,
or a request to do something ("给我讲个笑话"). A connector inside one request stays in it:
"我先吃饭再吃药可以吗？" (no piece before 再 asks anything), "提醒我明天先吃药再吃饭" (吃饭 is the
reminder's task), "还有多久过年" (nothing before the connector), "先这样吧，再见" (再见 is no connector).

:func:`plan` answers the pieces: each piece that the code answers on its own (a tool, a safe answer, one
about the assistant, an honest "cannot know", comfort) is answered by it, in the order said; the pieces only
the LLM answers go to the LLM together, as the question, after the code's answers are spoken (the LLM is told
what was already said, so that it neither repeats nor contradicts it). A turn with no piece answered in code
is not cut: it goes whole to the LLM, as before. An answer that asks back ("您想让我几点提醒您？") is
said last of the code's, so that her next words answer it. At most one reminder is asked back in a turn (the
one "是的" confirms); a second unclear reminder is not saved, and the reply asks for it again later.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from assistant.llm.base import ChatMessage, ChatRequest
from assistant.pipeline.reply import ReplyPlan
from assistant.tools.reminder_words import you
from assistant.tools.router import route

# A cut: after a pause mark, a connector (its words dropped from the piece after it, except 还有 before
# 多久/几天/什么, which belongs to the question: "今天几号，还有几天过年"); without a pause mark only the
# strong ones (然后, 顺便, 并且, 再帮我…). 还有点/还有些 is "a little more" ("我胸口好疼，还有点喘不上气").
_PAUSE = r"[，,。．？?！!；;、\s]"
_ZH_CUT = re.compile(
    rf"{_PAUSE}+\s*(?:(?=还有(?:多久|多长|几|多少|什么|啥))|然后再?|还有(?!点|些|一点|一些)[，,\s]*|顺便(?:再)?|另外(?:再)?|并且|而且|接着|再(?=帮我|给我|替我|告诉我"
    rf"|提醒我|跟我|看看|查查|查一下|说说|讲讲|设|定|算))"
    r"|(?<=[\u4e00-\u9fff])(?:然后再?|顺便|并且|再(?=帮我|给我|告诉我|提醒我))(?=[\u4e00-\u9fff])"
)
_EN_CUT = re.compile(r"\s*(?:[,;.?!]\s*(?:and\s+)?(?:then|also)\b|\s+and\s+(?:then|also)\b)[,\s]*",
                     re.IGNORECASE)
_ZH_FIRST = re.compile(r"^(?:请|你)?先(?!生)")  # "先提醒我吃药" → "提醒我吃药"
_EN_FIRST = re.compile(r"^(?:first|first of all)[,\s]+", re.IGNORECASE)
_END = re.compile(r"^[，,。．\s]+|[，,。．；;、\s]+$")

# A piece that asks: a question word or mark, or a request to do something for her.
_ZH_ASKS = re.compile(
    r"[吗呢么？?]$|什么|怎么|咋|啥|多少|几|哪|谁|是不是|能不能|会不会|要不要|有没有|可不可以|好不好|行不行"
    r"|([\u4e00-\u9fff])不\1"
)
_ZH_DO = re.compile(
    r"^(?:请|麻烦你?|你)?(?:帮我|给我|替我|告诉我|跟我|和我|陪我|教我|说说|讲讲|讲个|说个|唱|念|读|放|查|看看|算|提醒"
    r"|定|设|叫我|取消|把)"
)
_EN_ASKS = re.compile(
    r"^(?:\S+\s+){2,}\S+\?$|^(?:what|what's|when|where|who|why|how|which|is|are|do|does|did|can|could|will|would|should)\b"
    r"|^(?:please\s+)?(?:tell|give|show|read|sing|remind)\s+me\b|^(?:please\s+)?set\s+(?:a|an|the|my)\b",
    re.IGNORECASE,
)


def parts(text: str) -> list[str]:
    """The requests ``text`` holds, in order; ``[text]`` when it is one request (or cannot be cut cleanly)."""
    english = text.isascii()
    cut = _EN_CUT if english else _ZH_CUT
    pieces, start = [], 0
    for found in cut.finditer(text):
        pieces.append(text[start:found.start()])
        start = found.end()
    pieces.append(text[start:])
    if len(pieces) < 2:
        return [text]
    cleaned = [_clean(piece, english) for piece in pieces]
    if not all(cleaned) or not all(asks(piece, english) for piece in cleaned):
        return [text]
    return cleaned


def _clean(piece: str, english: bool) -> str:
    piece = _END.sub("", piece.strip())
    return _EN_FIRST.sub("", piece) if english else _ZH_FIRST.sub("", piece)


def asks(piece: str, english: bool) -> bool:
    """Whether ``piece`` is a request of its own: the router takes it, it asks, or it asks for something."""
    if route(piece) is not None:
        return True
    if english:
        return bool(_EN_ASKS.search(piece))
    if len(piece.strip("吗呢么啊呀吧？?")) < 2:
        return False  # "现在几点，另外呢": a particle asks nothing of its own
    return bool(_ZH_ASKS.search(piece) or _ZH_DO.match(piece))


@dataclass(frozen=True)
class Said:
    """A piece answered in code: what to say, the fact categories it grounded, and a reminder it asked back
    (``confirm``: the guess a "是的" stores)."""

    text: str
    grounded: frozenset[str] = frozenset()
    confirm: Mapping[str, Any] | None = None
    what: str = "code"


@dataclass
class Pieces:
    """A cut turn's pieces and their answers in code (None: for the LLM)."""

    texts: list[str]
    said: list[Said | None] = field(default_factory=list)

    def for_llm(self) -> list[str]:
        return [text for text, said in zip(self.texts, self.said, strict=True) if said is None]

    def answered(self) -> list[Said]:
        return [said for said in self.said if said is not None]


def _later(confirm: Mapping[str, Any], language: str) -> str:
    """A second unclear reminder of the turn: not saved, asked for again ("关火的提醒我还没记下…")."""
    task = you(str(confirm.get("task") or ""), language)
    if language == "en":
        what = f"the reminder to {task}" if task else "one reminder"
        return f"I haven't saved {what} yet; please say it again in a moment."
    return f"{task + '的' if task else '还有一个'}提醒我还没记下，待会儿请您再说一遍。"


async def answer_pieces(texts: list[str], answer: Callable[[str], Awaitable[Said | None]],
                        language: str) -> tuple[Pieces, Mapping[str, Any] | None]:
    """Each piece's answer in code, in order, and the one reminder left asked back (the first: a second
    unclear one is not kept, and the reply asks for it again later)."""
    pieces, held = Pieces(texts), None
    for text in texts:
        said = await answer(text)
        if said is not None and said.confirm is not None:
            if held is None:
                held = said.confirm
            else:
                said = replace(said, text=_later(said.confirm, language), confirm=None)
        pieces.said.append(said)
    return pieces, held


def _joined(texts: list[str], language: str) -> str:
    return " ".join(texts) if language == "en" else "".join(texts)


def _told_note(said: str, language: str) -> ChatMessage:
    content = (f"The user asked several things in one turn; the others were already answered: {said} "
               "Answer only the remaining question, briefly, without repeating that."
               if language == "en"
               else f"用户这一句问了好几件事，其他的已经回答了：{said}"
                    "请只回答剩下的这个问题，简短，不要重复已经说过的。")
    return ChatMessage(role="system", content=content)


async def plan(pieces: Pieces, *, language: str, reply_id: int, speed: float,
               request: Callable[[str, str], Awaitable[ChatRequest]]) -> ReplyPlan | None:
    """The reply to a cut turn: the code's answers in order, then the LLM's to the rest; None when no piece
    was answered in code (the turn goes whole to the LLM, as before)."""
    answered = sorted(pieces.answered(), key=lambda one: one.text.endswith(("？", "?")))  # asked back last
    if not answered:
        return None
    said = _joined([one.text for one in answered], language)
    grounded = frozenset().union(*(one.grounded for one in answered))
    rest = pieces.for_llm()
    if not rest:
        return ReplyPlan(reply_id=reply_id, speed=speed, fixed_text=said, grounded=grounded)
    question = ("? " if language == "en" else "，").join(rest)
    base = await request(question, language)
    messages = [*base.messages[:-1], _told_note(said, language), base.messages[-1]]
    return ReplyPlan(reply_id=reply_id, speed=speed, lead=said, question=question, grounded=grounded,
                     request=replace(base, messages=messages))
