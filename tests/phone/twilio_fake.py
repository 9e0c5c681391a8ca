"""A local fake of Twilio's REST API (2010-04-01) that then does what Twilio does with a call.

It is a real HTTP server (its own thread) that answers ``POST /2010-04-01/Accounts/{sid}/Calls.json``
and ``…/Messages.json`` like Twilio: form-encoded requests, HTTP Basic authentication with the
Account SID and auth token (401 with Twilio's error JSON otherwise), 400 with Twilio's error JSON for a
request without ``To`` / ``From`` (or without ``Twiml`` / ``Url`` for a call), and 201 with the created
resource (``sid`` "CA…"/"SM…", ``status`` "queued", ``direction`` "outbound-api", …).

Every request is recorded. A call whose TwiML connects a ``<Stream>`` is then "answered": on the
fake's own event loop (another thread) the phone simulator (:class:`TwilioCall`) connects to the
Stream URL with the TwiML's ``<Parameter>`` values, sends ``connected`` and ``start``, and hands the
call to ``callee`` (the test's person on the phone), then hangs up with ``stop``. A call whose TwiML
only ``<Say>``s something records what was said.

A call created with ``StatusCallback`` gets Twilio's status callbacks there: form-encoded POSTs signed
with ``X-Twilio-Signature`` (HMAC-SHA1 of the URL and the sorted fields, with the auth token) carrying
``CallSid``, ``AccountSid``, ``CallStatus``, ``CallDuration`` (once ended), ``Timestamp``,
``SequenceNumber``, ``Direction``, ``From``, ``To``, ``CallbackSource``, ``ApiVersion``. What the
callee does is scriptable (``outcome``, or ``outcomes`` for the next calls, first first): ``answered``
(initiated, ringing, in-progress, then completed with its duration), ``no-answer`` (initiated, ringing,
then no-answer after ``ring_s``), ``busy`` or ``failed`` (initiated, then that).
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import math
import threading
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

import httpx

from assistant.client.twilio_call import TwilioCall

ACCOUNT_SID = "AC" + "1" * 32
OUTCOMES = ("answered", "no-answer", "busy", "failed")
EVENTS = {"initiated": "initiated", "ringing": "ringing", "in-progress": "answered"}  # the rest: completed


def twilio_signature(auth_token: str, url: str, form: dict[str, str]) -> str:
    """Twilio's X-Twilio-Signature of a form POST to ``url`` (written here from Twilio's description,
    independently of the server's check)."""
    data = url + "".join(f"{key}{form[key]}" for key in sorted(form))
    return base64.b64encode(hmac.new(auth_token.encode(), data.encode(), hashlib.sha1).digest()).decode()
Callee = Callable[[TwilioCall, "FakeCall"], Awaitable[None]]


def _says(form: dict[str, str]) -> list[str]:
    """The texts a call's TwiML ``<Say>``s (recorded when the call is created)."""
    try:
        return [say.text or "" for say in ET.fromstring(form.get("Twiml", "<Response/>")).iter("Say")]
    except ET.ParseError:
        return []


@dataclass(slots=True)
class FakeCall:
    sid: str
    form: dict[str, str]
    said: list[str] = field(default_factory=list)  # <Say> texts
    error: str = ""  # what went wrong driving the call
    outcome: str = "answered"
    callbacks: list[tuple[str, int]] = field(default_factory=list)  # (CallStatus, our server's HTTP status)
    done: threading.Event = field(default_factory=threading.Event)


