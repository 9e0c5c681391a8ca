"""What a finished turn leaves behind: the metrics message, the log line, the stored record."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from assistant.llm.base import Usage
from assistant.pipeline.outbox import Outbox
from assistant.pipeline.playback import UnheardReply
from assistant.pipeline.turn import SpokenLog, TurnOutcome
from assistant.protocol.messages import Metrics

if TYPE_CHECKING:
    from assistant.vision.service import Photo

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class TurnReport:
    """A finished (or interrupted) turn, for persistence and metrics."""

    session_id: str
    user_id: str
    device_id: str
    transport: str
    started_at: float  # epoch seconds: end of the user's speech, or the typed question
    user_text: str
    assistant_text: str
    heard_text: str
    interrupted: bool
    audio_in_s: float
    audio_out_s: float
    image: bool
    metrics: dict[str, Any]
    photo: Photo | None = None  # the photo asked about, for the family's thumbnail


TurnSink = Callable[[TurnReport], Awaitable[None]]


@dataclass(frozen=True, slots=True, kw_only=True)
class Reporter:
    """Sends a turn's ``metrics`` message, logs it, counts it, and hands it to ``sink`` to store:
    at once, or (a reply still ``playing``) once it has been heard in full or :meth:`cut`."""

    session_id: str
    user_id: str
    device_id: str
    transport: str
    outbox: Outbox
    cost_yuan: Callable[[Usage], float]
    observe: Callable[[dict[str, Any]], None]
    sink: TurnSink | None = None
    unheard: UnheardReply = field(default_factory=UnheardReply)

    async def report(self, turn: TurnOutcome, *, playing: SpokenLog | None = None) -> None:
        figures = turn.metrics.as_dict()
        figures["interrupted"] = turn.interrupted
        figures["audio_in_s"] = round(turn.audio_in_s, 3)
        if turn.usage is not None:
            figures["cost_yuan"] = round(self.cost_yuan(turn.usage), 6)
        await self.outbox.put(Metrics(turn=figures))
        log.info("turn session=%s reply=%d %s", self.session_id, turn.reply_id,
                 " ".join(f"{k}={v}" for k, v in figures.items() if v is not None))
        self.observe(figures)
        if self.sink is None or not turn.user_text:
            return
        sink, report = self.sink, TurnReport(
            session_id=self.session_id, user_id=self.user_id, device_id=self.device_id,
            transport=self.transport, started_at=turn.started_at, user_text=turn.user_text,
            assistant_text=turn.answer, heard_text=turn.heard, interrupted=turn.interrupted,
            audio_in_s=turn.audio_in_s, audio_out_s=turn.metrics.audio_out_s, image=turn.image,
            metrics=figures, photo=turn.photo)
        if playing is None:
            await sink(report)
            return

        async def store(cut: str | None) -> None:
            await sink(report if cut is None else replace(report, heard_text=cut, interrupted=True))

        await self.unheard.hold(turn.reply_id, playing, store)

    async def cut(self, reply_id: int, heard: str) -> None:
        """Reply ``reply_id``, held until heard, was cut off: store it as interrupted with ``heard``."""
        await self.unheard.cut(reply_id, heard)

    async def flush(self) -> None:
        """The session ends: store a held reply as heard in full (what was sent counts as heard)."""
        await self.unheard.flush()
