"""Who may talk to the assistant: paired devices only, each refusal with a clear reason."""

from __future__ import annotations

import asyncio
import contextlib
import json
import subprocess
import sys
import time

import httpx
import websockets

from assistant.config import REPO_ROOT
from assistant.storage.auth import DeviceAuth
from assistant.storage.db import Database
from tests.conftest import ServerInfo, pair_device


def _refusal(url: str, headers: dict[str, str] | None = None) -> tuple[int | None, str]:
    async def run() -> tuple[int | None, str]:
        async with websockets.connect(url, additional_headers=headers) as ws:
            try:
                await ws.send(json.dumps({"type": "hello"}))
                await asyncio.wait_for(ws.recv(), 10)
            except websockets.ConnectionClosed:
                pass
            return ws.close_code, ws.close_reason or ""

    return asyncio.run(run())


def test_no_token_is_refused(server: ServerInfo) -> None:
    code, reason = _refusal(f"ws://127.0.0.1:{server.port}/ws")
    assert code == 4401 and "not paired" in reason


def test_wrong_token_is_refused(server: ServerInfo) -> None:
    code, reason = _refusal(f"ws://127.0.0.1:{server.port}/ws?token=not-a-real-token")
    assert code == 4401 and "unknown token" in reason


def test_bearer_header_works(server: ServerInfo) -> None:
    async def run() -> str:
        async with websockets.connect(f"ws://127.0.0.1:{server.port}/ws",
                                      additional_headers={"Authorization": f"Bearer {server.token}"}) as ws:
            await ws.send(json.dumps({"type": "hello"}))
            return str(json.loads(await asyncio.wait_for(ws.recv(), 10))["type"])

    assert asyncio.run(run()) == "ready"


def test_revoked_token_is_refused(server: ServerInfo) -> None:
    token = pair_device(server.db_path, server.http, name="old phone")
    with Database(server.db_path) as db:
        device = next(d for d in DeviceAuth(db).list_devices() if d.name == "old phone")
    out = subprocess.run([sys.executable, "-m", "assistant", "devices", "revoke", str(device.id)],
                         cwd=REPO_ROOT, env=server.env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    code, reason = _refusal(f"ws://127.0.0.1:{server.port}/ws?token={token}")
    assert code == 4401 and "revoked" in reason


def test_expired_and_reused_pairing_codes_are_refused(server: ServerInfo) -> None:
    with Database(server.db_path) as db:
        # made eleven minutes ago with the default ten-minute lifetime
        expired = DeviceAuth(db, clock=lambda: time.time() - 660).create_pairing_code("late phone",
                                                                                      "tester").code
        fresh = DeviceAuth(db).create_pairing_code("new phone", "tester").code
    response = httpx.post(f"{server.http}/api/pair", json={"code": expired, "name": "late"})
    assert response.status_code == 403 and response.json()["error"] == "expired_code"
    assert httpx.post(f"{server.http}/api/pair", json={"code": fresh}).status_code == 200
    again = httpx.post(f"{server.http}/api/pair", json={"code": fresh})
    assert again.status_code == 403 and again.json()["error"] == "used_code"


def test_pair_command_prints_a_code_and_link(server: ServerInfo) -> None:
    out = subprocess.run([sys.executable, "-m", "assistant", "pair", "--name", "爷爷的手机",
                          "--url", server.http + "/"], cwd=REPO_ROOT, env=server.env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "/#pair=" in out.stdout


def test_a_revoked_device_is_disconnected_while_connected(server: ServerInfo) -> None:
    """Revoking a device (from the CLI, another process) also ends the connection it has open."""
    token = pair_device(server.db_path, server.http, name="lost phone")
    with Database(server.db_path) as db:
        device = next(d for d in DeviceAuth(db).list_devices() if d.name == "lost phone")

    async def run() -> tuple[list[dict[str, object]], int | None, str, float]:
        async with websockets.connect(f"ws://127.0.0.1:{server.port}/ws?token={token}") as ws:
            await ws.send(json.dumps({"type": "hello", "rate": 16000}))
            assert json.loads(await asyncio.wait_for(ws.recv(), 10))["type"] == "ready"
            out = await asyncio.to_thread(
                subprocess.run, [sys.executable, "-m", "assistant", "devices", "revoke", str(device.id)],
                cwd=REPO_ROOT, env=server.env, capture_output=True, text=True, timeout=60)
            assert out.returncode == 0, out.stderr
            revoked_at = time.monotonic()
            errors: list[dict[str, object]] = []
            silence = b"\x00\x00" * 320
            try:
                while time.monotonic() - revoked_at < 20:  # a microphone keeps sending 20 ms frames
                    await ws.send(silence)
                    with contextlib.suppress(TimeoutError):
                        message = await asyncio.wait_for(ws.recv(), 0.02)
                        if isinstance(message, str) and json.loads(message)["type"] == "error":
                            errors.append(json.loads(message))
            except websockets.ConnectionClosed:
                pass
            return errors, ws.close_code, ws.close_reason or "", time.monotonic() - revoked_at

    errors, code, reason, after = asyncio.run(run())
    assert code == 4401 and "revoked" in reason
    assert any(e["code"] == "revoked" and e["fatal"] for e in errors)
    assert after < 10  # checked every 5 s
