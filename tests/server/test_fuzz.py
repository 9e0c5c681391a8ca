"""Protocol fuzzing against the real server: random and mutated frames, then a normal question."""

from __future__ import annotations

import asyncio
import base64
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from assistant.client.conversation import Conversation
from tests.conftest import ServerInfo

TYPES = ["hello", "text", "image", "interrupt", "bye", "", "HELLO", "audio", None, 7]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**40, 2**40) | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@st.composite
def messages(draw: st.DrawFn) -> dict[str, Any]:
    msg: dict[str, Any] = {"type": draw(st.sampled_from(TYPES))}
    for key in draw(st.lists(st.sampled_from(["audio", "language", "text", "mime", "data", "rate", "x"]),
                             max_size=4, unique=True)):
        msg[key] = draw(json_values)
    if draw(st.booleans()):
        msg["audio"] = {"format": draw(st.sampled_from(["pcm16", "opus", 1])),
                        "rate": draw(st.integers(-10, 200_000)), "channels": draw(st.integers(0, 3))}
    if msg["type"] == "image" and draw(st.booleans()):
        msg["mime"] = draw(st.sampled_from(["image/png", "image/jpeg", "image/webp", "text/plain"]))
        msg["data"] = base64.b64encode(draw(st.binary(max_size=300))).decode()
    if msg["type"] == "text":  # keep the LLM out of it: the next frame would interrupt anyway
        msg["text"] = draw(st.sampled_from(["", "   ", 5, None, "x" * 3000]))
    return msg


frames = st.one_of(
    messages().map(lambda m: json.dumps(m, ensure_ascii=False, allow_nan=True)),
    st.text(max_size=200),  # anything at all as a text frame
    st.binary(max_size=2048),  # audio, maybe odd-length, maybe before hello
    messages().map(lambda m: json.dumps(m)).flatmap(  # a valid-looking frame, cut or corrupted
        lambda s: st.integers(0, max(0, len(s) - 1)).map(lambda i: s[:i] + "\x00" + s[i + 1:])),
)


class Client:
    def __init__(self, url: str) -> None:
        self.url = url
        self.ws: ClientConnection | None = None
        self.errors = 0
        self.reconnects = 0

    def send(self, frame: str | bytes, *, wait_s: float) -> None:
        """Send ``frame`` on a live connection (a new one if the server closed the last), then take
        what comes back within ``wait_s``: the next frame knows whether this one closed the connection."""
        if self.ws is not None:
            self._drain(0.0)  # what came back since (the server's close included)
        if self.ws is None:
            self.ws = connect(self.url, max_size=2**24, legacy=True)
            self.reconnects += 1
        try:
            self.ws.send(frame)
        except ConnectionClosed:
            self.ws = None
            return
        self._drain(wait_s)

    def _drain(self, wait_s: float) -> None:
        assert self.ws is not None
        try:
            while True:
                reply = self.ws.recv(timeout=wait_s)
                if isinstance(reply, str) and '"type": "error"' in reply.replace('":"', '": "'):
                    self.errors += 1
        except TimeoutError:
            pass
        except ConnectionClosed:
            self.ws = None


def test_fuzzed_frames_never_break_the_server(server: ServerInfo) -> None:
    before = server.ready()
    client = Client(server.ws)
    cases = 0

    @settings(max_examples=2500, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(st.lists(frames, min_size=1, max_size=4))
    def fuzz(batch: list[str | bytes]) -> None:
        nonlocal cases
        cases += 1
        # Within a batch, each frame's replies (and a close) are waited for, 2 ms; after the last, the
        # next batch's first send takes them (hypothesis draws that batch meanwhile).
        for i, frame in enumerate(batch):
            client.send(frame, wait_s=0.002 if i < len(batch) - 1 else 0.0)

    fuzz()
    if client.ws is not None:
        client.ws.close()
    print(f"fuzz: {cases} cases, {client.errors} error replies, {client.reconnects} connections")
    assert cases >= 2500
    assert client.errors > cases // 2  # bad frames were answered with errors, not silence

    async def ask() -> Conversation:
        conv = await Conversation.open(server.ws, language="zh")
        await conv.send_json({"type": "text", "text": "中国的首都是哪个城市？"})
        await conv.wait_for("metrics", timeout=120)
        await conv.close()
        return conv

    conv = asyncio.run(ask())
    assert any("北京" in r.text for r in conv.replies)
    after = server.ready()
    print(f"server RSS before {before['rss_mb']} MB, after {after['rss_mb']} MB")
    assert after["rss_mb"] - before["rss_mb"] < 300
