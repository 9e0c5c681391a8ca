"""SIGTERM with live sessions: quick for idle ones, 1001 with a reason, and cut replies stored as such."""

from __future__ import annotations

import asyncio
import signal
import subprocess
import time
from pathlib import Path

from assistant.client.conversation import Conversation
from assistant.storage.db import Database
from assistant.storage.history import History
from tests.conftest import ServerInfo, pair_device, start_server

GRACE_S = 4.0
STORY = "请给我讲一个很长很长的故事，讲得越详细越好。"
# The greedy 0.5B model answers STORY at length almost always, but its prompt carries the clock, so
# now and then it answers in one sentence. Each of these asks for a long answer in another way.
LONG_ASKS = (STORY, "请给我讲一个关于小猫的长故事。", "请详细讲讲怎样做红烧肉，每一步都说清楚。")


def _audio_s(conv: Conversation, index: int) -> float:
    return len(conv.replies[index].audio) / 2 / conv.out_rate


async def _long_answer(url: str, needed_s: float, token: str = "") -> Conversation:
    """A session whose first answer is fully generated and still has more than ``needed_s`` to play.
    Sessions whose answer came out short are closed and not used."""
    for ask in LONG_ASKS:
        conv = await Conversation.open(url, token=token, language="zh")
        try:
            await conv.send_json({"type": "text", "text": ask})
            await conv.wait_for("metrics", timeout=180)
        except BaseException:
            conv.ws.transport.abort()
            raise
        played_s = time.monotonic() - (conv.replies[0].first_audio_at or 0.0)
        if _audio_s(conv, 0) > played_s + needed_s:
            return conv
        print(f"a short answer ({_audio_s(conv, 0):.1f} s) to {ask!r}: {conv.replies[0].text!r}")
        await conv.close()
    raise AssertionError(f"no long answer to any of {LONG_ASKS}")


async def _sigterm_with_three_sessions(proc: subprocess.Popen[bytes], url: str, token: str,
                                      closed_at: dict[str, float]) -> tuple[list[Conversation], float]:
    """Idle, done (answer generated, still playing) and busy (answer being generated) sessions, then
    SIGTERM; returns them once all three are closed, and when the signal was sent."""
    opened: list[Conversation] = []
    try:
        opened.append(await Conversation.open(url, token=token, language="zh"))
        # still playing at the end of the grace (with room for the steps below)
        opened.append(done := await _long_answer(url, GRACE_S + 4.0, token))
        opened.append(busy := await Conversation.open(url, token=token, language="zh"))
        await busy.send_json({"type": "text", "text": STORY})
        await busy.wait_for("transcript", timeout=30)
        await asyncio.sleep(0.5)
        played_s = time.monotonic() - (done.replies[0].first_audio_at or 0.0)
        # The setup is only meaningful if the first answer is still playing at the end of the grace.
        assert _audio_s(done, 0) > played_s + GRACE_S + 2.0, (_audio_s(done, 0), played_s)
        sent = time.monotonic()
        proc.send_signal(signal.SIGTERM)

        async def watch(name: str, conv: Conversation) -> None:
            await asyncio.wait_for(conv.closed.wait(), GRACE_S + 15)
            closed_at[name] = time.monotonic() - sent

        names = ("idle", "done", "busy")
        await asyncio.gather(*(watch(name, conv) for name, conv in zip(names, opened, strict=True)))
        return opened, sent
    finally:  # on a failure, no socket is left for the garbage collector to warn about
        for conv in opened:
            if not conv.closed.is_set():
                conv.ws.transport.abort()


def test_sigterm_closes_idle_sessions_at_once_and_stores_cut_replies(tmp_path: Path) -> None:
    proc, port, _, log_path, _env = start_server(tmp_path, extra_env={
        "ASSISTANT_PHONE__AUDIOSOCKET_ENABLED": "0",
        "ASSISTANT_LIMITS__SHUTDOWN_GRACE_S": str(GRACE_S),
        "ASSISTANT_LLM__MAX_TOKENS": "200",
    })
    closed_at: dict[str, float] = {}
    try:
        token = pair_device(tmp_path / "assistant.db", f"http://127.0.0.1:{port}")
        sessions, sent = asyncio.run(_sigterm_with_three_sessions(proc, f"ws://127.0.0.1:{port}/ws", token,
                                                                  closed_at))
        idle, done, busy = sessions
        proc.wait(timeout=GRACE_S + 20)
        exit_s = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)  # reaped, so that no warning about it leaks into the next test
    print(f"shutdown: closed after {closed_at} s, process exited after {exit_s:.1f} s")
    for conv in (idle, done, busy):
        closed = (conv.ws.close_code, conv.ws.close_reason)
        assert closed == (1001, "server shutting down"), closed
    assert closed_at["idle"] < 1.5, closed_at  # an idle session does not wait for the others
    assert closed_at["done"] < GRACE_S + 1.5 and closed_at["busy"] < GRACE_S + 1.5, closed_at
    assert exit_s < GRACE_S + 10.0, exit_s
    assert "Traceback" not in log_path.read_text(errors="replace")
    with Database(tmp_path / "assistant.db") as db:
        history = History(db)
        for conv in (done, busy):
            turns = history.session_turns(conv.session)
            assert len(turns) == 1, turns
            turn = turns[0]
            assert turn.interrupted, turn
            assert len(turn.heard_text) < len(turn.assistant_text), turn
            assert "".join(turn.assistant_text.split()).startswith("".join(turn.heard_text.split())), turn
        assert history.session_turns(done.session)[0].heard_text  # it had played for a while
        assert history.session_turns(idle.session) == []


def test_interrupting_a_reply_that_is_still_playing_stores_only_the_heard_part(server: ServerInfo) -> None:
    """The answer was generated (and reported) long before it finished playing; an interrupt then
    must still mark the stored turn as interrupted, with only what was heard."""

    async def run() -> Conversation:
        conv = await _long_answer(server.ws, 3.0)  # still playing
        await conv.send_json({"type": "interrupt"})
        await conv.wait_for("interrupted", timeout=10)
        await conv.close()
        return conv

    conv = asyncio.run(run())
    deadline = time.monotonic() + 10.0
    with Database(server.db_path) as db:
        while not (turns := History(db).session_turns(conv.session)) and time.monotonic() < deadline:
            time.sleep(0.2)  # written by the server's storage thread
    assert len(turns) == 1, turns
    turn = turns[0]
    assert turn.interrupted and turn.heard_text, turn
    assert len(turn.heard_text) < len(turn.assistant_text), turn
