"""Which entries of the LLM's history each OpenAI-Realtime conversation item put there.

A Realtime client may delete any item of the conversation (``conversation.item.delete``); from the
next response on, the LLM must no longer see it. Our history (:class:`~assistant.llm.prompt.History`)
holds chat messages, not items, and one message can come from several items:

- a user message is one turn's question: the text of the user items answered together (joined with
  "，"), an audio item's transcript, a photo's question, a function output that came after its call
  was over, and the words of an earlier turn cut off before it made a sound (carried into this one);
- an assistant message is one reply's answer (its ``reply_id``), cut to what was heard;
- a photo's context (a system message) belongs to its image item.

:class:`ItemLedger` records these links while the history is written (:class:`LedgerHistory` tells
it of each message added or replaced), and edits the history when an item is deleted: the item's
piece is cut out of its user message (the message goes when nothing is left), an answer or a photo's
context is removed. An item deleted before its entries are written is remembered, and its entries
go as they come. Clock lines belong to no item and stay. Pure logic: no I/O, no model.
"""

from __future__ import annotations

import copy
from collections import OrderedDict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.llm.base import ChatMessage
from assistant.llm.prompt import INTERRUPTED_MARK, History

SEPARATORS = "，,、 "
JOINER = "，"
RECENT = 32  # questions, messages and replies remembered
GONE = 256  # deleted item ids remembered (their entries may still come)


@dataclass(frozen=True, slots=True, kw_only=True)
class Piece:
    """The words one item adds to a question (a text, an audio item's transcript)."""

    item_id: str
    text: str


def joined(pieces: Sequence[Piece]) -> str:
    """A question made of ``pieces``, as the endpoint asks it."""
    return JOINER.join(p.text.strip() for p in pieces if p.text.strip())


