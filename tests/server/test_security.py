"""The holes an outside probe found (issue 13), each tried against the real server."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import subprocess
import sys
import time

import httpx
import pytest
import websockets

from assistant.config import REPO_ROOT
from assistant.storage.auth import DeviceAuth
from assistant.storage.db import Database
from tests.conftest import DEADLINE_S, ServerInfo, pair_device


def _device_id(server: ServerInfo, name: str) -> int:
    with Database(server.db_path) as db:
        return next(d.id for d in DeviceAuth(db).list_devices() if d.name == name)


async def _hello(ws: websockets.ClientConnection) -> dict[str, object]:
    await ws.send(json.dumps({"type": "hello", "rate": 16000}))
    reply: dict[str, object] = json.loads(await asyncio.wait_for(ws.recv(), 30))
    return reply


async def _closed(ws: websockets.ClientConnection, max_s: float) -> tuple[int | None, str, list[str]]:
    """Read until the server closes (or ``max_s``); the close code, reason and the texts received."""
    texts: list[str] = []
    with contextlib.suppress(websockets.ConnectionClosed, TimeoutError):
        async with asyncio.timeout(max_s):
            async for frame in ws:
                if isinstance(frame, str):
                    texts.append(frame)
    return ws.close_code, ws.close_reason or "", texts


# ---- 1. tokens in URLs and logs -------------------------------------------------------------------
def test_device_tokens_never_reach_the_server_log(server: ServerInfo) -> None:
    """The old ``?token=`` still works, and like a header it leaves no token in the log."""
    token = pair_device(server.db_path, server.http, name="logged phone")
    url = f"ws://127.0.0.1:{server.port}/ws"

    async def run() -> list[object]:
        got: list[object] = []
        async with websockets.connect(f"{url}?token={token}") as ws:  # old clients
            got.append((await _hello(ws))["type"])
        async with websockets.connect(f"{url}?token={token}x") as ws:
            got.append((await _closed(ws, 10))[0])
        async with websockets.connect(url, additional_headers={"Authorization": f"Bearer {token}"}) as ws:
            got.append((await _hello(ws))["type"])
        return got

    assert asyncio.run(run()) == ["ready", 4401, "ready"]
    httpx.get(f"{server.http}/healthz?token={token}", timeout=10)
    httpx.get(f"{server.http}/healthz", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    time.sleep(0.5)
    log = server.log()
    assert "/ws?<redacted>" in log  # the access log line is there, without its query
    assert token not in log and token[:16] not in log


def test_browsers_send_the_token_as_a_subprotocol(server: ServerInfo) -> None:
    async def run(token: str) -> tuple[str | None, str]:
        offer = [websockets.Subprotocol("assistant"), websockets.Subprotocol(f"assistant.token.{token}")]
        async with websockets.connect(f"ws://127.0.0.1:{server.port}/ws", subprotocols=offer) as ws:
            try:
                return ws.subprotocol, str((await _hello(ws))["type"])
            except websockets.ConnectionClosed:
                return ws.subprotocol, f"closed {ws.close_code}"

    assert asyncio.run(run(server.token)) == ("assistant", "ready")
    assert asyncio.run(run("not-a-token")) == ("assistant", "closed 4401")
    assert server.token not in server.log()


def test_the_web_client_keeps_its_token_out_of_the_url() -> None:
    source = (REPO_ROOT / "clients" / "web" / "connection.js").read_text(encoding="utf-8")
    assert 'searchParams.set("token"' not in source
    assert "assistant.token." in source


# ---- 2. request bodies ----------------------------------------------------------------------------
def _raw_request(port: int, head: str, body_chunks: int = 0, chunk: bytes = b"") -> tuple[str, int]:
    """Send ``head`` then up to ``body_chunks`` chunks until the server answers; (answer, bytes sent)."""
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(head.encode())
        sock.setblocking(False)
        answer = b""
        for _ in range(body_chunks):
            with contextlib.suppress(BlockingIOError):
                answer += sock.recv(65536)
            if answer:
                break
            try:
                sent += sock.send(chunk)
            except BlockingIOError:
                time.sleep(0.01)
            except (BrokenPipeError, ConnectionResetError):
                break
        sock.settimeout(30)
        with contextlib.suppress(ConnectionResetError, TimeoutError):
            while b"\r\n\r\n" not in answer and (data := sock.recv(65536)):
                answer += data
    return answer.decode("latin-1"), sent


@pytest.mark.parametrize("path", ["/api/pair", "/phone/twilio/voice"])
def test_a_huge_declared_body_is_refused_unread(server: ServerInfo, path: str) -> None:
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            "Content-Length: 500000000\r\n\r\n")
    started = time.monotonic()
    answer, _ = _raw_request(server.port, head)  # the body is never sent: the answer cannot wait for it
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert time.monotonic() - started < 5


def test_a_huge_chunked_body_is_cut_off_at_the_limit(server: ServerInfo) -> None:
    before = server.ready()["rss_mb"]
    head = ("POST /api/pair HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            "Transfer-Encoding: chunked\r\n\r\n")
    piece = b"x" * (1 << 20)
    chunk = f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
    answer, sent = _raw_request(server.port, head, body_chunks=400, chunk=chunk)  # up to 400 MB
    assert answer.startswith("HTTP/1.1 413"), answer[:200]
    assert sent < 64 << 20  # the server stopped reading long before
    assert server.ready()["rss_mb"] - before < 50


def test_a_body_that_never_arrives_times_out(server: ServerInfo) -> None:
    head = "POST /api/pair HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"code\":"
    started = time.monotonic()
    answer, _ = _raw_request(server.port, head)
    assert answer.startswith("HTTP/1.1 408"), answer[:200]
    assert time.monotonic() - started < DEADLINE_S + 10


# ---- 3. pairing lockout --------------------------------------------------------------------------
def test_a_guesser_does_not_block_anyone_elses_pairing(server: ServerInfo) -> None:
    with Database(server.db_path) as db:
        code = DeviceAuth(db).create_pairing_code("new phone", "tester").code
    with httpx.Client(transport=httpx.HTTPTransport(local_address="127.0.0.2"), timeout=10) as attacker:
        statuses = [attacker.post(f"{server.http}/api/pair", json={"code": f"{n:012d}"}).status_code
                    for n in range(30)]
        assert statuses[0] == 403 and statuses[-1] == 429  # the guesser is stopped
        assert attacker.post(f"{server.http}/api/pair", json={"code": code}).status_code == 429
    response = httpx.post(f"{server.http}/api/pair", json={"code": code, "name": "x"}, timeout=10)
    assert response.status_code == 200, response.text  # grandma's phone is not
    assert len(code) == 12


# ---- 6. revocation of a silent connection --------------------------------------------------------
def test_a_revoked_silent_connection_is_closed(server: ServerInfo) -> None:
    token = pair_device(server.db_path, server.http, name="silent phone")
    device_id = _device_id(server, "silent phone")

    async def run() -> tuple[int | None, str, list[str], float]:
        async with websockets.connect(f"ws://127.0.0.1:{server.port}/ws",
                                      additional_headers={"Authorization": f"Bearer {token}"}) as ws:
            assert (await _hello(ws))["type"] == "ready"
            out = await asyncio.to_thread(
                subprocess.run, [sys.executable, "-m", "assistant", "devices", "revoke", str(device_id)],
                cwd=REPO_ROOT, env=server.env, capture_output=True, text=True, timeout=60)
            assert out.returncode == 0, out.stderr
            revoked_at = time.monotonic()
            code, reason, texts = await _closed(ws, 30)  # sends nothing at all
            return code, reason, texts, time.monotonic() - revoked_at

    code, reason, texts, after = asyncio.run(run())
    assert code == 4401 and "revoked" in reason
    assert any(json.loads(t).get("code") == "revoked" for t in texts)
    assert after < 7  # checked every 5 s


# ---- 7. silent connections and session slots -----------------------------------------------------
def test_connections_without_hello_hold_no_session_slot(server: ServerInfo) -> None:
    tokens = [pair_device(server.db_path, server.http, name=f"squatter {n}") for n in range(6)]
    other = pair_device(server.db_path, server.http, name="real user")
    url = f"ws://127.0.0.1:{server.port}/ws"

    async def run() -> tuple[str, list[tuple[int | None, str]], float]:
        # 18 connections, 3 per device: more than limits.max_sessions (16); they say nothing
        squatters = [await websockets.connect(url, additional_headers={"Authorization": f"Bearer {token}"})
                     for token in tokens for _ in range(3)]
        opened = time.monotonic()
        async with websockets.connect(url, additional_headers={"Authorization": f"Bearer {other}"}) as ws:
            kind = str((await _hello(ws))["type"])
        closes = await asyncio.gather(*(_closed(s, 30) for s in squatters))
        return kind, [(c, r) for c, r, _ in closes], time.monotonic() - opened

    kind, closes, waited = asyncio.run(run())
    assert kind == "ready"
    assert all(code == 1008 and "hello_timeout" in reason for code, reason in closes), closes
    assert waited < DEADLINE_S + 10  # limits.hello_timeout_s


# ---- 9. half-open HTTP connections ---------------------------------------------------------------
def test_half_open_http_connections_are_closed(server: ServerInfo) -> None:
    socks = [socket.create_connection(("127.0.0.1", server.port), timeout=30) for _ in range(200)]
    for n, sock in enumerate(socks):
        if n % 2:
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")  # headers never end
    kept = socket.create_connection(("127.0.0.1", server.port), timeout=30)  # one keep-alive request,
    kept.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert kept.recv(65536).startswith(b"HTTP/1.1 200")
    kept.sendall(b"GET /healthz HTTP/1.1\r\n")  # then half of the next one
    socks.append(kept)
    started = time.monotonic()
    open_ = set(range(len(socks)))
    for sock in socks:
        sock.setblocking(False)
    while open_ and time.monotonic() - started < 30:
        for n in list(open_):
            try:
                if socks[n].recv(65536) == b"":
                    open_.discard(n)
            except BlockingIOError:
                pass
            except ConnectionResetError:
                open_.discard(n)
        time.sleep(0.2)
    for sock in socks:
        sock.close()
    assert not open_, f"{len(open_)} connections still open after 30 s"
    assert time.monotonic() - started < DEADLINE_S + 6  # limits.header_timeout_s
    assert httpx.get(f"{server.http}/healthz", timeout=10).status_code == 200


# ---- origins -------------------------------------------------------------------------------------
def test_other_web_origins_are_refused(server: ServerInfo) -> None:
    url = f"ws://127.0.0.1:{server.port}/ws"
    headers = {"Authorization": f"Bearer {server.token}"}

    async def run(origin: str) -> tuple[str, int | None, str]:
        async with websockets.connect(url, additional_headers=headers,
                                      origin=websockets.Origin(origin)) as ws:
            try:
                return str((await _hello(ws))["type"]), None, ""
            except websockets.ConnectionClosed:
                return "closed", ws.close_code, ws.close_reason or ""

    kind, code, reason = asyncio.run(run("https://evil.example"))
    assert kind == "closed" and code == 4403 and "origin" in reason
    assert asyncio.run(run(f"http://127.0.0.1:{server.port}"))[0] == "ready"  # same origin
    forged = httpx.post(f"{server.http}/api/pair", json={"code": "1"}, headers={"Origin": "https://evil.example"})
    assert forged.status_code == 403 and forged.json()["error"] == "forbidden"


def test_clients_move_a_url_token_into_the_header() -> None:
    from assistant.client.conversation import _token_out_of_url

    assert _token_out_of_url("ws://h:1/ws?a=1&token=abc", "") == ("ws://h:1/ws?a=1", "abc")
    assert _token_out_of_url("ws://h:1/ws", "t") == ("ws://h:1/ws", "t")


def test_configured_origins_are_allowed() -> None:
    from assistant.config import load_settings
    from assistant.server.guard import Guard

    async def app(scope: object, receive: object, send: object) -> None:
        return None

    settings = load_settings(environ={"ASSISTANT_SERVER__ALLOWED_ORIGINS": "https://family.example.com/",
                                      "ASSISTANT_SERVER__PUBLIC_HOST": "assistant.example.com"})
    guard = Guard(app, settings)

    def scope(origin: str | None, host: str = "192.168.1.5:8765") -> dict[str, object]:
        headers = [(b"host", host.encode())] + ([(b"origin", origin.encode())] if origin else [])
        return {"type": "websocket", "headers": headers}

    assert guard.origin_ok(scope(None))  # not a browser
    assert guard.origin_ok(scope("https://192.168.1.5:8765"))  # same origin
    assert guard.origin_ok(scope("https://family.example.com"))
    assert guard.origin_ok(scope("https://assistant.example.com"))
    for bad in ("https://evil.example", "null", "https://family.example.com.evil.example", "https://192.168.1.5"):
        assert not guard.origin_ok(scope(bad)), bad
