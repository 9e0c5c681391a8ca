"""Phone calls end to end: the real server and models, a simulated Twilio call over the real webhook
and websocket (and an AudioSocket call over real TCP), caller speech paced in real time."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.audio.resample import resample
from assistant.client.twilio_call import TwilioCall, fetch_twiml
from assistant.pipeline import intents
from clients.phone.audiosocket_call import AudioSocketCall
from tests.conftest import TWILIO_TEST_TOKEN, ServerInfo, normalise, overlap, pcm_to_float, speak

QUESTION = "中国的首都是哪个城市？"
GREETING = "您好，我是您的助手，请说。"
RATE = 8000


@pytest.fixture(scope="module")
def question(voices: Any) -> np.ndarray:
    """The question at 8 kHz: 0.6 s of silence, the speech, 1.5 s of silence. Spoken a little slowly,
    like our callers: at speed 1.0, Whisper base hears the tightly cut 8 kHz "城市" as "程庆"."""
    return pcm_to_float(speak(voices, QUESTION, rate=RATE, speed=1.1))


@pytest.fixture(scope="module")
def story(voices: Any) -> np.ndarray:
    return pcm_to_float(speak(voices, "请给我讲一个关于小猫的长故事。", rate=RATE, after_s=1.2))


@pytest.fixture(scope="module")
def figures(artifacts_dir: Path) -> Any:
    """Measured latencies, written to tests/artifacts/phone_latency.json at the end."""
    found: dict[str, float] = {}
    yield found
    (artifacts_dir / "phone_latency.json").write_text(json.dumps(found, indent=2), encoding="utf-8")


def speech_span(audio: np.ndarray) -> tuple[float, float]:
    """(onset, end) of the speech in ``audio``, in seconds: 10 ms frames louder than -34 dBFS."""
    frames = audio[: audio.size // 80 * 80].reshape(-1, 80)
    loud = np.flatnonzero(np.sqrt((frames ** 2).mean(axis=1)) > 0.02)
    return loud[0] * 0.01, (loud[-1] + 1) * 0.01


def transcribe(transcriber: Any, audio: np.ndarray) -> str:
    return str(asyncio.run(transcriber.transcribe(resample(audio, RATE, 16000), language="zh")).text)


async def dial(server: ServerInfo) -> TwilioCall:
    return await TwilioCall.dial(server.http, caller="+8613800000000", auth_token=TWILIO_TEST_TOKEN)


async def keep_line_open_until(call: TwilioCall, predicate: Any, max_s: float) -> None:
    """Send silence (as a phone line does) until ``predicate()``."""
    deadline = time.monotonic() + max_s
    while not predicate():
        if time.monotonic() > deadline or call.closed.is_set():
            raise TimeoutError("the awaited event did not come")
        await call.send_silence(0.06)


def released(server: ServerInfo, before: dict[str, Any]) -> dict[str, Any]:
    """/readyz once the server has let go of the call (or after 10 s)."""
    deadline = time.monotonic() + 10
    after = server.ready()
    while time.monotonic() < deadline and (after["sessions"] or after["connections"] or after["llm_streams"]
                                           or after["tasks"] > before["tasks"]):
        time.sleep(0.2)
        after = server.ready()
    return after


def test_a_call_is_greeted_and_a_spoken_question_answered(
        server: ServerInfo, question: np.ndarray, transcriber: Any, figures: dict[str, float]) -> None:
    _onset, end = speech_span(question)

    async def run() -> tuple[TwilioCall, float, np.ndarray, np.ndarray]:
        call = await dial(server)
        await call.listen(max_s=30)  # the greeting, played to the end
        greeting = call.log.audio_between()
        started, _ = await call.send_audio(question)
        speech_end = started + end
        await call.listen(after=speech_end, max_s=90)
        answer = call.log.audio_between(speech_end)
        first = call.log.first_media_after(speech_end)
        assert first is not None
        await call.stop()
        return call, first - speech_end, greeting, answer

    before = server.ready()
    call, voice_to_voice, greeting, answer = asyncio.run(run())
    figures["twilio_voice_to_voice_ms"] = round(voice_to_voice * 1000)
    print(f"phone voice-to-voice (end of caller speech -> first answer frame): {voice_to_voice * 1000:.0f} "
          "ms")
    assert overlap(GREETING, transcribe(transcriber, greeting)) >= 0.6
    heard = transcribe(transcriber, answer)
    assert "北京" in normalise(heard), heard
    assert answer.size > RATE  # at least a second of speech
    # paced at real time: the frames arrive about as fast as they play, not in one burst
    arrivals = [at for at, _ in call.log.media[-answer.size // 160:]]
    assert arrivals[-1] - arrivals[0] >= 0.02 * len(arrivals) - 0.4
    # every mark sent was echoed after its audio had played, and none was cleared
    assert {n for _, n in call.log.marks} == {n for _, n in call.log.echoed}
    assert not call.log.clears
    after = released(server, before)
    assert after["sessions"] == 0 and after["connections"] == 0, after


def test_barge_in_clears_the_old_answer_at_once(
        server: ServerInfo, story: np.ndarray, question: np.ndarray, figures: dict[str, float]) -> None:
    onset, end = speech_span(question)

    async def run() -> tuple[TwilioCall, float, float, float]:
        call = await dial(server)
        await call.listen(max_s=30)
        _, story_end = await call.send_audio(story)
        await keep_line_open_until(call, lambda: (call.log.first_media_after(story_end) or 1e18)
                                   < time.monotonic() - 1.0, max_s=90)  # the story has played for 1 s
        started, _ = await call.send_audio(question)
        await keep_line_open_until(call, lambda: call.log.first_media_after(started + end) is not None,
                                   max_s=90)
        await call.stop()
        return call, started + onset, started + end, story_end

    call, speech_on, speech_end, _story_end = asyncio.run(run())
    assert call.log.clears, "no clear was sent"
    cleared = call.log.clears[0]
    latency = cleared - speech_on
    figures["twilio_clear_after_speech_ms"] = round(latency * 1000)
    print(f"phone barge-in: clear {latency * 1000:.0f} ms after the caller's speech started")
    assert cleared > speech_on, "cleared before the caller spoke"
    # Most of this is the VAD confirming speech (160 ms of it, about 0.2 s in all, also after long
    # digital silence); the transport adds a frame or two. Target 0.3 s, measured 0.20-0.22 s; the
    # bound leaves room for a loaded CI machine.
    assert latency < 0.45
    # the old answer was still arriving until the clear; none of it came afterwards
    assert any(cleared - 0.5 < at < cleared for at, _ in call.log.media)
    assert not [at for at, _ in call.log.media if cleared < at < speech_end]
    assert any(at > speech_end for at, _ in call.log.media), "the new question was not answered"


def test_audiosocket_call_gets_an_answer(server: ServerInfo, question: np.ndarray, transcriber: Any,
                                         figures: dict[str, float]) -> None:
    _onset, end = speech_span(question)

    async def run() -> tuple[np.ndarray, float, AudioSocketCall]:
        call = await AudioSocketCall.connect("127.0.0.1", server.audiosocket_port)
        await call.listen(max_s=30)
        started, _ = await call.send_audio(question)
        await call.listen(after=started + end, max_s=90)
        first = next(at for at, _ in call.log.audio if at >= started + end)
        await call.hangup()
        return call.log.audio_between(started + end), first - (started + end), call

    before = server.ready()
    answer, voice_to_voice, call = asyncio.run(run())
    figures["audiosocket_voice_to_voice_ms"] = round(voice_to_voice * 1000)
    print(f"AudioSocket voice-to-voice: {voice_to_voice * 1000:.0f} ms")
    assert all(len(p) == 320 for _, p in call.log.audio)
    assert "北京" in normalise(transcribe(transcriber, answer))
    after = released(server, before)
    assert after["sessions"] == 0 and after["connections"] == 0, after


def test_stop_mid_reply_releases_the_call(server: ServerInfo, story: np.ndarray) -> None:
    async def run() -> None:
        call = await dial(server)
        _, story_end = await call.send_audio(story)  # over the greeting: a barge-in too
        await keep_line_open_until(call, lambda: call.log.first_media_after(story_end) is not None, max_s=90)
        await call.stop()

    before = server.ready()
    asyncio.run(run())
    after = released(server, before)
    assert after["sessions"] == 0 and after["connections"] == 0 and after["llm_streams"] == 0, after
    assert after["tasks"] <= before["tasks"], (before, after)


def test_bad_frames_are_skipped_and_dtmf_works(server: ServerInfo, transcriber: Any) -> None:
    """Bad frames mid-call are logged and skipped; * stops the greeting, 0 repeats it."""
    async def run() -> tuple[TwilioCall, float, float]:
        call = await dial(server)
        await call.send_raw("{not json")
        await call.send_raw(json.dumps({"event": "media", "streamSid": call.stream_sid,
                                        "media": {"payload": "%%% not base64 %%%"}}))
        await call.send_raw(json.dumps({"event": "wiggle", "streamSid": call.stream_sid}))
        await keep_line_open_until(call, lambda: len(call.log.media) > 25, max_s=30)  # the greeting plays
        stopped = time.monotonic()
        await call.dtmf("*")
        await keep_line_open_until(call, lambda: bool(call.log.clears), max_s=10)
        await call.send_silence(0.3)
        pressed = time.monotonic()
        await call.dtmf("0")  # nothing was answered yet: it says the greeting again
        await call.listen(after=pressed, max_s=30)
        await call.stop()
        return call, stopped, pressed

    call, stopped, pressed = asyncio.run(run())
    assert not call.log.bad_frames and call.close_code in (1000, None)
    assert stopped < call.log.clears[0] < pressed
    assert not [at for at, _ in call.log.media if call.log.clears[0] + 0.05 < at < pressed]
    heard = transcribe(transcriber, call.log.audio_between(pressed))
    assert overlap(intents.repeat_prefix("zh") + GREETING, heard) >= 0.6, heard  # "好的，我再说一遍。您好，…"
    log = server.log()
    for code in ("invalid_json", "bad_payload", "unknown_event"):
        assert f"bad frame skipped: {code}" in log


def test_streams_need_the_webhooks_ticket_and_a_start(server: ServerInfo) -> None:
    async def run() -> list[tuple[int | None, str]]:
        url = f"ws://127.0.0.1:{server.port}/phone/twilio"
        closes = []
        unticketed = await TwilioCall.connect(url, parameters={"from": "+8613800000000"})
        await asyncio.wait_for(unticketed.closed.wait(), 10)
        closes.append((unticketed.close_code, unticketed.close_reason))
        early = await TwilioCall.connect(url, send_start=False)
        await early.send_silence(0.04)
        await asyncio.wait_for(early.closed.wait(), 10)
        closes.append((early.close_code, early.close_reason))
        return closes

    (code1, reason1), (code2, reason2) = asyncio.run(run())
    assert code1 == 4401 and reason1.startswith("unauthorized"), (code1, reason1)
    assert code2 == 1008 and reason2.startswith("media_before_start"), (code2, reason2)
    voice = f"{server.http}/phone/twilio/voice"
    assert asyncio.run(fetch_twiml(voice, caller="+8613800000000", call_sid="CA1"))[0] == 403
    forged = asyncio.run(fetch_twiml(voice, caller="+8613800000000", call_sid="CA1", signature="Zm9yZ2Vk"))
    assert forged[0] == 403
    assert asyncio.run(fetch_twiml(voice, caller="+8613800000000", call_sid="CA1",
                                   auth_token=TWILIO_TEST_TOKEN))[0] == 200
