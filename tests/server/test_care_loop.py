"""The care loop on the real server (real models, 0.5B LLM): a due reminder is pushed to the elder's
open /ws session and spoken with her 称呼; she answers "吃了" aloud (the project's own voice) and the
family's /api/reminders shows it acknowledged; the button and a snooze; an unanswered reminder is
retried, then escalated to the family's webhook (a real local HTTP server) with the right payload,
while a dead webhook shows as 未送达; the API refuses a malformed schedule with a reason and saves
nothing; a restart between scheduling and firing fires late with a word that it is late; two server
processes on one database fire each job once; a family's recording with a delivery time is played on
the open app at that time, after its preface; words she asks to pass on to her daughter reach the
family's webhook and console.
"""

from __future__ import annotations

import asyncio
import io
import re
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest

from assistant.client.conversation import Conversation
from assistant.storage.cli import cmd_pair_owner
from assistant.storage.db import Database
from assistant.storage.jobs import JobStore, RetryPolicy
from tests.care.webhook_server import RobotServer
from tests.conftest import ServerInfo, free_port, speak, start_server, stop_server
from tests.server.care_helpers import (
    CARE_ENV,
    SH,
    bare_server,
    redeem,
    remind,
    reminder_status,
    said_text,
)
from tests.server.test_family_voice_session import webm_opus


@pytest.fixture(scope="module")
def robot() -> Iterator[RobotServer]:
    with RobotServer() as server:
        yield server


@pytest.fixture(scope="module")
def care_server(tmp_path_factory: pytest.TempPathFactory, model_store: Any,
                robot: RobotServer) -> Iterator[ServerInfo]:
    data_dir = tmp_path_factory.mktemp("care")
    hooks = f"json:{robot.url}/family-hook,json:http://127.0.0.1:{free_port()}/dead"
    proc, port, as_port, log_path, env = start_server(data_dir, extra_env={
        **CARE_ENV, "ASSISTANT_ALERTS__WEBHOOKS": hooks})
    info = ServerInfo(http=f"http://127.0.0.1:{port}", port=port, token="", data_dir=data_dir,
                      log_path=log_path, env=env, audiosocket_port=as_port, process=proc)
    try:
        yield info
    finally:
        stop_server(info.process)


@pytest.fixture(scope="module")
def family(care_server: ServerInfo) -> Iterator[tuple[httpx.Client, int, str]]:
    """The owner's API client, the elder 王奶奶's id and her phone's token."""
    out = io.StringIO()
    with Database(care_server.db_path) as db:
        assert cmd_pair_owner(db, care_server.http, out=out) == 0
    found = re.search(r"https?://\S+#pair=\d+", out.getvalue())
    assert found is not None
    owner = httpx.Client(base_url=care_server.http, timeout=10,
                         headers={"Authorization": f"Bearer {redeem(care_server.http, found.group(0))}"})
    elder = owner.post("/api/elders", json={"name": "王秀兰", "address": "王奶奶"}).json()
    link = owner.post("/api/devices/pair", json={"elder_id": elder["id"]}).json()["link"]
    token = redeem(care_server.http, link)
    try:
        yield owner, int(elder["id"]), token
    finally:
        owner.close()


def test_reminder_spoken_on_the_open_app_and_acknowledged_by_voice(
        care_server: ServerInfo, family: tuple[httpx.Client, int, str], voices: Any) -> None:
    owner, elder_id, token = family
    answer = speak(voices, "吃了")

    async def run() -> tuple[Conversation, dict[str, Any]]:
        conv = await Conversation.open(f"ws://127.0.0.1:{care_server.port}/ws", language="zh", token=token)
        rid = remind(care_server.db_path, elder_id, "吃降压药", 2.0)
        due_mono = time.monotonic() + 2.0
        event = await conv.wait_for("reminder", timeout=20)
        prompt = event.message
        print(f"reminder pushed {event.at - due_mono:.2f} s after its time (care.tick_s 0.5)")
        assert prompt["answerable"] is True and prompt["kind"] == "reminder"
        await conv.wait_for("audio_end", timeout=60)
        assert len(conv.reply.audio) > conv.out_rate  # spoken, about a second or more
        assert reminder_status(owner, elder_id, rid)["status"] == "waiting"
        await asyncio.sleep(len(conv.reply.audio) / 2 / conv.out_rate)  # let it "play" before answering
        await conv.stream_audio(answer)
        await conv.wait_for("metrics", timeout=60)
        await conv.close()
        return conv, {"rid": rid, "prompt": prompt}

    conv, got = asyncio.run(run())
    said = said_text(conv)
    assert got["prompt"]["text"] in said and re.match(r"王奶奶，.+点.*了，该吃降压药了。吃了吗？", said), said
    metrics = conv.replies[-2].metrics
    assert metrics.get("care", {}).get("answer") == "ack", (conv.transcripts, metrics)
    assert said.endswith("好的，记下了。")
    status = reminder_status(owner, elder_id, got["rid"])
    assert status["status"] == "acknowledged" and status["acknowledged"] is True, status
    assert status["ack_channel"] == "voice" and status["acknowledged_at"] and status["delivered_by"] == "app"


