"""``assistant llm-server``: one shared LLM for several gateways, over the OpenAI HTTP API.

It is llama.cpp's own server (through the ``xllamacpp`` wheel, the same engine as the embedded
LLM) with ``--parallel`` slots and continuous batching: the stand-in for vLLM on a machine
without a GPU. Gateways use it with ``[llm] backends = ["openai"]``, ``base_url =
"http://HOST:PORT/v1"``. It runs until SIGTERM or Ctrl-C.

Before it says it is serving, every slot holds the gateway's system prompt (processed once and
copied to the other slots, as the embedded LLM does at start-up), so that no elder's first question
waits for it.
"""

from __future__ import annotations

import signal
import sys
import threading
from typing import Any

from assistant.config import Settings


def add_arguments(parser: Any) -> None:
    parser.add_argument("--llm", help="the catalogue model (default: the settings' models.llm)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--parallel", type=int, default=0, help="slots (default: llm.n_parallel)")
    parser.add_argument("--threads", type=int, default=0, help="CPU threads (default: llm.threads)")
    parser.add_argument("--context", type=int, default=0, help="tokens per slot (default: llm.context)")
    parser.add_argument("--nice", type=int, default=0, help="run the model's threads at this CPU priority")


def run_llm_server(settings: Settings, args: Any) -> int:
    from assistant.llm.embedded import serve_openai_http
    from assistant.model_store import open_model_store

    path = open_model_store(settings).path("llm")
    slots = args.parallel or settings.llm.n_parallel
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    server, base_url = serve_openai_http(path, host=args.host, port=args.port, n_parallel=slots,
                                         threads=args.threads or settings.llm.threads,
                                         context=args.context or settings.llm.context, nice=args.nice,
                                         poll=settings.llm.poll, batch=settings.llm.batch)
    warm_slots(base_url, slots)
    print(f"serving {path.name} with {slots} slots at {base_url}", flush=True)
    try:
        while not stop.wait(0.5):
            pass
    finally:
        del server
        print("stopped", file=sys.stderr, flush=True)
    return 0


def warm_slots(base_url: str, slots: int, *, timeout_s: float = 300.0) -> None:
    """Leave the system prompt cached in every slot, processing it once (assistant/llm/slot_warmup.py)."""
    import asyncio

    import httpx

    from assistant.llm.prompt import SYSTEM_PROMPT_ZH
    from assistant.llm.slot_warmup import warm_every_slot

    codes: list[int] = []

    async def warm() -> None:
        async with httpx.AsyncClient(timeout=timeout_s) as client:
            async def call(body: dict[str, Any]) -> None:
                url, payload = f"{base_url}/chat/completions", {"model": "default", **body}
                response = await client.post(url, json=payload)
                codes.append(response.status_code)

            await warm_every_slot(call, slots, SYSTEM_PROMPT_ZH)

    asyncio.run(warm())
    if any(code != 200 for code in codes):
        print(f"warning: warming the slots answered {codes}", file=sys.stderr, flush=True)
