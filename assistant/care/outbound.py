"""Placing outbound phone calls through Twilio: to the elder (a reminder or a check-in, which then
goes on as a normal conversation on our media stream) or to the family (a spoken alert).

A call to the elder is created with TwiML that connects it to ``/phone/twilio`` with three
``<Parameter>`` values: ``outbound`` (the ``outbound_calls`` row: what the call is for and its first
turn), ``from`` (the elder's number) and ``ticket``, an HMAC ticket (:func:`make_ticket` with the auth
token) bound to ``outbound:<id>`` and the number, valid while the phone rings and a little after.
The stream's ``start`` must bring the ticket back, and each ``outbound:<id>`` opens one stream only
(the used-call table), exactly as for an inbound call's ticket.

With ``status_url`` set (the server's ``/phone/twilio/status`` on its public host), every call asks
Twilio for its StatusCallback (POST; events initiated, ringing, answered, completed), so that we learn
whether it rang, was answered, busy or not answered (:mod:`assistant.server.call_status`).

Every call is recorded before Twilio is asked. Twilio is tried ``1 + retries`` times, ``backoff_s``
apart, doubling; each failure is logged; after the last the row is ``failed`` (shown as 未送达).
The retries run in the caller's task: run :meth:`OutboundCaller.call_elder` in its own task (the
scheduler's job) so that nothing else waits for it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from assistant.care.channels.twilio_rest import CallRequest, TwilioAccount, create_call, twiml_say
from assistant.errors import DeliveryError
from assistant.protocol.twilio import make_ticket, twiml_stream
from assistant.storage.outbound import OutboundCall, OutboundCalls, Purpose

log = logging.getLogger(__name__)

DbRun = Callable[..., Awaitable[Any]]  # DatabaseThread.run
TICKET_SLACK_S = 120  # the ticket outlives the ringing by this much


def outbound_key(call_id: int) -> str:
    """What an outbound call's ticket is bound to (its CallSid is not known when the TwiML is made)."""
    return f"outbound:{call_id}"


class OutboundCaller:
    def __init__(self, account: TwilioAccount, *, store: OutboundCalls, db_run: DbRun, stream_url: str,
                 status_url: str = "", ring_s: int = 30, retries: int = 2, backoff_s: float = 2.0,
                 client: httpx.AsyncClient | None = None,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.account = account
        self.stream_url = stream_url  # wss://public-host/phone/twilio
        self.status_url = status_url  # https://public-host/phone/twilio/status ("": no callbacks)
        self.ring_s = ring_s
        self.retries = retries
        self.backoff_s = backoff_s
        self._store = store
        self._db_run = db_run
        self._client = client or httpx.AsyncClient()
        self._sleep = sleep

    async def call_elder(self, *, user_id: int, to: str, purpose: Purpose, opening: str,
                         ref_id: int | None = None) -> OutboundCall:
        """Call ``to``; once answered, ``opening`` is the call's first turn. Returns the final record
        (``placed``, or ``failed`` after the retries)."""
        record: OutboundCall = await self._db_run(self._store.add, user_id=user_id, purpose=purpose,
                                                  to_number=to, opening=opening, ref_id=ref_id)
        ticket = make_ticket(self.account.auth_token, call_sid=outbound_key(record.id),
                             caller=record.to_number, expires=int(time.time()) + self.ring_s + TICKET_SLACK_S)
        twiml = twiml_stream(self.stream_url, {"outbound": str(record.id), "from": record.to_number,
                                               "ticket": ticket})
        return await self._place(record, twiml)

    async def call_family(self, *, user_id: int | None, to: str, text: str) -> OutboundCall:
        """Call the family's number and say ``text`` (twice) in Twilio's own voice."""
        record: OutboundCall = await self._db_run(self._store.add, user_id=user_id, purpose="family",
                                                  to_number=to, opening=text)
        return await self._place(record, twiml_say(text))

    async def _place(self, record: OutboundCall, twiml: str) -> OutboundCall:
        request = CallRequest(to=record.to_number, twiml=twiml, timeout_s=self.ring_s,
                              status_callback=self.status_url)
        delay = self.backoff_s
        attempts = 1 + self.retries
        for attempt in range(1, attempts + 1):
            try:
                created = await create_call(self.account, self._client, request)
            except DeliveryError as exc:
                log.warning("outbound call %d (%s): attempt %d/%d failed: %s", record.id, record.purpose,
                            attempt, attempts, exc.message)
                record = await self._db_run(self._store.attempt, record.id, error=exc.message)
                if attempt < attempts:
                    await self._sleep(delay)
                    delay *= 2
                continue
            log.info("outbound call %d (%s): placed as %s", record.id, record.purpose, created["sid"])
            placed: OutboundCall = await self._db_run(self._store.attempt, record.id,
                                                      call_sid=str(created["sid"]))
            return placed
        log.error("outbound call %d (%s) to %s: not delivered after %d attempts", record.id, record.purpose,
                  record.to_number[:4] + "****", attempts)
        failed: OutboundCall = await self._db_run(self._store.set_status, record.id, "failed")
        return failed

    async def aclose(self) -> None:
        await self._client.aclose()
