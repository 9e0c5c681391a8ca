"""A chat model behind any OpenAI-compatible ``/chat/completions`` endpoint, streamed over SSE.

Cloud APIs (Volcano Engine Ark, DashScope, DeepSeek, OpenAI) and local servers (vLLM, SGLang,
llama.cpp server, Ollama) all speak this format; :mod:`assistant.llm.presets` knows their URLs.

Timeouts: ``connect_timeout_s`` for the TCP/TLS connect, ``first_token_timeout_s`` from the
call until the first text delta (covering retries and waiting for headers), and
``total_timeout_s`` for the whole answer. Connection failures, HTTP 408/429/5xx and dropped
connections are retried (``max_retries`` times) only while no text has been produced and the
first-token deadline has not passed. A first-token timeout is not retried: the caller should
fall back to another backend instead. Cancelling the consumer closes the HTTP stream, which
closes the connection, so the server sees the disconnect and can stop generating.
The API key goes only into the Authorization header: it is never logged, never part of
``repr`` and scrubbed from every error message.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncGenerator, AsyncIterator, Mapping
from contextlib import AsyncExitStack, aclosing
from typing import Any

import httpx

from assistant.errors import LlmError
from assistant.llm.base import ChatMessage, ChatRequest, ToolCallRequest, Usage
from assistant.llm.text_calls import could_be_call, hold_calls, results_as_note
from assistant.llm.usage import estimate_messages_tokens, estimate_tokens

log = logging.getLogger(__name__)

_MAX_EVENT_CHARS = 1_000_000
_MAX_ERROR_BODY = 4096
_RETRY_STATUS = frozenset({408, 409, 425, 429, 500, 502, 503, 504})
MAX_TOOL_ROUNDS = 3  # tool calls answered per reply before the model must answer in words


class _Retryable(Exception):
    """A failure before the first token that another attempt may fix."""


class _NoStreamOptions(Exception):
    """The server rejected ``stream_options`` (some older OpenAI-compatible servers do)."""


def message_payload(message: ChatMessage) -> dict[str, Any]:
    """One message in the OpenAI format; an image becomes an ``image_url`` content part."""
    if message.tool_calls:
        return {"role": "assistant", "content": message.content or None, "tool_calls": [
            {"id": c.id, "type": "function", "function": {"name": c.name, "arguments": c.arguments}}
            for c in message.tool_calls]}
    if message.role == "tool":
        return {"role": "tool", "tool_call_id": message.tool_call_id, "content": message.content}
    if not message.image_data_url:
        return {"role": message.role, "content": message.content}
    parts: list[dict[str, Any]] = [{"type": "image_url", "image_url": {"url": message.image_data_url}}]
    if message.content:
        parts.append({"type": "text", "text": message.content})
    return {"role": message.role, "content": parts}


async def sse_data(lines: AsyncIterator[str]) -> AsyncGenerator[str, None]:
    """The ``data`` payloads of a Server-Sent Events stream (multi-line data joined by newlines).

    Comments (``:ping``) and the ``event``/``id``/``retry`` fields are skipped, as the SSE
    specification asks for unknown fields.
    """
    data: list[str] = []
    size = 0
    async for line in lines:
        if not line:
            if data:
                yield "\n".join(data)
                data, size = [], 0
            continue
        if line.startswith(":"):
            continue
        name, _, value = line.partition(":")
        if name != "data":
            continue
        value = value.removeprefix(" ")
        size += len(value)
        if size > _MAX_EVENT_CHARS:
            raise LlmError("malformed stream: an event is too large")
        data.append(value)
    if data:
        yield "\n".join(data)


class OpenAIChatModel:
    """Streams chat answers from an OpenAI-compatible server; see the module docstring."""

    def __init__(
        self,
        *,
        base_url: str,
        model: str,
        api_key: str | None,
        provider: str,
        connect_timeout_s: float = 3.0,
        first_token_timeout_s: float = 4.0,
        total_timeout_s: float = 30.0,
        max_retries: int = 1,
        transport: httpx.AsyncBaseTransport | None = None,
        extra_body: Mapping[str, Any] | None = None,
    ) -> None:
        self.name = provider
        self.provider = provider
        self.model = model
        self.base_url = base_url.rstrip("/")
        self.connect_timeout_s = connect_timeout_s
        self.first_token_timeout_s = first_token_timeout_s
        self.total_timeout_s = total_timeout_s
        self.max_retries = max(0, max_retries)
        self._api_key = api_key or ""
        self._transport = transport
        self._extra_body = dict(extra_body or {})
        self._client: httpx.AsyncClient | None = None
        self._client_loop: asyncio.AbstractEventLoop | None = None

    def __repr__(self) -> str:
        key = "***" if self._api_key else "None"
        return (f"OpenAIChatModel(provider={self.provider!r}, base_url={self.base_url!r}, "
                f"model={self.model!r}, api_key={key})")

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    def _http(self) -> httpx.AsyncClient:
        loop = asyncio.get_running_loop()
        if self._client is None or self._client_loop is not loop:
            timeout = httpx.Timeout(connect=self.connect_timeout_s, read=None, write=self.connect_timeout_s,
                                    pool=self.connect_timeout_s)
            self._client = httpx.AsyncClient(base_url=self.base_url, timeout=timeout,
                                             transport=self._transport,
                                             follow_redirects=False)
            self._client_loop = loop
        return self._client

    def _safe(self, text: str) -> str:
        """An error text fit for logs and users: no key, one line, at most 200 characters."""
        if len(self._api_key) >= 8:  # real keys are long; scrubbing "k" would garble the text
            text = text.replace(self._api_key, "***")
        return " ".join(text.split())[:200]

    def _fail(self, what: str) -> LlmError:
        return LlmError(self._safe(f"{self.provider}: {what}"))

    def _body(self, request: ChatRequest, messages: list[ChatMessage], *, tools: bool) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [message_payload(m) for m in messages],
            "stream": True,
            "stream_options": {"include_usage": True},
            "max_tokens": request.max_tokens,
            "temperature": request.temperature,
        }
        if request.stop:
            body["stop"] = list(request.stop)
        if tools and request.tools:
            body["tools"] = [dict(t) for t in request.tools]
            if request.tool_choice and not any(m.role == "tool" for m in messages):
                body["tool_choice"] = request.tool_choice
        body.update(self._extra_body)
        return body

    async def stream(self, request: ChatRequest, usage: Usage) -> AsyncIterator[str]:
        """Stream the answer's text deltas; see :class:`assistant.llm.base.ChatModel`.

        With ``request.tools`` and a ``tool_handler``, a reply that asks for tool calls gets them run
        and answered (``tool`` messages) and the model is asked again: the standard tool-call loop,
        at most ``MAX_TOOL_ROUNDS`` rounds. Each round has its own first-token deadline.
        """
        usage.provider, usage.model = self.provider, self.model
        usage.prompt_tokens = usage.completion_tokens = 0
        messages = list(request.messages)
        parts: list[str] = []
        totals = [0, 0]
        called: set[str] = set()
        final = False  # the model asked again for a tool it has the result of: answer from the results
        try:
            for round_ in range(MAX_TOOL_ROUNDS + 1):
                calls: dict[int, dict[str, str]] = {}
                use_tools = request.tool_handler is not None and round_ < MAX_TOOL_ROUNDS and not final
                body = self._body(request, messages, tools=use_tools)
                deltas: AsyncGenerator[str, None] = self._round(body, usage, parts, calls)
                if request.tools and request.tool_handler is not None:  # a call written as text is
                    names = frozenset(_tool_name(t) for t in request.tools)  # never said (llm/text_calls.py)
                    deltas = hold_calls(deltas, names, calls)
                async with aclosing(deltas) as deltas:
                    async for text in deltas:
                        yield text
                totals[0] += usage.prompt_tokens
                totals[1] += usage.completion_tokens
                if not calls or request.tool_handler is None or not use_tools:
                    if not parts:
                        raise self._fail("the stream ended without an answer")
                    return
                asked = {c.get("name", "") for c in calls.values()}
                if asked <= called:  # small models do: the results as a note, no tools, then words
                    messages, final = results_as_note(messages), True
                    continue
                called |= asked
                said = "".join(parts)
                messages += await self._run_calls(calls, request, "" if could_be_call(said) else said)
        finally:
            if totals[0] or totals[1]:
                usage.prompt_tokens, usage.completion_tokens = totals
            if not usage.prompt_tokens and not usage.completion_tokens:
                usage.prompt_tokens = estimate_messages_tokens([m.content for m in request.messages])
                usage.completion_tokens = estimate_tokens("".join(parts))
                usage.counted_locally = True

    async def _run_calls(self, calls: dict[int, dict[str, str]], request: ChatRequest,
                         said: str) -> list[ChatMessage]:
        """The assistant's tool-call message and one ``tool`` message per call."""
        assert request.tool_handler is not None
        wanted = tuple(ToolCallRequest(id=c.get("id") or f"call_{i}", name=c.get("name", ""),
                                       arguments=c.get("arguments") or "{}")
                       for i, c in sorted(calls.items()))
        out = [ChatMessage(role="assistant", content=said, tool_calls=wanted)]
        for call in wanted:
            log.info("%s asked for tool %s(%s)", self.provider, call.name, call.arguments[:200])
            result = await request.tool_handler(call.name, call.arguments)
            out.append(ChatMessage(role="tool", content=result, tool_call_id=call.id))
        return out

    async def _round(self, body: dict[str, Any], usage: Usage, parts: list[str],
                     calls: dict[int, dict[str, str]]) -> AsyncGenerator[str, None]:
        """One request (with retries before its first token)."""
        loop = asyncio.get_running_loop()
        start = loop.time()
        deadlines = (start + min(self.first_token_timeout_s, self.total_timeout_s),
                     start + self.total_timeout_s)
        usage.prompt_tokens = usage.completion_tokens = 0
        produced = len(parts)
        attempt = 0
        while True:
            try:
                async with aclosing(self._attempt(body, usage, deadlines, parts, calls)) as deltas:
                    async for text in deltas:
                        yield text
                return
            except _NoStreamOptions:
                if "stream_options" not in body:
                    raise self._fail("HTTP 400: the server rejected the request") from None
                log.info("%s rejects stream_options; asking without (usage is then estimated)", self.provider)
                body = {k: v for k, v in body.items() if k != "stream_options"}
            except _Retryable as exc:
                reason = self._safe(str(exc))
                started = len(parts) > produced or bool(calls)
                if started or attempt >= self.max_retries or loop.time() >= deadlines[0]:
                    raise self._fail(reason) from None
                attempt += 1
                log.info("%s: %s; retrying (%d/%d)", self.provider, reason, attempt, self.max_retries)
                await asyncio.sleep(min(0.2 * attempt, max(0.0, deadlines[0] - loop.time())))

    async def _attempt(self, body: dict[str, Any], usage: Usage, deadlines: tuple[float, float],
                       parts: list[str], calls: dict[int, dict[str, str]]) -> AsyncGenerator[str, None]:
        start_len = len(parts)
        headers = {"Accept": "text/event-stream"}
        if self._api_key:
            headers["Authorization"] = f"Bearer {self._api_key}"
        try:
            async with AsyncExitStack() as stack:
                try:
                    async with asyncio.timeout_at(deadlines[0]):
                        response = await stack.enter_async_context(
                            self._http().stream("POST", "/chat/completions", json=body, headers=headers))
                except TimeoutError:
                    raise self._fail(f"no answer within {self.first_token_timeout_s:g} s") from None
                if response.status_code != 200:
                    raise await self._status_error(response)
                if "json" in response.headers.get("content-type", ""):
                    # A server that ignored "stream": one JSON body (an answer or an error).
                    body_text = await _read_bounded(response, _MAX_EVENT_CHARS)
                    for text in self._handle_event(body_text, usage, calls):
                        parts.append(text)
                        yield text
                    return
                events = sse_data(response.aiter_lines())
                async with aclosing(events):
                    while True:
                        started = len(parts) > start_len or bool(calls)
                        deadline = deadlines[1] if started else deadlines[0]
                        try:
                            async with asyncio.timeout_at(deadline):
                                data = await anext(events, None)
                        except TimeoutError:
                            what = "answer took too long" if started else "no first token"
                            limit = self.total_timeout_s if started else self.first_token_timeout_s
                            raise self._fail(f"{what} (over {limit:g} s)") from None
                        if data is None or data.strip() == "[DONE]":
                            break
                        for text in self._handle_event(data, usage, calls):
                            parts.append(text)
                            yield text
        except httpx.TransportError as exc:
            raise _Retryable(f"connection failed ({type(exc).__name__})") from None
        if len(parts) == start_len and not calls:
            raise self._fail("the stream ended without an answer")

    def _handle_event(self, data: str, usage: Usage, calls: dict[int, dict[str, str]]) -> list[str]:
        try:
            event = json.loads(data)
        except ValueError:
            raise self._fail("malformed stream (an event is not JSON)") from None
        if not isinstance(event, dict):
            raise self._fail("malformed stream (an event is not an object)")
        error = event.get("error")
        if error:
            message = error.get("message", "") if isinstance(error, dict) else str(error)
            raise self._fail(f"server error: {message}")
        reported = event.get("usage")
        if isinstance(reported, dict):
            usage.prompt_tokens = int(reported.get("prompt_tokens") or 0)
            usage.completion_tokens = int(reported.get("completion_tokens") or 0)
            usage.counted_locally = False
        texts: list[str] = []
        choices = event.get("choices") or []
        if not isinstance(choices, list):
            raise self._fail("malformed stream (choices is not a list)")
        for choice in choices:
            if not isinstance(choice, dict):
                raise self._fail("malformed stream (a choice is not an object)")
            delta = choice.get("delta") or choice.get("message")
            text = delta.get("content") if isinstance(delta, dict) else None
            if isinstance(text, str) and text:
                texts.append(text)
            if isinstance(delta, dict) and delta.get("tool_calls"):
                merge_tool_calls(calls, delta["tool_calls"])
        return texts

    async def _status_error(self, response: httpx.Response) -> Exception:
        try:
            async with asyncio.timeout(2.0):
                raw = await _read_bounded(response, _MAX_ERROR_BODY)
        except TimeoutError:
            raw = ""
        detail = ""
        try:
            payload = json.loads(raw)
            err = payload.get("error") if isinstance(payload, dict) else None
            detail = str(err.get("message", "")) if isinstance(err, dict) else str(err or "")
        except ValueError:
            detail = ""
        status = response.status_code
        if status in (401, 403):
            return self._fail(f"authentication failed (HTTP {status}); check the API key")
        text = f"HTTP {status}" + (f": {detail}" if detail else "")
        if status in (400, 422) and "stream_options" in detail:
            return _NoStreamOptions()
        if status in _RETRY_STATUS:
            return _Retryable(text)
        return self._fail(text)


def _tool_name(tool: Mapping[str, Any]) -> str:
    return str((tool.get("function") or {}).get("name", ""))


def merge_tool_calls(calls: dict[int, dict[str, str]], fragments: Any) -> None:
    """Streamed ``tool_calls`` come in pieces: the id and name first, the arguments in fragments."""
    if not isinstance(fragments, list):
        return
    for position, fragment in enumerate(fragments):
        if not isinstance(fragment, dict):
            continue
        index = fragment.get("index", position)
        call = calls.setdefault(index if isinstance(index, int) else position, {})
        if fragment.get("id"):
            call["id"] = str(fragment["id"])
        function = fragment.get("function") or {}
        if isinstance(function, dict):
            if function.get("name") and "name" not in call:
                call["name"] = str(function["name"])
            if function.get("arguments"):
                call["arguments"] = call.get("arguments", "") + str(function["arguments"])


async def _read_bounded(response: httpx.Response, limit: int) -> str:
    """At most ``limit`` bytes of a streamed body, decoded leniently."""
    raw = b""
    async for chunk in response.aiter_bytes():
        raw += chunk
        if len(raw) >= limit:
            break
    return raw[:limit].decode("utf-8", errors="replace")
