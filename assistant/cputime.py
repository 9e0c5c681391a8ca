"""CPU seconds by pipeline stage (VAD, ASR, LLM, TTS), for ``/metrics`` and ``bench --capacity``.

A stage burns CPU in two kinds of thread:
- native thread pools that a library starts for itself (llama.cpp's compute threads, CTranslate2's
  workers and OpenMP threads, onnxruntime's intra-op pools). Linux copies a thread's name to the
  threads it creates, so each model is loaded in a thread renamed for the time being
  (:func:`labelled`), and every pool it starts carries the stage's name (``st-asr``...). Their CPU
  time is read from ``/proc/self/task``.
- Python worker threads that call into the library and do the glue (features, text front-ends,
  ONNX runs with one thread). :func:`in_thread` runs such a call in a worker and charges that
  thread's CPU time (``time.thread_time``) to the stage.
Threads named for a stage must not also be charged (nothing here does both). The rest of the
process (event loop, websockets, database, the phone's audio encoding) is what the process total
has on top of the stages. Linux only; elsewhere the per-thread part reads 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import ctypes.util
import os
import resource
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import ParamSpec, TypeVar

STAGES = ("vad", "asr", "llm", "tts")
PREFIX = "st-"  # thread names of the stages' own pools: st-vad, st-asr, st-llm, st-tts
_PR_SET_NAME = 15
_TASKS = Path("/proc/self/task")
P = ParamSpec("P")
R = TypeVar("R")

_lock = threading.Lock()
_charged: dict[str, float] = dict.fromkeys(STAGES, 0.0)


def _prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None
    fn: Callable[..., int] = libc.prctl
    return fn


_PRCTL = _prctl()


def thread_name() -> str:
    """The OS name of the calling thread ("" where it cannot be read)."""
    try:
        return Path(f"/proc/self/task/{threading.get_native_id()}/comm").read_text().strip()
    except OSError:
        return ""


def name_thread(name: str) -> None:
    """Set the OS name of the calling thread (at most 15 bytes; a no-op off Linux)."""
    if _PRCTL is not None:
        _PRCTL(_PR_SET_NAME, ctypes.c_char_p(name.encode()[:15]), 0, 0, 0)


def stage_thread(stage: str) -> None:
    """Name the calling thread for ``stage`` for good (a pool's ``initializer``)."""
    name_thread(PREFIX + stage)


@contextlib.contextmanager
def labelled(stage: str) -> Iterator[None]:
    """Within the block the calling thread (and every thread it starts) carries ``stage``'s name."""
    before = thread_name()
    stage_thread(stage)
    try:
        yield
    finally:
        name_thread(before or "python3")


def charged(stage: str, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """Call ``fn`` and add the calling thread's CPU time to ``stage``."""
    started = time.thread_time()
    try:
        return fn(*args, **kwargs)
    finally:
        used = time.thread_time() - started
        with _lock:
            _charged[stage] = _charged.get(stage, 0.0) + used


async def in_thread(stage: str, fn: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """``asyncio.to_thread(fn, ...)``, with the worker's CPU time charged to ``stage``."""
    return await asyncio.to_thread(charged, stage, fn, *args, **kwargs)  # type: ignore[arg-type]


def _named_threads() -> dict[str, float]:
    """CPU seconds of the live threads named ``st-<stage>``, by stage."""
    out: dict[str, float] = {}
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    try:
        tasks = list(_TASKS.iterdir())
    except OSError:
        return out
    for task in tasks:
        try:
            stat = (task / "stat").read_text()
        except OSError:
            continue  # the thread ended
        name = stat[stat.find("(") + 1: stat.rfind(")")]
        if not name.startswith(PREFIX):
            continue
        fields = stat[stat.rfind(")") + 2:].split()
        stage = name[len(PREFIX):]
        out[stage] = out.get(stage, 0.0) + (int(fields[11]) + int(fields[12])) / tick
    return out


def snapshot() -> dict[str, float]:
    """Cumulative CPU seconds by stage, and ``process`` (the whole process, ended threads too)."""
    named = _named_threads()
    with _lock:
        charged_now = dict(_charged)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    out = {stage: round(charged_now.get(stage, 0.0) + named.get(stage, 0.0), 3) for stage in STAGES}
    out["process"] = round(usage.ru_utime + usage.ru_stime, 3)
    return out


def prometheus_lines() -> list[str]:
    snap = snapshot()
    lines = ["# HELP assistant_stage_cpu_seconds_total CPU seconds used by a pipeline stage.",
             "# TYPE assistant_stage_cpu_seconds_total counter"]
    lines += [f'assistant_stage_cpu_seconds_total{{stage="{s}"}} {snap[s]:.3f}' for s in STAGES]
    lines += ["# HELP assistant_process_cpu_seconds_total CPU seconds used by the whole process.",
              "# TYPE assistant_process_cpu_seconds_total counter",
              f"assistant_process_cpu_seconds_total {snap['process']:.3f}"]
    return lines


def parse_prometheus(text: str) -> dict[str, float]:
    """The figures of :func:`prometheus_lines` read back from a ``/metrics`` body."""
    out: dict[str, float] = {}
    for line in text.splitlines():
        if line.startswith('assistant_stage_cpu_seconds_total{stage="'):
            stage = line.split('"')[1]
            out[stage] = float(line.rsplit(" ", 1)[1])
        elif line.startswith("assistant_process_cpu_seconds_total "):
            out["process"] = float(line.rsplit(" ", 1)[1])
    return out
