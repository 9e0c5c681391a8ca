"""How the test and bench client splits a session's events into replies, against a scripted server.

The server sends ``metrics`` when a reply has been generated, often while it is still playing; an
``interrupted`` after that cuts the reply at the listener, not the empty one opened for the next turn.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import websockets

from assistant.client.conversation import Conversation

READY = {"type": "ready", "session": "s1", "audio": {"format": "pcm16", "rate": 24000, "channels": 1}}


async def _scripted(frames: list[Any]) -> Conversation:
    async def handler(ws: Any) -> None:
        await ws.recv()  # hello
        await ws.send(json.dumps(READY))
        for frame in frames:
            await ws.send(frame if isinstance(frame, bytes) else json.dumps(frame, ensure_ascii=False))
        await ws.recv()  # until the client closes

    async with websockets.serve(handler, "127.0.0.1", 0) as server:
        port = server.sockets[0].getsockname()[1]
        conv = await Conversation.open(f"ws://127.0.0.1:{port}/ws")
        await conv.wait_for("metrics", count=sum(1 for f in frames if isinstance(f, dict)
                                                 and f["type"] == "metrics"), timeout=10)
        if any(isinstance(f, dict) and f["type"] == "interrupted" for f in frames):
            await conv.wait_for("interrupted", timeout=10)
        await conv.close()
        return conv


def _reply(text: str) -> list[Any]:
    return [{"type": "transcript", "text": "问题", "final": True},
            {"type": "reply", "text": text, "final": False}, b"\x01\x00" * 100,
            {"type": "reply", "text": "", "final": True}, {"type": "audio_end"}]


def test_interrupted_after_metrics_cuts_the_reply_still_playing() -> None:
    frames = [*_reply("一个长故事。"), {"type": "metrics", "turn": {"interrupted": False}},
              {"type": "interrupted"}, *_reply("北京。"), {"type": "metrics", "turn": {}}]
    conv = asyncio.run(_scripted(frames))
    first, second = conv.replies[0], conv.replies[1]
    assert first.text == "一个长故事。" and first.interrupted
    assert second.text == "北京。" and not second.interrupted


def test_interrupted_while_generating_cuts_the_current_reply() -> None:
    frames = [{"type": "transcript", "text": "问题", "final": True},
              {"type": "reply", "text": "一个", "final": False},
              {"type": "interrupted"}, {"type": "metrics", "turn": {"interrupted": True}},
              *_reply("北京。"), {"type": "metrics", "turn": {}}]
    conv = asyncio.run(_scripted(frames))
    assert conv.replies[0].text == "一个" and conv.replies[0].interrupted
    answered = [r for r in conv.replies[1:] if r.text]
    assert answered[0].text == "北京。" and not answered[0].interrupted


def test_interrupted_of_a_new_turn_without_output_does_not_touch_the_previous_reply() -> None:
    frames = [*_reply("一个长故事。"), {"type": "metrics", "turn": {}},
              {"type": "transcript", "text": "第二个问题", "final": True}, {"type": "interrupted"},
              {"type": "metrics", "turn": {"interrupted": True}}]
    conv = asyncio.run(_scripted(frames))
    assert not conv.replies[0].interrupted
    assert conv.replies[1].interrupted
