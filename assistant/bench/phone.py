"""Phone voice-to-voice over the Twilio bridge (``/phone/twilio``), through the Twilio simulator.

HOOK: this needs ``clients/phone_sim.py`` (a Twilio Media Streams simulator that dials the bridge,
streams mu-law 8 kHz audio in real time and records when reply audio arrives). Until that module
exists, :func:`phone_turns` reports the scenario as skipped instead of failing the benchmark.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Sequence
from typing import Any

from assistant.bench.client import TurnResult
from assistant.bench.speech import Clip

SIMULATOR = "clients.phone_sim"


def simulator_available() -> bool:
    try:
        return importlib.util.find_spec(SIMULATOR) is not None
    except ModuleNotFoundError:
        return False


async def phone_turns(http: str, clips: Sequence[Clip], *, tick: Callable[[], None],
                      timeout_s: float) -> tuple[list[TurnResult], str]:
    """Measured phone turns, and a reason when the scenario was skipped (empty when it ran)."""
    if not simulator_available():
        return [], "clients/phone_sim.py (the Twilio simulator) is not in this tree yet"
    return [], "the Twilio simulator exists but the benchmark does not drive it yet"


def phone_section(turns: Sequence[TurnResult], skipped: str, summary: dict[str, Any]) -> dict[str, Any]:
    if skipped:
        return {"skipped": skipped, "turns": []}
    return {"turns": [t.as_dict() for t in turns], "summary": summary}
