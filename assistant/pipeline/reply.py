"""One reply: LLM text deltas → clauses → TTS → outbox, all inside one task.

The LLM producer and the TTS consumer run concurrently, joined by a small bounded queue, so the
first clause is spoken while the rest is still being generated. Cancelling the task (barge-in)
cancels both halves: the LLM stream is closed and no further audio is produced.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Set
from dataclasses import dataclass

from assistant.errors import BackendError, TtsError
from assistant.llm.base import ChatModel, ChatRequest, Usage, closing, open_stream
from assistant.pipeline.care_tail import care_tail
from assistant.pipeline.clip import Clip
from assistant.pipeline.honesty import HonestyGuard, join_clauses
from assistant.pipeline.honesty_request import clock_of, facts_of, told_of
from assistant.pipeline.polite import Polite
from assistant.pipeline.turn import SpokenLog, TurnMetrics, now
from assistant.protocol.messages import AudioOut, ReplyDelta, ServerEvent
from assistant.tts.base import Synthesizer
from assistant.tts.clauses import ClauseSplitter, clean_for_speech

log = logging.getLogger(__name__)

Emit = Callable[[ServerEvent], Awaitable[None]]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplyPlan:
    reply_id: int
    speed: float
    request: ChatRequest | None = None  # an LLM answer ...
    fixed_text: str = ""  # ... or a ready text (repeat, apology, greeting, read-aloud)
    remote_stream: Callable[[Usage], AsyncIterator[str]] | None = None  # e.g. a remote vision model
    # Fact categories ("weather", "date", "time", "price", "news") a tool grounded this turn: the honesty
    # guard lets an LLM answer state only these (and a date or time that agrees with its clock line), and
    # promise only the actions named here ("reminder": the reminders tool acted, honesty_promise.py). It
    # is read at every clause, so a remote tool-call loop may pass its live set
    # (``assistant.pipeline.tooling.SessionTools.live_grounded``), which grows while the answer streams.
    grounded: Set[str] = frozenset()
    question: str = ""  # the user's words, which the honesty guard reads as context
    preface: str = ""  # said first, as written, never checked by the honesty guard (a family message)
    preface_parts: tuple[str | Clip, ...] = ()  # the preface with recordings to play (empty: say it)
    lead: str = ""  # said first, after the preface: the code's answers to a compound turn's other requests
    garbled: Set[str] = frozenset()  # misheard bits of the question the answer must not repeat
    polite: bool = True  # a model's Chinese answer says 您, not 你 (polite.py); a photo's reads as written


class ReplyRun:
    def __init__(self, *, llm: ChatModel, tts: Synthesizer, emit: Emit, plan: ReplyPlan,
                 metrics: TurnMetrics) -> None:
        self._llm = llm
        self._tts = tts
        self._emit = emit
        self.plan = plan
        self.metrics = metrics
        self.text = ""  # the answer so far, as released to be spoken (after the honesty guard)
        self.spoken = SpokenLog()
        self.usage = Usage()
        self.guard: HonestyGuard | None = None
        if plan.request is not None and plan.remote_stream is None:  # an answer the LLM made up itself
            self.guard = HonestyGuard(grounded=plan.grounded, now=clock_of(plan.request),
                                      question=plan.question, garbled=plan.garbled,
                                      told=told_of(plan.request))
        self.polite = Polite() if plan.polite and self.guard is not None else None

    async def run(self) -> None:
        clauses: asyncio.Queue[str | Clip | None] = asyncio.Queue(maxsize=8)
        async with asyncio.TaskGroup() as group:
            group.create_task(self._produce(clauses))
            group.create_task(self._speak(clauses))
        await self._emit(ReplyDelta(reply_id=self.plan.reply_id, text="", final=True))

    async def _deltas(self) -> AsyncIterator[str]:
        if self.plan.remote_stream is not None:
            async with closing(self.plan.remote_stream(self.usage)) as remote:
                async for delta in remote:
                    yield delta
        elif self.plan.request is not None:  # closed at once on cancellation: the LLM stops generating
            request = dataclasses.replace(self.plan.request, lead=self._lead)  # for pacing (llm/pacing.py)
            async with open_stream(self._llm, request, self.usage) as stream:
                async for delta in stream:
                    yield delta
        else:
            yield self.plan.fixed_text

    def _lead(self) -> float:
        """Seconds of this reply's speech sent and not yet played (0 before its first audio)."""
        return self.spoken.playing_until() - now() if self.spoken.first_audio_wall is not None else 0.0

    async def _produce(self, clauses: asyncio.Queue[str | Clip | None]) -> None:
        # an amount read from a curated fact may start the second clause (tts/phrases.py)
        splitter = ClauseSplitter(known=facts_of(self.plan.request) if self.guard is not None else "")
        # a model's answer that loops is cut; a fixed text is said as written (a song repeats its lines)
        raw, loops = "", _Loops(model=self.plan.request is not None or self.plan.remote_stream is not None)
        self.metrics.llm_start_wall = now()
        # the family's own words (and voice): said as written, never rewritten by the guard
        for part in self.plan.preface_parts or ((self.plan.preface,) if self.plan.preface else ()):
            if isinstance(part, Clip):
                await self._put(part.label, clauses, part)
                continue
            preface = ClauseSplitter()
            for clause in [*preface.push(part), *preface.flush()]:
                await self._put(clause, clauses)
        lead = ClauseSplitter()  # answered in code (compound.py): kept in the history, unlike the preface
        for clause in [*lead.push(self.plan.lead), *lead.flush()] if self.plan.lead else ():
            await self._put(clause, clauses)
        try:
            async with closing(self._deltas()) as deltas:
                async for delta in deltas:
                    if not delta:
                        continue
                    if self.metrics.llm_first_token_wall is None:
                        self.metrics.llm_first_token_wall = now()
                    self.metrics.tokens += 1
                    raw += delta
                    for clause in splitter.push(delta):
                        await self._release(loops.said_once(clause), clauses)
                    if looping(raw) or loops.repeats >= 2:  # "医院、药店、药店、药店…": stop the model
                        log.info("reply %d: the model repeats itself: %r", self.plan.reply_id, raw[-40:])
                        self.metrics.extra["looped"] = True
                        break
            for clause in splitter.flush() if "looped" not in self.metrics.extra else ():  # a loop's rest
                await self._release(loops.said_once(clause), clauses)
            await self._release(None, clauses)
            if self.guard is not None and (tail := care_tail(self.plan.question, self.text)):
                await self._put(tail, clauses)  # a health answer points to the family or a doctor
        finally:
            self.metrics.llm_done_wall = now()
            if self.usage.completion_tokens:
                self.metrics.tokens = self.usage.completion_tokens
            self.metrics.prompt_tokens = self.usage.prompt_tokens
            if self.plan.request is not None:  # earlier messages sent along (facts vary the tokens)
                self.metrics.extra["history_messages"] = sum(
                    m.role in ("user", "assistant") for m in self.plan.request.messages) - 1
            self.metrics.llm_backend = self.usage.provider or self.metrics.llm_backend
            if not clauses.full():
                clauses.put_nowait(None)
            else:  # only when the speaker died; make room for the end marker
                await clauses.put(None)

    async def _release(self, clause: str | None, clauses: asyncio.Queue[str | Clip | None]) -> None:
        """Pass a clause (None: the end) through the honesty guard, then to the screen and the speaker."""
        if clause == "":
            return  # a repeat, said once already
        if self.guard is None:
            checked = [] if clause is None else [clause]
        else:
            checked = self.guard.flush() if clause is None else self.guard.push(clause)
        for text in checked:
            await self._put(self.polite.clause(text) if self.polite is not None else text, clauses)

    async def _put(self, text: str, clauses: asyncio.Queue[str | Clip | None],
                   clip: Clip | None = None) -> None:
        """Show ``text`` on the screen and queue it (or the ``clip`` it stands for) for the speaker."""
        before, self.text = self.text, join_clauses(self.text, text)
        await self._emit(ReplyDelta(reply_id=self.plan.reply_id, text=self.text[len(before):]))
        await clauses.put(clip or text)

    async def _speak(self, clauses: asyncio.Queue[str | Clip | None]) -> None:
        index = 0
        while (clause := await clauses.get()) is not None:
            if isinstance(clause, Clip):  # a recording: played as is
                await self._emit(AudioOut(reply_id=self.plan.reply_id, clause=index, audio=clause.audio,
                                          rate=clause.rate))
                self.spoken.add(clause.label, clause.seconds)
                self.metrics.audio_out_s += clause.seconds
                index += 1
                continue
            text = clean_for_speech(clause)
            if not text.strip():
                continue
            if self.metrics.tts_first_start_wall is None:
                self.metrics.tts_first_start_wall = now()
            try:
                speech = await self._tts.synthesize(text, speed=self.plan.speed)
            except TtsError:
                log.exception("TTS failed for one clause; skipping it")
                continue
            if speech.audio.size == 0:
                continue
            seconds = speech.audio.size / speech.rate
            await self._emit(AudioOut(reply_id=self.plan.reply_id, clause=index, audio=speech.audio,
                                      rate=speech.rate))
            if self.metrics.first_audio_wall is None:
                self.metrics.first_audio_wall = now()
            self.spoken.add(clause, seconds)
            self.metrics.audio_out_s += seconds
            self.metrics.tts_chars += len(text)
            index += 1


