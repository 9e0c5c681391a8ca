"""``conversation.item.delete`` over ``/v1/realtime``, driven by the official ``openai`` package.

The LLM (the embedded 0.5B model over the real OpenAI HTTP API) sits behind :class:`LlmProxy`, which
records every request: the tests read the exact messages the LLM got after a deletion, which says more
than a small model's answer. Each deletion test has its control, the same conversation without it.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from assistant.knowledge.facts import without_facts
from tests.conftest import ServerInfo, overlap, speak
from tests.server.llm_proxy import LlmProxy
from tests.server.realtime_helpers import (
    Collected,
    assert_error_shape,
    connect,
    stream,
    until,
)

TEXT_ONLY = {"type": "realtime", "output_modalities": ["text"], "audio": {"input": {"turn_detection": None}}}
NAME = "李桂兰"
FACT = f"我的名字叫{NAME}。"
AGE = "我今年七十五岁。"
ASK = "我叫什么名字？"


async def add(conn: Any, text: str, *, item_id: str | None = None) -> None:
    item: dict[str, Any] = {"type": "message", "role": "user",
                            "content": [{"type": "input_text", "text": text}]}
    if item_id:
        item["id"] = item_id
    await conn.conversation.item.create(item=item)


async def respond(conn: Any, got: Collected) -> Any:
    """``response.create``; the response when it is done."""
    await conn.response.create()
    await until(conn, "response.done", got, count=len(got.of("response.done")) + 1)
    return got.of("response.done")[-1].response


async def say(conn: Any, got: Collected, text: str) -> Any:
    await add(conn, text)
    return await respond(conn, got)


def answer_of(response: Any) -> str:
    return "".join(p.text or "" for item in response.output for p in item.content or [])


def request_for(proxy: LlmProxy, question: str, since: int) -> list[dict[str, Any]]:
    """The messages of the (last) answer request whose question is ``question``."""
    found = [b["messages"] for b in proxy.bodies[since:]
             if b.get("max_tokens", 0) > 1 and without_facts(b["messages"][-1]["content"]) == question]
    assert found, [b["messages"][-1] for b in proxy.bodies[since:]]
    return list(found[-1])


def said(messages: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The conversation in a request: user and assistant messages, in order (her words as she said them,
    without the common facts a question gets in its own request)."""
    return [(m["role"], without_facts(str(m["content"])))
            for m in messages if m["role"] in ("user", "assistant")]


@pytest.mark.parametrize("delete", [True, False], ids=["deleted", "control"])
def test_a_deleted_older_item_is_gone_from_what_the_llm_sees(
        rt_server: ServerInfo, proxy: LlmProxy, delete: bool) -> None:
    async def run() -> tuple[Collected, list[Any], int]:
        async with connect(rt_server) as conn:
            got = await until(conn, "session.created")
            await conn.session.update(session=TEXT_ONLY)
            await add(conn, FACT, item_id="item_fact_1")
            responses = [await respond(conn, got)]
            await add(conn, AGE)  # the latest item now
            if delete:  # the fact and its answer: older items, already in the history
                await conn.conversation.item.delete(item_id="item_fact_1")
                await conn.conversation.item.delete(item_id=responses[0].output[0].id)
                await until(conn, "conversation.item.deleted", got, count=2)
                await conn.send({"type": "conversation.item.delete", "item_id": "item_fact_1",
                                 "event_id": "evt_9"})
                await until(conn, "error", got)
            since = len(proxy.bodies)
            responses.append(await respond(conn, got))
            responses.append(await say(conn, got, ASK))
            return got, responses, since

    got, responses, since = asyncio.run(run())
    messages = request_for(proxy, AGE, since)  # what the LLM saw once the fact was deleted
    first, second, third = (answer_of(r).strip() for r in responses)
    assert all(r.status == "completed" for r in responses)
    if delete:
        assert [e.item_id for e in got.of("conversation.item.deleted")] == \
            ["item_fact_1", responses[0].output[0].id]
        error = got.of("error")[0]  # the second delete of the same item: it is not there any more
        assert_error_shape(error)
        assert (error.error.code, error.error.param, error.error.event_id) == \
            ("item_not_found", "item_id", "evt_9")
        assert NAME not in str(messages), messages
        assert said(messages) == [("user", AGE)]
        # nothing left says her name: asked it, she is told so in code (own_life), not by the LLM's guess
        assert not [b for b in proxy.bodies[since:] if b["messages"][-1]["content"] == ASK]
        assert NAME not in third and "不知道" in third, third
    else:  # the control: the same conversation, and the LLM has the fact
        assert said(messages) == [("user", FACT), ("assistant", first), ("user", AGE)]
        asked = request_for(proxy, ASK, since)
        assert said(asked) == [("user", FACT), ("assistant", first), ("user", AGE), ("assistant", second),
                               ("user", ASK)]
        assert NAME in third, third


