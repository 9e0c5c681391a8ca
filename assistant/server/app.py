"""The Starlette application: HTTP routes, the websocket endpoints and model loading at start-up."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import psutil
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles

from assistant.config import REPO_ROOT, Settings
from assistant.pipeline.engines import Engines
from assistant.server.access import Storage, access_routes
from assistant.server.alerts import build_alert_service
from assistant.server.audiosocket import start_audiosocket
from assistant.server.care import start_care
from assistant.server.care_calls import attach_calls
from assistant.server.family import start_evening_summaries
from assistant.server.guard import Guard
from assistant.server.outbound import build_caller
from assistant.server.phone import phone_routes
from assistant.server.presence import start_presence, stop_presence
from assistant.server.state import AppState
from assistant.server.ws import native_endpoint
from assistant.storage.db import Database

log = logging.getLogger(__name__)

WEB_DIR = REPO_ROOT / "clients" / "web"

EngineLoader = Callable[[Settings], Engines]


async def healthz(request: Request) -> Response:
    return PlainTextResponse("ok")


async def readyz(request: Request) -> Response:
    state: AppState = request.app.state.assistant
    if state.engines is not None:
        return JSONResponse({
            "ready": True,
            "sessions": len(state.sessions),
            "connections": sum(state.connections.values()),
            "tasks": len(asyncio.all_tasks()),
            "threads": threading.active_count(),
            "llm_streams": state.engines.active_llm_streams,
            "rss_mb": round(psutil.Process().memory_info().rss / 2**20, 1),
        })
    return JSONResponse({"ready": False, "error": state.load_error or "models are loading"}, status_code=503)


async def metrics(request: Request) -> Response:
    state: AppState = request.app.state.assistant
    body = state.engines.stats.render() if state.engines is not None else ""
    return PlainTextResponse(body, media_type="text/plain; version=0.0.4")


def create_app(settings: Settings, *, load: EngineLoader, web_dir: Path = WEB_DIR) -> Starlette:
    """The app. ``load`` builds the engines (blocking); it runs in a thread after start-up."""
    state = AppState(settings=settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async def load_engines() -> None:
            try:
                engines = await asyncio.to_thread(load, settings)
                await engines.warmup()
                state.engines = engines
                state.ready.set()
                log.info("models loaded; the assistant is ready")
            except Exception as exc:
                state.load_error = f"{type(exc).__name__}: {exc}"
                log.exception("loading the models failed")

        target = settings.storage.url or settings.db_path  # PostgreSQL when storage.url is set
        state.storage = await asyncio.to_thread(lambda: Storage.open(Database(target)))
        state.alerts = build_alert_service(settings, state.storage)
        state.caller = build_caller(settings, state.storage)  # None unless Twilio is configured
        loader = asyncio.create_task(load_engines())
        evening = start_evening_summaries(state)  # the family's daily summaries
        state.care = start_care(state)  # reminders, timed messages, check-ins (None: care.enabled off)
        attach_calls(state)  # outbound calls for reminders, the daily check-in (server/care_calls.py)
        presence = start_presence(state)  # care prompts across gateways (PostgreSQL only; server/presence.py)
        audiosocket = await start_audiosocket(state)  # None unless phone.audiosocket_enabled
        yield
        if audiosocket is not None:
            audiosocket.close()  # stop accepting; live calls end in drain()
        loader.cancel()
        if evening is not None:
            evening.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await loader
        await state.drain(deadline_s=0.0)  # normally done already by the server's shutdown hook
        await stop_presence(presence)  # its rows go: other gateways stop handing prompts to it
        if audiosocket is not None:
            await audiosocket.wait_closed()
        if state.engines is not None:
            state.engines.close()
        if state.care is not None:
            await state.care.aclose()
        await state.alerts.aclose()
        if state.caller is not None:
            await state.caller.aclose()
        await state.storage.aclose()

    routes: list[Route | WebSocketRoute | Mount] = [
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/metrics", metrics),
        WebSocketRoute("/ws", native_endpoint),
    ]
    routes.extend(extra_routes())
    if web_dir.is_dir():
        routes.append(Mount("/", StaticFiles(directory=web_dir, html=True), name="web"))
    app = Starlette(routes=routes, lifespan=lifespan, middleware=[Middleware(Guard, settings=settings)])
    app.state.assistant = state
    return app


def extra_routes() -> list[Route | WebSocketRoute | Mount]:
    """Routes of the other transports and the pairing API (phone, pairing)."""
    routes: list[Route | WebSocketRoute | Mount] = []
    routes.extend(phone_routes())
    from assistant.server.realtime import realtime_endpoint

    routes.append(WebSocketRoute("/v1/realtime", realtime_endpoint))
    routes.extend(access_routes())
    from assistant.server.api import api_routes

    routes.extend(api_routes())
    return routes
