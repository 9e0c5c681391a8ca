"""Reading a Twilio webhook request the same way for every Twilio route: the form (at most
``MAX_WEBHOOK_BYTES``) and its ``X-Twilio-Signature``, checked against the URLs Twilio may have signed.

With an auth token configured (the variable named by ``phone.twilio_auth_token_env``), an unsigned or
forged request is refused with 403; without one, only a server run ``--open`` takes webhooks.
"""

from __future__ import annotations

import logging
import os
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from assistant.config import Settings
from assistant.protocol.twilio import check_signature

log = logging.getLogger(__name__)

MAX_WEBHOOK_BYTES = 64 * 1024


def twilio_auth_token(settings: Settings) -> str:
    name = settings.phone.twilio_auth_token_env
    return os.environ.get(name, "") if name else ""


def signed_urls(request: Request, settings: Settings) -> list[str]:
    """The URLs Twilio may have signed: as we see it, as https (behind a TLS proxy), the public host."""
    tail = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    host = request.headers.get("host", request.url.netloc)
    urls = [str(request.url), f"https://{host}{tail}"]
    if settings.server.public_host:
        urls.append(f"https://{settings.server.public_host}{tail}")
    return list(dict.fromkeys(urls))


async def read_signed(request: Request, settings: Settings) -> tuple[list[tuple[str, str]], Response | None]:
    """The request's form fields, and a refusal (413, 403) if it may not be taken."""
    form: list[tuple[str, str]] = []
    if request.method == "POST":
        body = await request.body()
        if len(body) > MAX_WEBHOOK_BYTES:
            return [], PlainTextResponse("request too large", status_code=413)
        form = parse_qsl(body.decode("utf-8", errors="replace"), keep_blank_values=True)
    token = twilio_auth_token(settings)
    if token:
        signature = request.headers.get("x-twilio-signature", "")
        if not check_signature(token, signature, signed_urls(request, settings), form):
            log.warning("refused a Twilio webhook (%s) with a %s signature", request.url.path,
                        "wrong" if signature else "missing")
            return form, PlainTextResponse("forbidden: invalid or missing X-Twilio-Signature",
                                           status_code=403)
    elif not settings.server.open:
        return form, PlainTextResponse(f"forbidden: set {settings.phone.twilio_auth_token_env} (the Twilio "
                                       "auth token) or run the server with --open", status_code=403)
    return form, None
