"""Voice-to-voice over ``/v1/realtime`` (the OpenAI Realtime protocol), measured like ``/ws``.

Each question gets a fresh connection (``server_vad``, PCM16 at 24 kHz), streamed in real time in
20 ms chunks followed by silence, as the ``/ws`` microphone does. Voice-to-voice runs from the
moment the last voiced chunk was sent to the first ``response.output_audio.delta``, both on the
client's side. Plain ``websockets`` frames, so the benchmark needs no ``openai`` package.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import json
import time
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import numpy as np
import websockets

from assistant.audio.pcm import float32_to_pcm16
from assistant.audio.resample import resample
from assistant.bench.client import CHUNK_MS, TurnResult, simulate_playback
from assistant.bench.speech import Clip

RATE = 24000


def realtime_url(ws: str) -> str:
    """``ws://host/ws`` → ``ws://host/v1/realtime?model=assistant``."""
    parts = urlsplit(ws)
    path = parts.path.removesuffix("/ws")
    return urlunsplit((parts.scheme, parts.netloc, f"{path}/v1/realtime", "model=assistant", ""))


def _pcm24(clip: Clip) -> tuple[bytes, int]:
    """The clip at 24 kHz, and the byte offset one past its last voiced sample."""
    audio = np.frombuffer(clip.pcm, dtype="<i2").astype(np.float32) / 32768.0
    audio = resample(audio, clip.rate, RATE) if clip.rate != RATE else audio
    return float32_to_pcm16(audio), 2 * int(clip.speech_end * RATE / clip.rate)


async def _mic(ws: Any, pcm: bytes, speech_end: int, marks: dict[str, float], done: asyncio.Event) -> None:
    step = 2 * RATE * CHUNK_MS // 1000
    silence = b"\x00" * step
    start, tick, offset = time.monotonic(), 0, 0
    while not done.is_set():
        frame = pcm[offset:offset + step] if offset < len(pcm) else silence
        await ws.send(json.dumps({"type": "input_audio_buffer.append",
                                  "audio": base64.b64encode(frame).decode("ascii")}))
        offset += step
        if "speech_end" not in marks and offset >= speech_end:
            marks["speech_end"] = time.monotonic()
        tick += 1
        delay = start + tick * CHUNK_MS / 1000 - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)


async def _listen(ws: Any, result: TurnResult, chunks: list[tuple[float, int]]) -> None:
    async for raw in ws:
        event = json.loads(raw)
        kind = event.get("type")
        if kind == "response.output_audio.delta":
            chunks.append((time.monotonic(), len(base64.b64decode(event["delta"]))))
        elif kind == "conversation.item.input_audio_transcription.completed":
            result.transcript = str(event.get("transcript", ""))
        elif kind == "response.output_audio_transcript.done":
            result.reply_text = str(event.get("transcript", ""))
        elif kind == "error":
            result.error = f"{event['error'].get('code')}: {event['error'].get('message')}"
        elif kind == "response.done":
            result.server = dict(event.get("response", {}).get("usage") or {})
            return


async def realtime_turn(ws_url: str, clip: Clip, *, token: str = "", timeout_s: float = 90.0) -> TurnResult:
    q = clip.question
    result = TurnResult(kind="realtime", language=q.language, question=q.text)
    pcm, speech_end = _pcm24(clip)
    marks: dict[str, float] = {}
    chunks: list[tuple[float, int]] = []
    done = asyncio.Event()
    began = time.monotonic()
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        async with websockets.connect(realtime_url(ws_url), additional_headers=headers, max_size=None) as ws:
            transcription = {"model": "whisper-1", **({"language": q.language} if q.language in ("zh", "en")
                                                      else {})}
            await ws.send(json.dumps({"type": "session.update", "session": {
                "type": "realtime", "audio": {"input": {"transcription": transcription}}}}))
            mic = asyncio.create_task(_mic(ws, pcm, speech_end, marks, done))
            try:
                await asyncio.wait_for(_listen(ws, result, chunks), timeout_s)
            finally:
                done.set()
                mic.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await mic
    except (TimeoutError, OSError, websockets.WebSocketException) as exc:
        result.error = result.error or f"{type(exc).__name__}: no answer within {timeout_s:.0f} s"
    result.turn_s = round(time.monotonic() - began, 2)
    end = marks.get("speech_end")
    heard = [c for c in chunks if end is not None and c[0] > end]
    if heard and end is not None:
        result.voice_to_voice_ms = round((heard[0][0] - end) * 1000.0, 1)
        play = simulate_playback(heard, RATE)
        result.audio_s, result.underruns, result.underrun_ms = round(play.audio_s, 3), play.underruns, \
            play.underrun_ms
    elif not result.error:
        result.error = "no reply audio"
    result.ok = not result.error
    return result


async def interleaved_turns(ws_url: str, clips: Sequence[Clip], *, runs: int, tick: Callable[[], None],
                            timeout_s: float) -> tuple[list[TurnResult], list[TurnResult]]:
    """Each question over ``/ws`` and then over ``/v1/realtime``, each in a fresh session."""
    from assistant.bench.scenarios import ask_one

    native: list[TurnResult] = []
    realtime: list[TurnResult] = []
    for _ in range(runs):
        for clip in clips:
            native.append(await ask_one(ws_url, clip, timeout_s=timeout_s))
            tick()
            realtime.append(await realtime_turn(ws_url, clip, timeout_s=timeout_s))
            tick()
    return native, realtime
