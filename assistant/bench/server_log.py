"""The gateway's own figures for phone turns, read from its log.

A web client gets each turn's ``metrics`` message; a phone call does not (Twilio's media stream has no
place for it). The gateway logs both the same way (:mod:`assistant.pipeline.report`):

    … assistant.server.call: phone call CA… from +86…: session 3f2a…
    … assistant.pipeline.report: turn session=3f2a… reply=2 source=voice vad_ms=805.7 asr_ms=648.7 …

so the bench joins a call's voice turns, in order, to the turns it asked on that call. A call whose
count of logged voice turns differs from the bench's is left without figures, never joined wrongly.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from assistant.bench.client import TurnResult

_CALL = re.compile(r"phone call (CA\w+) from [^\n]*?: session (\w+)$", re.MULTILINE)
_TURN = re.compile(r"turn session=(\w+) reply=(\d+) (source=voice [^\n]*)$", re.MULTILINE)


def _value(text: str) -> Any:
    if text in ("True", "False"):
        return text == "True"
    if text == "None":
        return None
    try:
        return int(text) if re.fullmatch(r"-?\d+", text) else float(text)
    except ValueError:
        return text


def voice_turns_by_call(log_text: str) -> dict[str, list[dict[str, Any]]]:
    """Call SID → the figures of its voice turns, in reply order."""
    sessions = {session: call for call, session in _CALL.findall(log_text)}
    found: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for session, reply, figures in _TURN.findall(log_text):
        if (call := sessions.get(session)) is not None:
            pairs = (item.split("=", 1) for item in figures.split() if "=" in item)
            found.setdefault(call, []).append((int(reply), {k: _value(v) for k, v in pairs}))
    return {call: [figures for _, figures in sorted(turns, key=lambda t: t[0])]
            for call, turns in found.items()}


def join_phone_turns(calls: dict[str, list[TurnResult]], log_text: str) -> int:
    """Give each phone turn (``calls``: call SID → its turns in order) the gateway's figures; the number
    of turns joined."""
    logged = voice_turns_by_call(log_text)
    joined = 0
    for call, turns in calls.items():
        figures = logged.get(call, [])
        if len(figures) != len(turns):
            continue  # a turn logged without the bench's (or lost): no guessing
        for turn, server in zip(turns, figures, strict=True):
            if not turn.server:
                turn.server, joined = server, joined + 1
    return joined


def stage_medians(turns: Iterable[TurnResult]) -> dict[str, float | None]:
    """The server's stage medians (ms) over ``turns`` that carry its figures."""
    import statistics

    keys = ("vad_ms", "asr_ms", "llm_first_token_ms", "tts_first_audio_ms", "endpoint_to_audio_ms")
    out: dict[str, float | None] = {}
    servers = [t.server for t in turns if t.server]
    for key in keys:
        values = [float(s[key]) for s in servers if isinstance(s.get(key), int | float)]
        out[key] = round(statistics.median(values)) if values else None
    return out
