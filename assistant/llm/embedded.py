"""The embedded chat model: a GGUF file run in-process by llama.cpp (the ``xllamacpp`` wheel).

``xllamacpp.Server`` runs llama.cpp's server loop (slots, continuous batching, prompt cache)
without HTTP. ``handle_chat_completions(body, callback)`` blocks its calling thread and calls
``callback`` with each OpenAI-style chunk; when the callback returns True, xllamacpp stops
reading and destroys the response reader, which cancels the task and frees the slot.
That is how barge-in stops generation: the consumer sets a flag and the next chunk
(one token later, about 40 ms) ends the call.

Nothing can stop a call before its first chunk: xllamacpp waits for it without a way out, and a
call queued behind busy slots waits there too. So a call only enters llama.cpp when a slot is free
(at most ``n_parallel`` at once; the others wait for a slot here, where cancelling them is
immediate), a call cancelled before it got a slot never reaches llama.cpp, and a worker never
waits on its consumer for ever: a consumer that reads nothing for ``stall_s`` is treated as gone.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import os
import socket
import threading
import time
from collections.abc import AsyncGenerator, AsyncIterator, Callable
from pathlib import Path
from typing import Any

from assistant.cputime import stage_thread
from assistant.errors import LlmError, ModelError
from assistant.llm.base import ChatMessage, ChatRequest, Usage
from assistant.llm.pacing import Pacer
from assistant.llm.slots import SlotTable, messages_of
from assistant.llm.usage import estimate_messages_tokens, estimate_tokens

log = logging.getLogger(__name__)

_QUEUE_SIZE = 64  # chunks buffered between the llama.cpp thread and the consumer
_POLL_S = 0.05  # how often a waiting worker looks at its call's stop flag
_END = object()
CONVERSATION = "x_conversation"  # a body's key for ChatRequest.conversation (taken out before the call)


class _Failed:
    __slots__ = ("message",)

    def __init__(self, message: str) -> None:
        self.message = message


# A history trimmed of its oldest turns (llm/prompt.py): llama.cpp shifts the cached runs of this many tokens
# or more of the turns kept to their new place instead of processing them again (README, "Long talks").
CACHE_REUSE_TOKENS = 64

def _params(model_path: Path, *, context: int, n_parallel: int, threads: int, poll: int = 50,
            batch: int = 2048, http_port: int | None = None, host: str = "127.0.0.1") -> Any:
    import xllamacpp

    if not model_path.is_file():
        raise ModelError(f"LLM model file {model_path} does not exist")
    p = xllamacpp.CommonParams()
    p.model.path = str(model_path)
    p.n_parallel = n_parallel
    p.n_ctx = context * n_parallel  # llama.cpp splits n_ctx between the slots
    p.cpuparams.n_threads = threads
    p.cpuparams_batch.n_threads = threads
    p.cpuparams.poll = poll  # how hard idle compute threads spin before they sleep (0-100)
    p.cpuparams_batch.poll = poll
    p.n_batch = batch  # prompt tokens per step, shared with the other slots' next tokens
    p.n_ubatch = min(batch, 512)
    p.cache_prompt = True
    p.n_cache_reuse = CACHE_REUSE_TOKENS
    p.cache_ram_mib = 256  # host-RAM prompt cache for slots that switch conversations
    p.verbosity = -1
    if http_port is not None:
        p.hostnames = [host]
        p.port = http_port
    return p


def _start_server(params: Any, *, nice: int = 0) -> Any:
    """Load the model; with ``nice`` > 0 llama.cpp's threads run at that lower CPU priority."""
    import xllamacpp

    result: list[Any] = []

    def load() -> None:
        stage_thread("llm")  # llama.cpp's threads inherit the name: their CPU time counts as the LLM's
        if nice > 0:
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), nice)  # this thread only
        try:
            result.append(xllamacpp.Server(params))
        except Exception as exc:
            result.append(ModelError(f"llama.cpp could not load {Path(params.model.path).name}: {exc}"))

    # llama.cpp's threads inherit the priority of the thread that creates the server: a thread of its own.
    loader = threading.Thread(target=load, name="llama-load")
    loader.start()
    loader.join()
    if isinstance(result[0], ModelError):
        raise result[0]
    return result[0]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_openai_http(model_path: Path, *, port: int = 0, context: int = 2048, n_parallel: int = 1,
                      threads: int = 2, host: str = "127.0.0.1", nice: int = 0,
                      poll: int = 50, batch: int = 2048) -> tuple[Any, str]:
    """Serve ``model_path`` over the OpenAI HTTP API on ``host`` (``assistant llm-server``, tests).

    Returns ``(server, base_url)``, where ``base_url`` ends in ``/v1``. ``port=0`` picks a free
    port. The server stops when the returned object is garbage-collected (``del server``).
    ``context`` is per slot (of ``n_parallel``), as for :class:`LlamaChatModel`.
    """
    params = _params(model_path, context=context, n_parallel=n_parallel, threads=threads, poll=poll,
                     batch=batch, http_port=port or _free_port(), host=host)
    server = _start_server(params, nice=nice)
    return server, str(server.listening_address).rstrip("/") + "/v1"


