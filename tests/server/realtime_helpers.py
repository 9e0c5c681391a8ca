"""The official ``openai`` package against our ``/v1/realtime``: connecting, streaming, collecting events."""

from __future__ import annotations

import asyncio
import base64
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import numpy as np

from assistant.audio.mulaw import ulaw_decode
from assistant.config import FAST_LLM
from tests.conftest import ServerInfo, pair_device, pcm_to_float, start_server, stop_server
from tests.server.llm_proxy import LlmProxy

MODEL = "gpt-realtime"
T = TypeVar("T")


def proxied_llm(model_store: Any) -> Iterator[LlmProxy]:
    """The embedded 0.5B model over the real OpenAI HTTP API (xllamacpp), behind a recording proxy."""
    import httpx

    from assistant.llm.embedded import serve_openai_http

    # the product's llm.context per slot: the prompt with every tool's schema is about 2,000 tokens
    llm_server, base_url = serve_openai_http(model_store.path("llm", model=FAST_LLM), n_parallel=2,
                                             context=4096)
    proxy = LlmProxy(base_url)
    warm = {"model": "x", "messages": [{"role": "user", "content": "你好"}], "max_tokens": 1}
    httpx.post(f"{base_url}/chat/completions", json=warm, timeout=120)
    yield proxy
    proxy.close()
    del llm_server


def realtime_server(data_dir: Path, proxy: LlmProxy) -> Iterator[ServerInfo]:
    """The real server with device authentication on, its LLM behind ``proxy``."""
    proc, port, as_port, log_path, env = start_server(data_dir, extra_env={
        "ASSISTANT_LLM__BACKENDS": "openai",
        "ASSISTANT_LLM__BASE_URL": proxy.base_url,
        "ASSISTANT_LLM__MODEL": FAST_LLM,
        "ASSISTANT_LLM__TEMPERATURE": "0",
        "ASSISTANT_LLM__FIRST_TOKEN_TIMEOUT_S": "30",  # 8 test runs may share these 2 cores
        "ASSISTANT_TOOLS__REMOTE_TOOLS": "0",  # our own tools stay with the router: a shorter prompt
        "ASSISTANT_PHONE__AUDIOSOCKET_ENABLED": "0",
        "OPENAI_API_KEY": "sk-test-not-a-real-key",
    })
    http = f"http://127.0.0.1:{port}"
    try:
        token = pair_device(data_dir / "assistant.db", http)
        yield ServerInfo(http=http, port=port, token=token, data_dir=data_dir, log_path=log_path, env=env,
                         audiosocket_port=as_port, process=proc)
    finally:
        stop_server(proc)


class Shared(Generic[T]):
    """What a fixture-style generator yields, for the test modules next to each other that use it: started
    on first use, cleaned up (the generator run past its ``yield``) by tests/server/conftest.py once no
    test about to run needs it."""

    def __init__(self) -> None:
        self._running: Iterator[T] | None = None
        self.value: T | None = None

    def ensure(self, start: Callable[[], Iterator[T]]) -> T:
        if self._running is None or self.value is None:
            running = start()
            self.value = next(running)
            self._running = running
        return self.value

    def stop(self) -> None:
        running, self._running, self.value = self._running, None, None
        if running is not None:
            next(running, None)


SHARED_LLM = Shared[LlmProxy]()  # proxied_llm: test_realtime*.py, then test_remote_backends.py
SHARED_REALTIME = Shared[ServerInfo]()  # realtime_server: test_realtime.py and test_realtime_delete.py


def connect(server: ServerInfo, *, beta: bool = False) -> Any:
    """``client.realtime.connect(model=…)`` (or the beta one), pointed at our server."""
    from openai import AsyncOpenAI

    client = AsyncOpenAI(base_url=f"{server.http}/v1", api_key=server.token or "unused",
                         websocket_base_url=f"ws://127.0.0.1:{server.port}/v1")  # the beta one assumes wss
    return (client.beta.realtime if beta else client.realtime).connect(model=MODEL)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


async def stream(conn: Any, audio: bytes, *, chunk: int = 4800, pace_s: float = 0.0) -> None:
    """Append ``audio`` (wire bytes) in chunks, optionally paced."""
    for i in range(0, len(audio), chunk):
        await conn.input_audio_buffer.append(audio=b64(audio[i:i + chunk]))
        if pace_s:
            await asyncio.sleep(pace_s)


@dataclass
class Collected:
    events: list[Any] = field(default_factory=list)

    def of(self, kind: str) -> list[Any]:
        return [e for e in self.events if e.type == kind]

    def types(self) -> list[str]:
        return [e.type for e in self.events]

    def audio(self, kind: str = "response.output_audio.delta", response_id: str | None = None) -> bytes:
        return b"".join(base64.b64decode(e.delta) for e in self.of(kind)
                        if response_id is None or e.response_id == response_id)

    def transcript(self, kind: str = "response.output_audio_transcript.done") -> str:
        return "".join(e.transcript for e in self.of(kind))


async def until(conn: Any, kind: str, into: Collected | None = None, *, wait_s: float = 120.0,
                count: int = 1) -> Collected:
    """Read events until ``count`` of type ``kind`` have come (in ``into`` so far)."""
    into = into if into is not None else Collected()

    async def read() -> None:
        while len(into.of(kind)) < count:
            into.events.append(await conn.recv())

    await asyncio.wait_for(read(), wait_s)
    return into


def pcm24_audio(data: bytes) -> np.ndarray:
    return pcm_to_float(data)


def ulaw_audio(data: bytes) -> np.ndarray:
    return ulaw_decode(data)


def assert_error_shape(event: Any) -> None:
    """The official shape: ``{type:"error", event_id, error:{type, code, message, param, event_id}}``."""
    from openai.types.realtime import RealtimeErrorEvent

    checked = RealtimeErrorEvent.model_validate(event.model_dump())
    assert checked.error.type in ("invalid_request_error", "server_error")
    assert checked.error.message and checked.error.code
