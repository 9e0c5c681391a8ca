"""Committing a speculative turn while its reply is still producing events.

The reply of a speculative turn (started at a pause, before the user has surely finished) runs
ahead, and its events are held back. When the turn is committed, the held events go to the outbox;
putting a reply frame there yields to the event loop, so the reply can add more events meanwhile.
None may be lost: a one-clause answer whose only ``AudioOut`` was lost reached the client as an
``audio_end`` without any audio.
"""

from __future__ import annotations

import asyncio

import numpy as np

from assistant.pipeline.outbox import Outbox
from assistant.pipeline.turn import Turn
from assistant.protocol.messages import AudioOut, ReplyDelta, ServerEvent


async def test_events_emitted_during_the_commit_are_not_lost() -> None:
    outbox = Outbox(max_events=1000)
    turn = Turn(reply_id=7, audio_s=1.0, speculative=True, source="voice")
    audio = np.zeros(160, np.float32)

    async def reply() -> None:
        for clause in range(2):
            for i in range(20):  # text deltas stream in while the user may still be speaking
                await turn.emit(ReplyDelta(reply_id=7, text=f"{20 * clause + i},"), outbox)
                await asyncio.sleep(0)
            await turn.emit(AudioOut(reply_id=7, clause=clause, audio=audio, rate=16000), outbox)

    task = asyncio.create_task(reply())
    for _ in range(5):
        await asyncio.sleep(0)
    await turn.commit(outbox)  # ends while the reply is still emitting
    await asyncio.wait_for(task, timeout=5)
    await outbox.close()
    sent: list[ServerEvent] = []
    while (event := await outbox.get()) is not None:
        sent.append(event)
    texts = [e.text for e in sent if isinstance(e, ReplyDelta)]
    assert texts == [f"{i}," for i in range(40)]
    assert [e.clause for e in sent if isinstance(e, AudioOut)] == [0, 1]
    assert turn.held == []
