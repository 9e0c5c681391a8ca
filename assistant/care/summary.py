"""The daily summary for the family: what the elder talked about, written by the LLM from the day's
turns. Short; a quiet day is said plainly without asking the model; hidden turns are never shown to
it (only their number, so that it can say that something private was said).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.llm.base import ChatMessage, ChatModel, ChatRequest, Usage, open_stream
from assistant.storage.conversations import FamilyTurn

MAX_CHARS = 160  # a summary longer than this is cut at a sentence end
MAX_TURNS = 40  # the day's last turns that go into the prompt
MAX_TURN_CHARS = 120

SYSTEM_ZH = (
    "你替家人看老人和语音助手的聊天记录，写一段当天小结给家人看。要求：\n"
    "一、不超过八十个字，用平实的中文，不用列表。\n"
    "二、说清楚老人聊了什么；提到身体、情绪、孤单或需要帮忙的，直接点出来，并建议家人打个电话。\n"
    "三、只写记录里有的事，不要编造，不要评价助手。"
)
SYSTEM_EN = (
    "You read an elderly person's chats with their voice assistant and write the day's summary for their "
    "family. At most 60 words, plain English, no lists. Say what they talked about; point out anything about "
    "health, mood, loneliness or needing help, and suggest a call if so. Only what the record says."
)


@dataclass(frozen=True, slots=True, kw_only=True)
class DaySummary:
    text: str
    turns: int
    hidden: int
    quiet: bool


def quiet_text(name: str, turns: Sequence[FamilyTurn], language: str) -> str | None:
    """The summary of a quiet day (no turn, or only private ones), or None when the LLM should write it."""
    shown = [t for t in turns if not t.hidden]
    if shown:
        return None
    if language == "en":
        return (
            f"A quiet day: {name} did not talk to the assistant."
            if not turns
            else f"A quiet day: {name} only said something they asked to keep private."
        )
    return (
        f"安静的一天：{name}没有和助手说话。"
        if not turns
        else f"安静的一天：{name}只说了不想让家人看到的话。"
    )


def summary_request(name: str, day: str, turns: Sequence[FamilyTurn], language: str) -> ChatRequest:
    """The LLM request: the day's visible turns as a numbered record."""
    shown = [t for t in turns if not t.hidden][-MAX_TURNS:]
    hidden = sum(1 for t in turns if t.hidden)
    zh = language != "en"
    lines = [
        f"下面是{name}在{day}和语音助手的对话记录：" if zh else f"{name}'s chats with the assistant on {day}:"
    ]
    for n, t in enumerate(shown, 1):
        photo = ("（拍照提问）" if zh else " (about a photo)") if t.photo else ""
        lines.append(f"{n}. {'问' if zh else 'Q'}{photo}：{t.question[:MAX_TURN_CHARS]}")
        lines.append(f"   {'答' if zh else 'A'}：{(t.heard or t.answer)[:MAX_TURN_CHARS]}")
    if hidden:
        lines.append(
            f"（另有 {hidden} 段老人要求保密的对话，不要猜测内容。）"
            if zh
            else f"({hidden} private exchanges are left out; do not guess at them.)"
        )
    lines.append(
        f"\n请用一两句话给家人写当天小结，以“{name}今天”开头。"
        if zh
        else f'\nWrite the family a one- or two-sentence summary, starting with "Today {name}".'
    )
    return ChatRequest(
        messages=[
            ChatMessage(role="system", content=SYSTEM_ZH if zh else SYSTEM_EN),
            ChatMessage(role="user", content="\n".join(lines)),
        ],
        max_tokens=160,
        temperature=0.2,
    )


async def write_summary(
    llm: ChatModel | None, name: str, day: str, turns: Sequence[FamilyTurn], language: str = "zh"
) -> DaySummary:
    """The day's summary. ``llm`` may be None for a quiet day; raises LlmError if the model fails."""
    hidden = sum(1 for t in turns if t.hidden)
    quiet = quiet_text(name, turns, language)
    if quiet is not None:
        return DaySummary(text=quiet, turns=len(turns), hidden=hidden, quiet=True)
    if llm is None:
        raise RuntimeError("no language model to write the summary")
    text = ""
    async with open_stream(llm, summary_request(name, day, turns, language), Usage()) as deltas:
        async for delta in deltas:
            text += delta
    return DaySummary(text=_shorten(text.strip()), turns=len(turns), hidden=hidden, quiet=False)


def _shorten(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    cut = text[:MAX_CHARS]
    end = max(cut.rfind(p) for p in "。！？.!?")
    return cut[: end + 1] if end > MAX_CHARS // 3 else cut.rstrip() + "…"
