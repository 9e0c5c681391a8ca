"""The edge-tts backend cannot reach its service here: it must fall back to the offline voice in time.

The service is replaced, through the ``endpoint`` setting, by (a) a closed local port and
(b) a real local TCP server that accepts connections and never answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import socket
import time
from collections.abc import AsyncIterator

import av
import numpy as np
import pytest
from tts_helpers import Listen, overlap

from assistant.errors import ConfigError
from assistant.tts.base import Speech
from assistant.tts.edge import EdgeSynthesizer, decode_mp3
from assistant.tts.zh import ZhttsSynthesizer

TIMEOUT_S = 1.0
REPLY = ["您好，", "今天天气很好。", "记得多喝水。"]


class HangingServer:
    """Accepts TCP connections, counts them, and never sends a byte."""

    def __init__(self) -> None:
        self.connections = 0
        self._writers: list[asyncio.StreamWriter] = []

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        self._writers.append(writer)
        await reader.read()  # until the client gives up

    def close_clients(self) -> None:
        for writer in self._writers:
            writer.close()


@contextlib.asynccontextmanager
async def hanging_server() -> AsyncIterator[tuple[HangingServer, int]]:
    """Started inside each test, so that it runs on the test's own event loop."""
    state = HangingServer()
    server = await asyncio.start_server(state.handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    yield state, port
    state.close_clients()
    server.close()
    await server.wait_closed()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def edge(zh_voice: ZhttsSynthesizer, endpoint: str, *, retry_after_s: float = 60.0) -> EdgeSynthesizer:
    return EdgeSynthesizer(voice_zh="zh-CN-XiaoxiaoNeural", voice_en="en-US-AriaNeural", rate="-10%",
                           volume="+0%", endpoint=endpoint, fallback=zh_voice,
                           sentence_timeout_s=TIMEOUT_S, output_rate=16000, retry_after_s=retry_after_s)


async def speak_reply(synth: EdgeSynthesizer) -> tuple[list[Speech], list[float]]:
    voice = synth.reply()
    speeches, seconds = [], []
    for clause in REPLY:
        started = time.perf_counter()
        speeches.append(await voice.synthesize(clause, speed=1.0))
        seconds.append(time.perf_counter() - started)
    assert voice.fell_back
    return speeches, seconds


async def test_unreachable_endpoint_falls_back_at_once(zh_voice: ZhttsSynthesizer, listen: Listen) -> None:
    speeches, seconds = await speak_reply(edge(zh_voice, f"127.0.0.1:{closed_port()}"))
    assert all(s.rate == 16000 and len(s.audio) > 8000 for s in speeches)
    assert seconds[0] < TIMEOUT_S
    assert overlap("今天天气很好", listen(speeches[1], "zh")) >= 0.8


async def test_hanging_service_falls_back_within_the_timeout_for_the_rest_of_the_reply(
        zh_voice: ZhttsSynthesizer, listen: Listen) -> None:
    async with hanging_server() as (server, port):
        synth = edge(zh_voice, f"127.0.0.1:{port}")
        speeches, seconds = await speak_reply(synth)
        assert server.connections == 1  # only the first sentence waited for the service
        assert TIMEOUT_S * 0.9 < seconds[0] < TIMEOUT_S + 1.5
        assert max(seconds[1:]) < TIMEOUT_S * 0.9
        assert all(len(s.audio) > 8000 for s in speeches)
        assert overlap("今天天气很好", listen(speeches[1], "zh")) >= 0.8

        # The service now counts as down: the next reply goes offline without connecting.
        await speak_reply(synth)
        assert server.connections == 1


async def test_each_reply_tries_the_service_again_once_retry_time_passed(zh_voice: ZhttsSynthesizer) -> None:
    async with hanging_server() as (server, port):
        synth = edge(zh_voice, f"tcp://127.0.0.1:{port}", retry_after_s=0.0)
        voice = synth.reply()
        await voice.synthesize("第一句。", speed=1.0)
        await voice.synthesize("第二句。", speed=1.0)
        assert server.connections == 1 and voice.fell_back
        await synth.reply().synthesize("新的回答。", speed=1.0)
        assert server.connections == 2


async def test_hanging_proxy_falls_back(zh_voice: ZhttsSynthesizer) -> None:
    async with hanging_server() as (server, port):
        started = time.perf_counter()
        speech = await edge(zh_voice, f"http://127.0.0.1:{port}").synthesize("你好。", speed=1.0)
        assert time.perf_counter() - started < TIMEOUT_S + 1.5
        assert server.connections == 1 and len(speech.audio) > 4000


@pytest.mark.parametrize(("field", "value"), [("endpoint", "nonsense"), ("rate", "fast"), ("voice_zh", "")])
def test_bad_settings_raise_config_error(zh_voice: ZhttsSynthesizer, field: str, value: str) -> None:
    args: dict[str, object] = {"voice_zh": "zh-CN-XiaoxiaoNeural", "voice_en": "en-US-AriaNeural",
                               "rate": "+0%", "volume": "+0%", "endpoint": "", "fallback": zh_voice,
                               "sentence_timeout_s": 1.0, "output_rate": 24000}
    args[field] = value
    with pytest.raises(ConfigError):
        EdgeSynthesizer(**args)  # type: ignore[arg-type]


def test_decode_mp3() -> None:
    rate = 24000
    tone = (0.5 * np.sin(2 * np.pi * 440 * np.arange(rate) / rate)).astype(np.float32)
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="mp3") as container:
        stream = container.add_stream("libmp3lame", rate=rate, layout="mono")
        frame = av.AudioFrame.from_ndarray(tone[None, :], format="flt", layout="mono")
        frame.sample_rate = rate
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            container.mux(packet)
    audio, got_rate = decode_mp3(buffer.getvalue())
    assert got_rate == rate and abs(len(audio) - rate) < 4000
    spectrum = np.abs(np.fft.rfft(audio))
    assert abs(np.argmax(spectrum) * rate / len(audio) - 440) < 5


async def test_bare_punctuation_does_not_count_as_a_failure(zh_voice: ZhttsSynthesizer) -> None:
    async with hanging_server() as (server, port):
        voice = edge(zh_voice, f"127.0.0.1:{port}").reply()
        speech = await voice.synthesize("……", speed=1.0)
        assert len(speech.audio) == 0 and not voice.fell_back and server.connections == 0
