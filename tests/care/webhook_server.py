"""A real local HTTP server that answers like a WeCom / DingTalk group robot and records what it got."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class RobotServer:
    """POST any path: the JSON body is recorded; the answer is ``{"errcode": errcode, "errmsg": …}``."""

    def __init__(self, *, errcode: int = 0) -> None:
        self.errcode = errcode
        self.received: list[tuple[str, dict[str, Any]]] = []  # (path with query, JSON body)
        self.got_one = threading.Event()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                owner.received.append((self.path, json.loads(body)))
                errmsg = "ok" if owner.errcode == 0 else "keywords not in content"
                answer = json.dumps({"errcode": owner.errcode, "errmsg": errmsg}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)
                owner.got_one.set()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> RobotServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
