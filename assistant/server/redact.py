"""Keep secrets out of the log: query strings, bearer tokens and ``token=`` values are masked in
every log record, whichever logger (ours, uvicorn's access log, a library's) made it.

Installed once per process with :func:`install`, as a log-record factory: a record is redacted when
it is created, before any handler, filter or formatter sees it, so a handler added later by a
library is covered too.
"""

from __future__ import annotations

import logging
import re
import traceback
from typing import Any

MASK = "<redacted>"

# "GET /ws?token=abc HTTP/1.1", "WebSocket /ws?token=abc": a path followed by a query string
_QUERY = re.compile(r"(?P<path>(?:^|(?<=[\s\"'(]))(?:[a-z][a-z0-9+.-]*://[^\s/\"'?]+)?/[^\s\"'?#]*)\?[^\s\"'#]*",
                    re.IGNORECASE)
_BEARER = re.compile(r"(?P<scheme>\bbearer\s+)[A-Za-z0-9._~+/=-]+", re.IGNORECASE)
_TOKEN_PARAM = re.compile(r"(?P<key>\b(?:token|ticket|access_token|pair)=)[^\s&\"';]+", re.IGNORECASE)


def redact(text: str) -> str:
    """``text`` with query strings, bearer tokens and ``token=`` style values masked."""
    if "?" in text:
        text = _QUERY.sub(lambda m: f"{m.group('path')}?{MASK}", text)
    if "=" in text:
        text = _TOKEN_PARAM.sub(lambda m: f"{m.group('key')}{MASK}", text)
    if "earer" in text or "EARER" in text:
        text = _BEARER.sub(lambda m: f"{m.group('scheme')}{MASK}", text)
    return text


_installed = False


def install() -> None:
    """Redact every log record made from now on in this process (idempotent)."""
    global _installed
    if _installed:
        return
    _installed = True
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: let the handler report it as usual
            return record
        if record.name == "uvicorn.access" and isinstance(record.args, tuple):
            # uvicorn's AccessFormatter unpacks the args (client, method, path, version, status)
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        else:
            record.msg, record.args = redact(message), None
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)).rstrip("\n"))
        return record

    logging.setLogRecordFactory(factory)