def test_asked_to_say_it_again_the_reminder_is_repeated(
        care_server: ServerInfo, family: tuple[httpx.Client, int, str]) -> None:
    """ "再说一遍" after a reminder says the reminder again (not "我还没有说过什么呢"), and the reminder
    still waits for her answer."""
    owner, elder_id, token = family

    async def run() -> tuple[Conversation, int, str]:
        conv = await Conversation.open(f"ws://127.0.0.1:{care_server.port}/ws", language="zh", token=token)
        rid = remind(care_server.db_path, elder_id, "泡脚", 1.0)
        await conv.wait_for("reminder", timeout=20)
        await conv.wait_for("audio_end", timeout=60)
        for text in ("再说一遍", "知道了"):  # answered at the end: no retry reaches the next tests
            if text == "知道了":
                waiting = reminder_status(owner, elder_id, rid)["status"]
            seen = sum(1 for e in conv.events if e.message.get("type") == "metrics")
            await conv.send_json({"type": "text", "text": text})
            await conv.wait_for("metrics", count=seen + 1, timeout=60)
        await conv.close()
        return conv, rid, waiting

    conv, rid, waiting = asyncio.run(run())
    said = said_text(conv)
    assert said.count("该泡脚了") == 2 and "好的，我再说一遍。" in said, said
    assert waiting == "waiting" and reminder_status(owner, elder_id, rid)["status"] == "acknowledged"


def test_a_timed_voice_message_is_played_on_the_open_app(
        care_server: ServerInfo, family: tuple[httpx.Client, int, str], voices: Any) -> None:
    owner, elder_id, token = family
    recording = webm_opus(speak(voices, "周末我回家吃饭", before_s=0.3, after_s=0.3), 16000)

    async def run() -> tuple[Conversation, dict[str, Any], dict[str, Any]]:
        conv = await Conversation.open(f"ws://127.0.0.1:{care_server.port}/ws", language="zh", token=token)
        at = (datetime.now(SH) + timedelta(seconds=4)).isoformat(timespec="seconds")
        posted = owner.post("/api/messages/voice", params={"elder_id": elder_id, "deliver_at": at},
                            content=recording, headers={"Content-Type": "audio/webm;codecs=opus"})
        assert posted.status_code == 201, posted.text
        assert owner.get("/api/messages").json()["messages"][0]["delivered_at"] is None  # not yet
        prompt = (await conv.wait_for("reminder", timeout=30)).message
        await conv.wait_for("audio_end", timeout=60)
        await conv.close()
        return conv, posted.json(), prompt

    conv, message, prompt = asyncio.run(run())
    assert (prompt["kind"], prompt["answerable"]) == ("message", False), prompt
    assert prompt["text"].endswith("给您留了言："), prompt  # the preface; the recording plays after it
    assert said_text(conv).endswith("给您留了言：（语音留言）"), said_text(conv)
    played_s = len(conv.reply.audio) / 2 / conv.out_rate
    assert played_s > message["duration_s"] + 1.0, (played_s, message)  # the preface, then the recording
    listed = owner.get("/api/messages").json()["messages"][0]
    assert listed["id"] == message["id"] and listed["delivered_at"] is not None


