"""Two real gateways (0.5B model) on one real PostgreSQL, behind the real HAProxy with the shipped
config (deploy/haproxy.cfg as shipped; its addresses and certificate come from the environment):

* a phone pairs on gateway A and talks on gateway B; the family reads it through the balancer and A;
* a device revoked through A is cut off its live session on B within the 5 s re-check;
* killing the gateway that holds a conversation: the client reconnects through the balancer, lands on
  the other gateway, and goes on.
"""

from __future__ import annotations

import asyncio
import io
import re
import shutil
import signal
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from assistant.client.conversation import Conversation
from assistant.config import REPO_ROOT
from assistant.server.tls import self_signed
from assistant.storage.cli import cmd_pair_owner
from assistant.storage.db import Database
from tests.conftest import free_port, start_server, stop_server

pytestmark = pytest.mark.slow

class Gateway:
    def __init__(self, name: str, started: tuple[Any, ...]) -> None:
        self.name = name
        self.process, self.port, _, self.log_path, _ = started
        self.http = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            stop_server(self.process)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory, postgres: Any,
            model_store: Any) -> Iterator[dict[str, Any]]:
    url = postgres.new_database("gw")
    root = tmp_path_factory.mktemp("cluster")
    migrated = subprocess.run([sys.executable, "-m", "assistant", "db", "migrate", "--url", url],
                              cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert migrated.returncode == 0, migrated.stderr
    started: dict[str, Any] = {}

    def start(name: str) -> None:
        (root / name).mkdir()
        started[name] = start_server(root / name, extra_env={"ASSISTANT_STORAGE__URL": url})

    threads = [threading.Thread(target=start, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    gateways = {n: Gateway(n, started[n]) for n in ("a", "b") if n in started}
    balancer = None
    try:
        assert set(gateways) == {"a", "b"}, "a gateway did not start"
        balancer, lb_url, cert = _start_haproxy(root, gateways)
        yield {"url": url, "a": gateways["a"], "b": gateways["b"], "lb": lb_url, "cert": cert}
    finally:
        if balancer is not None:
            balancer.terminate()
            balancer.wait(timeout=10)
        for gateway in gateways.values():
            gateway.stop()


def _start_haproxy(root: Path, gateways: dict[str, Gateway]) -> tuple[subprocess.Popen[bytes], str, Path]:
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    cert, key = self_signed(root / "tls", "127.0.0.1")
    pem = root / "assistant.pem"
    pem.write_bytes(cert.read_bytes() + key.read_bytes())
    tls_port, plain_port = free_port(), free_port()
    env = {"PATH": "/usr/sbin:/usr/bin:/bin", "LISTEN_HTTPS": f"127.0.0.1:{tls_port}", "TLS_PEM": str(pem),
           "LISTEN_HTTP": f"127.0.0.1:{plain_port}", "GATEWAY_A": f"127.0.0.1:{gateways['a'].port}",
           "GATEWAY_B": f"127.0.0.1:{gateways['b'].port}"}
    with (root / "haproxy.log").open("wb") as log:  # the child keeps its own descriptor
        proc = subprocess.Popen([haproxy, "-db", "-f", str(REPO_ROOT / "deploy" / "haproxy.cfg")], env=env,
                                stdout=log, stderr=log)
    tls = ssl.create_default_context(cafile=str(cert))
    lb_url = f"https://127.0.0.1:{tls_port}"
    seen: set[str] = set()
    deadline = time.monotonic() + 30
    while seen != {"gateway-a", "gateway-b"} and time.monotonic() < deadline:
        assert proc.poll() is None, (root / "haproxy.log").read_text(errors="replace")
        try:
            response = httpx.get(f"{lb_url}/readyz", verify=tls, timeout=5)
            if response.status_code == 200:
                seen.add(response.headers["x-gateway"])
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    assert seen == {"gateway-a", "gateway-b"}, seen  # both healthy, both used
    return proc, lb_url, cert


def _redeem(base: str, link: str, verify: Any = True) -> str:
    code = link.rsplit("#pair=", 1)[1]
    response = httpx.post(f"{base}/api/pair", json={"code": code, "name": "phone"}, timeout=10, verify=verify)
    response.raise_for_status()
    return str(response.json()["token"])


def _owner_and_elder(cluster: dict[str, Any]) -> tuple[httpx.Client, int, str, int]:
    """The owner's client (through the balancer), an elder, and the elder's token paired on gateway A."""
    out = io.StringIO()
    with Database(cluster["url"]) as db:
        assert cmd_pair_owner(db, cluster["lb"], out=out) == 0
    link = re.search(r"https?://\S+#pair=\d+", out.getvalue())
    assert link is not None
    tls = ssl.create_default_context(cafile=str(cluster["cert"]))
    owner_token = _redeem(cluster["lb"], link.group(0), verify=tls)
    owner = httpx.Client(base_url=cluster["lb"], verify=tls, timeout=30,
                         headers={"Authorization": f"Bearer {owner_token}"})
    elder = owner.post("/api/elders", json={"name": "王秀英", "address": "王奶奶"}).json()
    pair = owner.post("/api/devices/pair", json={"elder_id": elder["id"]}).json()
    token = _redeem(cluster["a"].http, pair["link"])  # the phone pairs on gateway A
    device = next(d for d in owner.get("/api/devices").json()["devices"] if d["member_id"] == elder["id"])
    return owner, int(elder["id"]), token, int(device["id"])


async def _talk(url: str, token: str, text: str, *, close: bool = False) -> Conversation:
    conv = await Conversation.open(url, language="zh", token=token)
    await conv.send_json({"type": "text", "text": text})
    await conv.wait_for("metrics", timeout=180)
    if close:  # in the loop that opened it
        await conv.close()
    return conv


def test_pair_on_one_gateway_talk_on_the_other_read_through_the_balancer(cluster: dict[str, Any]) -> None:
    owner, elder_id, token, _ = _owner_and_elder(cluster)
    conv = asyncio.run(_talk(f"ws://127.0.0.1:{cluster['b'].port}/ws", token, "我今天有点累", close=True))
    assert conv.replies[-2].text.strip() and not conv.errors
    direct = httpx.Client(base_url=cluster["a"].http, timeout=30, headers=owner.headers)
    for client in (owner, direct):
        deadline = time.monotonic() + 30  # the turn is stored when the reply has been heard out
        turns: list[dict[str, Any]] = []
        while time.monotonic() < deadline:
            turns = client.get("/api/conversations", params={"elder_id": elder_id}).json()["turns"]
            if turns:
                break
            time.sleep(0.5)
        assert [t["question"] for t in turns] == ["我今天有点累"], turns
        client.close()


def test_a_revocation_through_a_cuts_the_live_session_on_b(cluster: dict[str, Any]) -> None:
    owner, _, token, device_id = _owner_and_elder(cluster)

    async def run() -> tuple[int | None, float]:
        conv = await Conversation.open(f"ws://127.0.0.1:{cluster['b'].port}/ws", language="zh", token=token)
        with httpx.Client(base_url=cluster["a"].http, timeout=30, headers=owner.headers) as revoke:
            assert (await asyncio.to_thread(revoke.delete, f"/api/devices/{device_id}")).status_code == 200
        revoked_at = time.monotonic()
        silence = b"\x00\x00" * 320
        while not conv.closed.is_set() and time.monotonic() - revoked_at < 15:
            try:
                await conv.ws.send(silence)  # a microphone keeps sending 20 ms frames
            except Exception:
                break
            await asyncio.sleep(0.02)
        await asyncio.wait_for(conv.closed.wait(), 5)
        return conv.ws.close_code, time.monotonic() - revoked_at

    code, after = asyncio.run(run())
    owner.close()
    assert code == 4401
    # RECHECK_TOKEN_S = 5 on whichever gateway holds the session, plus a loaded 2-core machine's slack
    assert after <= 8.0, after


def test_killing_a_gateway_the_client_reconnects_through_the_balancer(
        cluster: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(cluster["cert"]))  # wss to the balancer's own certificate
    owner, _, token, _ = _owner_and_elder(cluster)
    owner.close()
    wss = cluster["lb"].replace("https://", "wss://") + "/ws"

    async def run() -> tuple[str, str, str]:
        first = await _talk(wss, token, "你好")
        served_by = first.ws.response.headers["x-gateway"]  # type: ignore[union-attr]
        victim = cluster["a"] if served_by == "gateway-a" else cluster["b"]
        victim.process.send_signal(signal.SIGKILL)  # mid-conversation: the session is open
        await asyncio.wait_for(first.closed.wait(), 30)
        second = await _talk(wss, token, "我们接着聊")  # what the web client does: reconnect, go on
        assert second.replies[-2].text.strip() and not second.errors
        await second.close()
        return served_by, second.ws.response.headers["x-gateway"], first.replies[-2].text  # type: ignore[union-attr]

    before, after, answer = asyncio.run(run())
    assert answer.strip()
    assert {before, after} == {"gateway-a", "gateway-b"}
