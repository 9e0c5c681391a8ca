"""A signed Twilio webhook replayed later gets no new stream ticket (real server, real call)."""

from __future__ import annotations

import asyncio
import time

from assistant.client.twilio_call import TwilioCall, fetch_twiml
from assistant.protocol.twilio import make_ticket
from assistant.storage.db import Database
from tests.conftest import TWILIO_TEST_TOKEN, ServerInfo

CALLER = "+8613800000000"


def test_a_replayed_webhook_gets_no_new_ticket(server: ServerInfo) -> None:
    voice = f"{server.http}/phone/twilio/voice"

    async def run() -> tuple[list[int], int | None, str]:
        call = await TwilioCall.dial(server.http, caller=CALLER, auth_token=TWILIO_TEST_TOKEN)
        await call.wait_until(lambda: bool(call.log.media), 60)  # the greeting plays: the call is live
        await call.stop()
        statuses = [(await fetch_twiml(voice, caller=CALLER, auth_token=TWILIO_TEST_TOKEN,
                                       call_sid=call.call_sid))[0]]  # replayed at once
        with Database(server.db_path) as db, db.write() as conn:  # as if two hours had passed
            conn.execute("UPDATE used_call_sids SET used_at = used_at - 7200 WHERE call_sid = ?",
                         (call.call_sid,))
        statuses.append((await fetch_twiml(voice, caller=CALLER, auth_token=TWILIO_TEST_TOKEN,
                                           call_sid=call.call_sid))[0])
        # a ticket the webhook would have issued to the replay: the stream still refuses the CallSid
        ticket = make_ticket(TWILIO_TEST_TOKEN, call_sid=call.call_sid, caller=CALLER,
                             expires=int(time.time()) + 60)
        again = await TwilioCall.connect(f"ws://127.0.0.1:{server.port}/phone/twilio", call_sid=call.call_sid,
                                         parameters={"from": CALLER, "ticket": ticket})
        await asyncio.wait_for(again.closed.wait(), 15)
        return statuses, again.close_code, again.close_reason

    statuses, code, reason = asyncio.run(run())
    assert statuses == [403, 403]
    assert code == 4401 and "already used" in reason
