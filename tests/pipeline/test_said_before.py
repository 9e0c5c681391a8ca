"""Asked what was said before, in a conversation where the assistant has said nothing yet
(assistant/pipeline/said_before.py): answered in code, never "是的" (pure logic)."""

from __future__ import annotations

import pytest

from assistant.llm.base import ChatMessage
from assistant.pipeline.said_before import asks_what_was_said, nothing_said_yet


@pytest.mark.parametrize("text", [
    "我刚才是不是跟你说过这个？",  # a blind probe's: the 1.5B said "是的，我刚刚跟你说过这个。" (stop 24)
    "我是不是问过你这个问题？", "我刚才问的什么？", "我跟你说过我有高血压吗？",
    "Did I already tell you about my son?", "Have I asked you this before?"])
def test_whether_she_said_or_asked_it_before_is_answered_in_an_empty_conversation(text: str) -> None:
    language = "en" if text.isascii() else "zh"
    reply = nothing_said_yet(text, language, [])
    assert reply is not None and "是的" not in reply and "Yes" not in reply, reply


@pytest.mark.parametrize("text", ["我跟你说过吧，我孙子考上大学了。", "我说过要去北京。",
                                  "I told you about my son.", "我女儿说过她周末回来吗？"])
def test_what_she_tells_or_what_others_said_is_left_to_the_llm(text: str) -> None:
    assert not asks_what_was_said(text)


def test_once_the_assistant_has_answered_the_llm_answers_from_the_conversation() -> None:
    said = [ChatMessage(role="user", content="我有高血压。"),
            ChatMessage(role="assistant", content="记住了。")]
    assert nothing_said_yet("我刚才是不是跟你说过这个？", "zh", said) is None
