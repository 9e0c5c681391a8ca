"""The server under test: a real ``assistant serve`` subprocess, and its memory, sampled from outside."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import httpx
import psutil

from assistant.config import REPO_ROOT
from assistant.errors import ConfigError

READY_TIMEOUT_S = 600.0  # the first start may assemble the 1.5B model from its package parts


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def ws_url(http: str) -> str:
    return http.replace("https://", "wss://").replace("http://", "ws://").rstrip("/") + "/ws"


def process_rss_mb(pid: int) -> float:
    """RSS of ``pid`` and all its children in MiB (0 once the process is gone)."""
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0.0
    total = 0
    for proc in procs:
        try:
            total += proc.memory_info().rss
        except psutil.Error:
            continue
    return total / 2**20


def process_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) used so far by ``pid`` and its live children (0 once it is gone)."""
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0.0
    total = 0.0
    for proc in procs:
        try:
            times = proc.cpu_times()
        except psutil.Error:
            continue
        total += times.user + times.system
    return total


def _busy_s() -> float:
    t = psutil.cpu_times()
    return float(sum(getattr(t, name, 0.0) for name in ("user", "nice", "system", "irq", "softirq", "steal")))


class CpuWatch:
    """How much of the machine's CPU went to processes other than the bench and the server.

    Latency on a two-core machine depends on everything else running there; a benchmark run with
    busy neighbours says so next to its figures instead of passing them off as the software's.
    """

    def __init__(self, server_pid: int | None, *, remote_server: bool = False) -> None:
        """``remote_server``: a server we cannot see may be running here (``--url``); its CPU then
        counts as "other processes"."""
        self.server_pid = server_pid
        self.remote_server = remote_server
        self._own = psutil.Process()
        self._start = self._read()

    def _read(self) -> tuple[float, float, float, float]:
        own = self._own.cpu_times()
        server = process_cpu_s(self.server_pid) if self.server_pid else 0.0
        return time.monotonic(), _busy_s(), own.user + own.system, server

    def report(self) -> dict[str, Any]:
        wall0, busy0, own0, server0 = self._start
        wall1, busy1, own1, server1 = self._read()
        capacity = max(1e-9, (wall1 - wall0) * (psutil.cpu_count() or 1))
        others = max(0.0, (busy1 - busy0) - (own1 - own0) - (server1 - server0))
        return {"wall_s": round(wall1 - wall0, 1), "server_cpu_s": round(server1 - server0, 1),
                "bench_cpu_s": round(own1 - own0, 1), "other_processes_cpu_s": round(others, 1),
                "other_processes_share": round(others / capacity, 3),
                "server_included_in_others": self.server_pid is None and self.remote_server}


@dataclass(slots=True)
class MemorySampler:
    """Calls ``probe`` (MiB) every ``interval_s`` in a thread and keeps the peak, overall and per phase."""

    probe: Callable[[], float | None]
    interval_s: float = 0.2
    source: str = "psutil"
    peak_mb: float = 0.0
    samples: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None
    _phase_peaks: dict[str, float] = field(default_factory=dict)
    _phase: str = "startup"

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="bench-rss", daemon=True)
        self._thread.start()

    def phase(self, name: str) -> None:
        """Attribute the following samples to ``name`` (e.g. "idle", "concurrency_4")."""
        self._phase = name

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5.0)

    def _loop(self) -> None:
        while not self._stop.wait(self.interval_s):
            mb = self.probe()
            if mb is None or mb <= 0:
                continue
            self.samples += 1
            self.peak_mb = max(self.peak_mb, mb)
            self._phase_peaks[self._phase] = max(self._phase_peaks.get(self._phase, 0.0), mb)

    def report(self) -> dict[str, Any]:
        return {"peak_rss_mb": round(self.peak_mb, 1), "samples": self.samples, "source": self.source,
                "interval_ms": int(self.interval_s * 1000),
                "peak_by_phase_mb": {k: round(v, 1) for k, v in self._phase_peaks.items()}}


class ServerProcess:
    """``python -m assistant serve --open`` on a free port with its own data folder."""

    def __init__(self, *, llm: str, data_dir: Path, config: str = "",
                 env: dict[str, str] | None = None) -> None:
        self.llm = llm
        self.env = dict(env or {})  # on top of this process's environment
        self.data_dir = data_dir
        self.port = free_port()
        self.http = f"http://127.0.0.1:{self.port}"
        self.log_path = data_dir / "server.log"
        self.config = config
        self.process: subprocess.Popen[bytes] | None = None
        self.memory: MemorySampler | None = None
        self.startup_s = 0.0
        self._log: IO[bytes] | None = None
        self._launched = 0.0

    @property
    def ws(self) -> str:
        return ws_url(self.http)

    def launch(self) -> None:
        """Start the server process (returns at once; see :meth:`wait_ready`)."""
        env = dict(os.environ)
        env.update({"ASSISTANT_SERVER__DATA_DIR": str(self.data_dir), "PYTHONUNBUFFERED": "1", **self.env})
        cmd = [sys.executable, "-m", "assistant"]
        if self.config:
            cmd += ["--config", self.config]
        cmd += ["serve", "--open", "--host", "127.0.0.1", "--port", str(self.port), "--llm", self.llm]
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._log = self.log_path.open("wb")
        self._launched = time.monotonic()
        self.process = subprocess.Popen(cmd, cwd=REPO_ROOT, env=env, stdout=self._log,
                                        stderr=subprocess.STDOUT)
        pid = self.process.pid
        self.memory = MemorySampler(lambda: process_rss_mb(pid), source="psutil: server process + children")
        self.memory.start()

    def wait_ready(self, timeout_s: float = READY_TIMEOUT_S) -> None:
        """Wait until /readyz says the models are loaded; ConfigError (with the log) if it never does."""
        assert self.process is not None and self.memory is not None, "launch() first"
        while time.monotonic() - self._launched < timeout_s:
            if self.process.poll() is not None:
                raise ConfigError(f"the server exited during start-up (code {self.process.returncode}):\n"
                                  f"{self.log_tail()}")
            if http_ready(self.http, timeout_s=0.5, quiet=True):
                self.startup_s = time.monotonic() - self._launched
                self.memory.phase("idle")
                return
            time.sleep(0.3)
        self.stop()
        raise ConfigError(f"the server was not ready after {timeout_s:.0f} s:\n{self.log_tail()}")

    def log_tail(self, chars: int = 3000) -> str:
        return self.log_text()[-chars:]

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def stop(self) -> None:
        if self.memory is not None:
            self.memory.stop()
        proc = self.process
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None


def http_ready(http: str, *, timeout_s: float, quiet: bool = False) -> bool:
    """True once ``http``/readyz answers 200 within ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            if httpx.get(f"{http.rstrip('/')}/readyz", timeout=2.0).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        if time.monotonic() >= deadline:
            if not quiet:
                raise ConfigError(f"{http} is not ready (GET /readyz)")
            return False
        time.sleep(0.5)


def remote_rss_mb(http: str) -> float | None:
    """The server's own RSS as /readyz reports it (for --url, where we cannot see the process)."""
    try:
        data = httpx.get(f"{http.rstrip('/')}/readyz", timeout=2.0).json()
    except (httpx.HTTPError, ValueError):
        return None
    value = data.get("rss_mb") if isinstance(data, dict) else None
    return float(value) if isinstance(value, int | float) else None
