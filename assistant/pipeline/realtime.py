"""What the OpenAI-Realtime endpoint needs of the session core, on top of :class:`Session`.

The same turn-taking, ASR → LLM → TTS pipeline, barge-in and history as every transport; this
subclass adds only what that protocol asks for:

- per-session turn detection (``server_vad`` threshold, prefix padding and silence; ``semantic_vad``
  eagerness), mapped onto our VAD options with the server's elder-friendly defaults for unset fields;
- a question as audio the client committed itself (``turn_detection: null``);
- ``instructions`` added to the system prompt, and the client's own function tools: the LLM's
  calls go to the client (``FunctionCalled``), and the answer waits for its ``function_call_output``;
- ``truncate``: the client played only the first ``audio_end_ms`` of a reply; the history the LLM
  sees next keeps exactly that part;
- ``forget_*``: a deleted item leaves the history (the map from items to history entries is
  :mod:`assistant.pipeline.realtime_items`).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import uuid
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from assistant.audio.vad import SpeechStarted as VadStarted
from assistant.audio.vad import SpeechStopped, VadOptions
from assistant.llm.base import ChatMessage, ChatRequest
from assistant.llm.prompt import History
from assistant.pipeline import floor
from assistant.pipeline.honesty import CATEGORIES
from assistant.pipeline.honesty_promise import ACTIONS
from assistant.pipeline.intake import AudioIntake
from assistant.pipeline.realtime_items import ItemLedger, LedgerHistory
from assistant.pipeline.reply import ReplyPlan
from assistant.pipeline.session import Session
from assistant.pipeline.tooling import SessionTools
from assistant.pipeline.turn import Turn
from assistant.protocol.messages import FunctionCalled, SpeechStarted
from assistant.protocol.messages import SpeechStopped as SpeechStoppedOut
from assistant.protocol.realtime_config import TurnDetection

log = logging.getLogger(__name__)

EAGERNESS_SILENCE_MS = {"low": 1500, "high": 450}  # medium / auto: the server's own end_silence_ms
CLIENT_TOOL_TIMEOUT_S = 120.0
RECENT_TURNS = 8
# a client's tool may have looked up any of them, or done any of the actions a reply may then promise
ALL_FACTS = CATEGORIES | ACTIONS


def vad_options(base: VadOptions, td: TurnDetection) -> VadOptions:
    """Our VAD options for the client's turn detection; unset fields keep ``base`` (the defaults)."""
    if td.kind == "semantic_vad":
        silence = EAGERNESS_SILENCE_MS.get(td.eagerness, base.end_silence_ms)
        return dataclasses.replace(base, end_silence_ms=silence, pause_ms=min(base.pause_ms, silence),
                                   pad_ms=min(base.pad_ms, silence))
    threshold = td.threshold if td.threshold is not None else base.threshold
    preroll = td.prefix_padding_ms if td.prefix_padding_ms is not None else base.preroll_ms
    silence = td.silence_duration_ms if td.silence_duration_ms is not None else base.end_silence_ms
    return dataclasses.replace(
        base, threshold=threshold, neg_threshold=max(0.0, threshold - 0.15), preroll_ms=preroll,
        onset_lookback_ms=min(base.onset_lookback_ms, preroll), end_silence_ms=silence,
        pause_ms=min(base.pause_ms, silence), pad_ms=min(base.pad_ms, base.pause_ms, silence))


