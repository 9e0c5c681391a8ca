"""CPU time by stage: named native-style threads and charged worker calls (pure logic, no model)."""

from __future__ import annotations

import asyncio
import threading
import time

from assistant import cputime


def _spin(seconds: float) -> None:
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass


def test_a_thread_started_in_a_labelled_block_counts_for_its_stage() -> None:
    before = cputime.snapshot()
    spun, done = threading.Event(), threading.Event()

    def pool_thread() -> None:  # like a library's compute thread, started while the model loads
        _spin(0.3)
        spun.set()
        done.wait(5)  # still alive when measured, as a pool's threads are

    with cputime.labelled("asr"):
        worker = threading.Thread(target=pool_thread)
        worker.start()
    assert not cputime.thread_name().startswith(cputime.PREFIX)  # the loading thread got its name back
    assert spun.wait(5)
    _spin(0.1)  # this thread's own work is not the stage's
    after = cputime.snapshot()
    done.set()
    worker.join()
    assert 0.28 <= after["asr"] - before["asr"] < 0.39
    assert after["tts"] == before["tts"]
    assert after["process"] - before["process"] >= 0.4


def test_in_thread_charges_the_workers_cpu_time() -> None:
    before = cputime.snapshot()["tts"]
    result = asyncio.run(cputime.in_thread("tts", lambda s: (_spin(s), "said")[1], 0.2))
    assert result == "said"
    assert 0.18 <= cputime.snapshot()["tts"] - before < 0.4


def test_the_metrics_lines_read_back() -> None:
    figures = cputime.parse_prometheus("\n".join(cputime.prometheus_lines()))
    assert set(figures) == {*cputime.STAGES, "process"}
    assert figures["process"] > 0
