"""What a transport sets for one session (the websocket, a phone call, the Realtime endpoint)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionOptions:
    input_rate: int = 16000
    language: str = "auto"
    speed: float = 1.15
    transport: str = "ws"
    user_id: str = ""
    device_id: str = ""
    asr_words: tuple[str, ...] = ()  # the user's own words, for the ASR (asr/vocabulary.py)
