"""Wiring of the family alerts (assistant/care/) into the server: users and the database come from here."""

from __future__ import annotations

from assistant.care.alerts import AlertService, channels_from_settings
from assistant.care.channels.twilio_rest import twilio_account
from assistant.config import Settings
from assistant.server.access import Storage, resolve_user_id
from assistant.storage.alerts import AlertStore


def build_alert_service(settings: Settings, storage: Storage) -> AlertService:
    async def users(user: str) -> tuple[int, str]:
        user_id = await resolve_user_id(storage, user)
        found = await storage.thread.run(storage.db.get_user, user_id)
        return user_id, found.name if found is not None else ""

    channels = channels_from_settings(settings.alerts, twilio=twilio_account(settings.phone))
    return AlertService(settings.alerts, store=AlertStore(storage.db), db_run=storage.thread.run, users=users,
                        channels=channels)
