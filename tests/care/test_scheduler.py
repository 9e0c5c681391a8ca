"""The care scheduler's logic on a real SQLite file, driven by an injectable clock.

Firing, recurrence (dateutil.rrule in the reminder's zone), the late/missed rule after a restart,
answers (acknowledge, snooze), retries then escalation, timed family messages, a generic job kind,
and one attempt per job with two connections and with two processes on one database.
"""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from job_claims import claim_all

from assistant.care.delivery import CarePrompt, register_builtin
from assistant.care.prompts import Reply
from assistant.care.scheduler import Firing, Outcome, Scheduler, answer
from assistant.config import CareSettings
from assistant.pipeline.clip import Clip
from assistant.pipeline.notes import said_plan
from assistant.server.family import recorded_note
from assistant.storage.db import Database, DatabaseThread
from assistant.storage.household import ElderProfile, Households
from assistant.storage.jobs import Job, JobStore
from assistant.storage.messages import Messages, author_en, author_phrase, voice_preface
from assistant.storage.reminders import NewReminder, ReminderStore
from assistant.storage.voice_messages import Recording, VoiceMessages

SH = ZoneInfo("Asia/Shanghai")
NY = ZoneInfo("America/New_York")


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start.timestamp()

    def __call__(self) -> float:
        return self.now

    def set(self, moment: datetime) -> None:
        self.now = moment.timestamp()

    def advance(self, seconds: float) -> None:
        self.now += seconds


class App:
    """The elder's open app as the scheduler sees it (the server's Presence): records what it said."""

    def __init__(self) -> None:
        self.open = True
        self.said: list[CarePrompt] = []

    async def push(self, user_id: int, prompt: CarePrompt) -> bool:
        if self.open:
            self.said.append(prompt)
        return self.open


class Care:
    def __init__(self, path: Path, clock: Clock, settings: CareSettings | None = None) -> None:
        self.dbt = DatabaseThread(Database(path))
        self.clock = clock
        self.settings = settings or CareSettings()
        self.app = App()
        self.escalated: list[Job] = []
        self.store = JobStore(self.dbt.db)
        self.scheduler = Scheduler(self.dbt.run, self.store, self.settings, clock=clock,
                                   escalate=self._escalate)
        register_builtin(self.scheduler, self.dbt.run, Households(self.dbt.db), Messages(self.dbt.db),
                         self.app)

    async def _escalate(self, job: Job) -> int | None:
        self.escalated.append(job)
        return None

    async def answer(self, user_id: int, reply: Reply, channel: str = "voice") -> Job | None:
        return await answer(self.dbt.run, self.store, self.settings, user_id=user_id, reply=reply,
                            channel=channel, now=self.clock())

    def close(self) -> None:
        self.dbt.close()


