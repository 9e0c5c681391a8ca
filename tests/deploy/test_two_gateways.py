"""Two real gateways (0.5B model) on one real PostgreSQL, behind the real HAProxy with the shipped
config (deploy/haproxy.cfg as shipped; its addresses and certificate come from the environment):

* a phone pairs on gateway A and talks on gateway B; the family reads it through the balancer and A;
* a device revoked through A is cut off its live session on B within the 5 s re-check;
* presence across gateways (only A fires care jobs): a reminder and a check-in fired by A are spoken
  on the elder's app open on B, recorded as reached on the app, and answered there (the button, the
  check-in's answers); with B killed, the reminder handed to it expires and takes its retry path
  to the family's alert;
* killing the gateway that holds a conversation: the client reconnects through the balancer, lands on
  the other gateway, and goes on.
"""

from __future__ import annotations

import asyncio
import io
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest

from assistant.client.conversation import Conversation
from assistant.config import REPO_ROOT
from assistant.server.tls import self_signed
from assistant.storage.cli import cmd_pair_owner
from assistant.storage.db import Database
from assistant.storage.jobs import JobStore, RetryPolicy
from assistant.storage.presence import PresenceStore
from assistant.storage.reminders import NewReminder, ReminderStore
from tests.conftest import free_port, start_server, stop_server

pytestmark = pytest.mark.slow

# Gateway A fires the care jobs (a fast tick); B fires none, so which one fires is known
# (care.fire_jobs: B still speaks the prompts handed to it and takes the elder's answers).
CARE_ENV = {"a": {"ASSISTANT_CARE__TICK_S": "0.5", "ASSISTANT_CARE__CHIME_S": "0.3"},
            "b": {"ASSISTANT_CARE__FIRE_JOBS": "0", "ASSISTANT_CARE__CHIME_S": "0.3"}}


