"""What the care loop's server tests share (tests/server/test_care_loop.py and the phone and
reliability tests that reuse its server settings): the care settings for a fast scheduler, pairing by a
link, a reminder stored as the voice tool stores it, and a second server process without models."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from assistant.client.conversation import Conversation
from assistant.storage.db import Database
from assistant.storage.reminders import NewReminder, ReminderStore
from tests.conftest import REPO_ROOT, free_port, stop_server

SH = ZoneInfo("Asia/Shanghai")
CARE_ENV = {
    "ASSISTANT_CARE__TICK_S": "0.5",
    "ASSISTANT_CARE__RETRIES": "1",
    "ASSISTANT_CARE__RETRY_INTERVAL_S": "6",
    "ASSISTANT_CARE__LATE_AFTER_S": "3",
    "ASSISTANT_CARE__CHIME_S": "0.3",
    "ASSISTANT_TOOLS__TIMEZONE": "Asia/Shanghai",
    "ASSISTANT_ALERTS__RETRIES": "1",
    "ASSISTANT_ALERTS__BACKOFF_S": "0.5",
}


def redeem(http: str, link: str) -> str:
    code = link.rsplit("#pair=", 1)[1]
    response = httpx.post(f"{http}/api/pair", json={"code": code, "name": "phone"}, timeout=10)
    response.raise_for_status()
    return str(response.json()["token"])


def remind(db_path: Path, user_id: int, text: str, in_s: float, *, retries: int | None = None,
           interval_s: float | None = None) -> int:
    """A reminder due ``in_s`` from now, as the voice tool stores it."""
    due = datetime.fromtimestamp(time.time() + in_s, SH)
    with Database(db_path) as db:  # one write: a server ticking now never sees the default policy
        return ReminderStore(db).add(NewReminder(user_id=user_id, text=text, due=due, retries=retries,
                                                 retry_interval_s=interval_s)).id


def reminder_status(owner: httpx.Client, elder_id: int, rid: int) -> dict[str, Any]:
    found = owner.get("/api/reminders", params={"elder_id": elder_id}).json()["reminders"]
    return next(r for r in found if r["id"] == rid)


def said_text(conv: Conversation) -> str:
    return "".join(str(e.message.get("text", "")) for e in conv.events if e.message.get("type") == "reply")


def bare_server(data_dir: Path, extra: dict[str, str]) -> tuple[subprocess.Popen[bytes], Path]:
    """Another real server process on the same database, without models (its scheduler runs anyway)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update({"ASSISTANT_SERVER__DATA_DIR": str(data_dir), "ASSISTANT_MODELS__AUTO_PREPARE": "0",
                "ASSISTANT_MODELS__STORE_DIR": str(data_dir / "no-models"), "PYTHONUNBUFFERED": "1",
                **CARE_ENV, **extra})
    port = free_port()
    log_path = data_dir / f"bare-{port}.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", str(port)],
                                cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return proc, log_path
        except httpx.HTTPError:
            time.sleep(0.3)
    stop_server(proc)
    raise RuntimeError(log_path.read_text(errors="replace")[-3000:])
