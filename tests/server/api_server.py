"""A real server on 127.0.0.1 that serves the HTTP API and the web client but loads no models:
for tests of the family console, which needs only storage."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import uvicorn

from assistant.config import Settings, load_settings
from assistant.server.app import create_app
from tests.conftest import free_port


def _no_models(settings: Settings) -> object:
    raise RuntimeError("this test serves the API only")


@dataclass(slots=True)
class Api:
    base: str
    db_path: Path
    clients: list[httpx.Client] = field(default_factory=list)

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.clients.append(httpx.Client(base_url=self.base, headers=headers, timeout=10))
        return self.clients[-1]

    def redeem(self, link: str) -> str:
        code = link.rsplit("#pair=", 1)[1]
        response = httpx.post(f"{self.base}/api/pair", json={"code": code, "name": "phone"}, timeout=10)
        assert response.status_code == 200, response.text
        return str(response.json()["token"])


@contextlib.contextmanager
def serve_api(tmp_path: Path) -> Iterator[Api]:
    """The API server with an empty database in ``tmp_path``."""
    settings = load_settings(environ={}, overrides={"server": {"data_dir": str(tmp_path)}})
    port = free_port()
    config = uvicorn.Config(
        create_app(settings, load=_no_models), host="127.0.0.1", port=port, log_level="error", lifespan="on"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started
    api = Api(base=f"http://127.0.0.1:{port}", db_path=settings.db_path)
    try:
        yield api
    finally:
        for client in api.clients:
            client.close()
        server.should_exit = True
        thread.join(timeout=10)
