"""Phone voice-to-voice over the Twilio bridge, with the Twilio call simulator (``clients/phone``).

Each turn dials in through the TwiML webhook like Twilio does, lets the greeting play, says the
question as 8 kHz mu-law media frames in real time, and listens until the answer has played.
Voice-to-voice runs from the moment the last voiced frame was sent to the first media frame of the
answer, both on the caller's side. Without the simulator the scenario is reported as skipped.
"""

from __future__ import annotations

import importlib.util
import os
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from assistant.audio.resample import resample
from assistant.bench.client import TurnResult, simulate_playback
from assistant.bench.speech import Clip

SIMULATOR = "assistant.client.twilio_call"
PHONE_RATE = 8000
CALLER = "+8613800000000"


def simulator_available() -> bool:
    try:
        return importlib.util.find_spec(SIMULATOR) is not None
    except ModuleNotFoundError:
        return False


def phone_audio(clip: Clip) -> np.ndarray:
    """The clip as float32 at the phone's 8 kHz."""
    audio = np.frombuffer(clip.pcm, dtype="<i2").astype(np.float32) / 32768.0
    return resample(audio, clip.rate, PHONE_RATE)


async def phone_turn(http: str, clip: Clip, *, auth_token: str, timeout_s: float) -> TurnResult:
    from assistant.client.twilio_call import TwilioCall

    q = clip.question
    began = time.monotonic()
    try:
        call = await TwilioCall.dial(http, caller=CALLER, auth_token=auth_token)
    except (OSError, RuntimeError) as exc:
        return TurnResult(kind="phone", language=q.language, question=q.text,
                          error=f"dial failed: {type(exc).__name__}: {exc}")
    try:
        try:
            await call.listen(max_s=timeout_s)  # the greeting
        except TimeoutError:
            return TurnResult(kind="phone", language=q.language, question=q.text,
                              error=f"no greeting within {timeout_s:.0f} s")
        result, _ = await ask_on_call(call, clip, phone_audio(clip), timeout_s=timeout_s)
    finally:
        await call.stop()
    result.turn_s = round(time.monotonic() - began, 2)
    return result


async def ask_on_call(call: Any, clip: Clip, audio: np.ndarray, *, timeout_s: float, kind: str = "phone",
                      level: int = 1) -> tuple[TurnResult, float]:
    """Say ``audio`` (``clip`` at 8 kHz) on a live call and listen until the answer has played.

    Returns the turn and the moment the last voiced frame was sent."""
    q = clip.question
    result = TurnResult(kind=kind, language=q.language, question=q.text, level=level)
    began = time.monotonic()
    start, _ = await call.send_audio(audio)
    speech_end = start + clip.speech_end / clip.rate
    try:
        await call.listen(after=speech_end, max_s=timeout_s)
    except TimeoutError:
        result.error = f"no complete answer within {timeout_s:.0f} s"
    result.turn_s = round(time.monotonic() - began, 2)
    if result.error:
        return result, speech_end
    # mu-law: 1 byte a sample, 2 as PCM16
    media = [(at, len(payload) * 2) for at, payload in call.log.media if at >= speech_end]
    play = simulate_playback(media, PHONE_RATE)
    result.audio_s = round(play.audio_s, 3)
    result.underruns, result.underrun_ms = play.underruns, play.underrun_ms
    if media:
        result.voice_to_voice_ms = round((media[0][0] - speech_end) * 1000.0, 1)
        result.ok = True
    else:
        result.error = "no answer audio"
    return result, speech_end


async def phone_turns(http: str, clips: Sequence[Clip], *, tick: Callable[[], None], timeout_s: float,
                      token_env: str = "TWILIO_AUTH_TOKEN") -> tuple[list[TurnResult], str]:
    """Measured phone turns, and a reason when the scenario was skipped (empty when it ran)."""
    if not clips:
        return [], "no phone questions planned"
    if not simulator_available():
        return [], "the Twilio call simulator (clients/phone/twilio_call.py) is not in this tree"
    token = os.environ.get(token_env, "") if token_env else ""
    results = []
    for clip in clips:
        results.append(await phone_turn(http, clip, auth_token=token, timeout_s=timeout_s))
        tick()
    return results, ""


def phone_section(turns: Sequence[TurnResult], skipped: str, summary: dict[str, Any]) -> dict[str, Any]:
    if skipped:
        return {"skipped": skipped, "turns": []}
    return {"turns": [t.as_dict() for t in turns], "summary": summary}