def _error_message(chunk: dict[str, Any]) -> str | None:
    err = chunk.get("error")
    if isinstance(err, dict):
        return str(err.get("message", "unknown error"))[:200]
    if err is not None:
        return str(err)[:200]
    if "choices" not in chunk and "message" in chunk and "code" in chunk:
        return str(chunk["message"])[:200]
    return None


class LlamaChatModel:
    """A local GGUF chat model with ``n_parallel`` concurrent sessions (llama.cpp slots).

    ``context`` is the context size of each slot in tokens. Loading takes a few seconds and
    blocks: construct it in a worker thread. Prompt prefixes are cached per slot, so a
    follow-up turn of the same conversation only processes its new tokens.

    Cancelling the consumer stops generation at the next token. While llama.cpp is still
    processing the prompt no chunk arrives, so a cancel then takes effect when the first token
    is ready (usually well under a second, since cached prefixes are skipped); the generator
    waits up to ``cancel_wait_s`` for the worker and otherwise lets it finish in the background.
    """

    provider = "embedded"

    def __init__(self, model_path: Path, *, context: int = 4096, n_parallel: int = 4, threads: int = 2,
                 cancel_wait_s: float = 1.0, nice: int = 0, stall_s: float = 60.0, poll: int = 50,
                 batch: int = 2048, pacing: bool = True) -> None:
        self.model_path = Path(model_path)
        self.model = self.model_path.stem
        self.name = "embedded"
        self.n_parallel = n_parallel
        self._cancel_wait_s = cancel_wait_s
        self._stall_s = stall_s
        self._server: Any = _start_server(
            _params(self.model_path, context=context, n_parallel=n_parallel, threads=threads, poll=poll,
                    batch=batch), nice=nice)
        # Own threads, so that long generations never starve asyncio's default executor.
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=n_parallel + 1, thread_name_prefix="llama", initializer=stage_thread,
            initargs=("llm",))
        self._lock = threading.Lock()
        self._active = 0
        self._answering = 0  # of those, unpaced calls that generate more than one token (not a prefill)
        self.pacer = Pacer(enabled=pacing)  # the answers of ``stream``: assistant/llm/pacing.py
        self._slots = SlotTable(n_parallel)  # which call is in which slot, and what each slot holds
        # llama.cpp's timings of the most recently finished call (cache_n, prompt_n, prompt_ms,
        # predicted_per_second, ...): diagnostics for benchmarks and tests, not per session.
        self.last_timings: dict[str, float] = {}

    def __repr__(self) -> str:
        return f"LlamaChatModel(model={self.model!r}, n_parallel={self.n_parallel})"

    @property
    def active_streams(self) -> int:
        """How many llama.cpp calls are running (or waiting for a slot) in worker threads right now."""
        with self._lock:
            return self._active

    @property
    def answering(self) -> bool:
        """An answer is being generated (or waits for a slot) that is not far ahead of its listener:
        background prefills wait for its end, since llama.cpp processes their prompt in the same steps
        as the answer's next tokens and slows it (assistant/llm/pacing.py)."""
        with self._lock:
            if self._answering > 0:
                return True
        return self.pacer.busy

    @property
    def has_free_slot(self) -> bool:
        """A new call would start at once (background work such as a prefill waits for this)."""
        with self._lock:
            return self._active < self.n_parallel

    def close(self) -> None:
        """Stop the llama.cpp server loop and free the model (waits for running calls)."""
        self._executor.shutdown(wait=True)
        self._server = None

    async def warmup(self, system_prompt: str) -> float:
        """Process ``system_prompt`` once so that its prefix is cached; returns the seconds taken."""
        request = ChatRequest(messages=[ChatMessage(role="system", content=system_prompt),
                                        ChatMessage(role="user", content="你好")], max_tokens=1)
        started = time.monotonic()
        async for _ in self.stream(request, Usage()):
            pass
        return time.monotonic() - started

    async def warm_slots(self, system_prompt: str) -> float:
        """Leave ``system_prompt`` cached in every slot, processing it once (the other slots copy it:
        assistant/llm/slot_warmup.py); returns the seconds taken."""
        from assistant.llm.slot_warmup import warm_every_slot

        async def call(body: dict[str, Any]) -> None:
            async with contextlib.aclosing(self.chunks({**body, "stream": True}, Usage(),
                                                       choose_slot=False)) as chunks:
                async for _ in chunks:
                    pass

        return await warm_every_slot(call, self.n_parallel, system_prompt)

    def _body(self, request: ChatRequest) -> dict[str, Any]:
        body: dict[str, Any] = {
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "stream": True,
            "stream_options": {"include_usage": True},
            "max_tokens": request.max_tokens,
            "temperature": request.temperature,
            "cache_prompt": True,
        }
        if request.stop:
            body["stop"] = list(request.stop)
        if request.conversation:
            body[CONVERSATION] = request.conversation  # for the slot choice; not sent to llama.cpp
        return body

    def _run(self, body: dict[str, Any], put: Callable[[object], bool], stop: threading.Event,
             choose_slot: bool, paced: bool) -> None:
        """Worker thread: one blocking llama.cpp call, chunks handed to ``put``; nothing once ``stop``.
        ``choose_slot``: the call goes to the slot that holds its conversation (assistant/llm/slots.py);
        else to the slot it names (``id_slot``), or to llama.cpp's own choice. ``paced``: the pacer counts
        the call, ``answering`` need not."""
        def on_chunk(chunk: Any) -> bool:
            return stop.is_set() or not put(chunk)  # True tells xllamacpp to stop

        answer = int(body.get("max_tokens") or 0) > 1 and not paced
        with self._lock:
            self._active += 1
            self._answering += answer
        try:
            body = dict(body)
            conversation = str(body.pop(CONVERSATION, ""))
            slot = self._slots.take(stop, messages_of(body.get("messages") or ()), pinned=body.get("id_slot"),
                                    choose_slot=choose_slot, conversation=conversation)
            if slot is None:
                return  # cancelled before it reached llama.cpp
            try:
                server = self._server
                if server is None:
                    put(_Failed("the model is closed"))
                    return
                server.handle_chat_completions({**body, "id_slot": slot} if slot >= 0 else body, on_chunk)
            finally:
                self._slots.release(slot)
        except Exception as exc:  # llama.cpp errors surface as RuntimeError/ValueError
            put(_Failed(str(exc)[:200]))
        finally:
            put(_END)
            with self._lock:
                self._active -= 1
                self._answering -= answer

    async def stream(self, request: ChatRequest, usage: Usage) -> AsyncIterator[str]:
        """Stream the answer's text deltas; see :class:`assistant.llm.base.ChatModel`. A request with
        ``tools`` and a ``tool_handler`` runs llama.cpp's native tool calling (Qwen2.5's template)."""
        from assistant.llm.embedded_paced import paced_stream, texts_of
        from assistant.llm.embedded_tools import stream_with_tools

        tools = bool(request.tools and request.tool_handler is not None)
        call = self.pacer.join(None if tools else request.lead) if request.max_tokens > 1 else None
        parts: list[str] = []
        try:
            if tools:
                answer = stream_with_tools(self, request, usage)
            elif call is not None:
                answer = paced_stream(self, request, usage, call)
            else:
                answer = texts_of(self.chunks(self._body(request), usage))
            async with contextlib.aclosing(answer) as texts:
                async for text in texts:
                    parts.append(text)
                    yield text
        finally:
            if call is not None:
                self.pacer.leave(call)
            if not usage.completion_tokens and not usage.prompt_tokens:
                usage.prompt_tokens = estimate_messages_tokens([m.content for m in request.messages])
                usage.completion_tokens = estimate_tokens("".join(parts))
                usage.counted_locally = True

    async def chunks(self, body: dict[str, Any], usage: Usage, *, choose_slot: bool = True,
                     paced: bool = False) -> AsyncGenerator[dict[str, Any], None]:
        """The raw OpenAI-style chunks of one llama.cpp call (``usage`` filled from them); closing
        the generator stops generation. Raises LlmError on failure. ``choose_slot``, ``paced``: see
        ``_run``."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[object] = asyncio.Queue(maxsize=_QUEUE_SIZE)
        stop = threading.Event()
        put = _Feed(loop, queue, stop, stall_s=self._stall_s).put
        usage.provider, usage.model = self.provider, self.model
        usage.prompt_tokens = usage.completion_tokens = 0
        worker = loop.run_in_executor(self._executor, self._run, body, put, stop, choose_slot, paced)
        try:
            while True:
                item = await _next_item(queue, worker)
                if item is _END:
                    break
                if isinstance(item, _Failed):
                    raise LlmError(f"embedded model failed: {item.message}")
                if not isinstance(item, dict):
                    continue
                error = _error_message(item)
                if error is not None:
                    raise LlmError(f"embedded model failed: {error}")
                _fill_usage(usage, item)
                if isinstance(item.get("timings"), dict):
                    self.last_timings = dict(item["timings"])
                    log.debug("llama.cpp: %d prompt tokens cached, %d processed in %.0f ms, %d generated",
                              self.last_timings.get("cache_n", 0), self.last_timings.get("prompt_n", 0),
                              self.last_timings.get("prompt_ms", 0.0),
                              self.last_timings.get("predicted_n", 0))
                yield item
            await worker
        finally:
            stop.set()
            if not worker.done():
                await asyncio.wait({worker}, timeout=self._cancel_wait_s)


class _Feed:
    """The worker's side of one call's queue: a blocking put with back-pressure."""

    def __init__(self, loop: asyncio.AbstractEventLoop, queue: asyncio.Queue[object], stop: threading.Event,
                 *, stall_s: float) -> None:
        self._loop, self._queue, self._stop, self._stall_s = loop, queue, stop, stall_s

    def put(self, item: object) -> bool:
        """False once cancelled, or when the consumer read nothing for ``stall_s`` (it is gone: the
        call must not wait for ever; ``stop`` is then set, which ends the llama.cpp call)."""
        if self._stop.is_set():
            return False
        try:
            fut = asyncio.run_coroutine_threadsafe(self._queue.put(item), self._loop)
        except RuntimeError:  # the event loop is gone
            return False
        deadline = time.monotonic() + self._stall_s
        while True:
            try:
                fut.result(timeout=_POLL_S)
                return True
            except concurrent.futures.TimeoutError:
                if self._stop.is_set() or time.monotonic() > deadline:
                    if not self._stop.is_set():
                        log.warning("embedded LLM: the consumer read nothing for %.0f s; call stopped",
                                    self._stall_s)
                    self._stop.set()
                    fut.cancel()
                    return False
            except concurrent.futures.CancelledError:  # the loop shut down
                return False


async def _next_item(queue: asyncio.Queue[object], worker: asyncio.Future[None]) -> object:
    """The next chunk; a failure if the worker ended without its end marker (it stopped the call
    itself because nothing read its chunks for too long), so that a late reader never waits for ever."""
    while True:
        try:
            async with asyncio.timeout(1.0):
                return await queue.get()
        except TimeoutError:
            if worker.done() and queue.empty():
                return _Failed("the call was stopped: its answer was not read for too long")


def _fill_usage(usage: Usage, chunk: dict[str, Any]) -> None:
    reported = chunk.get("usage")
    if isinstance(reported, dict):
        usage.prompt_tokens = int(reported.get("prompt_tokens") or 0)
        usage.completion_tokens = int(reported.get("completion_tokens") or 0)
        usage.counted_locally = False
