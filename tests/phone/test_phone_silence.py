"""A silent caller, end to end: the real server (its own process, with short silence timers), a
simulated Twilio call over the real webhook and websocket, and Whisper listening to what it says."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import websockets

from assistant.audio.resample import resample
from assistant.client.twilio_call import TwilioCall
from tests.conftest import TWILIO_TEST_TOKEN, normalise, start_server

PROMPT_S = 3.0
HANGUP_S = 3.0

@pytest.fixture(scope="module")
def quick_hangup_server(tmp_path_factory: pytest.TempPathFactory, model_store: Any) -> Iterator[str]:
    proc, port, *_ = start_server(tmp_path_factory.mktemp("silence"), extra_env={
        "ASSISTANT_PHONE__SILENCE_PROMPT_S": str(PROMPT_S),
        "ASSISTANT_PHONE__SILENCE_HANGUP_S": str(HANGUP_S)})
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)

def test_a_silent_caller_is_asked_once_then_hears_goodbye_and_the_call_ends(
        quick_hangup_server: str, transcriber: Any) -> None:
    async def run() -> tuple[TwilioCall, float, float]:
        call = await TwilioCall.dial(quick_hangup_server, caller="+8613800000000",
                                     auth_token=TWILIO_TEST_TOKEN)
        await call.listen(max_s=30)  # the greeting, until 1 s without frames
        quiet_from = call.log.media[-1][0]  # the greeting's last frame: the caller's silence starts
        deadline = quiet_from + PROMPT_S + HANGUP_S + 30
        while not call.closed.is_set() and time.monotonic() < deadline:  # an open, silent line
            try:
                await call.send_silence(0.06)
            except websockets.ConnectionClosed:  # the server hung up between the check and the send
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(call.closed.wait(), 5)  # the listener notes the close
                break
        return call, quiet_from, time.monotonic()

    call, quiet_from, ended = asyncio.run(run())
    assert call.closed.is_set(), "the server did not end the silent call"
    after = [at for at, _ in call.log.media if at > quiet_from]
    assert after, "nothing was said to the silent caller"
    assert after[0] - quiet_from >= PROMPT_S - 0.5, "the caller was prompted too early"
    assert ended - quiet_from < PROMPT_S + HANGUP_S + 15
    said = asyncio.run(transcriber.transcribe(resample(call.log.audio_between(quiet_from), 8000, 16000),
                                              language="zh")).text
    text = normalise(said)
    print(f"said to the silent caller: {said!r}")
    assert "还在" in text, said  # 您还在吗？ (once)
    assert text.count("还在") == 1, said
    assert "再见" in text or "挂" in text, said  # 好的，那我先挂了。……再见！

def test_the_server_lets_go_of_the_ended_call(quick_hangup_server: str) -> None:
    deadline = time.monotonic() + 10
    ready = httpx.get(f"{quick_hangup_server}/readyz", timeout=10).json()
    while time.monotonic() < deadline and (ready["sessions"] or ready["connections"]):
        time.sleep(0.2)
        ready = httpx.get(f"{quick_hangup_server}/readyz", timeout=10).json()
    assert ready["sessions"] == 0 and ready["connections"] == 0, ready
