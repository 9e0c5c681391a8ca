"""A small client of Twilio's REST API (2010-04-01): place a call (``Calls`` create) and send an SMS
(``Messages`` create).

Requests are form-encoded POSTs to ``{api_url}/2010-04-01/Accounts/{AccountSid}/Calls.json`` (or
``Messages.json``) with HTTP Basic authentication (the Account SID and the auth token). Twilio
answers 201 with the created resource as JSON (``sid``, ``status`` "queued", …) or an error such as
``{"code": 21211, "message": "The 'To' number … is not a valid phone number.", "more_info": …,
"status": 400}``. Every failure (no answer, a timeout, an HTTP error, an answer that is not the
resource) raises :class:`DeliveryError`; one method call is one attempt, retries are the caller's.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

import httpx

from assistant.config import PhoneSettings
from assistant.errors import DeliveryError

API_VERSION = "2010-04-01"
MAX_SMS_CHARS = 1600  # Twilio's limit for one message body


@dataclass(frozen=True, slots=True, kw_only=True)
class TwilioAccount:
    account_sid: str  # "AC…"
    auth_token: str
    from_number: str  # our Twilio number, E.164
    api_url: str = "https://api.twilio.com"
    timeout_s: float = 10.0

    def __repr__(self) -> str:  # never the token in a log line
        return f"TwilioAccount(account_sid={self.account_sid!r}, from_number={self.from_number!r})"

    def resource_url(self, name: str) -> str:
        return f"{self.api_url.rstrip('/')}/{API_VERSION}/Accounts/{self.account_sid}/{name}.json"


@dataclass(frozen=True, slots=True, kw_only=True)
class CallRequest:
    to: str
    twiml: str  # what Twilio does once the call is answered
    status_callback: str = ""  # where Twilio reports the call's progress (ringing, no-answer, …)
    timeout_s: int = 30  # rings before "no-answer"


async def _post(account: TwilioAccount, client: httpx.AsyncClient, name: str,
                form: dict[str, str]) -> dict[str, Any]:
    url = account.resource_url(name)
    try:
        response = await client.post(url, data=form, auth=(account.account_sid, account.auth_token),
                                     timeout=account.timeout_s)
    except httpx.HTTPError as exc:
        raise DeliveryError(f"twilio {name}: {type(exc).__name__}: {exc}") from exc
    try:
        body = response.json()
    except ValueError:
        body = None
    if response.status_code >= 300 or not isinstance(body, dict) or not body.get("sid"):
        detail = ""
        if isinstance(body, dict) and body.get("message"):
            detail = f": {body.get('code', '')} {body['message']}"
        raise DeliveryError(f"twilio {name}: HTTP {response.status_code}{detail}")
    return body


async def create_call(account: TwilioAccount, client: httpx.AsyncClient,
                      request: CallRequest) -> dict[str, Any]:
    """Ask Twilio to place a call; returns the Call resource (``sid`` is the CallSid)."""
    form = {"To": request.to, "From": account.from_number, "Twiml": request.twiml,
            "Timeout": str(max(5, min(600, request.timeout_s)))}
    if request.status_callback:
        form["StatusCallback"] = request.status_callback
        form["StatusCallbackMethod"] = "POST"
        form["StatusCallbackEvent"] = "initiated ringing answered completed"
    return await _post(account, client, "Calls", form)


async def send_message(account: TwilioAccount, client: httpx.AsyncClient, *, to: str,
                       body: str) -> dict[str, Any]:
    """Send one SMS; returns the Message resource."""
    return await _post(account, client, "Messages",
                       {"To": to, "From": account.from_number, "Body": body[:MAX_SMS_CHARS]})


def twiml_say(text: str, *, language: str = "zh-CN", repeat: int = 2) -> str:
    """TwiML that says ``text`` (``repeat`` times, a pause between) and hangs up: a spoken alert."""
    say = f'<Say language="{language}">{escape(text)}</Say>'
    return ('<?xml version="1.0" encoding="UTF-8"?><Response>'
            + '<Pause length="1"/>'.join([say] * max(1, repeat)) + "<Hangup/></Response>")


def twilio_account(phone: PhoneSettings, environ: Mapping[str, str] | None = None) -> TwilioAccount | None:
    """The account from ``[phone]`` settings and the token's variable; None unless all are set."""
    env = os.environ if environ is None else environ
    token = env.get(phone.twilio_auth_token_env, "") if phone.twilio_auth_token_env else ""
    if not (phone.twilio_account_sid and phone.twilio_from and token):
        return None
    return TwilioAccount(account_sid=phone.twilio_account_sid, auth_token=token,
                         from_number=phone.twilio_from, api_url=phone.twilio_api_url)
