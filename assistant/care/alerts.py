"""Alerting the family: store the alert at once, then deliver it on every channel in the background.

Contract:

* :meth:`AlertService.submit` returns at once; it never blocks the turn that raised the alert.
* The alert row is written before any delivery is tried, so it survives every channel being down.
* Each channel is tried ``1 + retries`` times, ``backoff_s`` apart, doubling (2, 4, 8, 16 s by
  default). Each attempt and its outcome is logged and recorded in ``alert_deliveries``; the alert's
  status sums them up (``delivered``, ``partly_delivered``, ``failed``, ``no_channel``).
* :meth:`AlertService.aclose` (server shutdown) waits briefly for deliveries in flight, then cancels
  them; what was not delivered stays recorded as such.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Protocol

import httpx

from assistant.care.channels.sms import SmsChannel
from assistant.care.channels.twilio_rest import TwilioAccount
from assistant.care.channels.webhook import AlertMessage, WebhookChannel, parse_hook
from assistant.care.emergency import EmergencyReport, advice_note
from assistant.config import AlertSettings
from assistant.errors import AssistantError, DeliveryError
from assistant.storage.alerts import AlertRecord, AlertStatus, AlertStore

log = logging.getLogger(__name__)

DbRun = Callable[..., Awaitable[object]]  # DatabaseThread.run
UserLookup = Callable[[str], Awaitable[tuple[int, str]]]  # session user id -> (users.id, display name)


class AlertChannel(Protocol):
    @property
    def name(self) -> str: ...

    async def send(self, message: AlertMessage, client: httpx.AsyncClient) -> None:
        """One attempt; raises DeliveryError."""
        ...


def channels_from_settings(settings: AlertSettings, environ: Mapping[str, str] | None = None, *,
                           twilio: TwilioAccount | None = None) -> list[AlertChannel]:
    """The webhooks, and an SMS to ``alerts.family_phone`` when a Twilio account is configured."""
    env = os.environ if environ is None else environ
    secret = env.get(settings.dingtalk_secret_env, "") if settings.dingtalk_secret_env else ""
    out: list[AlertChannel] = []
    for spec in settings.webhooks:
        template, url = parse_hook(spec)
        out.append(WebhookChannel(url=url, template=template, mention_mobiles=settings.mention_mobiles,
                                  secret=secret if template == "dingtalk" else "",
                                  timeout_s=settings.timeout_s))
    if twilio is not None and settings.family_phone:
        out.append(SmsChannel(account=twilio, to=settings.family_phone))
    return out


class AlertService:
    def __init__(self, settings: AlertSettings, *, store: AlertStore, db_run: DbRun, users: UserLookup,
                 channels: list[AlertChannel] | None = None, client: httpx.AsyncClient | None = None,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.settings = settings
        self._store = store
        self._db_run = db_run
        self._users = users
        self.channels = channels_from_settings(settings) if channels is None else channels
        self._client = client or httpx.AsyncClient()
        self._sleep = sleep
        self._tasks: set[asyncio.Task[None]] = set()

    def submit(self, report: EmergencyReport) -> asyncio.Task[None]:
        """Store and deliver ``report`` in the background; returns the task at once."""
        task = asyncio.create_task(self._handle(report), name=f"alert:{report.emergency.kind}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    @property
    def in_flight(self) -> int:
        return len(self._tasks)

    async def _handle(self, report: EmergencyReport) -> None:
        try:
            user_id, name = await self._users(report.user_id)
            record = await self._db_run(
                self._store.add, user_id=user_id, kind="emergency", category=report.emergency.kind,
                text=report.emergency.text, created_at=report.at, session_id=report.session_id)
            assert isinstance(record, AlertRecord)
            log.warning("ALERT %d (%s) for user %s: %r", record.id, report.emergency.kind, name,
                        report.emergency.text)
            message = AlertMessage(alert_id=record.id, kind="emergency", category=report.emergency.kind,
                                   user_name=name, text=report.emergency.text,
                                   at=datetime.fromtimestamp(report.at).astimezone(),
                                   advice=advice_note(self.settings.emergency_number))
            await self.deliver(record.id, message)
        except asyncio.CancelledError:
            raise
        except AssistantError as exc:
            log.error("could not store or send an alert: %s", exc.message)

    async def notify(self, *, user_id: int, name: str, kind: str, category: str, text: str,
                     headline: str, session_id: str = "") -> int:
        """Store an alert of another kind (``missed_reminder``, ``missed_checkin``, ``message``: words
        the elder left for the family) and deliver it in the background, like an emergency's; returns
        the alert's id once it is stored."""
        record = await self._db_run(self._store.add, user_id=user_id, kind=kind, category=category, text=text,
                                    session_id=session_id)
        assert isinstance(record, AlertRecord)
        log.warning("ALERT %d (%s) for user %s: %s", record.id, kind, name, headline)
        message = AlertMessage(alert_id=record.id, kind=kind, category=category, user_name=name, text=text,
                               at=datetime.fromtimestamp(record.created_at).astimezone(), advice="",
                               headline=headline)
        task = asyncio.create_task(self._deliver_quietly(record.id, message), name=f"alert:{kind}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return record.id

    async def _deliver_quietly(self, alert_id: int, message: AlertMessage) -> None:
        try:
            await self.deliver(alert_id, message)
        except AssistantError as exc:
            log.error("could not record the delivery of alert %d: %s", alert_id, exc.message)

    async def deliver(self, alert_id: int, message: AlertMessage) -> AlertStatus:
        """Every channel at once, each with its retries; record and return the alert's status."""
        if not self.channels:
            status: AlertStatus = "no_channel"
        else:
            sends = (self._deliver_one(alert_id, channel, message) for channel in self.channels)
            results = await asyncio.gather(*sends)
            status = "delivered" if all(results) else "partly_delivered" if any(results) else "failed"
        await self._db_run(self._store.set_status, alert_id, status)
        log.info("alert %d: %s", alert_id, status)
        return status

    async def _deliver_one(self, alert_id: int, channel: AlertChannel, message: AlertMessage) -> bool:
        delay = self.settings.backoff_s
        attempts = 1 + self.settings.retries
        error = ""
        for attempt in range(1, attempts + 1):
            await self._db_run(self._store.record_delivery, alert_id, channel.name, "sending",
                               attempts=attempt - 1, error=error)
            try:
                await channel.send(message, self._client)
            except DeliveryError as exc:
                error = exc.message
                log.warning("alert %d to %s: attempt %d/%d failed: %s", alert_id, channel.name, attempt,
                            attempts, error)
                if attempt < attempts:
                    await self._sleep(delay)
                    delay *= 2
                continue
            await self._db_run(self._store.record_delivery, alert_id, channel.name, "delivered",
                               attempts=attempt)
            return True
        await self._db_run(self._store.record_delivery, alert_id, channel.name, "failed", attempts=attempts,
                           error=error)
        return False

    async def aclose(self, *, grace_s: float = 2.0) -> None:
        if self._tasks:
            _done, pending = await asyncio.wait(set(self._tasks), timeout=grace_s)
            for task in pending:
                task.cancel()
            for task in pending:
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await task
        await self._client.aclose()
