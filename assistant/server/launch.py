"""``assistant serve``: prepare models if needed, pick TLS, start the server."""

from __future__ import annotations

import logging

from assistant.config import Settings
from assistant.server.run import serve, setup_logging
from assistant.server.tls import lan_address, self_signed, terminal_qr

log = logging.getLogger("assistant")


def launch(settings: Settings) -> int:
    setup_logging()
    from assistant.model_store import open_model_store

    store = open_model_store(settings)
    if settings.models.auto_prepare:
        store.prepare(progress=True)

    from assistant.pipeline.engines import load_engines

    certfile, keyfile = settings.server.tls_cert, settings.server.tls_key
    if settings.server.self_signed and not certfile:
        host = lan_address()
        cert, key = self_signed(settings.path(settings.server.data_dir) / "tls", host)
        certfile, keyfile = str(cert), str(key)
        url = f"https://{host}:{settings.server.port}/"
        print(f"Open this on the phone (accept the self-signed certificate once): {url}", flush=True)
        print(terminal_qr(url), flush=True)
        if settings.server.host in ("127.0.0.1", "localhost"):
            log.warning("server.host is %s: phones on the LAN cannot reach it; use --host 0.0.0.0",
                        settings.server.host)
    return serve(settings, load=lambda s: load_engines(s, store), certfile=certfile, keyfile=keyfile)