def test_daily_checkin_asked_on_the_open_app(
        care_server: ServerInfo, family: tuple[httpx.Client, int, str]) -> None:
    """A check-in with channel "app": the open app asks its first question (a care prompt, spoken);
    the elder's answers go to the questions in turn, and the family reads the check-in's summary."""
    owner, elder_id, token = family
    at = (datetime.now(SH) + timedelta(hours=3)).strftime("%H:%M")  # the plan's own time: not in this test
    plan = owner.put("/api/checkins/plan", json={"elder_id": elder_id, "enabled": True, "at": at,
                                                 "channel": "app", "tries": 1})
    assert plan.status_code == 200, plan.text

    async def run() -> tuple[Conversation, dict[str, Any]]:
        conv = await Conversation.open(f"ws://127.0.0.1:{care_server.port}/ws", language="zh", token=token)
        with Database(care_server.db_path) as db:  # today's check-in, due now (as the scheduler stores it)
            now = time.time()
            job = JobStore(db).add(kind="checkin", user_id=elder_id, due_at=now + 1.0, now=now,
                                   payload={"at": at, "text": "每日问候"}, policy=RetryPolicy(retries=0))
        assert job is not None
        prompt = (await conv.wait_for("reminder", timeout=30)).message
        await conv.wait_for("audio_end", timeout=60)
        for i, answer in enumerate(("睡得挺好", "吃过了", "我腿有点疼"), start=1):
            await conv.send_json({"type": "text", "text": answer})
            await conv.wait_for("metrics", count=i, timeout=60)
        await conv.close()
        return conv, prompt, job.id

    conv, prompt, job_id = asyncio.run(run())
    assert (prompt["kind"], prompt["answerable"]) == ("checkin", False), prompt
    assert prompt["text"].startswith("王奶奶") and "睡得好吗" in prompt["text"], prompt
    said = said_text(conv)
    assert "吃" in said and ("疼" in said or "不舒服" in said), said  # the next questions were asked
    checkin = owner.get("/api/checkins", params={"elder_id": elder_id}).json()["checkins"][0]
    assert checkin["status"] == "answered" and checkin["channel"] == "app", checkin
    assert checkin["answers"]["pain"] == "我腿有点疼" and "腿有点疼" in checkin["summary"], checkin
    with Database(care_server.db_path) as db:  # the job is acknowledged as answered on the app
        done = JobStore(db).get(job_id)
    assert done is not None and (done.state, done.ack_channel) == ("acknowledged", "app"), done
    owner.put("/api/checkins/plan", json={"elder_id": elder_id, "enabled": False})


def test_button_and_snooze(care_server: ServerInfo, family: tuple[httpx.Client, int, str]) -> None:
    owner, elder_id, token = family

    async def run() -> tuple[int, Conversation]:
        conv = await Conversation.open(f"ws://127.0.0.1:{care_server.port}/ws", language="zh", token=token)
        rid = remind(care_server.db_path, elder_id, "泡脚", 1.0)
        job_id = (await conv.wait_for("reminder", timeout=20)).message["job_id"]
        await conv.send_json({"type": "reminder_answer", "job_id": job_id, "answer": "snooze"})
        assert (await conv.wait_for("reminder_closed", timeout=20)).message["state"] == "snoozed"
        assert reminder_status(owner, elder_id, rid)["status"] == "waiting"
        await conv.send_json({"type": "reminder_answer", "job_id": job_id, "answer": "ack"})
        await conv.wait_for("error", timeout=20)  # snoozed: it waits to be spoken again, not for an answer
        await conv.send_json({"type": "reminder_answer", "job_id": "x"})
        await conv.wait_for("error", count=2, timeout=20)
        await conv.close()
        return rid, conv

    rid, conv = asyncio.run(run())
    assert [e["code"] for e in conv.errors] == ["unknown_reminder", "bad_answer"]
    with Database(care_server.db_path) as db, db.read() as c:
        row = c.execute("SELECT next_at - last_attempt_at AS wait, attempts FROM care_jobs WHERE kind ="
                        " 'reminder' AND ref_id = ?", (rid,)).fetchone()
    assert row["attempts"] == 0 and 595 < row["wait"] < 605  # care.snooze_s: ten minutes