def test_deleting_an_answer_still_being_produced_cancels_it(rt_server: ServerInfo, proxy: LlmProxy) -> None:
    story, capital = "请给我详细讲讲黄河的故事。", "中国的首都是哪个城市？"

    async def run() -> tuple[Collected, int]:
        async with connect(rt_server) as conn:
            got = await until(conn, "session.created")
            await conn.session.update(session=TEXT_ONLY)
            await conn.conversation.item.create(item={"type": "message", "role": "user",
                                                      "content": [{"type": "input_text", "text": story}]})
            await conn.response.create()
            await until(conn, "response.output_text.delta", got)
            await conn.conversation.item.delete(item_id=got.of("response.output_text.delta")[0].item_id)
            await until(conn, "conversation.item.deleted", got)
            await until(conn, "response.done", got)
            since = len(proxy.bodies)
            await say(conn, got, capital)
            return got, since

    got, since = asyncio.run(run())
    cancelled = got.of("response.done")[0].response
    assert cancelled.status == "cancelled" and cancelled.status_details.reason == "client_cancelled"
    deleted = got.of("conversation.item.deleted")[0].item_id
    later = got.events[got.events.index(got.of("conversation.item.deleted")[0]):]
    assert not [e for e in later if e.type == "response.output_text.delta" and e.item_id == deleted]
    messages = request_for(proxy, capital, since)
    assert said(messages) == [("user", story), ("user", capital)], messages  # the question stays
    assert got.of("response.done")[-1].response.status == "completed"


def test_a_deleted_spoken_item_takes_its_transcript_out_of_the_history(
        rt_server: ServerInfo, proxy: LlmProxy, voices: Any) -> None:
    spoken = speak(voices, FACT, rate=24000)

    async def run() -> tuple[Collected, int, int]:
        async with connect(rt_server) as conn:
            got = await until(conn, "session.created")
            await conn.session.update(session={"type": "realtime", "output_modalities": ["text"]})
            await until(conn, "session.updated", got)
            start = len(proxy.bodies)
            await stream(conn, spoken)
            first = (await until(conn, "response.done", got)).of("response.done")[0].response
            await add(conn, AGE)
            await conn.conversation.item.delete(item_id=got.of("input_audio_buffer.committed")[0].item_id)
            await conn.conversation.item.delete(item_id=first.output[0].id)
            await until(conn, "conversation.item.deleted", got, count=2)
            since = len(proxy.bodies)
            await respond(conn, got)
            return got, start, since

    got, start, since = asyncio.run(run())
    heard = got.of("conversation.item.input_audio_transcription.completed")[0].transcript
    assert overlap(FACT, heard) >= 0.6, heard
    assert heard in str(proxy.bodies[start:since]), "the spoken fact was asked"
    messages = request_for(proxy, AGE, since)  # the next answer's request, after the deletion
    assert heard not in str(messages) and NAME not in str(messages), messages
    assert said(messages) == [("user", AGE)], messages
