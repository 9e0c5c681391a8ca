"""A small real HTTP server speaking the OpenAI chat-completions stream, for vision tests.

It runs on 127.0.0.1 in its own thread and event loop. ``f"{server.root}/{behaviour}/v1"``
selects what it does: ``ok`` streams ``ANSWER``; ``hang`` never answers; ``e500`` fails.
Every request is recorded (headers and JSON body) so tests can check what the client sent.
"""

from __future__ import annotations

import asyncio
import json
import threading
from dataclasses import dataclass, field
from typing import Any

ANSWER = ["这是", "一杯", "咖啡。"]


@dataclass
class Recorded:
    behaviour: str
    headers: dict[str, str]
    body: dict[str, Any]


def _sse(payload: dict[str, Any] | str) -> bytes:
    data = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    return f"data: {data}\n\n".encode()


def _chunk(content: str) -> dict[str, Any]:
    return {"object": "chat.completion.chunk",
            "choices": [{"index": 0, "delta": {"content": content}, "finish_reason": None}]}


@dataclass
class VlmServer:
    loop: asyncio.AbstractEventLoop = field(default_factory=asyncio.new_event_loop)
    requests: list[Recorded] = field(default_factory=list)
    port: int = 0
    _server: asyncio.Server | None = None
    _thread: threading.Thread | None = None

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, behaviour: str) -> str:
        return f"{self.root}/{behaviour}/v1"

    def last(self, behaviour: str) -> Recorded:
        return [r for r in self.requests if r.behaviour == behaviour][-1]

    def start(self) -> None:
        self._thread = threading.Thread(target=self.loop.run_forever, name="vlm-http", daemon=True)
        self._thread.start()
        fut = asyncio.run_coroutine_threadsafe(asyncio.start_server(self._handle, "127.0.0.1", 0), self.loop)
        self._server = fut.result(timeout=5)
        self.port = self._server.sockets[0].getsockname()[1]

    def stop(self) -> None:
        async def close() -> None:
            if self._server is not None:
                self._server.close()

        asyncio.run_coroutine_threadsafe(close(), self.loop).result(timeout=5)
        self.loop.call_soon_threadsafe(self.loop.stop)
        if self._thread is not None:
            self._thread.join(timeout=5)
        self.loop.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            path = lines[0].split(" ")[1]
            fields = (ln.partition(":") for ln in lines[1:] if ln)
            headers = {k.strip().lower(): v.strip() for k, _, v in fields}
            body = json.loads(await reader.readexactly(int(headers.get("content-length", "0"))) or b"{}")
            behaviour = path.strip("/").split("/")[0]
            self.requests.append(Recorded(behaviour=behaviour, headers=headers, body=body))
            if behaviour == "ok":
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: "
                             b"close\r\n\r\n")
                for part in ANSWER:
                    writer.write(_sse(_chunk(part)))
                    await writer.drain()
                writer.write(_sse("[DONE]"))
                await writer.drain()
            elif behaviour == "hang":
                await reader.read()  # until the client gives up and closes
            else:
                data = json.dumps({"error": {"message": "the vision model crashed"}}).encode()
                writer.write(b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: application/json\r\n"
                             + f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n".encode() + data)
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()