def is_backend_error(exc: BaseException) -> BackendError | None:
    """The BackendError inside ``exc`` (TaskGroup wraps errors in an ExceptionGroup), if any."""
    if isinstance(exc, BackendError):
        return exc
    if isinstance(exc, BaseExceptionGroup):
        for inner in exc.exceptions:
            found = is_backend_error(inner)
            if found is not None:
                return found
    return None


# A unit of 2-16 characters said five times in a row at the end of the answer so far: a small model's
# loop, which would otherwise run to the token limit ("药店、" 50 times, read out).
_LOOP = re.compile(r"(.{2,16}?)\1{4,}$", re.DOTALL)
_REPEATS = re.compile(r"(.{2,16}?)\1{2,}", re.DOTALL)


def _core(clause: str) -> str:
    return re.sub(r"[\s，。、！？,.!?；;：:]", "", clause)


class _Loops:
    """Each clause with its inner repeats said once (:func:`collapse_loop`), and a clause that only
    says the one before it again dropped (``""``); ``repeats``: how many were dropped in a row.
    Only a model's answer (``model``) is checked: a fixed text is said as written ("祝你生日快乐" 4 times)."""

    def __init__(self, *, model: bool = True) -> None:
        self.model = model
        self.last = ""
        self.repeats = 0

    def said_once(self, clause: str) -> str:
        if not self.model:
            return clause
        clause = collapse_loop(clause)
        if _core(clause) and _core(clause) == _core(self.last):
            self.repeats += 1
            return ""
        self.last, self.repeats = clause, 0
        return clause


def looping(text: str) -> bool:
    return bool(_LOOP.search(text[-200:]))


def collapse_loop(clause: str) -> str:
    """``clause`` with a unit said three or more times in a row said once ("药店、药店、药店" → "药店、")."""
    return _REPEATS.sub(r"\1", clause)