@pytest.fixture(params=["sqlite", "postgres"])
def db_path(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """The scheduler's database: a SQLite file, or a new database on the tests' PostgreSQL server."""
    if request.param == "sqlite":
        return tmp_path / "care.db"
    return str(request.getfixturevalue("postgres").new_database())


def elder(db_path: Path) -> int:
    with Database(db_path) as db:
        return Households(db).add_elder(1, ElderProfile(display_name="王秀兰", address="王奶奶")).user_id


def remind(db_path: Path, user_id: int, due: datetime, text: str = "吃降压药", repeat: str = "once",
           weekday: int | None = None) -> int:
    with Database(db_path) as db:
        return ReminderStore(db).add(NewReminder(user_id=user_id, text=text, due=due, repeat=repeat,
                                                 weekday=weekday)).id


async def test_a_reminder_fires_at_its_time_once_with_the_elders_name(db_path: Path) -> None:
    uid = elder(db_path)
    rid = remind(db_path, uid, datetime(2026, 12, 1, 8, 0, tzinfo=SH))
    clock = Clock(datetime(2026, 12, 1, 7, 59, 55, tzinfo=SH))
    care = Care(db_path, clock)
    try:
        assert await care.scheduler.tick() == []
        clock.advance(5)
        assert len(await care.scheduler.tick()) == 1
        assert [p.text for p in care.app.said] == ["王奶奶，八点了，该吃降压药了。吃了吗？"]
        assert care.app.said[0].answerable and not care.app.said[0].late
        clock.advance(60)
        assert await care.scheduler.tick() == []  # waits for an answer until the retry
        job = care.store.latest("reminder", [rid])[rid]
        assert (job.state, job.attempts, job.last_channel) == ("pending", 1, "app")
        assert await care.answer(uid, Reply(kind="ack")) is not None
        job = care.store.latest("reminder", [rid])[rid]
        assert (job.state, job.ack_channel, job.ack_at) == ("acknowledged", "voice", clock())
        clock.advance(3600)
        assert await care.scheduler.tick() == [] and len(care.app.said) == 1
    finally:
        care.close()


async def test_daily_and_weekly_reminders_recur_on_the_wall_clock_of_their_zone(db_path: Path) -> None:
    uid = elder(db_path)
    daily = remind(db_path, uid, datetime(2027, 3, 13, 8, 0, tzinfo=NY), "泡脚", repeat="daily")
    weekly = remind(db_path, uid, datetime(2026, 12, 7, 9, 30, tzinfo=SH), "量血压", repeat="weekly",
                    weekday=0)  # 每周一
    clock = Clock(datetime(2026, 12, 7, 9, 30, tzinfo=SH))
    care = Care(db_path, clock)
    knowing = "好了就跟我说一声“知道了”。"
    try:
        await care.scheduler.tick()
        assert [p.text for p in care.app.said] == [f"王奶奶，九点半了，该量血压了。{knowing}"]
        nxt = ReminderStore(care.dbt.db).get(weekly)
        assert nxt is not None and nxt.due_local() == datetime(2026, 12, 14, 9, 30, tzinfo=SH)
        assert await care.answer(uid, Reply(kind="ack")) is not None
        care.app.said.clear()
        clock.set(datetime(2027, 3, 13, 8, 0, 1, tzinfo=NY))
        await care.scheduler.tick()
        assert await care.answer(uid, Reply(kind="ack")) is not None
        moved = ReminderStore(care.dbt.db).get(daily)
        assert moved is not None  # New York changes to summer time on 14 March 2027: still 08:00 local
        assert moved.due_local() == datetime(2027, 3, 14, 8, 0, tzinfo=NY)
        clock.set(datetime(2027, 3, 14, 8, 0, tzinfo=NY))
        await care.scheduler.tick()
        assert [p.text for p in care.app.said] == [f"王奶奶，八点了，该泡脚了。{knowing}"] * 2
    finally:
        care.close()


async def test_after_a_restart_a_late_job_says_so_and_an_old_one_is_missed(db_path: Path) -> None:
    uid = elder(db_path)
    late = remind(db_path, uid, datetime(2026, 12, 1, 8, 0, tzinfo=SH))
    old = remind(db_path, uid, datetime(2026, 12, 1, 5, 0, tzinfo=SH), "喝水")
    first = Care(db_path, Clock(datetime(2026, 12, 1, 4, 0, tzinfo=SH)))
    await first.scheduler.tick()
    first.close()  # the server stops before either is due, and comes back at 08:30
    care = Care(db_path, Clock(datetime(2026, 12, 1, 8, 30, tzinfo=SH)))
    try:
        await care.scheduler.tick()
        assert [p.text for p in care.app.said] == ["王奶奶，刚才早上八点的提醒：该吃降压药了。吃了吗？"]
        assert care.app.said[0].late
        jobs = care.store.latest("reminder", [late, old])
        assert jobs[late].state == "pending" and jobs[old].state == "missed"  # 3.5 h > care.max_late_s
    finally:
        care.close()


async def test_unanswered_reminder_is_retried_twice_then_escalated_once(db_path: Path) -> None:
    uid = elder(db_path)
    rid = remind(db_path, uid, datetime(2026, 12, 1, 8, 0, tzinfo=SH))
    clock = Clock(datetime(2026, 12, 1, 8, 0, tzinfo=SH))
    care = Care(db_path, clock)
    try:
        for minute in range(0, 41):
            clock.set(datetime(2026, 12, 1, 8, minute, tzinfo=SH))
            await care.scheduler.tick()
            if minute == 15:
                care.app.open = False  # the app was closed: the last retry reaches nobody
        assert len(care.app.said) == 2  # 08:00 and 08:10 on the app; 08:20 reached nobody
        assert len(care.escalated) == 1 and care.escalated[0].ref_id == rid
        job = care.store.latest("reminder", [rid])[rid]
        assert (job.state, job.attempts, job.finished_at) == (
            "escalated", 4, datetime(2026, 12, 1, 8, 30, tzinfo=SH).timestamp())
        assert await care.answer(uid, Reply(kind="ack")) is None  # too late to acknowledge
    finally:
        care.close()


async def test_per_reminder_retries_and_snooze(db_path: Path) -> None:
    uid = elder(db_path)
    with Database(db_path) as db:  # stored with the reminder, in one write
        ReminderStore(db).add(NewReminder(user_id=uid, text="吃降压药", retries=0, retry_interval_s=300,
                                          due=datetime(2026, 12, 1, 8, 0, tzinfo=SH)))
    clock = Clock(datetime(2026, 12, 1, 8, 0, tzinfo=SH))
    care = Care(db_path, clock)
    try:
        await care.scheduler.tick()
        clock.advance(60)
        snoozed = await care.answer(uid, Reply(kind="snooze"))  # "等一会儿再提醒我": 10 minutes
        assert snoozed is not None and snoozed.next_at == clock() + 600 and snoozed.attempts == 0
        clock.advance(599)
        await care.scheduler.tick()
        assert len(care.app.said) == 1
        clock.advance(1)
        await care.scheduler.tick()
        assert len(care.app.said) == 2 and care.app.said[1].late
        assert care.app.said[1].text == "王奶奶，刚才早上八点的提醒：该吃降压药了。吃了吗？"
        clock.advance(300)  # no retries for this reminder: escalated after one interval
        await care.scheduler.tick()
        assert len(care.escalated) == 1 and len(care.app.said) == 2
    finally:
        care.close()


@pytest.mark.parametrize(("retries", "interval"), [(-1, None), (None, 0.0), (2, -5.0)])
def test_a_reminder_with_a_bad_retry_policy_is_refused(retries: int | None, interval: float | None) -> None:
    new = NewReminder(user_id=1, text="吃药", due=datetime(2026, 12, 1, 8, 0, tzinfo=SH), retries=retries,
                      retry_interval_s=interval)
    with pytest.raises(ValueError, match="retr"):
        new.check()


async def test_timed_family_message_is_spoken_or_left_for_the_next_turn(db_path: Path) -> None:
    uid = elder(db_path)
    at = datetime(2030, 1, 1, 18, 0, tzinfo=SH).timestamp()
    with Database(db_path) as db:
        msgs = Messages(db)
        owner = Households(db).ensure_owner()
        first = msgs.post(household_id=1, elder_id=uid, author_id=owner.user_id, author="您女儿小红",
                          text="周末回家吃饭", deliver_at=at)
        second = msgs.post(household_id=1, elder_id=uid, author_id=owner.user_id, author="您女儿小红",
                           text="记得带伞", deliver_at=at + 60)
        assert msgs.pending(uid) == []  # not before its time
        with pytest.raises(ValueError, match="future"):
            msgs.post(household_id=1, elder_id=uid, author_id=owner.user_id, author="x", text="y",
                      deliver_at=1.0)
    clock = Clock(datetime.fromtimestamp(at, SH))
    care = Care(db_path, clock)
    try:
        await care.scheduler.tick()
        assert [p.text for p in care.app.said] == ["您女儿小红给您留了言：周末回家吃饭。"]
        got = Messages(care.dbt.db).get(first.id)
        assert got is not None and got.delivered_at is not None
        care.app.open = False
        clock.advance(60)
        await care.scheduler.tick()
        job = care.store.latest("message", [second.id])[second.id]
        assert (job.state, job.last_channel) == ("done", "next_turn")
        assert [m.id for m in Messages(care.dbt.db).pending(uid, clock())] == [second.id]
    finally:
        care.close()


async def test_an_english_speaking_elder_hears_a_timed_message_in_english(db_path: Path) -> None:
    with Database(db_path) as db:
        uid = Households(db).add_elder(1, ElderProfile(display_name="Mary", language="en")).user_id
    at = datetime(2030, 1, 1, 18, 0, tzinfo=SH).timestamp()
    with Database(db_path) as db:
        owner = Households(db).ensure_owner()
        Messages(db).post(household_id=1, elder_id=uid, author_id=owner.user_id,
                          author=author_phrase("女儿", "小红"), text="Dinner on Sunday", deliver_at=at)
    care = Care(db_path, Clock(datetime.fromtimestamp(at, SH)))
    try:
        await care.scheduler.tick()
        assert [(p.text, p.language) for p in care.app.said] == [
            ("Your daughter 小红 left you a message: Dinner on Sunday", "en")]
    finally:
        care.close()


def test_the_author_in_english() -> None:
    assert author_en(author_phrase("女儿", "小红")) == "Your daughter 小红"
    assert author_en(author_phrase("外孙女", "")) == "Your granddaughter"
    assert author_en(author_phrase("", "")) == "Your family"
    assert author_en(author_phrase("", "Tom")) == "Tom"
    assert author_en(author_phrase("干女儿", "阿芳")) == "干女儿阿芳"  # unknown: as the family wrote it
    assert voice_preface(author_phrase("儿子", "大伟"), "en") == "Your son 大伟 left you a voice message:"


async def test_a_timed_voice_message_is_played_on_the_open_app_after_its_preface(db_path: Path) -> None:
    uid = elder(db_path)
    at = datetime(2030, 1, 1, 18, 0, tzinfo=SH).timestamp()
    recording = Recording(pcm=bytes(2 * 2400), rate=24000, duration_s=0.1)
    with Database(db_path) as db:
        voices, owner = VoiceMessages(db), Households(db).ensure_owner()
        post = functools.partial(voices.post, household_id=1, elder_id=uid, author_id=owner.user_id,
                                 author="您女儿小红", recording=recording)
        with pytest.raises(ValueError, match="future"):
            post(deliver_at=1.0)
        voice = post(deliver_at=at)
        assert Messages(db).pending(uid) == []
        assert list(voices.durations([voice.id, voice.id - 1])) == [voice.id]  # the refused one: nothing
    care = Care(db_path, Clock(datetime.fromtimestamp(at, SH)))
    try:
        await care.scheduler.tick()
        [prompt] = care.app.said
        preface = "您女儿小红给您留了言："
        assert (prompt.kind, prompt.text, prompt.recording) == ("message", preface, recording)
        got = Messages(care.dbt.db).get(voice.id)
        assert got is not None and got.delivered_at is not None
    finally:
        care.close()
    plan = said_plan(7, 1.0, recorded_note(prompt.text, recording, "zh", 16000))  # what the session says
    said, clip = plan.preface_parts
    assert (plan.fixed_text, said, plan.preface) == ("", preface, preface + "（语音留言）")
    assert isinstance(clip, Clip) and clip.rate == 16000 and abs(clip.audio.size - 1600) <= 2


async def test_a_generic_kind_is_scheduled_and_fired(db_path: Path) -> None:
    uid = elder(db_path)
    clock = Clock(datetime(2026, 12, 1, 9, 0, tzinfo=SH))
    care = Care(db_path, clock)
    fired: list[tuple[int, int]] = []

    async def checkin(job: Job, firing: Firing) -> Outcome:
        fired.append((job.id, firing.attempt))
        return Outcome(channel="call", done=True)

    care.scheduler.register("checkin", checkin, needs_answer=True)
    try:
        with pytest.raises(ValueError, match="unknown job kind"):
            await care.scheduler.add("nap", user_id=uid, due_at=clock())
        job = await care.scheduler.add("checkin", user_id=uid, due_at=clock() + 10, payload={"q": 3})
        assert job is not None
        assert await care.scheduler.add("checkin", user_id=uid, due_at=clock() + 10) is None  # same one
        await care.scheduler.tick()
        clock.advance(10)
        await care.scheduler.tick()
        done = care.store.get(job.id)
        assert fired == [(job.id, 1)] and done is not None and done.state == "done"
    finally:
        care.close()


async def test_two_connections_on_one_database_fire_a_job_once(db_path: Path) -> None:
    uid = elder(db_path)
    for minute in range(0, 60, 5):
        remind(db_path, uid, datetime(2026, 12, 1, 11, minute, tzinfo=SH), f"事情{minute}")
    clock = Clock(datetime(2026, 12, 1, 12, 0, tzinfo=SH))
    one, two = Care(db_path, clock), Care(db_path, clock)
    try:
        await asyncio.gather(one.scheduler.tick(), two.scheduler.tick())
        said = [p.job_id for p in one.app.said + two.app.said]
        assert len(said) == len(set(said)) == 12
    finally:
        one.close()
        two.close()


def test_two_processes_claim_each_attempt_once(db_path: Path) -> None:
    uid = elder(db_path)
    with Database(db_path) as db:
        store = JobStore(db)
        for i in range(200):
            store.add(kind="checkin", user_id=uid, due_at=1e9 + i, now=1e9)
    ctx = multiprocessing.get_context("spawn")
    out: multiprocessing.Queue[list[int]] = ctx.Queue()
    procs = [ctx.Process(target=claim_all, args=(str(db_path), f"p{i}", out)) for i in range(2)]
    for p in procs:
        p.start()
    won = [out.get(timeout=60) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    assert sorted(won[0] + won[1]) == list(range(1, 201))  # every attempt taken, none twice
