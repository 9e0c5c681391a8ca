"""Shutdown order and the storing of replies still playing: pure asyncio logic, no models."""

from __future__ import annotations

import asyncio
import time

from assistant.pipeline.playback import StoreHeard, UnheardReply
from assistant.pipeline.shutdown import shutdown_sessions
from assistant.pipeline.turn import SpokenLog, now


class FakeSession:
    def __init__(self, speaking_for_s: float) -> None:
        self.until = time.monotonic() + speaking_for_s
        self.closed_at: float | None = None

    def is_speaking(self) -> bool:
        return time.monotonic() < self.until

    async def shutdown(self) -> None:
        self.closed_at = time.monotonic()


def test_idle_sessions_close_at_once_and_talkers_by_the_deadline() -> None:
    idle, short, long = FakeSession(0.0), FakeSession(0.3), FakeSession(60.0)
    start = time.monotonic()
    asyncio.run(shutdown_sessions([long, idle, short], deadline_s=1.0, poll_s=0.01))
    assert idle.closed_at is not None and idle.closed_at - start < 0.1
    assert short.closed_at is not None and 0.25 < short.closed_at - start < 0.6
    assert long.closed_at is not None and 0.95 < long.closed_at - start < 1.3


def _spoken(seconds: float, started_ago: float) -> SpokenLog:
    spoken = SpokenLog()
    spoken.add("第一句话，", seconds / 2)
    spoken.add("第二句话。", seconds / 2)
    spoken.first_audio_wall = now() - started_ago
    return spoken


def test_a_played_reply_is_stored_at_once_and_a_playing_one_when_it_ends() -> None:
    stored: list[tuple[int, str | None]] = []

    def sink(n: int) -> StoreHeard:
        async def store(heard: str | None) -> None:
            stored.append((n, heard))
        return store

    async def run() -> None:
        unheard = UnheardReply()
        await unheard.hold(1, _spoken(2.0, started_ago=5.0), sink(1))
        assert stored == [(1, None)] and unheard.reply_id == 0
        await unheard.hold(2, _spoken(0.4, started_ago=0.0), sink(2))
        assert unheard.reply_id == 2 and len(stored) == 1
        await asyncio.sleep(0.6)
        assert stored[-1] == (2, None)

    asyncio.run(run())


def test_a_cut_reply_is_stored_with_the_heard_part_and_only_once() -> None:
    stored: list[str | None] = []

    async def store(heard: str | None) -> None:
        stored.append(heard)

    async def run() -> None:
        unheard = UnheardReply()
        await unheard.hold(7, _spoken(10.0, started_ago=1.0), store)
        await unheard.cut(6, "ignored")  # another reply: nothing happens
        assert stored == []
        await unheard.cut(7, "第一句")
        await unheard.flush()
        await asyncio.sleep(0.05)
        assert stored == ["第一句"]

    asyncio.run(run())
