"""Misheard questions end to end, on the real server (real Whisper, real 0.5B LLM, real voices):
nonsense and fragments are asked back in one short sentence, a homophone is answered as the word
meant and never repeated, and speech that Whisper cannot make out is never answered as fact."""

from __future__ import annotations

import asyncio
from typing import Any

import numpy as np
import pytest

from assistant.audio.pcm import float32_to_pcm16
from assistant.client.conversation import Conversation
from assistant.pipeline.hearing import ASK_AGAIN_ZH, ASK_NUMBERS_ZH, ASK_WHAT_ZH
from tests.conftest import ServerInfo, pcm_to_float, speak

pytestmark = pytest.mark.slow


async def _turn(server: ServerInfo, *, text: str = "", pcm: bytes = b"") -> Conversation:
    conv = await Conversation.open(server.ws, language="zh")
    if pcm:
        await conv.stream_audio(pcm)
        async with asyncio.timeout(120):
            while not conv.transcripts:  # the final transcript: empty when Whisper dropped the words
                conv.changed.clear()
                await conv.changed.wait()
    else:
        await conv.send_json({"type": "text", "text": text})
    if not pcm or conv.transcripts[-1].strip():
        await conv.wait_for("metrics", timeout=120)
    await conv.close()
    return conv


def _answered(conv: Conversation) -> Any:
    return next(r for r in conv.replies if r.metrics)


@pytest.mark.parametrize(
    ("question", "expected", "reason"),
    [("以下以等于几？", ASK_NUMBERS_ZH, "sum without numbers"),
     ("我想问一下那个。", ASK_WHAT_ZH, "fragment")],
)
def test_nonsense_is_asked_back_not_answered(server: ServerInfo, question: str, expected: str,
                                              reason: str) -> None:
    reply = _answered(asyncio.run(_turn(server, text=question)))
    assert reply.text == expected, reply.text
    assert reply.metrics.get("ask_back") == reason
    assert len(reply.audio) > 0  # spoken


def test_a_homophone_is_answered_as_meant_and_never_repeated(server: ServerInfo) -> None:
    reply = _answered(asyncio.run(_turn(server, text="高血亚的人平时要注意什么？")))
    assert reply.metrics.get("heard_as") == "高血亚的人平时要注意什么？"
    assert "高血亚" not in reply.text and reply.text.strip(), reply.text
    assert "ask_back" not in reply.metrics


def test_a_sound_question_is_still_answered(server: ServerInfo) -> None:
    reply = _answered(asyncio.run(_turn(server, text="一加一等于几？")))
    assert "2" in reply.text or "二" in reply.text, reply.text
    assert "ask_back" not in reply.metrics and "heard_as" not in reply.metrics


def test_a_spoken_fragment_is_asked_back(server: ServerInfo, voices: Any) -> None:
    conv = asyncio.run(_turn(server, pcm=speak(voices, "那个那个，就是那个东西。")))
    reply = _answered(conv)
    assert reply.text in (ASK_WHAT_ZH, ASK_AGAIN_ZH), (conv.transcripts, reply.text)


def test_speech_that_cannot_be_made_out_is_not_answered_as_fact(server: ServerInfo, voices: Any) -> None:
    """Speech played backwards has the sounds of Mandarin and no words: Whisper either drops it, or
    hears something it is unsure of, which is asked back; nothing is answered from it."""
    forward = pcm_to_float(speak(voices, "明天上午我要去医院看看我的腿，顺便把药也拿了。", before_s=0.0,
                                 after_s=0.0))
    pad = np.zeros(9600, dtype=np.float32)
    pcm = float32_to_pcm16(np.concatenate([pad, forward[::-1].copy(), pad, pad, pad]))
    conv = asyncio.run(_turn(server, pcm=pcm))
    texts = [r.text for r in conv.replies if r.text]
    print("heard:", conv.transcripts, "said:", texts)
    assert texts in ([], [ASK_AGAIN_ZH]), (conv.transcripts, texts)
