"""A turn of two or three requests (pipeline/compound.py) through the session's text turn, with the real
tools and a SQLite database: each request answered in code is answered, in order; a reminder is saved only
when its own words are clear, and said back; the rest goes to the LLM with the code's answers as context."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from assistant.config import load_settings
from assistant.llm.base import ChatMessage, ChatRequest, Usage
from assistant.pipeline.compound import parts
from assistant.pipeline.reply import ReplyPlan, ReplyRun
from assistant.pipeline.tooling import SessionTools, Toolbox, plan_text_turn
from assistant.pipeline.turn import TurnMetrics
from assistant.storage.profile import resolve_user_id
from assistant.storage.reminders import ReminderStore


@pytest.fixture
def toolbox(tmp_path: Path) -> Iterator[Toolbox]:
    settings = load_settings(environ={}, overrides={"server": {"data_dir": str(tmp_path)},
                                                    "tools": {"timezone": "Asia/Shanghai"}})
    box = Toolbox.open(settings)
    yield box
    box.close()


async def _request(text: str, language: str) -> ChatRequest:
    return ChatRequest(messages=[ChatMessage(role="system", content="你是小助手。"),
                                 ChatMessage(role="user", content=text)])


def _plan(tools: SessionTools, text: str) -> tuple[ReplyPlan, dict[str, Any]]:
    extra: dict[str, Any] = {}
    plan = asyncio.run(plan_text_turn(tools, text, language="en" if text.isascii() else "zh", reply_id=1,
                                      speed=1.0, extra=extra, committed=None, remote=False, request=_request))
    return plan, extra


def _saved(toolbox: Toolbox, tools: SessionTools) -> list[str]:
    dbt = toolbox.database
    assert dbt is not None

    async def read() -> list[str]:
        user_id = await dbt.run(resolve_user_id, dbt.db, tools.user_key)
        return [r.text for r in await dbt.run(ReminderStore(dbt.db).list_active, user_id)]
    return asyncio.run(read())


def test_both_requests_are_answered_in_order_and_each_reminder_is_said_back(toolbox: Toolbox) -> None:
    tools = toolbox.session("")
    plan, extra = _plan(tools, "现在几点了，还有，晚上九点提醒我泡脚，另外明天早上八点提醒我去医院")
    assert extra["compound"] == ["clock", "reminders", "reminders"] and plan.request is None
    said = plan.fixed_text
    assert said.startswith("现在是") and said.index("泡脚") < said.index("去医院"), said
    assert said.count("提醒您") == 2, said
    assert sorted(_saved(toolbox, tools)) == ["去医院", "泡脚"]
    plan, extra = _plan(tools, "What time is it, and then remind me at 9 pm to soak my feet")
    assert extra["compound"] == ["clock", "reminders"] and "soak your feet" in plan.fixed_text


def test_an_unclear_reminder_saves_nothing_and_its_question_comes_last(toolbox: Toolbox) -> None:
    tools = toolbox.session("")
    plan, extra = _plan(tools, "先提醒我吃药，再告诉我明天天气")
    assert extra["compound"] == ["reminders", "weather"]
    assert plan.fixed_text.endswith("？") and "天气" in plan.fixed_text.split("。")[0], plan.fixed_text
    assert _saved(toolbox, tools) == []


def test_only_the_first_unclear_reminder_waits_for_yes(toolbox: Toolbox) -> None:
    tools = toolbox.session("")
    plan, _ = _plan(tools, "提醒我吃完晚饭吃药，还有一会儿提醒我关火")
    first, asked = plan.fixed_text.split("。", 1)  # the question, whatever the hour, comes last
    assert first == "关火的提醒我还没记下，待会儿请您再说一遍", first
    assert re.fullmatch(r"您是说.+7点吗？", asked), asked
    assert _saved(toolbox, tools) == []
    assert tools.pending is not None and tools.pending["task"] == "吃药"
    _plan(tools, "是的")
    assert _saved(toolbox, tools) == ["吃药"]


def test_a_request_only_the_llm_answers_comes_after_the_codes_answer(toolbox: Toolbox) -> None:
    tools = toolbox.session("")
    plan, extra = _plan(tools, "帮我算一下三十八乘以十二，然后给我讲个笑话")
    assert extra["compound"] == ["calculator", "llm"]
    assert "四百五十六" in plan.lead and plan.question == "给我讲个笑话" and plan.request is not None
    messages = plan.request.messages
    assert messages[-1].content == "给我讲个笑话" and "四百五十六" in messages[-2].content
    assert messages[0].content == "你是小助手。"


def test_a_turn_the_code_answers_no_part_of_goes_whole_to_the_llm(toolbox: Toolbox) -> None:
    tools = toolbox.session("")
    for text in ("先给我唱首歌，再给我讲个笑话", "我先吃饭再吃药可以吗？"):
        plan, extra = _plan(tools, text)
        assert "compound" not in extra and plan.question == text and not plan.lead


def test_a_question_word_after_还有_stays_in_its_question_and_a_bare_particle_is_no_request() -> None:
    assert parts("今天几号，还有几天过年") == ["今天几号", "还有几天过年"]
    assert parts("明天天气怎么样，还有什么要注意的") == ["明天天气怎么样", "还有什么要注意的"]
    assert parts("今天星期几然后明天天气怎么样") == ["今天星期几", "明天天气怎么样"]  # no pause written
    assert parts("现在几点，另外呢") == ["现在几点，另外呢"]
    assert parts("I went to the doctor, and then I took my pills. What time is it?") == [
        "I went to the doctor, and then I took my pills. What time is it?"]


class _Joke:
    name = "joke"

    async def stream(self, request: ChatRequest, usage: Usage) -> Any:
        for piece in ("从前有座山，", "山里有座庙。"):
            yield piece


def test_the_codes_answers_are_spoken_before_the_llms() -> None:
    events: list[Any] = []

    async def emit(event: Any) -> None:
        events.append(event)

    plan = ReplyPlan(reply_id=1, speed=1.0, lead="现在是上午9点。", question="给我讲个笑话",
                     request=ChatRequest(messages=[ChatMessage(role="user", content="给我讲个笑话")]))
    run = ReplyRun(llm=_Joke(), tts=None, emit=emit, plan=plan, metrics=TurnMetrics())  # type: ignore[arg-type]

    async def produce() -> None:
        queue: asyncio.Queue[object] = asyncio.Queue()
        await run._produce(queue)  # type: ignore[arg-type]

    asyncio.run(produce())
    assert run.text.startswith("现在是上午9点。从前有座山"), run.text
