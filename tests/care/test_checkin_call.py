"""A check-in over the phone: started with an outbound call (fake Twilio), the same dialogue rebuilt
where the stream is answered, the answers and the summary stored, unanswered after the tries."""

from __future__ import annotations

import time
import xml.etree.ElementTree as ET
from pathlib import Path
from zoneinfo import ZoneInfo

from assistant.care.channels.twilio_rest import TwilioAccount
from assistant.care.checkin import CheckinPlan, summarize
from assistant.care.checkin_call import call_for_checkin, dialogue_for, give_up_if_unanswered
from assistant.care.outbound import OutboundCaller
from assistant.storage.checkins import Checkins
from assistant.storage.db import Database, DatabaseThread
from assistant.storage.outbound import OutboundCalls
from tests.phone.twilio_fake import ACCOUNT_SID, FakeTwilio

ZONE = ZoneInfo("Asia/Shanghai")


async def test_checkin_call_remembers_records_and_gives_up(tmp_path: Path) -> None:
    with Database(tmp_path / "a.db") as db, FakeTwilio(auth_token="tok") as fake:
        thread = DatabaseThread(db)
        elder = db.ensure_user("王奶奶").id
        store = Checkins(db)
        yesterday = store.start(elder, "call", at=time.time() - 86400)
        before = {"sleep": "挺好", "meal": "吃了", "pain": "我腿有点疼"}
        store.finish(yesterday.id, status="answered", answers=before, summary=summarize("王奶奶", before))
        account = TwilioAccount(account_sid=ACCOUNT_SID, auth_token="tok", from_number="+14155550100",
                                api_url=fake.url)
        caller = OutboundCaller(account, store=OutboundCalls(db), db_run=thread.run,
                                stream_url="ws://127.0.0.1:1/phone/twilio")
        checkin, call = await call_for_checkin(thread.run, store, caller, user_id=elder,
                                               number="+8613800000001", name="王奶奶", language="zh",
                                               zone=ZONE)
        assert call.status == "placed" and call.purpose == "checkin" and call.ref_id == checkin.id
        assert call.opening == "王奶奶您好，我来问候您一下。您昨天说腿有点疼，今天好些了吗？"
        assert ET.fromstring(fake.calls[0].form["Twiml"]).find("./Connect/Stream") is not None
        assert checkin.tries == 1 and checkin.status == "open"

        # where the stream is answered: the same questions, then the answers stored
        talk = await dialogue_for(thread.run, store, checkin=checkin, name="王奶奶", language="zh", zone=ZONE)
        assert talk.opening() == call.opening
        for said in ("好多了", "睡得不好，老醒", "吃了", "没有"):
            await talk.reply(said, "zh")
        done = store.get(checkin.id)
        assert done is not None and done.status == "answered" and done.answers["follow_up"] == "好多了"
        assert done.summary == ("王奶奶今天：问起上次的不舒服，答：“好多了”；睡得不太好（“睡得不好，老醒”）；"
                                "吃过饭了；没说哪里不舒服。")
        assert not await give_up_if_unanswered(thread.run, store, checkin.id, CheckinPlan(tries=1))

        plan = CheckinPlan(enabled=True, tries=2)
        missed, _ = await call_for_checkin(thread.run, store, caller, user_id=elder, number="+8613800000001",
                                           name="王奶奶", language="zh", zone=ZONE)
        assert not await give_up_if_unanswered(thread.run, store, missed.id, plan)  # one try of two
        await call_for_checkin(thread.run, store, caller, user_id=elder, number="+8613800000001",
                               name="王奶奶", language="zh", zone=ZONE, checkin=missed)
        assert await give_up_if_unanswered(thread.run, store, missed.id, plan)
        gone = store.get(missed.id)
        assert gone is not None and gone.status == "unanswered" and gone.tries == 2
        await caller.aclose()
        await thread.aclose()
