"""Typed messages shared by every transport.

Client messages come in through a wire format (native JSON, Twilio, AudioSocket); server events go
out through one. Reply frames (``AudioOut``, ``ReplyDelta``) belong to one reply and are dropped on
barge-in; control events never are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

LANGUAGES = ("zh", "en", "auto")
MIN_RATE = 8000
MAX_RATE = 48000


# ---- client -> server -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class Hello:
    rate: int = 16000
    language: str = "auto"


@dataclass(frozen=True, slots=True, kw_only=True)
class TextIn:
    text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ImageIn:
    mime: str
    data: bytes  # decoded from base64, not yet validated as an image
    text: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class InterruptIn:
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class Bye:
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class CareAnswerIn:
    """The elder pressed the reminder's button: "ack" (吃了 / 知道了) or "snooze" (等会儿再提醒)."""

    job_id: int
    answer: str


ClientMessage = Hello | TextIn | ImageIn | InterruptIn | Bye | CareAnswerIn


# ---- server -> client -------------------------------------------------------------------------
@dataclass(frozen=True, slots=True, kw_only=True)
class Ready:
    session: str
    rate: int


@dataclass(frozen=True, slots=True, kw_only=True)
class SpeechStarted:
    at_ms: int


@dataclass(frozen=True, slots=True, kw_only=True)
class SpeechStopped:
    at_ms: int


@dataclass(frozen=True, slots=True, kw_only=True)
class TranscriptOut:
    text: str
    final: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplyDelta:
    reply_id: int
    text: str
    final: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class AudioOut:
    """One clause of reply speech, mono float32 in [-1, 1]."""

    reply_id: int
    clause: int
    audio: npt.NDArray[np.float32]
    rate: int


@dataclass(frozen=True, slots=True, kw_only=True)
class AudioEnd:
    reply_id: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Interrupted:
    reply_id: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Metrics:
    turn: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True, kw_only=True)
class ErrorOut:
    code: str
    message: str
    fatal: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class FunctionCalled:
    """The LLM called a function tool the client declared (OpenAI Realtime): the client runs it."""

    reply_id: int
    call_id: str
    name: str
    arguments: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Hangup:
    """The session wants the call/connection ended (after a goodbye, or silence).

    ``going_away``: the server is shutting down (websocket close 1001 rather than 1000)."""

    reason: str
    going_away: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class CarePromptOut:
    """A reminder (or a timed family message) about to be spoken: chime, wake the screen, show it."""

    job_id: int
    kind: str  # "reminder", "message", "checkin"
    text: str
    answerable: bool  # show the "吃了 / 知道了" button
    late: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class CareClosedOut:
    """A prompt was answered (by voice or button) or snoozed: hide its button."""

    job_id: int
    state: str  # "acknowledged", "snoozed"


ServerEvent = (
    Ready | SpeechStarted | SpeechStopped | TranscriptOut | ReplyDelta | AudioOut | AudioEnd
    | Interrupted | Metrics | ErrorOut | Hangup | CarePromptOut | CareClosedOut | FunctionCalled
)

REPLY_FRAMES = (ReplyDelta, AudioOut)
