"""A real HTTP server in front of a real OpenAI-compatible LLM server, with scriptable faults.

``mode`` decides what the next request gets: "forward" (relay the real server's SSE stream), "long" (a
long scripted answer, streamed slowly),
"hang" (never answer), "e500" (an HTTP 500), "malformed" (a broken SSE stream), "call_tool" (a
request that declares tools and has no tool result yet is answered with a streamed call of its
first tool, in the OpenAI format; the rest are relayed without their tools, the tool results as a
note before the question: the small test models write calls as text instead of making them, and
call again instead of answering from a result; this mode plays the capable model's part).
It counts requests and the client disconnects it notices while relaying.
"""

from __future__ import annotations

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx


class LlmProxy:
    def __init__(self, upstream: str) -> None:
        self.upstream = upstream.rstrip("/")
        self.mode = "forward"
        self.requests = 0
        self.bodies: list[dict[str, Any]] = []  # every request's JSON body, in order
        self.disconnects = 0
        self.stop_hanging = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def close(self) -> None:
        self.stop_hanging.set()
        self._server.shutdown()
        self._server.server_close()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                proxy.requests += 1
                with contextlib.suppress(ValueError):
                    proxy.bodies.append(json.loads(body))
                mode = proxy.mode
                if mode == "hang":
                    proxy.stop_hanging.wait(60)
                    return
                if mode == "e500":
                    self.send_response(500)
                    self.send_header("Content-Type", "application/json")
                    self.end_headers()
                    self.wfile.write(b'{"error": {"message": "internal error"}}')
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                if mode == "call_tool" and _wants_call(body):
                    self.wfile.write(_tool_call_stream(json.loads(body)))
                    return
                if mode == "malformed":
                    self.wfile.write(b"data: {\"choices\": [{\"delta\": {\"content\": \"\xe4\xbd\xa0\n\ndata:"
                                     b" {oops\n\n")
                    return
                if mode == "long":
                    _long_answer(self.wfile, proxy)
                    return
                if mode == "call_tool":
                    body = _results_as_note(json.loads(body))
                self._relay(body)

            def _relay(self, body: bytes) -> None:
                url = proxy.upstream + self.path.removeprefix("/v1")
                with httpx.stream("POST", url, content=body, timeout=60,
                                  headers={"Content-Type": "application/json"}) as upstream:
                    try:
                        for chunk in upstream.iter_raw():
                            self.wfile.write(chunk)
                            self.wfile.flush()
                            time.sleep(0.05)  # a cloud API's pace, so barge-in lands mid-stream
                    except (BrokenPipeError, ConnectionResetError):
                        proxy.disconnects += 1

        return Handler


def _long_answer(out: Any, proxy: LlmProxy) -> None:
    """A long streamed answer (the real model may answer briefly): a sentence every 0.1 s for up to 30 s,
    so that a barge-in always lands mid-stream."""
    said = {"content": "长城很长，有两千多年的历史。"}
    try:
        for _ in range(300):
            chunk = {"id": "chatcmpl-proxy", "object": "chat.completion.chunk", "model": "proxy",
                     "choices": [{"index": 0, "delta": said, "finish_reason": None}]}
            out.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
            out.flush()
            time.sleep(0.1)
        out.write(b"data: [DONE]\n\n")
    except (BrokenPipeError, ConnectionResetError):
        proxy.disconnects += 1


def _wants_call(raw: bytes) -> bool:
    with contextlib.suppress(ValueError):
        body = json.loads(raw)
        return bool(body.get("tools")) and not any(m.get("role") == "tool" for m in body.get("messages", []))
    return False


def _tool_call_stream(body: dict[str, Any]) -> bytes:
    """An OpenAI streamed answer that calls the request's first tool (no arguments), in two pieces."""
    name = body["tools"][0]["function"]["name"]
    pieces = [{"index": 0, "id": "call_proxy_1", "type": "function",
               "function": {"name": name, "arguments": ""}},
              {"index": 0, "function": {"arguments": "{}"}}]
    chunks = [{"id": "chatcmpl-proxy", "object": "chat.completion.chunk", "model": "proxy",
               "choices": [{"index": 0, "delta": {"role": "assistant", "tool_calls": [piece]},
                            "finish_reason": None}]}
              for piece in pieces]
    chunks.append({"id": "chatcmpl-proxy", "object": "chat.completion.chunk", "model": "proxy",
                   "choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls"}]})
    return b"".join(f"data: {json.dumps(c)}\n\n".encode() for c in chunks) + b"data: [DONE]\n\n"


def _results_as_note(body: dict[str, Any]) -> bytes:
    """``body`` without tools; its tool exchange becomes a system note before the user's question."""
    messages = body.get("messages", [])
    results = [str(m.get("content")) for m in messages if m.get("role") == "tool"]
    kept = [m for m in messages if m.get("role") != "tool" and not m.get("tool_calls")]
    if results:
        found = "；".join(results)
        note = {"role": "system", "content": f"查询结果：{found}。请根据这个结果，用一句话回答用户。"}
        kept.insert(len(kept) - 1 if kept and kept[-1].get("role") == "user" else len(kept), note)
    out = {k: v for k, v in body.items() if k not in ("tools", "tool_choice")}
    out["messages"] = kept
    return json.dumps(out).encode()