def test_unanswered_reminder_escalates_to_the_family_webhook(
        care_server: ServerInfo, family: tuple[httpx.Client, int, str], robot: RobotServer) -> None:
    owner, elder_id, _token = family
    rid = remind(care_server.db_path, elder_id, "量血压", 0.5)  # nobody has the app open
    deadline = time.monotonic() + 40
    while not robot.received and time.monotonic() < deadline:
        time.sleep(0.5)
    assert robot.received, care_server.log()[-3000:]
    path, body = robot.received[-1]
    assert path == "/family-hook"
    assert body["type"] == "alert" and body["kind"] == "missed_reminder" and body["category"] == "reminder"
    assert body["user"] == "王奶奶" and body["text"] == "量血压"
    assert body["message"].startswith("【提醒未确认】王奶奶") and "量血压" in body["message"]
    assert "已提醒2次" in body["message"]  # the first attempt and care.retries = 1
    status = reminder_status(owner, elder_id, rid)
    assert status["status"] == "escalated" and status["attempts"] == 2 and not status["acknowledged"]
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        alert = owner.get("/api/alerts", params={"elder_id": elder_id}).json()["alerts"][0]
        if alert["status"] != "pending":
            break
        time.sleep(0.5)
    assert alert["kind"] == "missed_reminder" and alert["status"] == "partly_delivered"
    by_status = sorted((d["status"], d["attempts"]) for d in alert["deliveries"])
    assert by_status == [("delivered", 1), ("failed", 2)], alert  # the dead hook: 未送达 in the console


def test_words_she_leaves_for_her_daughter_reach_the_family(
        care_server: ServerInfo, family: tuple[httpx.Client, int, str], robot: RobotServer) -> None:
    """ "帮我告诉女儿，周末回来吃饭" is passed on, not answered by the LLM: an alert of kind ``message``
    on the family's webhook (with her 称呼) and in the console's list; she hears that it was left."""
    owner, elder_id, token = family
    before = len(robot.received)

    async def run() -> Conversation:
        conv = await Conversation.open(f"ws://127.0.0.1:{care_server.port}/ws", language="zh", token=token)
        await conv.send_json({"type": "text", "text": "你帮我告诉我女儿，周末回来吃饭"})
        await conv.wait_for("metrics", timeout=60)
        await conv.close()
        return conv

    conv = asyncio.run(run())
    assert said_text(conv) == "好的，您的话我已经留给您女儿了：“周末回来吃饭”。家里人在手机上能看到。"
    turn = next(e.message["turn"] for e in conv.events if e.message.get("type") == "metrics")
    assert turn["family_word"] > 0 and turn.get("llm_backend", "") == "", turn
    deadline = time.monotonic() + 20
    sent = [b for _, b in robot.received[before:] if b.get("kind") == "message"]
    while time.monotonic() < deadline and not sent:
        time.sleep(0.3)
        sent = [b for _, b in robot.received[before:] if b.get("kind") == "message"]
    assert sent, care_server.log()[-3000:]
    body = sent[0]
    assert body["user"] == "王奶奶" and body["category"] == "女儿" and body["text"] == "周末回来吃饭"
    assert body["message"].startswith("【老人留言】王奶奶让我转告女儿：“周末回来吃饭”"), body
    alert = next(a for a in owner.get("/api/alerts", params={"elder_id": elder_id}).json()["alerts"]
                 if a["kind"] == "message")
    assert alert["id"] == turn["family_word"]
    assert alert["text"] == "周末回来吃饭" and alert["category"] == "女儿"