def without(content: str, pieces: Sequence[Piece], drop: Collection[str]) -> str:
    """``content`` (made of ``pieces``, in order, maybe after carried words) less the pieces of the
    items in ``drop``, with their separators; the remaining pieces joined when one cannot be found."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for piece in pieces:
        text = piece.text.strip()
        at = content.find(text, pos) if text else -1
        if at < 0:
            if piece.item_id in drop:
                return joined([p for p in pieces if p.item_id not in drop])
            continue
        pos = at + len(text)
        if piece.item_id in drop:
            spans.append((at, pos))
    out = content
    for start, end in reversed(spans):
        while end < len(out) and out[end] in SEPARATORS:
            end += 1
        if end == len(out):
            while start > 0 and out[start - 1] in SEPARATORS:
                start -= 1
        out = out[:start] + out[end:]
    return out.strip()


@dataclass(slots=True)
class _Binding:
    """A user message in the history and the pieces it is made of."""

    message: ChatMessage
    pieces: list[Piece]


@dataclass(slots=True)
class _Reply:
    user_text: str
    answer: ChatMessage | None = None
    written: bool = False  # its question is in the history


class ItemLedger:
    """The map from items to history entries (see the module docstring)."""

    def __init__(self) -> None:
        self._asked: list[list[Piece]] = []  # questions not yet in the history, oldest first
        self._bindings: list[_Binding] = []
        self._loose: list[ChatMessage] = []  # user messages whose audio item is not known yet
        self._replies: OrderedDict[int, _Reply] = OrderedDict()
        self._photos: dict[str, ChatMessage] = {}
        self._photo_due = ""  # the image item whose context comes next
        self._gone: OrderedDict[str, None] = OrderedDict()
        self._gone_replies: OrderedDict[int, None] = OrderedDict()
        self._last_reply: int | None = None  # the reply of the latest user message

    # ---- what the endpoint asks ---------------------------------------------------------------
    def asked(self, pieces: Sequence[Piece]) -> None:
        """A question made of these items' words goes to the session."""
        if joined(pieces):
            self._asked = [*self._asked[-(RECENT - 1):], list(pieces)]

    def heard(self, history: History, item_id: str, text: str) -> None:
        """The transcript of audio item ``item_id`` (it may come after its question was written).
        Words carried into it from the turn before, cut off unanswered, stay that turn's item's."""
        carried = joined(self._asked[-1]) if self._asked else ""
        rest = text[len(carried):]
        carries = bool(carried) and text.startswith(carried) and rest[:1] != "" and rest[0] in SEPARATORS
        self.asked([Piece(item_id=item_id, text=rest.lstrip(SEPARATORS) if carries else text)])
        for message in reversed(self._loose):
            pieces = self._match(message.content)
            if pieces is not None:
                self._loose.remove(message)
                self._bind(history, message, pieces)
                return

    def unasked(self, text: str) -> None:
        """The turn that asked ``text`` failed: its question will not be written."""
        if text.strip():
            self._match(text.strip())

    def photo(self, item_id: str) -> None:
        """The next photo context added to the history is image item ``item_id``'s."""
        self._photo_due = item_id

    def speaking(self, reply_id: int, user_text: str) -> None:
        """Reply ``reply_id`` answers ``user_text`` (its answer follows its question in the history)."""
        if user_text.strip():
            self._replies[reply_id] = _Reply(user_text=user_text.strip())
            while len(self._replies) > RECENT:
                self._replies.popitem(last=False)

    # ---- what the history tells -----------------------------------------------------------------
    def added_user(self, history: History, message: ChatMessage) -> None:
        self._last_reply = None
        for reply_id in reversed(self._replies):
            reply = self._replies[reply_id]
            if not reply.written and reply.user_text == message.content:
                reply.written, self._last_reply = True, reply_id
                break
        pieces = self._match(message.content)
        if pieces is None:
            self._loose = [*self._loose[-(RECENT - 1):], message]
        else:
            self._bind(history, message, pieces)

    def added_answer(self, history: History, message: ChatMessage) -> None:
        reply = self._replies.get(self._last_reply) if self._last_reply is not None else None
        if reply is None:
            return
        reply.answer = message
        if self._last_reply in self._gone_replies:
            self._set_answer(history, reply, None)

    def replaced(self, history: History, old: ChatMessage, new: ChatMessage | None) -> None:
        for reply_id, reply in self._replies.items():
            if reply.answer is old:
                reply.answer = new
                if reply_id in self._gone_replies:
                    self._set_answer(history, reply, None)
                return

    def added_photo(self, history: History, message: ChatMessage) -> None:
        item_id, self._photo_due = self._photo_due, ""
        if not item_id:
            return
        self._photos[item_id] = message
        while len(self._photos) > RECENT:
            del self._photos[next(iter(self._photos))]
        if item_id in self._gone:
            self.forget_item(history, item_id)

    # ---- deleting ---------------------------------------------------------------------------------
    def forget_item(self, history: History, item_id: str) -> None:
        """User item ``item_id`` was deleted: its words, and its photo's context, leave the history."""
        self._gone[item_id] = None
        while len(self._gone) > GONE:
            self._gone.popitem(last=False)
        for binding in [b for b in self._bindings if any(p.item_id == item_id for p in b.pieces)]:
            self._cut(history, binding)
        photo = self._photos.pop(item_id, None)
        if photo is not None:
            history.replace(photo, None)

    def forget_reply(self, history: History, reply_id: int) -> None:
        """The answer of ``reply_id`` was deleted; one written later goes too."""
        self._gone_replies[reply_id] = None
        while len(self._gone_replies) > RECENT:
            self._gone_replies.popitem(last=False)
        reply = self._replies.get(reply_id)
        if reply is not None:
            self._set_answer(history, reply, None)

    def answer_of(self, reply_id: int) -> ChatMessage | None:
        reply = self._replies.get(reply_id)
        return reply.answer if reply is not None else None

    def cut_answer(self, history: History, reply_id: int, heard: str) -> bool:
        """Keep only ``heard`` of reply ``reply_id``'s answer (marked as cut off; nothing at all when
        nothing was heard). False when its answer is not in the history."""
        reply = self._replies.get(reply_id)
        if reply is None or reply.answer is None:
            return False
        heard = heard.strip()
        new = ChatMessage(role="assistant", content=heard + INTERRUPTED_MARK) if heard else None
        return self._set_answer(history, reply, new)

    # ---- inside -------------------------------------------------------------------------------------
    def _set_answer(self, history: History, reply: _Reply, new: ChatMessage | None) -> bool:
        old, reply.answer = reply.answer, new
        return old is not None and history.replace(old, new)

    def _match(self, content: str) -> list[Piece] | None:
        """The asked questions ``content`` is made of: the oldest one it is (or ends with), and the
        ones just before it whose words were carried into it (a turn cut before it made a sound)."""
        ends = [i for i, q in enumerate(self._asked) if joined(q) == content] or \
            [i for i, q in enumerate(self._asked) if _ends_with(content, joined(q))]
        if not ends:
            return None
        first = last = ends[0]
        head = content[: len(content) - len(joined(self._asked[last]))].rstrip(SEPARATORS)
        while head and first > 0 and _ends_with(head, joined(self._asked[first - 1])):
            first -= 1
            head = head[: len(head) - len(joined(self._asked[first]))].rstrip(SEPARATORS)
        pieces = [p for q in self._asked[first:last + 1] for p in q]
        del self._asked[:last + 1]  # questions are written in the order asked: older ones never will be
        return pieces

    def _bind(self, history: History, message: ChatMessage, pieces: list[Piece]) -> None:
        binding = _Binding(message=message, pieces=pieces)
        self._bindings = [*self._bindings[-(RECENT - 1):], binding]
        if any(p.item_id in self._gone for p in pieces):
            self._cut(history, binding)

    def _cut(self, history: History, binding: _Binding) -> None:
        content = without(binding.message.content, binding.pieces, self._gone)
        new = ChatMessage(role="user", content=content) if content else None
        history.replace(binding.message, new)
        binding.pieces = [p for p in binding.pieces if p.item_id not in self._gone]
        if new is None:
            self._bindings.remove(binding)
        else:
            binding.message = new