class Gateway:
    def __init__(self, name: str, data_dir: Path, env: dict[str, str], started: tuple[Any, ...]) -> None:
        self.name, self.data_dir, self.env = name, data_dir, env
        self.process, self.port, _, self.log_path, _ = started
        self.http = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            stop_server(self.process)

    def restart(self) -> None:
        """After it was killed: the same port and settings (the balancer takes it back)."""
        self.process = start_server(self.data_dir, extra_env=self.env, port=self.port)[0]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory, postgres: Any,
            model_store: Any) -> Iterator[dict[str, Any]]:
    url = postgres.new_database("gw")
    root = tmp_path_factory.mktemp("cluster")
    migrated = subprocess.run([sys.executable, "-m", "assistant", "db", "migrate", "--url", url],
                              cwd=REPO_ROOT, capture_output=True, text=True, timeout=120)
    assert migrated.returncode == 0, migrated.stderr
    started: dict[str, Any] = {}
    env = {n: {"ASSISTANT_STORAGE__URL": url, **CARE_ENV[n]} for n in ("a", "b")}

    def start(name: str) -> None:
        (root / name).mkdir()
        started[name] = start_server(root / name, extra_env=env[name])

    threads = [threading.Thread(target=start, args=(n,)) for n in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    gateways = {n: Gateway(n, root / n, env[n], started[n]) for n in ("a", "b") if n in started}
    balancer = None
    try:
        assert set(gateways) == {"a", "b"}, "a gateway did not start"
        balancer, lb_url, cert = _start_haproxy(root, gateways)
        yield {"url": url, "a": gateways["a"], "b": gateways["b"], "lb": lb_url, "cert": cert,
               "balancer": balancer}
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
    lb_url = f"https://127.0.0.1:{tls_port}"
    _both_behind(lb_url, cert, proc, root / "haproxy.log")
    return proc, lb_url, cert


def _both_behind(lb_url: str, cert: Path, proc: subprocess.Popen[bytes] | None = None,
                 log: Path | None = None) -> None:
    """Wait until the balancer sends requests to both gateways (both healthy)."""
    tls = ssl.create_default_context(cafile=str(cert))
    seen: set[str] = set()
    deadline = time.monotonic() + 30
    while seen != {"gateway-a", "gateway-b"} and time.monotonic() < deadline:
        assert proc is None or proc.poll() is None, log.read_text(errors="replace") if log else ""
        try:
            response = httpx.get(f"{lb_url}/readyz", verify=tls, timeout=5)
            if response.status_code == 200:
                seen.add(response.headers["x-gateway"])
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    assert seen == {"gateway-a", "gateway-b"}, seen  # both healthy, both used


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


def _remind(url: str, elder_id: int, text: str, *, retries: int, interval_s: float) -> int:
    """A reminder due now (as the voice tool stores it), with its own retries (in the same write: gateway
    A, ticking every 0.5 s, must never see it with the default policy, ten minutes between tries)."""
    with Database(url) as db:
        return ReminderStore(db).add(NewReminder(user_id=elder_id, text=text,
                                                 due=datetime.now(ZoneInfo("Asia/Shanghai")),
                                                 retries=retries, retry_interval_s=interval_s)).id


def _job(url: str, rid: int) -> dict[str, Any]:
    with Database(url) as db, db.read() as conn:
        row = conn.execute("SELECT * FROM care_jobs WHERE kind = 'reminder' AND ref_id = ?",
                           (rid,)).fetchone()
        handoffs = [dict(h) for h in conn.execute("SELECT gateway, state FROM care_handoffs WHERE job_id = ?"
                                                  " ORDER BY id", (row["id"] if row else 0,))]
    return {**dict(row or {}), "handoffs": handoffs}


async def _present(url: str, elder_id: int, gateway: Gateway) -> float:
    """Wait until ``gateway`` says it holds the elder's app; how long that took."""
    started = time.monotonic()
    with Database(url) as db:
        while time.monotonic() - started < 10:
            if any(h.startswith(f"{socket.gethostname()}:{gateway.process.pid}:") for h in
                   PresenceStore(db).holders(elder_id, now=time.time(), fresh_s=15)):
                return time.monotonic() - started
            await asyncio.sleep(0.1)
    raise AssertionError(f"gateway {gateway.name} never published the elder's session")


def test_a_reminder_fired_on_a_is_spoken_on_the_app_open_on_b(cluster: dict[str, Any]) -> None:
    owner, elder_id, token, _ = _owner_and_elder(cluster)
    a, b = cluster["a"], cluster["b"]

    async def run() -> tuple[Conversation, dict[str, Any], float, float]:
        conv = await Conversation.open(f"ws://127.0.0.1:{b.port}/ws", language="zh", token=token)
        published = await _present(cluster["url"], elder_id, b)
        rid = _remind(cluster["url"], elder_id, "吃降压药", retries=1, interval_s=120)
        due = time.monotonic()
        prompt = await conv.wait_for("reminder", timeout=20)
        await conv.wait_for("audio_end", timeout=60)
        assert len(conv.reply.audio) > conv.out_rate, "the prompt was not spoken"  # a second or more
        await conv.send_json({"type": "reminder_answer", "job_id": prompt.message["job_id"], "answer": "ack"})
        assert (await conv.wait_for("reminder_closed", timeout=20)).message["state"] == "acknowledged"
        await conv.close()
        return conv, {"rid": rid, **prompt.message}, prompt.at - due, published

    conv, prompt, lag, published = asyncio.run(run())
    print(f"B published the session in {published:.2f} s; the prompt reached B {lag:.2f} s after its time")
    assert (prompt["kind"], prompt["answerable"]) == ("reminder", True), prompt
    said = "".join(str(e.message.get("text", "")) for e in conv.events if e.message.get("type") == "reply")
    assert re.match(r"王奶奶，.+点.*了，该吃降压药了。吃了吗？", said), said
    job = _job(cluster["url"], prompt["rid"])
    assert job["claimed_by"] == f"{socket.gethostname()}:{a.process.pid}", job  # fired on A
    assert [h["state"] for h in job["handoffs"]] == ["taken"], job
    assert job["handoffs"][0]["gateway"].startswith(f"{socket.gethostname()}:{b.process.pid}:"), job
    assert (job["state"], job["last_channel"], job["ack_channel"], job["attempts"]) == (
        "acknowledged", "app", "button", 1), job
    status = next(r for r in owner.get("/api/reminders", params={"elder_id": elder_id}).json()["reminders"]
                  if r["id"] == prompt["rid"])
    owner.close()
    assert status["delivered_by"] == "app" and status["ack_channel"] == "button", status


def test_a_checkin_fired_on_a_is_asked_and_answered_on_b(cluster: dict[str, Any]) -> None:
    """B rebuilds the check-in's dialogue: the elder's answers go to its questions, and are stored."""
    owner, elder_id, token, _ = _owner_and_elder(cluster)
    at = (datetime.now(ZoneInfo("Asia/Shanghai")) + timedelta(hours=3)).strftime("%H:%M")  # not this test's
    assert owner.put("/api/checkins/plan", json={"elder_id": elder_id, "enabled": True, "at": at,
                                                 "channel": "app", "tries": 1}).status_code == 200

    async def run() -> dict[str, Any]:
        conv = await Conversation.open(f"ws://127.0.0.1:{cluster['b'].port}/ws", language="zh", token=token)
        await _present(cluster["url"], elder_id, cluster["b"])
        with Database(cluster["url"]) as db:  # today's check-in, due now (as the scheduler stores it)
            assert JobStore(db).add(kind="checkin", user_id=elder_id, due_at=time.time(), now=time.time(),
                                    payload={"at": at, "text": "每日问候"}, policy=RetryPolicy(retries=0))
        prompt = (await conv.wait_for("reminder", timeout=30)).message
        await conv.wait_for("audio_end", timeout=60)
        for i, answer in enumerate(("睡得挺好", "吃过了", "我腿有点疼"), start=1):
            await conv.send_json({"type": "text", "text": answer})
            await conv.wait_for("metrics", count=i, timeout=60)
        await conv.close()
        return prompt

    prompt = asyncio.run(run())
    assert prompt["kind"] == "checkin" and "睡得好吗" in prompt["text"], prompt
    checkin = owner.get("/api/checkins", params={"elder_id": elder_id}).json()["checkins"][0]
    owner.close()
    assert checkin["status"] == "answered" and checkin["answers"]["pain"] == "我腿有点疼", checkin
    with Database(cluster["url"]) as db:
        job = JobStore(db).get(int(prompt["job_id"]))
    assert job is not None and (job.state, job.last_channel) == ("acknowledged", "app"), job


def test_with_the_holder_killed_the_reminder_takes_its_retry_path(cluster: dict[str, Any]) -> None:
    owner, elder_id, token, _ = _owner_and_elder(cluster)
    owner.close()
    b = cluster["b"]

    async def run() -> int:
        conv = await Conversation.open(f"ws://127.0.0.1:{b.port}/ws", language="zh", token=token)
        await _present(cluster["url"], elder_id, b)
        b.process.send_signal(signal.SIGKILL)  # its presence row stays fresh for up to 15 s
        b.process.wait(timeout=30)
        rid = _remind(cluster["url"], elder_id, "量血压", retries=1, interval_s=8)
        await asyncio.wait_for(conv.closed.wait(), 30)
        assert conv.count("reminder") == 0
        return rid

    restarted: list[BaseException] = []

    def restart_b() -> None:  # a new process (its own id): the job's handoffs stay with the dead one's
        try:
            b.restart()
        except BaseException as exc:
            restarted.append(exc)

    restarting = threading.Thread(target=restart_b)
    try:
        rid = asyncio.run(run())
        restarting.start()  # B loads its models while the job takes its retry path (for the next test)
        deadline = time.monotonic() + 60
        job = _job(cluster["url"], rid)
        while job.get("state") != "escalated" and time.monotonic() < deadline:
            time.sleep(0.5)
            job = _job(cluster["url"], rid)
    finally:
        if restarting.ident is None:  # run() failed: restart here
            restart_b()
        else:
            restarting.join()
        if restarted:
            raise restarted[0]
        _both_behind(cluster["lb"], cluster["cert"], cluster["balancer"])
    # handed to the dead holder, not taken, expired: tried again after 8 s, then the family's alert
    # (the third claim is the one that escalates)
    care_log = [line for line in cluster["a"].log_path.read_text(errors="replace").splitlines()
                if "assistant.care" in line or "storage" in line.lower()][-20:]
    assert (job["state"], job["attempts"], job["last_channel"]) == ("escalated", 3, ""), (job, care_log)
    assert job["alert_id"] is not None, job
    print(f"handed to the killed holder {len(job['handoffs'])} times, each expired; escalated")
    assert job["handoffs"] and {h["state"] for h in job["handoffs"]} == {"expired"}, job


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