def test_malformed_schedules_are_refused_and_nothing_is_saved(
        care_server: ServerInfo, family: tuple[httpx.Client, int, str]) -> None:
    owner, elder_id, _token = family
    before = owner.get("/api/reminders", params={"elder_id": elder_id}).json()["reminders"]
    bad = [({"time": "25:00"}, "bad time"), ({"time": "8点"}, "bad time"),
           ({"time": "08:00", "repeat": "weekly", "weekday": "周八"}, "unknown weekday"),
           ({"time": "08:00", "repeat": "weekly"}, "needs a weekday"),
           ({"time": "08:00", "date": "2020-01-01"}, "already passed"),
           ({"time": "08:00", "repeat": "hourly"}, "bad repeat"),
           ({"time": "08:00", "retries": 99}, "retries")]
    for fields, reason in bad:
        got = owner.post("/api/reminders", json={"elder_id": elder_id, "text": "吃药", **fields})
        assert got.status_code == 400 and reason in got.json()["message"], (fields, got.text)
    late = owner.post("/api/messages", json={"elder_id": elder_id, "text": "hi",
                                             "deliver_at": "2020-01-01T08:00"})
    assert late.status_code == 400 and "already passed" in late.json()["message"]
    assert owner.get("/api/reminders", params={"elder_id": elder_id}).json()["reminders"] == before
    made = owner.post("/api/reminders", json={"elder_id": elder_id, "text": "量血压", "time": "09:30",
                                              "repeat": "weekly", "weekday": "周一", "retries": 0})
    assert made.status_code == 201, made.text
    assert made.json()["status"] == "scheduled" and made.json()["next_at"].endswith("+08:00")
    assert datetime.fromisoformat(made.json()["next_at"]).weekday() == 0


def test_two_server_processes_fire_each_job_once(care_server: ServerInfo,
                                                 family: tuple[httpx.Client, int, str]) -> None:
    _owner, elder_id, _token = family
    proc, bare_log = bare_server(care_server.data_dir, {"ASSISTANT_ALERTS__WEBHOOKS": ""})
    try:
        start = len(care_server.log())
        rids = [remind(care_server.db_path, elder_id, f"喝水{i}", 1.0 + 0.37 * i, retries=5, interval_s=600)
                for i in range(12)]  # spread out, so that either process's tick may come first
        time.sleep(8)
    finally:
        stop_server(proc)
    with Database(care_server.db_path) as db, db.read() as conn:
        jobs = {r["ref_id"]: r for r in conn.execute(
            f"SELECT * FROM care_jobs WHERE kind = 'reminder' AND ref_id IN ({','.join('?' * len(rids))})",
            rids)}
    assert sorted(jobs) == sorted(rids) and all(j["attempts"] == 1 for j in jobs.values())
    logs = care_server.log()[start:] + bare_log.read_text(errors="replace")
    for job in jobs.values():
        assert len(re.findall(rf"care job {job['id']} \(reminder\) attempt 1:", logs)) == 1
    workers = [j["claimed_by"] for j in jobs.values()]
    print(f"claimed by {sorted(set(workers))}: {[workers.count(w) for w in sorted(set(workers))]}")


def test_restart_between_scheduling_and_firing(care_server: ServerInfo,
                                               family: tuple[httpx.Client, int, str]) -> None:
    owner, elder_id, token = family
    stop_server(care_server.process)  # the server goes down; a reminder comes due meanwhile
    # retried every 3 s while nobody can hear it (the models load after a restart), for 4 minutes:
    # the first retry after the app connects is the one it hears, late (the restart alone takes longer
    # than care.late_after_s); the app waits half an interval for it on average
    late = remind(care_server.db_path, elder_id, "吃午饭的药", 1.0, retries=80, interval_s=3)
    old = remind(care_server.db_path, elder_id, "散步", -3 * 3600.0)
    time.sleep(2)  # due while the server is down
    proc, port, *_rest = start_server(care_server.data_dir, port=care_server.port, extra_env={
        **CARE_ENV, "ASSISTANT_ALERTS__WEBHOOKS": ""})

    async def run() -> Conversation:
        conv = await Conversation.open(f"ws://127.0.0.1:{port}/ws", language="zh", token=token)
        prompt = (await conv.wait_for("reminder", timeout=45)).message  # the retry after the restart
        assert prompt["late"] is True
        await conv.wait_for("audio_end", timeout=60)
        await conv.close()
        return conv

    try:
        conv = asyncio.run(run())
        said = said_text(conv)
        assert re.match(r"王奶奶，刚才.+点.*的提醒：该吃午饭的药了。", said), said
        assert reminder_status(owner, elder_id, old)["status"] == "missed"
        assert reminder_status(owner, elder_id, late)["status"] == "waiting"
    finally:
        stop_server(proc)
