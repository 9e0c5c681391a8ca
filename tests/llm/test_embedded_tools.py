"""Native tool calling on the embedded model (the shipped 1.5B: the 0.5B writes prose about the tool
instead of calling it): the call reaches the handler, its result the answer."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from assistant.config import DEFAULT_LLM
from assistant.llm.base import ChatMessage, ChatRequest, ToolCallRequest, Usage
from assistant.llm.embedded import LlamaChatModel
from assistant.llm.text_calls import hold_calls, raw_calls, results_as_note

TOOL = {"type": "function", "function": {
    "name": "get_medicine_schedule", "description": "查询用户每天吃药的时间和药名。用户问吃药的事情时调用。",
    "parameters": {"type": "object", "properties": {}, "required": []}}}


def test_raw_tool_call_markup_is_read() -> None:
    text = '<tool_call>\n{"name": "get_weather", "arguments": {"city": "北京"}}\n</tool_call>'
    calls = raw_calls(text)
    assert calls[0]["name"] == "get_weather" and json.loads(calls[0]["arguments"]) == {"city": "北京"}
    assert raw_calls("<tool_call>{not json}</tool_call>") == {}


def test_a_call_written_as_a_bare_or_fenced_json_answer_is_read() -> None:
    names = frozenset({"get_weather"})
    fenced = '```json\n{"name": "get_weather", "arguments": {"city": "北京"}}\n```'
    assert json.loads(raw_calls(fenced, names)[0]["arguments"]) == {"city": "北京"}
    assert raw_calls('{"name": "get_weather", "arguments": {}}', names)[0]["name"] == "get_weather"
    assert raw_calls('{"name": "rm_rf", "arguments": {}}', names) == {}  # not a declared tool
    assert raw_calls('好的，{"name": "get_weather"} 是函数名。', names) == {}  # prose, not a call
    doubled = '{{"name": "get_weather", "arguments": {"city": "上海", "day": "明天"}}}'  # the 1.5B's habit
    assert json.loads(raw_calls(doubled, names)[0]["arguments"]) == {"city": "上海", "day": "明天"}


def test_text_that_may_be_a_call_is_held_and_never_said() -> None:
    async def deltas(*parts: str) -> AsyncIterator[str]:
        for part in parts:
            yield part

    async def said(*parts: str) -> tuple[str, dict[int, dict[str, str]]]:
        calls: dict[int, dict[str, str]] = {}
        text = "".join([t async for t in hold_calls(deltas(*parts), frozenset({"get_weather"}), calls)])
        return text, calls

    fenced = ("```json\n{", '"name": "get_weather", ', '"arguments": {"city": "北京"}}\n```')
    text, calls = asyncio.run(said(*fenced))
    assert text == "" and calls[0]["name"] == "get_weather"
    assert asyncio.run(said("今天", "天气", "不错。")) == ("今天天气不错。", {})  # prose passes at once
    assert asyncio.run(said("{", '"name": "rm_rf"}')) == ('{"name": "rm_rf"}', {})  # not declared: said


def test_tool_results_become_a_note_before_the_question() -> None:
    call = ToolCallRequest(id="c1", name="get_weather", arguments="{}")
    messages = [ChatMessage(role="system", content="助手"), ChatMessage(role="user", content="明天天气？"),
                ChatMessage(role="assistant", content="", tool_calls=(call,)),
                ChatMessage(role="tool", content="晴，20度", tool_call_id="c1")]
    noted = results_as_note(messages)
    assert [m.role for m in noted] == ["system", "system", "user"] and "晴，20度" in noted[1].content
    assert results_as_note(messages[:2]) == messages[:2]


@pytest.fixture(scope="session")  # closed at the end of the run: closing an in-process llama.cpp server
def default_llm(model_store: Any) -> Iterator[LlamaChatModel]:  # earlier broke later ones in this process
    model = LlamaChatModel(model_store.path("llm", model=DEFAULT_LLM), context=2048, n_parallel=1, threads=2)
    yield model
    model.close()


def test_embedded_model_calls_a_tool_and_answers_with_its_result(default_llm: LlamaChatModel) -> None:
    embedded_llm = default_llm
    seen: list[tuple[str, str]] = []

    async def handler(name: str, arguments: str) -> str:
        seen.append((name, arguments))
        return "每天早上八点吃降压药，晚上九点吃钙片。"

    system = ChatMessage(role="system", content="你是老人的语音助手，用简体中文简短回答。")
    request = ChatRequest(messages=[system, ChatMessage(role="user", content="我每天什么时候吃药？")],
                          max_tokens=60, temperature=0.0, tools=[TOOL], tool_handler=handler,
                          tool_choice="required")

    async def run() -> str:
        return "".join([d async for d in embedded_llm.stream(request, Usage())])

    answer = asyncio.run(run())
    assert [name for name, _ in seen] == ["get_medicine_schedule"], (seen, answer)
    assert "<tool_call>" not in answer and "{" not in answer and "name" not in answer  # words, never a call
    assert "八点" in answer or "8点" in answer or "降压药" in answer, answer
