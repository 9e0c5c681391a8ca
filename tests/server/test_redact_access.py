"""uvicorn's access log goes through the redaction and still formats (its formatter unpacks the args)."""

from __future__ import annotations

import io
import logging

from uvicorn.logging import AccessFormatter

from assistant.server import redact


def test_access_log_lines_are_redacted_and_formatted() -> None:
    redact.install()
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(AccessFormatter('%(client_addr)s - "%(request_line)s" %(status_code)s',
                                         use_colors=False))
    logger = logging.getLogger("uvicorn.access")
    saved = (logger.propagate, logger.level)
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.INFO)
    try:
        logger.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:1", "GET", "/ws?token=SECRET123", "1.1", 200)
    finally:
        logger.removeHandler(handler)
        logger.propagate, logger.level = saved
    line = stream.getvalue()
    assert "SECRET123" not in line and "/ws?<redacted>" in line and "200" in line, line
