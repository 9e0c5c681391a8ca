"""Soak and crash: clients that vanish at any moment, and a server killed mid-turn."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from assistant.client.conversation import Conversation
from assistant.config import REPO_ROOT
from assistant.storage.db import Database
from assistant.storage.history import History
from tests.conftest import ServerInfo, pair_device, speak, start_server, stop_server
from tests.server.care_helpers import bare_server

# The seeds are fixed and the eight clients' first visits are of all five kinds already, so a short soak
# covers every kind (the test checks it); longer: SOAK_SECONDS=600
SOAK_SECONDS = float(os.environ.get("SOAK_SECONDS", "20"))
PHOTO = (Path(__file__).parent.parent / "vision" / "data" / "coffee.jpg").read_bytes()


async def _one_visit(url: str, question: bytes, rng: random.Random, finished: dict[str, int]) -> str:
    """Connect, do one thing, and (usually) leave at a random moment."""
    conv = await Conversation.open(url, language="zh")
    action = rng.choice(["mid-utterance", "mid-reply", "mid-image", "finish", "finish-text"])
    try:
        if action == "mid-utterance":
            await conv.stream_audio(question[: len(question) // 2])
        elif action == "mid-image":
            await conv.send_json({"type": "image", "mime": "image/jpeg",
                                  "data": base64.b64encode(PHOTO).decode(), "text": "这是什么？"})
            await asyncio.sleep(rng.uniform(0.1, 1.5))
        elif action == "mid-reply":
            await conv.stream_audio(question)
            await conv.wait_for("reply", timeout=60)
            await asyncio.sleep(rng.uniform(0.0, 1.0))
        else:
            if action == "finish":
                await conv.stream_audio(question)
            else:
                await conv.send_json({"type": "text", "text": "一加一等于几？"})
            await conv.wait_for("metrics", timeout=90)
            finished[conv.session] = finished.get(conv.session, 0) + 1
            await conv.send_json({"type": "bye"})
    except (ConnectionError, TimeoutError):
        pass
    await conv.ws.close()  # abrupt: no bye unless it finished
    return action


def test_soak_eight_clients_coming_and_going(server: ServerInfo, voices: Any) -> None:
    question = speak(voices, "今天天气怎么样？", after_s=1.2)
    before = server.ready()
    finished: dict[str, int] = {}
    counts: dict[str, int] = {}
    tokens = [pair_device(server.db_path, server.http, name=f"soak {i}") for i in range(8)]

    async def client(seed: int) -> None:
        rng = random.Random(seed)
        url = f"ws://127.0.0.1:{server.port}/ws?token={tokens[seed]}"
        end = time.monotonic() + SOAK_SECONDS
        while time.monotonic() < end:
            action = await _one_visit(url, question, rng, finished)
            counts[action] = counts.get(action, 0) + 1

    async def run() -> None:
        await asyncio.gather(*(client(seed) for seed in range(8)))

    asyncio.run(run())
    deadline = time.monotonic() + 20
    after = server.ready()
    while time.monotonic() < deadline and (after["sessions"] or after["llm_streams"]
                                           or after["tasks"] > before["tasks"]):
        time.sleep(0.5)
        after = server.ready()
    print(f"soak: 8 clients, {SOAK_SECONDS:.0f} s, visits {counts}, finished turns {sum(finished.values())}, "
          f"tasks {before['tasks']}->{after['tasks']}, threads {before['threads']}->{after['threads']}")
    assert set(counts) == {"mid-utterance", "mid-reply", "mid-image", "finish", "finish-text"}, counts
    assert after["sessions"] == 0 and after["connections"] == 0  # no stuck sessions
    assert after["llm_streams"] == 0
    assert after["tasks"] <= before["tasks"]  # no leaked tasks
    # Worker pools start lazily and keep their idle threads: asyncio's default pool (6 on 2 cores),
    # the LLM's (n_parallel + 1 = 5), Whisper's (2) and the audio intake's (2). More would be a leak.
    assert after["threads"] <= before["threads"] + 15
    with Database(server.db_path) as db:
        assert db.integrity_check() == ["ok"]
        history = History(db)
        for session, turns in finished.items():
            stored = [t for t in history.session_turns(session) if not t.interrupted]
            assert len(stored) >= turns, (session, turns, stored)  # every finished turn is stored


def _wait_idle(server: ServerInfo, seconds: float) -> dict[str, Any]:
    deadline = time.monotonic() + seconds
    state = server.ready()
    while time.monotonic() < deadline and (state["sessions"] or state["llm_streams"]):
        time.sleep(0.1)
        state = server.ready()
    return state


def test_tool_turns_and_hang_ups_leave_no_llm_call_behind(server: ServerInfo, voices: Any) -> None:
    """The soak's defect, in a few seconds: turns a tool answers (no LLM) start prefills (when the user
    starts speaking, and after each reply), and the sessions hang up at once. Every embedded LLM call
    ends within a few seconds, and the next question is answered by the LLM as usual."""
    speech = speak(voices, "今天天气怎么样？", after_s=0.6)
    tokens = [pair_device(server.db_path, server.http, name=f"hang-up {i}") for i in range(6)]

    async def visit(index: int) -> None:
        url = f"ws://127.0.0.1:{server.port}/ws?token={tokens[index]}"
        conv = await Conversation.open(url, language="zh")
        if index % 2:
            await conv.send_json({"type": "text", "text": "一加一等于几？"})  # the calculator answers
            await conv.wait_for("reply", timeout=60)
        await conv.stream_audio(speech[: len(speech) // 2])  # speech started: a prefill; then gone
        await conv.ws.close()

    async def run() -> None:
        await asyncio.gather(*(visit(i) for i in range(len(tokens))))

    asyncio.run(run())
    gone = time.monotonic()
    # A cancelled call ends at its first token: at most one prompt per slot is still processed (a few
    # seconds on a busy 2-core machine; 7 s measured, over 15 s under a full run). Before the fix, calls
    # stayed for over a minute.
    state = _wait_idle(server, 30.0)
    print(f"\nafter the hang-ups: {state['llm_streams']} LLM calls, {state['sessions']} sessions, "
          f"idle after {time.monotonic() - gone:.1f} s")
    assert state["sessions"] == 0 and state["llm_streams"] == 0, state

    async def answered() -> str:
        conv = await Conversation.open(f"ws://127.0.0.1:{server.port}/ws?token={tokens[0]}", language="zh")
        await conv.send_json({"type": "text", "text": "中国的首都是哪个城市？"})
        metrics = await conv.wait_for("metrics", timeout=60)
        await conv.close()
        return str(metrics.message["turn"].get("llm_backend", ""))

    assert asyncio.run(answered()) == "embedded"


def _export(env: dict[str, str]) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-m", "assistant", "export", "--user", "tester"], cwd=REPO_ROOT,
                         env=env, capture_output=True, text=True, timeout=60, check=True)
    data: dict[str, Any] = json.loads(out.stdout)
    return data


def test_kill_9_mid_turn_keeps_earlier_history(tmp_path: Path, voices: Any) -> None:
    question = speak(voices, "请给我讲一个很长的故事。", after_s=1.0)
    first_half = question[: len(question) // 4 * 2]  # the user is still speaking when the server dies
    proc, port, _, _, env = start_server(tmp_path, extra_env={"ASSISTANT_PHONE__AUDIOSOCKET_ENABLED": "0"})
    http = f"http://127.0.0.1:{port}"
    try:
        token = pair_device(tmp_path / "assistant.db", http)
        url = f"ws://127.0.0.1:{port}/ws?token={token}"

        async def turns() -> None:
            conv = await Conversation.open(url, language="zh")
            for text in ("一加一等于几？", "中国的首都是哪个城市？"):
                await conv.send_json({"type": "text", "text": text})
                await conv.wait_for("metrics", count=1 + (text != "一加一等于几？"), timeout=90)
            await conv.stream_audio(first_half)
            # Mid-turn: the user is speaking (killing mid-reply races a short reply against a busy client).
            await conv.wait_for("speech_started", timeout=30)
            os.kill(proc.pid, signal.SIGKILL)
            await asyncio.wait_for(conv.closed.wait(), 10)

        asyncio.run(turns())
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
    # The server starts again on the crashed database (it opens and migrates it before it answers
    # /healthz; the models, which the history does not touch, are left out), then the CLI exports.
    proc2, _ = bare_server(tmp_path, {"ASSISTANT_PHONE__AUDIOSOCKET_ENABLED": "0"})
    try:
        data = _export(env)
    finally:
        stop_server(proc2)
    users = [t["user_text"] for t in data["turns"]]
    assert users[:2] == ["一加一等于几？", "中国的首都是哪个城市？"], users
    assert all(t["assistant_text"] for t in data["turns"][:2])
    with Database(tmp_path / "assistant.db") as db:
        assert db.integrity_check() == ["ok"]
    assert len(users) == 2, users  # the turn cut by the crash left no half-written record