class RealtimeSession(Session):
    """A :class:`Session` with the OpenAI-Realtime extras (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.ledger = ItemLedger()  # before Session makes the history (_new_history)
        super().__init__(*args, **kwargs)
        self.instructions = ""
        self.client_tools: tuple[Mapping[str, Any], ...] = ()
        self.tool_choice = "auto"
        self._own_tools: SessionTools | None = self._tools
        self._calls: dict[str, asyncio.Future[str]] = {}
        self._recent: OrderedDict[int, Turn] = OrderedDict()
        self._grounded: set[str] = set()
        self.turn_detection: TurnDetection | None = TurnDetection()
        self.held_audio: list[np.ndarray] = []  # utterances VAD ended while create_response is false
        self.speaks = True  # the client gets the audio (output modalities): a reply is heard as it plays

    def _new_history(self) -> History:
        return LedgerHistory(budget_tokens=self.engines.options.history_tokens, ledger=self.ledger)

    # ---- configuration ------------------------------------------------------------------------
    def set_turn_detection(self, td: TurnDetection | None) -> None:
        """Use ``td``'s VAD options from the next audio on (None: keep the defaults; the transport
        then commits the audio itself)."""
        self.turn_detection = td
        base = self.engines.options.vad_for(self.options.input_rate)
        options = vad_options(base, td) if td is not None else base
        self._vad = self.engines.vad.stream(options)
        self._intake = AudioIntake(self._vad, pool=self.engines.audio_pool,
                                   input_rate=self.options.input_rate,
                                   limits=self.engines.options.intake)

    def set_tools(self, tools: Sequence[Mapping[str, Any]], choice: str) -> None:
        """The client's function tools replace our own (clock, weather …) while it declares any."""
        self.client_tools, self.tool_choice = tuple(tools), choice
        self._tools = None if self.client_tools else self._own_tools

    # ---- questions ----------------------------------------------------------------------------
    async def ask_audio(self, audio: np.ndarray) -> None:
        """A spoken question the client committed (16 kHz float32): transcribe and answer it."""
        await self._handle(floor.Asked(source="voice", audible=self._audible()),
                           body=lambda turn: self._answer(turn, audio=audio))

    async def _on_vad(self, event: object) -> None:
        """As :class:`Session` does, unless the client turned ``create_response`` or
        ``interrupt_response`` off: then speech only starts a turn when allowed (no speculative turn),
        and an utterance that may not be answered waits for ``response.create`` (``held_audio``)."""
        td = self.turn_detection
        if td is None or (td.create_response and td.interrupt_response):
            await super()._on_vad(event)
            return
        if isinstance(event, VadStarted):
            await self.outbox.put(SpeechStarted(at_ms=int(event.at_ms)))
            if td.interrupt_response:
                await self._handle(floor.VoiceStarted(audible=self._audible()))
        elif isinstance(event, SpeechStopped):
            await self.outbox.put(SpeechStoppedOut(at_ms=int(event.at_ms)))
            busy = self._floor.current is not None or self.is_speaking()
            if not td.create_response:
                self.held_audio = [*self.held_audio[-7:], event.audio]
            elif not busy:
                await self.ask_audio(event.audio)

    async def _speak(self, turn: Turn, plan: ReplyPlan) -> None:
        self._recent[turn.reply_id] = turn
        if turn.metrics.source != "system":
            self.ledger.speaking(turn.reply_id, turn.user_text)
        while len(self._recent) > RECENT_TURNS:
            self._recent.popitem(last=False)
        await super()._speak(turn, plan)

    def _audible(self) -> bool:
        """A text-only client reads the whole answer at once: no reply of its is still playing (and
        the next question does not cut the last answer to what its audio would have said by then)."""
        return self.speaks and super()._audible()

    async def _turn_failed(self, turn: Turn, exc: Exception) -> None:
        self.ledger.unasked(turn.user_text)  # not written: a retry of the same words is another item
        await super()._turn_failed(turn, exc)

    async def _plan(self, turn: Turn, text: str) -> ReplyPlan:
        self._grounded = set()
        plan = await super()._plan(turn, text)
        if self.client_tools and plan.request is not None and plan.request.tool_handler is not None:
            return dataclasses.replace(plan, grounded=self._grounded)  # the client's tools ground facts
        return plan

    async def _request(self, text: str, lang: str) -> ChatRequest:
        base = await super()._request(text, lang)
        messages = list(base.messages)
        if self.instructions and messages and messages[0].role == "system":
            messages[0] = ChatMessage(role="system", content=f"{messages[0].content}\n{self.instructions}")
        if not self.client_tools or self.tool_choice == "none":
            return dataclasses.replace(base, messages=messages)
        tools = [{"type": "function", "function": {"name": t["name"], "description": t.get("description", ""),
                                                   "parameters": t.get("parameters", {})}}
                 for t in self.client_tools]
        return dataclasses.replace(base, messages=messages, tools=tools, tool_handler=self._call_client,
                                   tool_choice="required" if self.tool_choice == "required" else "")

    # ---- client tools -------------------------------------------------------------------------
    async def _call_client(self, name: str, arguments: str) -> str:
        """Hand the LLM's call to the client and wait for its ``function_call_output``."""
        call_id = f"call_{uuid.uuid4().hex[:16]}"
        future: asyncio.Future[str] = asyncio.get_running_loop().create_future()
        self._calls[call_id] = future
        reply_id = self._floor.current or 0
        try:
            json.loads(arguments or "{}")
        except ValueError:
            arguments = "{}"
        await self.outbox.put(FunctionCalled(reply_id=reply_id, call_id=call_id, name=name,
                                             arguments=arguments or "{}"))
        try:
            output = await asyncio.wait_for(future, CLIENT_TOOL_TIMEOUT_S)
        except TimeoutError:
            output = "the tool gave no result"
        finally:
            self._calls.pop(call_id, None)
        self._grounded |= ALL_FACTS
        return output

    def function_output(self, call_id: str, output: str) -> bool:
        """The client's result for ``call_id``; False if no answer waits for it."""
        future = self._calls.get(call_id)
        if future is None or future.done():
            return False
        future.set_result(output)
        return True

    @property
    def waiting_for_client(self) -> bool:
        return bool(self._calls)

    # ---- truncation ---------------------------------------------------------------------------
    def reply_audio_s(self, reply_id: int) -> float | None:
        turn = self._recent.get(reply_id)
        return None if turn is None or turn.run is None else turn.run.spoken.seconds

    async def truncate(self, reply_id: int, audio_end_ms: int) -> str:
        """Keep only the first ``audio_end_ms`` of reply ``reply_id`` (the latest one) in the history;
        returns the words heard. A reply still running is stopped first."""
        turn = self._recent.get(reply_id)
        if turn is None or turn.run is None:
            return ""
        if reply_id in (self._floor.current, self._floor.last) and \
                (self._floor.answering == reply_id or self._audible()):
            await self.interrupt()
        spoken = turn.run.spoken
        if spoken.first_audio_wall is None or audio_end_ms >= spoken.seconds * 1000:
            return turn.run.text if spoken.first_audio_wall is not None else ""
        heard = spoken.heard_text(spoken.first_audio_wall + audio_end_ms / 1000.0)
        messages, asked = self.history.messages, turn.user_text.strip()
        if self.ledger.cut_answer(self.history, reply_id, heard):
            pass  # its answer, the latest or an older one
        elif len(messages) >= 2 and messages[-1].role == "assistant" and messages[-2].role == "user" \
                and messages[-2].content == asked:  # the latest answer is this one
            self.history.cut_last_answer(heard)
        elif messages and messages[-1].role == "user" and messages[-1].content == asked:
            self.history.add_assistant(heard, interrupted=True)  # cut before anything was heard
        elif heard and turn.user_text and self._carry == turn.user_text:
            self.history.add_user(turn.user_text)  # cut before the server thought anything was heard
            self.history.add_assistant(heard, interrupted=True)
            self._carry = ""
        else:
            log.info("session %s: truncate of reply %d changes only the item", self.id, reply_id)
            return heard
        await self._reporter.cut(reply_id, heard)
        return heard

    # ---- deletion -----------------------------------------------------------------------------
    def answering(self, reply_id: int) -> bool:
        """Reply ``reply_id`` is still being produced."""
        return reply_id == self._floor.answering

    async def forget_reply(self, reply_id: int) -> None:
        """The client deleted reply ``reply_id``'s assistant message: stop it if it is still being
        produced, and take its answer out of the history."""
        if self.answering(reply_id):
            await self.interrupt()
        self.ledger.forget_reply(self.history, reply_id)

    def forget_item(self, item_id: str) -> None:
        """The client deleted user item ``item_id``: its words (and photo) leave the history."""
        self.ledger.forget_item(self.history, item_id)

    async def forget_call(self, call_id: str) -> None:
        """The client deleted a function call whose output the answer still waits for: that answer
        is given up (its question stays in the history; the call never was in it)."""
        if call_id in self._calls:
            await self.interrupt()

    def heard(self, item_id: str, text: str) -> None:
        """Audio item ``item_id`` was transcribed as ``text``."""
        self.ledger.heard(self.history, item_id, text)
