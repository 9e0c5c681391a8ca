"""The remote transcriber and the fallback chain against a real local HTTP server.

The server speaks the OpenAI ``/v1/audio/transcriptions`` shape and runs the real embedded Whisper
behind it (``/ok``), answers 500 (``/fail``) or never answers (``/hang``).
"""

from __future__ import annotations

import asyncio
import io
import json
import logging
import socket
import threading
import time
import wave
from collections.abc import Iterator
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

import numpy as np
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from assistant.asr.fallback import FallbackTranscriber
from assistant.asr.openai import OpenAITranscriber
from assistant.asr.whisper import WhisperTranscriber
from assistant.errors import AsrError
from tests.asr.heard import heard

ZH = "请帮我查一下明天的天气。"  # with a 2 s window, Whisper once heard "请请请请" in it (issue 21)
KEYWORDS = (("明天",),)
KEY = "sk-test-0123456789abcdef"


def parse_multipart(content_type: str, body: bytes) -> dict[str, bytes]:
    message = BytesParser(policy=HTTP).parsebytes(b"Content-Type:"
                                                  b" " + content_type.encode() + b"\r\n\r\n" + body)
    fields: dict[str, bytes] = {}
    for part in message.iter_parts():  # type: ignore[attr-defined]
        name = part.get_param("name", header="content-disposition")
        fields[str(name)] = part.get_payload(decode=True)
    return fields


class Server:
    """Starlette on uvicorn in a thread, on a free port of 127.0.0.1."""

    def __init__(self, whisper: WhisperTranscriber) -> None:
        self.whisper = whisper
        self.requests: list[dict[str, Any]] = []
        self.released = asyncio.Event()
        self.loop: asyncio.AbstractEventLoop | None = None
        app = Starlette(routes=[
            Route("/ok/v1/audio/transcriptions", self.ok, methods=["POST"]),
            Route("/fail/v1/audio/transcriptions", self.fail, methods=["POST"]),
            Route("/hang/v1/audio/transcriptions", self.hang, methods=["POST"]),
            Route("/sensevoice/v1/audio/transcriptions", self.sensevoice, methods=["POST"]),
        ])
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="off",
                                ws="none", timeout_graceful_shutdown=1)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def url(self, route: str) -> str:
        return f"http://127.0.0.1:{self.port}/{route}/v1"

    async def ok(self, request: Request) -> JSONResponse:
        fields = parse_multipart(request.headers["content-type"], await request.body())
        with wave.open(io.BytesIO(fields["file"])) as wav:
            assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 16000)
            pcm = np.frombuffer(wav.readframes(wav.getnframes()), "<i2")
        self.requests.append({"auth": request.headers.get("authorization"),
                              **{k: v.decode() for k, v in fields.items() if k != "file"}})
        language = fields.get("language", b"auto").decode()
        result = await self.whisper.transcribe(pcm.astype(np.float32) / 32768, language=language)
        return JSONResponse({"text": result.text})

    async def sensevoice(self, request: Request) -> JSONResponse:
        """Like a FunASR SenseVoice server that returns the model's raw rich transcription."""
        answer = await self.ok(request)
        text = json.loads(bytes(answer.body))["text"]
        return JSONResponse({"text": f"<|zh|><|NEUTRAL|><|Speech|><|woitn|>{text}"})

    async def fail(self, request: Request) -> JSONResponse:
        await request.body()
        return JSONResponse({"error": {"message": "model overloaded"}}, status_code=500)

    async def hang(self, request: Request) -> JSONResponse:
        await request.body()
        self.loop = asyncio.get_running_loop()
        await self.released.wait()  # set at teardown
        return JSONResponse({"text": "too late"})


@pytest.fixture(scope="module")
def server(whisper: WhisperTranscriber) -> Iterator[Server]:
    srv = Server(whisper)
    srv.thread.start()
    deadline = time.monotonic() + 10
    while not srv.server.started:
        assert time.monotonic() < deadline, "test server did not start"
        time.sleep(0.02)
    yield srv
    if srv.loop is not None:
        srv.loop.call_soon_threadsafe(srv.released.set)
    srv.server.should_exit = True
    srv.thread.join(timeout=5)


