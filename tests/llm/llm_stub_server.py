"""A small real HTTP server that scripts what OpenAI-compatible providers do wrong.

``StubServer`` is a real HTTP/1.1 server on 127.0.0.1, run in its own thread with its own
event loop. It speaks just enough of the OpenAI streaming API to script what real providers do
wrong: hang before the first token, fail with 500/401, send malformed SSE, drop the connection
mid-answer. It records every request and notices when a client disconnects.
The base URL ``f"{server.root}/{behaviour}/v1"`` selects the behaviour.
"""

from __future__ import annotations

import asyncio
import json
import threading
from dataclasses import dataclass, field
from typing import Any

ANSWER = ["您好", "，", "我是", "测试", "服务器。"]


@dataclass
class Recorded:
    behaviour: str
    headers: dict[str, str]
    body: dict[str, Any]
    disconnected: threading.Event = field(default_factory=threading.Event)  # the client hung up


def _chunk(content: str | None = None, *, usage: dict[str, int] | None = None) -> dict[str, Any]:
    if usage is not None:
        return {"object": "chat.completion.chunk", "choices": [], "usage": usage}
    delta = {"role": "assistant", "content": content}
    return {"object": "chat.completion.chunk",
            "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}


def _sse(payload: dict[str, Any] | str) -> bytes:
    data = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    return f"data: {data}\n\n".encode()


@dataclass
class StubServer:
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

    def count(self, behaviour: str) -> int:
        return sum(1 for r in self.requests if r.behaviour == behaviour)

    def last(self, behaviour: str) -> Recorded:
        return [r for r in self.requests if r.behaviour == behaviour][-1]

    def start(self) -> None:
        self._thread = threading.Thread(target=self.loop.run_forever, name="stub-http", daemon=True)
        self._thread.start()
        fut = asyncio.run_coroutine_threadsafe(asyncio.start_server(self._handle, "127.0.0.1", 0), self.loop)
        self._server = fut.result(timeout=5)
        self.port = self._server.sockets[0].getsockname()[1]

    def stop(self) -> None:
        async def close() -> None:
            assert self._server is not None
            self._server.close()

        asyncio.run_coroutine_threadsafe(close(), self.loop).result(timeout=5)
        self.loop.call_soon_threadsafe(self.loop.stop)
        assert self._thread is not None
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
            record = Recorded(behaviour=path.strip("/").split("/")[0], headers=headers, body=body)
            self.requests.append(record)
            await getattr(self, "_do_" + record.behaviour)(reader, writer, record)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    # --- behaviours --------------------------------------------------------------------------

    async def _json(self, writer: asyncio.StreamWriter, status: str, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        writer.write(f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {len(data)}\r\n"
                     "Connection: close\r\n\r\n".encode() + data)
        await writer.drain()

    async def _start_sse(self, writer: asyncio.StreamWriter) -> None:
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n"
                     b"Connection: close\r\n\r\n")
        await writer.drain()

    async def _send(self, writer: asyncio.StreamWriter, data: bytes) -> None:
        writer.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        await writer.drain()

    async def _wait_disconnect(self, reader: asyncio.StreamReader, record: Recorded) -> None:
        await reader.read()  # returns b"" when the client closes its side
        record.disconnected.set()

    async def _do_ok(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                  record: Recorded) -> None:
        await self._start_sse(writer)
        await self._send(writer, b": keep-alive comment\n\n")
        for part in ANSWER:
            await self._send(writer, _sse(_chunk(part)))
        await self._send(writer, _sse(_chunk(usage={"prompt_tokens": 21, "completion_tokens": 5})))
        await self._send(writer, _sse("[DONE]"))
        await self._send(writer, b"")

    async def _do_hang(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                  record: Recorded) -> None:
        await self._wait_disconnect(reader, record)

    async def _do_hangafterheaders(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                  record: Recorded) -> None:
        await self._start_sse(writer)
        await self._send(writer, _sse(_chunk(None)))  # a role-only chunk is not a first token
        await self._wait_disconnect(reader, record)

    async def _do_e500(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                  record: Recorded) -> None:
        await self._json(writer, "500 Internal Server Error", {"error": {"message": "the model crashed"}})

    async def _do_e401(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                  record: Recorded) -> None:
        key = record.headers.get("authorization", "").removeprefix("Bearer ")
        # Like real providers, the error message quotes the key it was given.
        await self._json(writer, "401 Unauthorized",
                         {"error": {"message": f"Incorrect API key provided: {key}"}})

    async def _do_malformed(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                  record: Recorded) -> None:
        await self._start_sse(writer)
        await self._send(writer, b'data: {"choices": [{"delta": {"content": "\xe4\xbd\xa0\n\n')
        await self._send(writer, b"")

    async def _do_partial(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                  record: Recorded) -> None:
        await self._start_sse(writer)
        for part in ANSWER[:2]:
            await self._send(writer, _sse(_chunk(part)))
        writer.transport.abort()  # no terminating chunk: the answer breaks off

    async def _do_slow(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                  record: Recorded) -> None:
        await self._start_sse(writer)
        watcher = asyncio.ensure_future(self._wait_disconnect(reader, record))
        try:
            while not watcher.done():
                await self._send(writer, _sse(_chunk("嗯")))
                await asyncio.sleep(0.05)
        finally:
            await watcher

    async def _do_plainjson(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                  record: Recorded) -> None:
        await self._json(writer, "200 OK", {"choices": [{"index": 0, "message": {"role": "assistant",
                         "content": "一个不流式的回答。"}}],
                         "usage": {"prompt_tokens": 9, "completion_tokens": 6}})

    async def _do_nostreamoptions(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                                  record: Recorded) -> None:
        """An older server: rejects ``stream_options``, and sends no usage."""
        if "stream_options" in record.body:
            await self._json(writer, "400 Bad Request",
                             {"error": {"message": "unknown field: stream_options"}})
            return
        await self._start_sse(writer)
        for part in ANSWER:
            await self._send(writer, _sse(_chunk(part)))
        await self._send(writer, _sse("[DONE]"))
        await self._send(writer, b"")

    async def _do_toolcall(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                           record: Recorded) -> None:
        """Like OpenAI with ``tools``: first a streamed tool call (arguments in fragments, finish_reason
        "tool_calls"); once the request carries the ``tool`` message, an answer built on its content."""
        await self._start_sse(writer)
        messages = record.body.get("messages", [])
        if messages and messages[-1].get("role") == "tool":
            result = json.loads(messages[-1]["content"])
            for part in ("好的，", str(result.get("answer", ""))):
                await self._send(writer, _sse(_chunk(part)))
        else:
            name = record.body["tools"][0]["function"]["name"]
            first = {"index": 0, "id": "call_0001", "type": "function",
                     "function": {"name": name, "arguments": ""}}
            await self._send(writer, _sse(_tool_chunk([first])))
            for piece in ('{"wh', 'at": "da', 'te"}'):
                await self._send(writer, _sse(_tool_chunk([{"index": 0, "function": {"arguments": piece}}])))
            await self._send(writer, _sse({"object": "chat.completion.chunk",
                                           "choices": [{"index": 0, "delta": {},
                                                        "finish_reason": "tool_calls"}]}))
        await self._send(writer, _sse(_chunk(usage={"prompt_tokens": 30, "completion_tokens": 8})))
        await self._send(writer, _sse("[DONE]"))
        await self._send(writer, b"")


    async def _do_textcall(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                           record: Recorded) -> None:
        """Like a small model behind llama.cpp: offered tools, it writes the call as text (a json
        fence), and again after the result (braces doubled); offered none, it answers from the note."""
        await self._start_sse(writer)
        messages = record.body.get("messages", [])
        if record.body.get("tools"):
            name = record.body["tools"][0]["function"]["name"]
            again = any(m.get("role") == "tool" for m in messages)
            call = ('{{"name": "%s", "arguments": {"what": "date"}}}' if again
                    else '```json\n{"name": "%s", "arguments": {"what": "date"}}\n```') % name
            for i in range(0, len(call), 7):
                await self._send(writer, _sse(_chunk(call[i:i + 7])))
        else:
            notes = [m["content"] for m in messages if m.get("role") == "system" and "结果" in m["content"]]
            note = notes[0] if notes else ""
            for part in ("好的，", note.split("：", 1)[-1].split("。", 1)[0], "。"):
                await self._send(writer, _sse(_chunk(part)))
        await self._send(writer, _sse(_chunk(usage={"prompt_tokens": 30, "completion_tokens": 8})))
        await self._send(writer, _sse("[DONE]"))
        await self._send(writer, b"")


def _tool_chunk(calls: list[dict[str, Any]]) -> dict[str, Any]:
    delta = {"role": "assistant", "content": None, "tool_calls": calls}
    choice = {"index": 0, "delta": delta, "finish_reason": None}
    return {"object": "chat.completion.chunk", "choices": [choice]}
