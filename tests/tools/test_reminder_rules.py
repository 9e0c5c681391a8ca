"""The general rules behind the reminder probe's fixes, one by one, on phrasings the probe does not hold."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from assistant.storage.db import Database, DatabaseThread
from assistant.storage.reminders import NewReminder, ReminderStore
from assistant.tools.base import ToolContext
from assistant.tools.reminder_words import reminder_action, task_of
from assistant.tools.reminders import RemindersTool
from assistant.tools.router import route
from assistant.tools.when import Unclear, When, parse_when

ZONE = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=ZONE)  # a Tuesday


@pytest.mark.parametrize(("said", "due"), [
    ("明天差一刻八点叫我", datetime(2026, 12, 2, 7, 45)),
    ("下午四点差十分提醒我去接孙女", datetime(2026, 12, 1, 15, 50)),
    ("再过二十分钟提醒我看锅", datetime(2026, 12, 1, 10, 20)),
    ("等三个钟头提醒我吃药", datetime(2026, 12, 1, 13, 0)),
    ("三刻钟后提醒我出门", datetime(2026, 12, 1, 10, 45)),
    ("三天后早上八点提醒我复诊", datetime(2026, 12, 4, 8, 0)),
    ("1月3号早上九点提醒我去体检", datetime(2027, 1, 3, 9, 0)),
    ("本月十五号下午两点提醒我交水费", datetime(2026, 12, 15, 14, 0)),
    ("五号上午十点提醒我去银行", datetime(2026, 12, 5, 10, 0)),
    ("八点整提醒我吃药", datetime(2026, 12, 1, 20, 0)),
    ("下礼拜二上午九点提醒我去复查", datetime(2026, 12, 8, 9, 0)),  # said on a Tuesday: next week's
    ("下周日一大早五点叫我去爬山", datetime(2026, 12, 13, 5, 0)),
    ("remind me tomorrow at 6:45 in the evening to lock the door", datetime(2026, 12, 2, 18, 45)),
    ("remind me at noon on Friday to call my brother", datetime(2026, 12, 4, 12, 0)),
    ("remind me on December 24 at 6 pm to call my sister", datetime(2026, 12, 24, 18, 0)),
    ("remind me on Monday at 9 to see the dentist", datetime(2026, 12, 7, 9, 0)),
])
def test_more_spoken_times(said: str, due: datetime) -> None:
    parsed = parse_when(said, NOW)
    assert isinstance(parsed, When) and parsed.due == due.replace(tzinfo=ZONE), parsed


@pytest.mark.parametrize("said", [
    "四月三十一号上午九点提醒我", "月初早上八点提醒我交房租", "元旦早上八点提醒我给儿子打电话",
    "两天后提醒我复诊", "周末上午十点提醒我去公园", "昨晚八点提醒我吃药", "前天下午提醒我去拿药",
])
def test_a_day_that_cannot_be_placed_is_asked_back(said: str) -> None:
    parsed = parse_when(said, NOW)
    assert isinstance(parsed, Unclear) and parsed.guess is None, parsed


@pytest.mark.parametrize(("said", "action"), [
    ("十分钟后提醒我把火关掉", "set"),  # an undo word about the task, not the reminder
    ("八点提醒我删照片", "set"),
    ("in ten minutes remind me to turn off the oven", "set"),
    ("吃药的闹钟关掉吧", "cancel"),
    ("以后别再叫我起床了", "cancel"),
    ("don't remind me about the pills anymore", "cancel"),
    ("我都设了几个闹钟", "list"),
    ("read me my reminders", "list"),
    ("替我记着，周五上午十点去社区体检", "set"),
    ("记住了，下午三点我要去理发", "set"),
    ("我记住了", None),  # no time: a plain remark, not a reminder
])
def test_which_action_the_words_ask(said: str, action: str | None) -> None:
    assert reminder_action(said) == action
    if action is None:
        return
    call = route(said)
    assert call is not None and call.name == "reminders" and call.args["action"] == action


@pytest.mark.parametrize(("rest", "task"), [
    ("我要去看牙，到时候", "去看牙"),
    ("一声，锅里炖着汤呢", "锅里炖着汤呢"),
    ("帮我记一下，去医院拿药", "去医院拿药"),
    ("set a reminder for to take my vitamins", "take my vitamins"),
    ("Can you remind me to take my medicine", "take my medicine"),  # a blind probe: "remind you to Can you…"
    ("Could you please set a reminder to water the plants", "water the plants"),
])
def test_the_task_loses_the_request_words(rest: str, task: str) -> None:
    assert task_of(rest) == task


@pytest.fixture
async def dbt(tmp_path: Path) -> AsyncIterator[DatabaseThread]:
    thread = DatabaseThread(Database(tmp_path / "r.db"))
    yield thread
    await thread.aclose()


@pytest.mark.parametrize(("said", "answer"), [
    ("每周三和周五下午三点提醒我去跳舞", "我现在只能定一次的、每天的或者每周某一天的提醒，这个还做不到。"),
    ("每天三次提醒我吃药", "一个提醒只能定一个时间。请一个一个跟我说，比如“每天早上八点提醒我吃药”。"),
    ("月底提醒我交房租", "您想让我哪一天、几点提醒您？"),
])
async def test_what_the_store_cannot_hold_is_said_plainly_and_nothing_saved(
        dbt: DatabaseThread, said: str, answer: str) -> None:
    user = await dbt.run(dbt.db.ensure_user, "奶奶")
    me = ToolContext(user_key=str(user.id), now=NOW)
    result = await RemindersTool(dbt).run({"action": "set", "request": said}, me)
    assert not result.ok and result.text == answer
    assert await dbt.run(ReminderStore(dbt.db).list_active, user.id) == []


async def test_cancel_by_time_prefers_the_one_off_and_a_long_list_says_how_many_more(
        dbt: DatabaseThread) -> None:
    user = await dbt.run(dbt.db.ensure_user, "奶奶")
    store = ReminderStore(dbt.db)
    for text, hour, repeat in (("吃药", 8, "daily"), ("喝水", 15, "daily"), ("泡脚", 21, "daily"),
                               ("散步", 17, "daily"), ("量体温", 9, "daily")):
        await dbt.run(store.add, NewReminder(user_id=user.id, text=text, due=NOW.replace(hour=hour),
                                             repeat=repeat))
    await dbt.run(store.add, NewReminder(user_id=user.id, text="去银行", due=datetime(2026, 12, 2, 9, 0,
                                                                                   tzinfo=ZONE)))
    me = ToolContext(user_key=str(user.id), now=NOW)
    tool = RemindersTool(dbt)
    listed = await tool.run({"action": "list"}, me)
    assert listed.text.startswith("您有6个提醒：") and listed.text.endswith("；还有1个。"), listed.text
    cancelled = await tool.run({"action": "cancel", "request": "明天上午那个提醒不要了"}, me)
    assert cancelled.text == "好的，已经取消了去银行的提醒。"
    evening = await tool.run({"action": "cancel", "request": "把晚上九点的提醒删了"}, me)
    assert evening.text == "好的，已经取消了泡脚的提醒。"
    assert sorted(r.text for r in await dbt.run(store.list_active, user.id)) == [
        "吃药", "喝水", "散步", "量体温"]


@pytest.mark.parametrize(("said", "due", "task"), [
    ("明儿晚上八点提醒我吃药", datetime(2026, 12, 2, 20, 0), "吃药"),
    ("后儿个早上七点提醒我去体检", datetime(2026, 12, 3, 7, 0), "去体检"),
    ("今儿下午三点提醒我，如今儿女都忙，给闺女打个电话", datetime(2026, 12, 1, 15, 0), "如今儿女"),
    ("明儿个后晌两点叫我去取药", datetime(2026, 12, 2, 14, 0), "去取药"),  # 后晌: the afternoon
    ("晌午头十二点半提醒我热饭", datetime(2026, 12, 1, 12, 30), "热饭"),  # 晌午: noon
])
def test_northern_colloquial_days(said: str, due: datetime, task: str) -> None:
    parsed = parse_when(said, NOW)
    assert isinstance(parsed, When) and parsed.due == due.replace(tzinfo=ZONE)
    assert task in task_of(parsed.rest)


async def test_cancel_all_in_english_cancels_all(dbt: DatabaseThread) -> None:
    user = await dbt.run(dbt.db.ensure_user, "Grandpa")
    store = ReminderStore(dbt.db)
    for text in ("take my pills", "walk the dog"):
        await dbt.run(store.add, NewReminder(user_id=user.id, text=text, due=NOW.replace(hour=20)))
    me = ToolContext(user_key=str(user.id), now=NOW, language="en")
    result = await RemindersTool(dbt).run({"action": "cancel", "request": "cancel all my reminders"}, me)
    assert result.text == "OK, I cancelled 2 reminders: take your pills; walk the dog."
    assert await dbt.run(store.list_active, user.id) == []


@pytest.mark.parametrize(("said", "answer"), [
    ("明早都有啥提醒", "您明天有2个提醒：明天早上7点，去银行；每天早上8点，吃药。"),  # in the hour's order
    ("今儿晚上还有提醒吗", "您今天有1个提醒：每天晚上9点，泡脚。"),
    ("星期四有什么要提醒我的",
     "您后天有3个提醒：每天早上8点，吃药；每周四上午10点，打太极；每天晚上9点，泡脚。"),
    ("12月2号有哪些提醒",
     "您明天有3个提醒：明天早上7点，去银行；每天早上8点，吃药；每天晚上9点，泡脚。"),
    ("Do I have any reminders on Thursday?",
     "You have 3 reminders on Thursday, December 3: take your pills every day at 8:00 a.m.; "
     "do tai chi every Thursday at 10:00 a.m.; soak your feet every day at 9:00 p.m."),
    ("大后天有提醒吗", "您12月4日星期五有2个提醒：每天早上8点，吃药；每天晚上9点，泡脚。"),
    # the daily one at 8 went off already: its next time is tomorrow
    ("今天早上有什么提醒", "您今天没有提醒。"),
])
async def test_a_listing_names_only_the_reminders_of_the_day_asked(
        dbt: DatabaseThread, said: str, answer: str) -> None:
    user = await dbt.run(dbt.db.ensure_user, "奶奶")
    store = ReminderStore(dbt.db)
    english = said.isascii()
    for text, due, repeat, weekday in (
            ("take my pills" if english else "吃药", datetime(2026, 12, 2, 8, 0), "daily", None),
            ("soak my feet" if english else "泡脚", datetime(2026, 12, 1, 21, 0), "daily", None),
            ("go to the bank" if english else "去银行", datetime(2026, 12, 2, 7, 0), "once", None),
            ("do tai chi" if english else "打太极", datetime(2026, 12, 3, 10, 0), "weekly", 3)):
        await dbt.run(store.add, NewReminder(user_id=user.id, text=text, due=due.replace(tzinfo=ZONE),
                                             repeat=repeat, weekday=weekday))
    me = ToolContext(user_key=str(user.id), now=NOW, language="en" if english else "zh")
    call = route(said)
    assert call is not None and call.args["action"] == "list"
    listed = await RemindersTool(dbt).run(call.args, me)
    assert listed.text == answer


@pytest.mark.parametrize(("said", "task"), [("明早六点叫醒我", "起床"), ("明天六点叫我起来", "起床"),
                                            ("Wake me up at 6 tomorrow", "get up"),
                                            ("明天八点提醒我叫醒孙子", "叫醒孙子")])
def test_a_wake_up_call_is_the_task_of_getting_up(said: str, task: str) -> None:
    parsed = parse_when(said, datetime(2026, 12, 1, 14, 0))
    assert isinstance(parsed, When) and task_of(parsed.rest) == task


def test_dusk_said_the_country_way_is_guessed_and_asked() -> None:
    parsed = parse_when("傍黑儿提醒我把鸡赶回窝", NOW)  # 傍黑: dusk, no hour said
    assert isinstance(parsed, Unclear) and parsed.guess == datetime(2026, 12, 1, 18, 0, tzinfo=ZONE)
    assert "傍黑" not in parsed.rest and "黑" not in task_of(parsed.rest)
