"""Slot choice for the embedded model (assistant/llm/slots.py): pure logic, no model."""

from __future__ import annotations

import threading

import pytest

from assistant.llm.slots import SlotTable, choose, shared_turns

SYSTEM = ("system", "你是一位耐心、亲切的语音助手")
CLOCK = ("system", "现在是2026年12月2日 星期三 下午1点20分。")


def conversation(*said: str) -> tuple[tuple[str, str], ...]:
    messages = [SYSTEM]
    for i, text in enumerate(said):
        messages += [CLOCK, ("user", text)] if i % 2 == 0 else [("assistant", text)]
    return tuple(messages)


def test_only_a_shared_question_makes_a_slot_a_conversations_own() -> None:
    grandma = conversation("今天几号？", "今天是十二月二日。", "明天呢？")
    assert shared_turns(conversation("今天几号？"), grandma) == 3
    # the system prompt and the same minute's clock line are every conversation's
    assert shared_turns(conversation("长城在哪里？"), grandma) == 0
    assert shared_turns((), grandma) == 0
    # a prefill ends with an empty user message: the earlier question still makes it this conversation's
    prefill = (*conversation("今天几号？", "今天是十二月二日。"), CLOCK, ("user", ""))
    assert shared_turns(prefill, grandma) == 5
    # the prefill of a first question (sent as she starts speaking) is that question's slot
    first = (SYSTEM, CLOCK, ("user", ""))
    assert shared_turns(first, conversation("几点了？")) == 2
    assert shared_turns((SYSTEM, ("user", "你好")), conversation("几点了？")) == 0


def test_a_call_goes_to_its_own_slot_and_waits_for_it_when_busy() -> None:
    held = [conversation("长城在哪里？"), conversation("今天几号？"), (SYSTEM, ("user", "你好"))]
    follow_up = conversation("今天几号？", "今天是十二月二日。", "明天呢？")
    assert choose(held, [False, False, False], [0.0, 0.0, 0.0], follow_up, wait_for_own=True) == 1
    assert choose(held, [False, True, False], [0.0, 0.0, 0.0], follow_up, wait_for_own=True) is None
    # waited long enough: a free slot, one that holds no conversation first
    assert choose(held, [False, True, False], [0.0, 0.0, 0.0], follow_up, wait_for_own=False) == 2


def test_a_new_conversation_takes_a_slot_with_its_system_prompt_and_no_conversation() -> None:
    warmed = (SYSTEM, ("user", "你好"))
    photo = (("system", "用户发来了一张照片"), ("user", "你好"))
    held = [conversation("长城在哪里？"), warmed, conversation("几点了？"), photo]
    new = conversation("你好")
    assert choose(held, [False] * 4, [5.0, 7.0, 2.0, 1.0], new, wait_for_own=True) == 1
    # then the least recently used of those with the same system prompt
    assert choose(held, [False, True, False, False], [5.0, 7.0, 2.0, 1.0], new, wait_for_own=True) == 2
    assert choose(held, [True, True, True, False], [5.0, 7.0, 2.0, 1.0], new, wait_for_own=True) == 3
    assert choose(held, [True] * 4, [5.0, 7.0, 2.0, 1.0], new, wait_for_own=True) is None
    photo_question = (("system", "用户发来了一张照片"), ("user", "帮我念一下"))
    assert choose(held, [False] * 4, [5.0, 7.0, 2.0, 1.0], photo_question, wait_for_own=True) == 3


def test_the_table_keeps_conversations_in_their_slots() -> None:
    now = [0.0]
    table = SlotTable(2, own_wait_s=3.0, clock=lambda: now[0])
    stop = threading.Event()
    a, b = conversation("长城在哪里？"), conversation("今天几号？")
    slot_a = table.take(stop, a)
    slot_b = table.take(stop, b)
    assert {slot_a, slot_b} == {0, 1} and not table.has_free
    assert slot_a is not None and slot_b is not None
    now[0] = 1.0
    table.release(slot_a)
    table.release(slot_b)
    assert table.take(stop, conversation("今天几号？", "今天是十二月二日。", "明天呢？")) == slot_b
    assert table.take(stop, conversation("长城在哪里？", "在北京。", "多长？")) == slot_a


def test_a_cancelled_wait_takes_nothing() -> None:
    table = SlotTable(1, own_wait_s=0.0)
    stop = threading.Event()
    assert table.take(stop, conversation("你好")) == 0
    stop.set()
    assert table.take(stop, conversation("在吗")) is None
    table.release(0)
    assert table.has_free


def test_calls_left_to_llama_cpp_and_pinned_calls_do_not_overlap() -> None:
    table = SlotTable(2)
    stop = threading.Event()
    warm = (SYSTEM, ("user", "你好"))
    assert table.take(stop, warm, choose_slot=False) == -1  # llama.cpp chooses
    assert table.has_free
    waiting = threading.Event()
    got: list[int | None] = []

    def pinned() -> None:
        waiting.set()
        got.append(table.take(stop, warm, pinned=1))

    worker = threading.Thread(target=pinned)
    worker.start()
    waiting.wait()
    worker.join(timeout=0.3)
    assert worker.is_alive()  # it waits: the unpinned call may be in slot 1
    table.release(-1)
    worker.join(timeout=2)
    assert got == [1]
    table.release(1)
    # the warm-up rounds left the prompt in every slot: a new conversation may take any of them
    assert table.take(stop, conversation("你好")) in (0, 1)


def test_no_slots_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        SlotTable(0)


def test_a_conversation_keeps_its_slot_when_its_prompt_changes_at_the_first_question() -> None:
    """The first request carried a tool's result before the question (or the question as read after a
    misheard word); the history records the question as heard, so the prompts share no question."""
    table = SlotTable(3)
    stop = threading.Event()
    with_tool = (SYSTEM, CLOCK, ("system", "工具（clock）的结果：下午一点。"), ("user", "几点了？"))
    mine = table.take(stop, with_tool, conversation="s1")
    other = table.take(stop, conversation("长城在哪里？"), conversation="s2")
    assert mine is not None and other is not None
    table.release(mine)
    table.release(other)
    follow_up = conversation("几点了？", "下午一点。", "明天星期几？")
    assert table.take(stop, follow_up, conversation="s1") == mine
    # busy with its own call: it waits, never takes another's slot
    assert choose([follow_up, conversation("长城在哪里？"), ()], [True, False, False], [0.0] * 3, follow_up,
                  wait_for_own=True, owners=["s1", "s2", ""], conversation="s1") is None
    # a conversation whose slot another took starts again in a free one
    assert choose([conversation("你好"), (SYSTEM, ("user", "你好"))], [False, False], [0.0, 1.0], follow_up,
                  wait_for_own=True, owners=["s3", ""], conversation="s1") == 1


def test_another_conversations_first_prefill_is_not_taken_for_ones_own() -> None:
    """Two conversations start in the same minute: their first prefills are alike ([system prompt,
    clock line, empty question]). The second one's question must not take the first one's slot."""
    warmed = (SYSTEM, ("user", "你好"))
    first_prefill = (SYSTEM, CLOCK, ("user", ""))
    held = [first_prefill, warmed, warmed]
    question = conversation("长城在哪里？")
    assert choose(held, [False] * 3, [9.0, 1.0, 2.0], question, wait_for_own=True,
                  owners=["s1", "", ""], conversation="s2") == 1
    # without conversations, the alike prefill is taken for this call's own (the old rule)
    assert choose(held, [False] * 3, [9.0, 1.0, 2.0], question, wait_for_own=True) == 0
