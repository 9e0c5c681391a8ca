"""The standard tool-call loop of OpenAI-compatible backends, against a real local HTTP server."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from llm_stub_server import StubServer

from assistant.llm.base import ChatMessage, ChatRequest, Usage
from assistant.llm.openai import OpenAIChatModel
from assistant.tools.base import ToolContext
from assistant.tools.calculator import CalculatorTool
from assistant.tools.clock import ClockTool
from assistant.tools.registry import ToolRegistry


async def test_a_tool_call_is_run_and_answered(stub_server: StubServer) -> None:
    registry = ToolRegistry([ClockTool(), CalculatorTool()])
    now = datetime(2026, 11, 30, 15, 40, tzinfo=ZoneInfo("Asia/Shanghai"))
    calls: list[tuple[str, str]] = []

    async def handler(name: str, arguments: str) -> str:
        calls.append((name, arguments))
        import json

        result = await registry.call(name, json.loads(arguments), ToolContext(user_key="", now=now))
        return result.for_llm()

    model = OpenAIChatModel(base_url=stub_server.url("toolcall"), model="m", api_key=None, provider="stub")
    request = ChatRequest(
        messages=[ChatMessage(role="user", content="今天几号？")],
        tools=registry.openai_tools(),
        tool_handler=handler,
    )
    usage = Usage()
    answer = "".join([d async for d in model.stream(request, usage)])
    await model.aclose()
    assert calls == [("clock", '{"what": "date"}')]
    assert answer == "好的，今天是2026年11月30日，星期一，农历十月廿二。"
    first, second = [r.body for r in stub_server.requests if r.behaviour == "toolcall"][-2:]
    assert [t["function"]["name"] for t in first["tools"]] == ["clock", "calculator"]
    assert second["messages"][-2] == {
        "role": "assistant",
        "content": None,
        "tool_calls": [
            {
                "id": "call_0001",
                "type": "function",
                "function": {"name": "clock", "arguments": '{"what": "date"}'},
            }
        ],
    }
    assert second["messages"][-1]["role"] == "tool" and second["messages"][-1]["tool_call_id"] == "call_0001"
    assert usage.prompt_tokens == 60 and usage.completion_tokens == 16  # both rounds


async def test_without_a_handler_no_tools_are_sent(stub_server: StubServer) -> None:
    model = OpenAIChatModel(base_url=stub_server.url("ok"), model="m", api_key=None, provider="stub")
    request = ChatRequest(
        messages=[ChatMessage(role="user", content="你好")], tools=ToolRegistry([ClockTool()]).openai_tools()
    )
    assert "".join([d async for d in model.stream(request, Usage())])
    await model.aclose()
    assert "tools" not in stub_server.last("ok").body


async def test_a_call_written_as_text_is_run_once_and_never_said(stub_server: StubServer) -> None:
    """A small model behind llama.cpp: the call comes as text, and again after its result. It is run
    once; then the model is asked with the result as a note and no tools, and says words, never JSON."""
    calls: list[str] = []

    async def handler(name: str, arguments: str) -> str:
        calls.append(name)
        return "今天是11月30日，星期一"

    model = OpenAIChatModel(base_url=stub_server.url("textcall"), model="m", api_key=None, provider="stub")
    request = ChatRequest(messages=[ChatMessage(role="user", content="今天几号？")],
                          tools=ToolRegistry([ClockTool()]).openai_tools(), tool_handler=handler)
    answer = "".join([d async for d in model.stream(request, Usage())])
    await model.aclose()
    assert calls == ["clock"]
    assert answer == "好的，今天是11月30日，星期一。", answer
    bodies = [r.body for r in stub_server.requests if r.behaviour == "textcall"][-3:]
    assert [bool(b.get("tools")) for b in bodies] == [True, True, False]
    assert bodies[2]["messages"][0]["role"] == "system" and "星期一" in bodies[2]["messages"][0]["content"]
