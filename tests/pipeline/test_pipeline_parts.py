"""The pipeline's small parts: the outbox, what a listener heard, and fixed intents."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

from assistant.errors import SlowClient
from assistant.pipeline import intents
from assistant.pipeline.outbox import Outbox
from assistant.pipeline.turn import SpokenLog
from assistant.protocol.messages import AudioOut, Interrupted, ReplyDelta, SpeechStarted


def _audio(reply_id: int) -> AudioOut:
    return AudioOut(reply_id=reply_id, clause=0, audio=np.zeros(10, dtype=np.float32), rate=24000)


def test_outbox_drops_only_the_interrupted_replys_frames() -> None:
    async def run() -> list[object]:
        box = Outbox(max_events=10)
        await box.put(_audio(1))
        await box.put(ReplyDelta(reply_id=1, text="a"))
        await box.put(SpeechStarted(at_ms=5))
        await box.put(_audio(2))
        assert await box.drop_reply(1) == 2
        await box.put(Interrupted(reply_id=1))
        await box.close()
        out = []
        while (event := await box.get()) is not None:
            out.append(event)
        return out

    out = asyncio.run(run())
    assert [type(e).__name__ for e in out] == ["SpeechStarted", "AudioOut", "Interrupted"]


def test_outbox_gives_up_on_a_client_that_never_reads() -> None:
    async def run() -> None:
        box = Outbox(max_events=2, stall_timeout_s=0.2)
        await box.put(_audio(1))
        await box.put(_audio(1))
        await box.put(_audio(1))  # full: waits, then gives up

    with pytest.raises(SlowClient):
        asyncio.run(run())


def test_heard_text_is_cut_where_playback_was() -> None:
    log = SpokenLog()
    log.add("今天天气不错，", 2.0)
    log.add("适合出去走走。", 2.0)
    assert log.first_audio_wall is not None
    start = log.first_audio_wall
    assert log.heard_text(start + 0.0) == ""
    assert log.heard_text(start + 2.0) == "今天天气不错，"
    assert log.heard_text(start + 3.0) == "今天天气不错，适合出"
    assert log.heard_text(start + 9.0) == "今天天气不错，适合出去走走。"
    log.confirmed_clauses = 1  # a phone transport learned it from marks
    assert log.heard_text(start + 9.0) == "今天天气不错，"


@pytest.mark.parametrize("text", ["再说一遍", "您能再说一遍吗？", "我没听清", "Could you repeat that?"])
def test_repeat_requests(text: str) -> None:
    assert intents.wants_repeat(text)


@pytest.mark.parametrize("text", ["中国的首都是哪里？", "请重复一下今天医生说的三件注意事项和吃药的时间安排"])
def test_not_repeat_requests(text: str) -> None:
    assert not intents.wants_repeat(text)


def test_empty_utterances() -> None:
    assert intents.is_empty_utterance("嗯。")
    assert intents.is_empty_utterance("")
    assert not intents.is_empty_utterance("嗯，好的")


def test_reply_and_expected_languages() -> None:
    assert intents.reply_language("auto", "今天星期几？") == "zh"
    assert intents.reply_language("auto", "What day is it?") == "en"
    assert intents.reply_language("en", "今天星期几？") == "en"
    assert intents.expected_language("auto", "en") == "en"
    assert intents.expected_language("auto", None) == "zh"
    assert intents.expected_language("zh", "en") == "zh"