class FakeTwilio:
    def __init__(self, *, auth_token: str, callee: Callee | None = None,
                 account_sid: str = ACCOUNT_SID) -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.callee = callee
        self.outcome = "answered"  # what the callee does with the next calls (see OUTCOMES)
        self.outcomes: list[str] = []  # … or, first first, with each of the next calls
        self.ring_s = 0.5  # how long a call rings before no-answer
        self.calls: list[FakeCall] = []
        self.messages: list[dict[str, str]] = []
        self.refused: list[tuple[int, str]] = []  # (status, path)
        self.got_call = threading.Event()
        self._loop = asyncio.new_event_loop()
        self._loop_thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> FakeTwilio:
        self._loop_thread.start()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._loop_thread.join(timeout=5)
        self._loop.close()

    # ---- the REST API ------------------------------------------------------------------------
    def _handler(self) -> type[BaseHTTPRequestHandler]:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
                status, answer = owner.handle(self.path, self.headers.get("Authorization", ""),
                                              self.headers.get("Content-Type", ""), body)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        return Handler

    def _error(self, path: str, status: int, code: int, message: str) -> tuple[int, dict[str, Any]]:
        self.refused.append((status, path))
        return status, {"code": code, "message": message, "more_info": f"https://www.twilio.com/docs/errors/{code}",
                        "status": status}

    def handle(self, path: str, auth: str, content_type: str, body: str) -> tuple[int, dict[str, Any]]:
        expected = "Basic " + base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        if auth != expected:
            return self._error(path, 401, 20003, "Authenticate")
        prefix = f"/2010-04-01/Accounts/{self.account_sid}/"
        if not path.startswith(prefix) or path[len(prefix):] not in ("Calls.json", "Messages.json"):
            return self._error(path, 404, 20404, f"The requested resource {path} was not found")
        if not content_type.startswith("application/x-www-form-urlencoded"):
            return self._error(path, 400, 20001, "The request must be form-encoded")
        form = dict(parse_qsl(body, keep_blank_values=True))
        if not form.get("To"):
            return self._error(path, 400, 21201, "No 'To' number is specified")
        if not form.get("From"):
            return self._error(path, 400, 21603, "A 'From' phone number is required.")
        if path.endswith("Messages.json"):
            return self._message(form)
        if not (form.get("Twiml") or form.get("Url")):
            return self._error(path, 400, 21205, "Url or Twiml parameter is required.")
        outcome = self.outcomes.pop(0) if self.outcomes else self.outcome
        assert outcome in OUTCOMES, outcome
        call = FakeCall(sid="CA" + uuid.uuid4().hex, form=form, outcome=outcome, said=_says(form))
        self.calls.append(call)
        self.got_call.set()
        asyncio.run_coroutine_threadsafe(self._answer(call), self._loop)
        return 201, self._resource(call.sid, form, direction="outbound-api") | {
            "uri": f"{prefix}Calls/{call.sid}.json", "duration": None, "start_time": None, "end_time": None}

    def _message(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        self.messages.append(form)
        sid = "SM" + uuid.uuid4().hex
        return 201, self._resource(sid, form, direction="outbound-api") | {
            "body": form.get("Body", ""), "num_segments": "1", "error_code": None, "error_message": None}

    def _resource(self, sid: str, form: dict[str, str], *, direction: str) -> dict[str, Any]:
        now = formatdate(usegmt=True).replace("GMT", "+0000")
        return {"sid": sid, "account_sid": self.account_sid, "to": form["To"], "from": form["From"],
                "status": "queued", "direction": direction, "api_version": "2010-04-01", "price": None,
                "price_unit": "USD", "date_created": now, "date_updated": now}

    # ---- what Twilio does with the call ------------------------------------------------------
    async def _answer(self, call: FakeCall) -> None:
        try:
            await asyncio.sleep(0.2)  # Twilio takes a moment to start dialling
            await self._status(call, "initiated")
            if call.outcome in ("busy", "failed"):
                await self._status(call, call.outcome, duration=0)
                return
            await self._status(call, "ringing")
            if call.outcome == "no-answer":
                await asyncio.sleep(self.ring_s)
                await self._status(call, "no-answer", duration=0)
                return
            await self._status(call, "in-progress")
            began = asyncio.get_running_loop().time()
            try:
                await self._connect(call)
            finally:
                await self._status(call, "completed",
                                   duration=math.ceil(asyncio.get_running_loop().time() - began))
        except Exception as exc:  # the test reads it
            call.error = f"{type(exc).__name__}: {exc}"
        finally:
            call.done.set()

    async def _connect(self, call: FakeCall) -> None:
        root = ET.fromstring(call.form.get("Twiml", "<Response/>"))
        stream = root.find("./Connect/Stream")
        if stream is None or self.callee is None:
            return
        params = {p.get("name", ""): p.get("value", "") for p in stream.findall("Parameter")}
        phone = await TwilioCall.connect(stream.get("url", ""), call_sid=call.sid, parameters=params)
        try:
            await self.callee(phone, call)
        finally:
            await phone.stop()

    def status_form(self, call: FakeCall, status: str, *, duration: int | None = None) -> dict[str, str]:
        """One status callback's fields, as Twilio sends them for an outbound-api call."""
        form = {"CallSid": call.sid, "AccountSid": self.account_sid, "CallStatus": status,
                "From": call.form["From"], "To": call.form["To"], "Caller": call.form["From"],
                "Called": call.form["To"], "Direction": "outbound-api", "ApiVersion": "2010-04-01",
                "CallbackSource": "call-progress-events", "SequenceNumber": str(len(call.callbacks)),
                "Timestamp": formatdate(usegmt=True).replace("GMT", "+0000")}
        if duration is not None:
            form["CallDuration"] = str(duration)
        return form

    async def _status(self, call: FakeCall, status: str, *, duration: int | None = None) -> None:
        url = call.form.get("StatusCallback", "")
        events = call.form.get("StatusCallbackEvent", "").split()
        event = EVENTS.get(status, "completed")
        if not url or (event != "completed" and event not in events):  # "completed": whenever a URL is set
            return
        form = self.status_form(call, status, duration=duration)
        headers = {"X-Twilio-Signature": twilio_signature(self.auth_token, url, form),
                   "User-Agent": "TwilioProxy/1.1"}
        async with httpx.AsyncClient(timeout=10) as client:
            response = await client.post(url, data=form, headers=headers)
        call.callbacks.append((status, response.status_code))

    async def wait_done(self, call: FakeCall, timeout: float) -> None:  # noqa: ASYNC109
        """Wait (in a worker thread) until the fake has hung up ``call``."""
        if not await asyncio.to_thread(call.done.wait, timeout):
            raise TimeoutError(f"call {call.sid} did not end in {timeout} s")