def _ends_with(content: str, text: str) -> bool:
    """``content`` is ``text``, or ends with it after a separator (carried words before it)."""
    if not text or not content.endswith(text):
        return False
    return len(content) == len(text) or content[-len(text) - 1] in SEPARATORS


class LedgerHistory(History):
    """A :class:`History` that tells its :class:`ItemLedger` of every message added or replaced."""

    def __init__(self, *, budget_tokens: int, ledger: ItemLedger) -> None:
        super().__init__(budget_tokens=budget_tokens)
        self.ledger = ledger

    def add_user(self, text: str) -> None:
        super().add_user(text)
        self.ledger.added_user(self, self._entries[-1].message)

    def add_assistant(self, text: str, *, interrupted: bool = False) -> None:
        last = self._entries[-1].message if self._entries else None
        super().add_assistant(text, interrupted=interrupted)
        if self._entries and self._entries[-1].message is not last:
            self.ledger.added_answer(self, self._entries[-1].message)

    def cut_last_answer(self, heard: str) -> None:
        old = next((e.message for e in reversed(self._entries) if e.message.role == "assistant"), None)
        super().cut_last_answer(heard)
        if old is not None and all(e.message is not old for e in self._entries):
            new = next((e.message for e in reversed(self._entries) if e.message.role == "assistant"), None)
            self.ledger.replaced(self, old, new if heard.strip() else None)

    def add_photo_context(self, description: str) -> None:
        super().add_photo_context(description)
        self.ledger.added_photo(self, self._entries[-1].message)

    def __deepcopy__(self, memo: dict[int, Any]) -> History:
        """A plain copy (the prefill renders a copy): the ledger stays with the session's history."""
        plain = History.__new__(History)
        for name, value in vars(self).items():
            if name != "ledger":
                setattr(plain, name, copy.deepcopy(value, memo))
        return plain
