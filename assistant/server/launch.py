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
    url = ""
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
    print_owner_link(settings, url)
    return serve(settings, load=lambda s: load_engines(s, store), certfile=certfile, keyfile=keyfile)


def print_owner_link(settings: Settings, url: str) -> None:
    """First run: no owner's phone is paired yet, so print a one-time owner link and its QR code."""
    from assistant.storage.cli import cmd_pair_owner
    from assistant.storage.db import Database
    from assistant.storage.household import Households

    with Database(settings.storage.url or settings.db_path) as db:
        if Households(db).owner_paired():
            return
        if not url:
            scheme = "https" if settings.server.tls_cert else "http"
            host = settings.server.public_host or settings.server.host
            if host in ("0.0.0.0", "::"):
                host = lan_address()  # a phone cannot open "0.0.0.0"
            url = f"{scheme}://{host}:{settings.server.port}/"
        cmd_pair_owner(db, url)
