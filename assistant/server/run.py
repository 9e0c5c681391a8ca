"""Run the server with uvicorn (websocket layer: the ``websockets`` package)."""

from __future__ import annotations

import logging
import socket
import sys

import uvicorn

from assistant.config import Settings
from assistant.server import redact
from assistant.server.app import EngineLoader, create_app
from assistant.server.httpproto import protocol_with

log = logging.getLogger("assistant")


class _Server(uvicorn.Server):
    """uvicorn, plus a ready log line and a graceful drain of live sessions before shutdown."""

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        for server in self.servers:
            server.close()  # stop accepting first
        state = getattr(getattr(self.config.app, "state", None), "assistant", None)
        if state is not None:
            await state.drain(deadline_s=state.settings.limits.shutdown_grace_s)
        await super().shutdown(sockets)

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started:
            cfg = self.config
            scheme = "https" if cfg.ssl_certfile else "http"
            port = self.servers[0].sockets[0].getsockname()[1] if self.servers else cfg.port
            log.info("assistant listening on %s://%s:%s (ready to accept connections)", scheme, cfg.host,
                     port)


def serve(settings: Settings, *, load: EngineLoader, certfile: str = "", keyfile: str = "") -> int:
    app = create_app(settings, load=load)
    redact.install()
    config = uvicorn.Config(
        app,
        host=settings.server.host,
        port=settings.server.port,
        http=protocol_with(settings.limits.header_timeout_s),
        timeout_keep_alive=max(1, round(settings.limits.keepalive_timeout_s)),
        ws="websockets-sansio",
        ws_max_size=settings.limits.max_message_bytes,
        ws_ping_interval=20.0,
        ws_ping_timeout=30.0,
        log_level="info",
        ssl_certfile=certfile or settings.server.tls_cert or None,
        ssl_keyfile=keyfile or settings.server.tls_key or None,
        timeout_graceful_shutdown=10,
        lifespan="on",
    )
    server = _Server(config)
    server.run()
    return 0 if server.started else 1


def setup_logging(level: str = "INFO") -> None:
    redact.install()
    logging.basicConfig(level=level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
