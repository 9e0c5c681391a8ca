"""Turn-taking, sans I/O: who holds the floor, and what to do with a reply when the user speaks.

:class:`Floor` takes events (what the VAD heard, what the client asked, that a reply ended) and
returns actions (start a turn, commit it, drop it, barge in). It owns no task, clock or socket:
the :class:`~assistant.pipeline.session.Session` runs the actions, and the tests feed events and
compare the actions, without a model or an event loop.

States (``current`` is the turn being answered, ``last`` the last reply the client may still play)::

                  VoicePaused / StartTurn(speculative)
        ┌──────┐ ─────────────────────────────────────► ┌─────────────┐
        │      │ ◄───────────────────────────────────── │ SPECULATING │  events held back
        │ IDLE │   VoiceResumed, Interrupted, Asked:     └─────────────┘
        │      │   DropTurn                                   │ VoiceStopped, same audio:
        └──────┘                                              │ CommitTurn
           │  ▲   VoiceStopped (other audio): DropTurn,        ▼
           │  │   StartTurn          Asked: StartTurn   ┌─────────────┐
           │  └─────────────────────────────────────── │  ANSWERING  │  events go out
           └──────────────────────────────────────────►└─────────────┘
                  ReplyEnded: IDLE (last = the reply, if it spoke)
                  VoiceStarted / Interrupted: BargeIn(running=True), IDLE
                  Asked / VoiceStopped: BargeIn(running=True), StartTurn

    In IDLE, while ``last`` is still audible (the event says so), VoiceStarted, Interrupted and
    Asked barge in on it: BargeIn(running=False) cuts the history to what was heard.

A new turn, whatever its source, never runs beside a speculative one: that is dropped first.
"""

from __future__ import annotations

from dataclasses import dataclass


# ---- events in ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class VoiceStarted:
    """The user started speaking. ``audible``: the last reply is still playing at the client."""

    audible: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class VoicePaused:
    """A short pause: the utterance so far (``audio_s`` seconds) may be the whole question."""

    audio_s: float


@dataclass(frozen=True, slots=True, kw_only=True)
class VoiceResumed:
    """The user went on talking after a pause."""


@dataclass(frozen=True, slots=True, kw_only=True)
class VoiceStopped:
    """The end of the user's turn; the utterance lasted ``audio_s`` seconds."""

    audio_s: float


@dataclass(frozen=True, slots=True, kw_only=True)
class Asked:
    """A turn that needs no endpoint: typed text, a photo's question, a repeat, a fixed phrase."""

    source: str
    audible: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Interrupted:
    """The client asked to stop (or sent a photo without a question)."""

    audible: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplyEnded:
    """The turn ``reply_id`` is over. ``spoke``: its reply was sent, and may still be playing."""

    reply_id: int
    spoke: bool


FloorEvent = VoiceStarted | VoicePaused | VoiceResumed | VoiceStopped | Asked | Interrupted | ReplyEnded


# ---- actions out -------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class StartTurn:
    """Answer a new turn. A speculative one holds its events back until committed."""

    reply_id: int
    speculative: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class CommitTurn:
    """The speculative turn was the real one: release its events."""

    reply_id: int


@dataclass(frozen=True, slots=True, kw_only=True)
class DropTurn:
    """Cancel a speculative turn; nothing of it has reached the client."""

    reply_id: int


@dataclass(frozen=True, slots=True, kw_only=True)
class BargeIn:
    """Stop reply ``reply_id``: cancel it (``running``) or cut a reply that is still playing."""

    reply_id: int
    running: bool


FloorAction = StartTurn | CommitTurn | DropTurn | BargeIn

SAME_AUDIO_S = 0.05  # a speculative turn is committed when the utterance grew by less than this


@dataclass(slots=True)
class _Current:
    reply_id: int
    speculative: bool
    audio_s: float


class Floor:
    """The turn state of one session. Reply ids count up from 1."""

    def __init__(self) -> None:
        self._current: _Current | None = None
        self._last: int | None = None
        self._next_id = 0

    @property
    def current(self) -> int | None:
        """The turn being answered or speculated, if any."""
        return None if self._current is None else self._current.reply_id

    @property
    def answering(self) -> int | None:
        """The committed turn being answered, if any."""
        turn = self._current
        return None if turn is None or turn.speculative else turn.reply_id

    @property
    def speculating(self) -> bool:
        return self._current is not None and self._current.speculative

    @property
    def last(self) -> int | None:
        """The last reply that was sent and has not been barged in on."""
        return self._last

    def handle(self, event: FloorEvent) -> list[FloorAction]:
        match event:
            case VoiceStarted(audible=audible):
                return self._barge_in(audible, drop_speculative=False)
            case VoicePaused(audio_s=audio_s):
                return [] if self._current is not None else [self._start(audio_s, speculative=True)]
            case VoiceResumed():
                return self._drop()
            case VoiceStopped(audio_s=audio_s):
                return self._endpoint(audio_s)
            case Asked(audible=audible):
                return [*self._barge_in(audible, drop_speculative=True), self._start(0.0, speculative=False)]
            case Interrupted(audible=audible):
                return self._barge_in(audible, drop_speculative=True)
            case ReplyEnded(reply_id=reply_id, spoke=spoke):
                if self.current == reply_id:
                    self._current = None
                if spoke:
                    self._last = reply_id
                return []
        raise TypeError(f"not a floor event: {event!r}")

    def _start(self, audio_s: float, *, speculative: bool) -> StartTurn:
        self._next_id += 1
        self._current = _Current(reply_id=self._next_id, speculative=speculative, audio_s=audio_s)
        return StartTurn(reply_id=self._next_id, speculative=speculative)

    def _drop(self) -> list[FloorAction]:
        turn = self._current
        if turn is None or not turn.speculative:
            return []
        self._current = None
        return [DropTurn(reply_id=turn.reply_id)]

    def _endpoint(self, audio_s: float) -> list[FloorAction]:
        turn = self._current
        if turn is not None and turn.speculative and abs(turn.audio_s - audio_s) < SAME_AUDIO_S:
            turn.speculative = False
            return [CommitTurn(reply_id=turn.reply_id)]
        return [*self._barge_in(False, drop_speculative=True), self._start(audio_s, speculative=False)]

    def _barge_in(self, audible: bool, *, drop_speculative: bool) -> list[FloorAction]:
        running = self.answering
        if running is not None:
            self._current = None
            self._last = None
            return [BargeIn(reply_id=running, running=True)]
        if audible and self._last is not None:
            playing, self._last = self._last, None
            return [*(self._drop() if drop_speculative else []), BargeIn(reply_id=playing, running=False)]
        return self._drop() if drop_speculative else []


def reason(event: FloorEvent) -> str:
    """Why ``event`` barged in, for the log: speech, client, endpoint, or what was asked."""
    if isinstance(event, Asked):
        return event.source
    return {VoiceStarted: "speech", Interrupted: "client"}.get(type(event), "endpoint")
