"""Shared fixtures: real models, loaded once per test run, and one real server process."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest

from assistant.config import FAST_LLM, REPO_ROOT, Settings, load_settings

TWILIO_TEST_TOKEN = "test-twilio-auth-token"
# The session server's deadlines for a websocket's hello, a request's headers and its body (shipped: 10 s):
# tests/server/test_security.py waits each out. 5 s, the shipped keep-alive timeout, which closes idle
# connections just as soon and which every client of these tests copes with.
DEADLINE_S = 5.0


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Defaults, with the 0.5B LLM: tests are about plumbing unless they say otherwise."""
    return load_settings(environ={}, overrides={"models": {"llm": FAST_LLM}})


@pytest.fixture(scope="session")
def model_store(settings: Settings) -> Iterator[Any]:
    """The prepared local model store (assembled from the package parts on first use)."""
    from assistant.model_store import open_model_store

    store = open_model_store(settings)
    store.prepare(progress=False)
    yield store


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    path = Path(__file__).parent / "artifacts"
    path.mkdir(exist_ok=True)
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True, slots=True)
class ServerInfo:
    http: str  # http://127.0.0.1:PORT
    port: int
    token: str  # a paired device's token
    data_dir: Path
    log_path: Path
    env: dict[str, str]
    audiosocket_port: int
    process: subprocess.Popen[bytes]

    @property
    def ws(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws?token={self.token}"

    @property
    def db_path(self) -> Path:
        return self.data_dir / "assistant.db"

    def ready(self) -> dict[str, Any]:
        response = httpx.get(f"{self.http}/readyz", timeout=10)
        data: dict[str, Any] = response.json()
        return data

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def start_server(data_dir: Path, *, extra_env: dict[str, str] | None = None, args: tuple[str, ...] = (),
                 port: int | None = None,
                 shipped: bool = False) -> tuple[subprocess.Popen[bytes], int, int, Path, dict[str, str]]:
    """``port``: listen there (e.g. to restart a killed server where its clients reconnect).
    ``shipped``: the shipped LLM settings (1.5B model, its temperature, its slots), not the tests' 0.5B."""
    port, as_port = port or free_port(), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update({
        "ASSISTANT_SERVER__DATA_DIR": str(data_dir),
        "ASSISTANT_MODELS__LLM": FAST_LLM,
        "ASSISTANT_LLM__N_PARALLEL": "4",
        "ASSISTANT_LLM__TEMPERATURE": "0",  # the 0.5B test model is steadier when greedy
        "ASSISTANT_PHONE__AUDIOSOCKET_ENABLED": "1",
        "ASSISTANT_PHONE__AUDIOSOCKET_PORT": str(as_port),
        "TWILIO_AUTH_TOKEN": TWILIO_TEST_TOKEN,
        "PYTHONUNBUFFERED": "1",
    })
    if shipped:
        for key in ("ASSISTANT_MODELS__LLM", "ASSISTANT_LLM__N_PARALLEL", "ASSISTANT_LLM__TEMPERATURE"):
            del env[key]
    env.update(extra_env or {})
    log_path = data_dir / "server.log"
    with log_path.open("wb") as log:  # the child keeps its own descriptor
        proc = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", str(port), *args],
                                cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log_path.read_text(errors='replace')[-4000:]}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2).status_code == 200:
                return proc, port, as_port, log_path, env
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    proc.wait(timeout=30)
    raise RuntimeError(f"server not ready in time:\n{log_path.read_text(errors='replace')[-4000:]}")


def stop_server(proc: subprocess.Popen[bytes], timeout_s: float = 30.0) -> None:
    """SIGTERM, then SIGKILL after ``timeout_s``; always reaped (a live child's Popen warns when freed)."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=30)


def pair_device(db_path: Path, http: str, name: str = "test phone", user: str = "tester") -> str:
    """Pair like a phone does: a code from the CLI's function, redeemed over HTTP."""
    from assistant.storage.auth import DeviceAuth
    from assistant.storage.db import Database

    with Database(db_path) as db:
        code = DeviceAuth(db).create_pairing_code(name, user).code
    response = httpx.post(f"{http}/api/pair", json={"code": code, "name": name}, timeout=10)
    response.raise_for_status()
    return str(response.json()["token"])


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory, model_store: Any) -> Iterator[ServerInfo]:
    """THE server of this test run: real models (0.5B LLM), auth on, one paired device."""
    data_dir = tmp_path_factory.mktemp("server")
    proc, port, as_port, log_path, env = start_server(data_dir, extra_env={
        f"ASSISTANT_LIMITS__{name}_TIMEOUT_S": str(DEADLINE_S) for name in ("HELLO", "BODY", "HEADER")})
    http = f"http://127.0.0.1:{port}"
    try:
        token = pair_device(data_dir / "assistant.db", http)
        yield ServerInfo(http=http, port=port, token=token, data_dir=data_dir, log_path=log_path, env=env,
                         audiosocket_port=as_port, process=proc)
    finally:
        stop_server(proc)


# ---- speech for tests ---------------------------------------------------------------------------
@pytest.fixture(scope="session")
def voices(model_store: Any) -> Any:
    """The project's own zh + en voices (what users hear), for making test questions."""
    from assistant.tts.factory import embedded_voices

    return embedded_voices(zh_dir=model_store.path("tts-zh"), en_dir=model_store.path("tts-en"))


@pytest.fixture(scope="session")
def transcriber(model_store: Any) -> Any:
    from assistant.asr.whisper import WhisperTranscriber

    return WhisperTranscriber(model_store.path("asr"), threads=2)


def speak(voices: Any, text: str, *, rate: int = 16000, speed: float = 1.0,
          before_s: float = 0.6, after_s: float = 1.5) -> bytes:
    """PCM16 of ``text`` in the project's voice at ``rate``, with silence around it."""
    import asyncio

    from assistant.audio.pcm import float32_to_pcm16
    from assistant.audio.resample import resample

    speech = asyncio.run(voices.synthesize(text, speed=speed))
    audio = resample(speech.audio, speech.rate, rate) if speech.rate != rate else speech.audio
    pad = np.zeros(int(rate * before_s), dtype=np.float32), np.zeros(int(rate * after_s), dtype=np.float32)
    return float32_to_pcm16(np.concatenate([pad[0], audio.astype(np.float32), pad[1]]))


def pcm_to_float(pcm: bytes | bytearray) -> np.ndarray:
    return np.frombuffer(bytes(pcm), dtype="<i2").astype(np.float32) / 32768.0


def normalise(text: str) -> str:
    """Lower-case, no punctuation or spaces: for comparing transcripts."""
    return re.sub(r"[\W_]+", "", text.lower())


def overlap(expected: str, got: str) -> float:
    """Share of ``expected``'s characters (in order-insensitive multiset terms) found in ``got``."""
    from collections import Counter

    a, b = Counter(normalise(expected)), Counter(normalise(got))
    total = sum(a.values())
    return sum((a & b).values()) / total if total else 1.0


@pytest.fixture(scope="session")
def postgres() -> Iterator[Any]:
    """One real PostgreSQL server for the test run (tests/postgres_server.py); ``new_database()`` each."""
    from postgres_server import PostgresServer

    server = PostgresServer.start()
    try:
        yield server
    finally:
        server.stop()
