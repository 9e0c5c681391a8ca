"""SMS to the family through Twilio (``Messages`` create): the alert's one-line summary."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from assistant.care.channels.twilio_rest import TwilioAccount, send_message
from assistant.care.channels.webhook import AlertMessage


@dataclass(frozen=True, slots=True, kw_only=True)
class SmsChannel:
    account: TwilioAccount
    to: str  # E.164

    @property
    def name(self) -> str:
        """For logs and the database: the number with its middle hidden."""
        return f"sms:{self.to[:4]}****{self.to[-4:]}"

    async def send(self, message: AlertMessage, client: httpx.AsyncClient) -> None:
        """One attempt. Raises DeliveryError on any failure."""
        await send_message(self.account, client, to=self.to, body=message.summary())