async def test_remote_transcription(server: Server, speak_zh: object,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEST_ASR_KEY", KEY)
    remote = OpenAITranscriber(base_url=server.url("ok"), model="whisper-1", api_key_env="TEST_ASR_KEY",
                               timeout_s=20)
    try:
        result = await remote.transcribe(speak_zh(ZH), language="zh")  # type: ignore[operator]
    finally:
        await remote.aclose()
    assert result.language == "zh"
    assert heard(result.text, ZH, keywords=KEYWORDS) is None
    sent = server.requests[-1]
    assert sent["auth"] == f"Bearer {KEY}"
    assert sent["model"] == "whisper-1" and sent["response_format"] == "json" and sent["language"] == "zh"
    assert "简体中文" in sent["prompt"]


async def test_server_error_and_hang_raise_asr_error(server: Server) -> None:
    audio = np.full(16000, 0.05, np.float32)
    failing = OpenAITranscriber(base_url=server.url("fail"), model="m", timeout_s=5)
    hanging = OpenAITranscriber(base_url=server.url("hang"), model="m", timeout_s=0.5)
    try:
        with pytest.raises(AsrError, match="500"):
            await failing.transcribe(audio, language="zh")
        started = time.perf_counter()
        with pytest.raises(AsrError, match="did not answer"):
            await hanging.transcribe(audio, language="zh")
        assert time.perf_counter() - started < 2.0
    finally:
        await failing.aclose()
        await hanging.aclose()


async def test_unreachable_server_and_missing_key(monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    audio = np.full(16000, 0.05, np.float32)
    closed = OpenAITranscriber(base_url=f"http://127.0.0.1:{port}/v1", model="m", timeout_s=2)
    monkeypatch.delenv("TEST_ASR_MISSING", raising=False)
    keyless = OpenAITranscriber(base_url=f"http://127.0.0.1:{port}/v1", model="m",
                                api_key_env="TEST_ASR_MISSING")
    try:
        with pytest.raises(AsrError, match="ConnectError"):
            await closed.transcribe(audio, language="zh")
        with pytest.raises(AsrError, match="TEST_ASR_MISSING"):
            await keyless.transcribe(audio, language="zh")
    finally:
        await closed.aclose()
        await keyless.aclose()


async def test_fallback_reaches_the_embedded_model(
    server: Server, whisper: WhisperTranscriber, speak_zh: object,
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("TEST_ASR_KEY", KEY)
    failing = OpenAITranscriber(base_url=server.url("fail"), model="m", api_key_env="TEST_ASR_KEY",
                                timeout_s=5, name="remote-500")
    hanging = OpenAITranscriber(base_url=server.url("hang"), model="m", api_key_env="TEST_ASR_KEY",
                                timeout_s=0.5, name="remote-hang")
    chain = FallbackTranscriber([failing, hanging, whisper])
    assert chain.name == "remote-500+remote-hang+embedded"
    caplog.set_level(logging.INFO)
    try:
        result = await chain.transcribe(speak_zh(ZH), language="zh")  # type: ignore[operator]
    finally:
        await failing.aclose()
        await hanging.aclose()
    assert heard(result.text, ZH, keywords=KEYWORDS) is None
    failures = [r.getMessage() for r in caplog.records if r.name == "assistant.asr.fallback"]
    assert len(failures) == 2
    assert "remote-500" in failures[0] and "500" in failures[0]
    assert "remote-hang" in failures[1] and "did not answer" in failures[1]
    assert KEY not in caplog.text


async def test_fallback_prefers_the_first_working_backend(server: Server, whisper: WhisperTranscriber,
                                                          speak_zh: object) -> None:
    remote = OpenAITranscriber(base_url=server.url("ok"), model="whisper-1", timeout_s=20)
    before = len(server.requests)
    try:
        result = await FallbackTranscriber([remote, whisper]).transcribe(speak_zh(ZH), language="zh")  # type: ignore[operator]
    finally:
        await remote.aclose()
    assert len(server.requests) == before + 1
    assert heard(result.text, ZH, keywords=KEYWORDS) is None


async def test_every_backend_failing_raises(server: Server) -> None:
    failing = OpenAITranscriber(base_url=server.url("fail"), model="m", timeout_s=5)
    try:
        with pytest.raises(AsrError, match="every ASR backend failed"):
            await FallbackTranscriber([failing, failing]).transcribe(np.full(16000, 0.05, np.float32),
                                                                     language="en")
    finally:
        await failing.aclose()
