"""The family console and a live session, on the real server with real models: a message left by the
family is spoken before the elder's next answer and marked delivered; a privacy request hides turns."""

from __future__ import annotations

import asyncio
import io
import re

import httpx

from assistant.client.conversation import Conversation
from assistant.storage.cli import cmd_pair_owner
from assistant.storage.db import Database
from tests.conftest import ServerInfo


def _redeem(server: ServerInfo, link: str) -> str:
    code = link.rsplit("#pair=", 1)[1]
    response = httpx.post(f"{server.http}/api/pair", json={"code": code, "name": "phone"}, timeout=10)
    response.raise_for_status()
    return str(response.json()["token"])


def _family(server: ServerInfo) -> tuple[httpx.Client, httpx.Client]:
    out = io.StringIO()
    with Database(server.db_path) as db:
        assert cmd_pair_owner(db, server.http, out=out) == 0
    found = re.search(r"https?://\S+#pair=\d+", out.getvalue())
    assert found is not None
    owner = httpx.Client(
        base_url=server.http,
        timeout=10,
        headers={"Authorization": f"Bearer {_redeem(server, found.group(0))}"},
    )
    invite = owner.post("/api/invites", json={"name": "小红", "relation": "女儿"}).json()
    daughter = httpx.Client(
        base_url=server.http,
        timeout=10,
        headers={"Authorization": f"Bearer {_redeem(server, invite['link'])}"},
    )
    return owner, daughter


async def _ask(url: str, token: str, texts: list[str]) -> Conversation:
    conv = await Conversation.open(url, language="zh", token=token)
    for n, text in enumerate(texts, 1):
        await conv.send_json({"type": "text", "text": text})
        await conv.wait_for("metrics", count=n, timeout=120)
        # let the answer "play" (the server counts it heard only as far as real-time playback got)
        await asyncio.sleep(len(conv.replies[-2].audio) / 2 / conv.out_rate + 0.5)
    await conv.close()
    return conv


def test_message_is_spoken_at_the_next_turn_and_privacy_hides_turns(server: ServerInfo) -> None:
    owner, daughter = _family(server)
    try:
        elder = owner.post("/api/elders", json={"name": "王秀英", "address": "李奶奶", "city": "杭州"}).json()
        link = owner.post("/api/devices/pair", json={"elder_id": elder["id"]}).json()
        elder_token = _redeem(server, link["link"])
        posted = daughter.post("/api/messages", json={"elder_id": elder["id"], "text": "周末我回家吃饭"})
        assert posted.status_code == 201 and posted.json()["delivered_at"] is None

        conv = asyncio.run(
            _ask(
                f"ws://127.0.0.1:{server.port}/ws",
                elder_token,
                ["一加一等于几？", "我的腰有点疼", "这句话别告诉家人"],
            )
        )
        replies = [r for r in conv.replies if r.text]
        assert replies[0].text.startswith("您女儿小红给您留了言：周末我回家吃饭。"), replies[0].text
        assert "小红" not in replies[1].text  # delivered once
        assert replies[2].text == "好的，这句话不会给家人看。"
        delivered = daughter.get("/api/messages").json()["messages"][0]
        assert delivered["delivered_at"] is not None

        seen = daughter.get("/api/conversations", params={"elder_id": elder["id"]}).json()
        turns = seen["turns"]
        assert [t["hidden"] for t in turns] == [False, True, True]
        assert turns[0]["question"] == "一加一等于几？" and turns[0]["answer"].startswith("您女儿小红")
        assert "腰" not in str(seen) and seen["days"][0]["hidden"] == 2
        assert (
            daughter.get("/api/conversations", params={"elder_id": elder["id"], "q": "腰"}).json()["turns"]
            == []
        )

        summary = daughter.post(
            "/api/summaries", json={"elder_id": elder["id"], "day": seen["day"]}, timeout=120
        )
        assert summary.status_code == 201, summary.text
        written = summary.json()
        print(f"summary by the test LLM: {written['text']!r}")
        assert written["quiet"] is False and (written["turns"], written["hidden"]) == (3, 2)
        assert 0 < len(written["text"]) <= 160 and "腰" not in written["text"], written
    finally:
        owner.close()
        daughter.close()
