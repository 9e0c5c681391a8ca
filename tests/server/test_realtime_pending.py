"""What waits for ``response.create`` on ``/v1/realtime``, by item (pure logic, no server)."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.pipeline.realtime_items import Piece
from assistant.protocol.realtime import ImagePart, RealtimeError
from assistant.server.realtime_turns import MAX_PENDING, Pending


def test_a_deleted_item_no_longer_waits() -> None:
    pending = Pending()
    pending.add("a", texts=["我叫王芳"])
    pending.add("b", texts=["你好"], audio=[np.zeros(1600, np.float32)],
                images=[ImagePart(mime="image/png", data=b"x")])
    assert pending.drop("a") and not pending.drop("a") and not pending.drop("nope")
    assert pending.texts == [Piece(item_id="b", text="你好")]
    assert len(pending.audio) == len(pending.images) == 1
    assert pending.drop("b") and not (pending.texts or pending.audio or pending.images)


def test_too_many_items_are_refused_and_nothing_is_added() -> None:
    pending = Pending()
    for i in range(MAX_PENDING):
        pending.add(f"i{i}", texts=["嗯"])
    with pytest.raises(RealtimeError):
        pending.add("over", texts=["嗯"])
    assert len(pending.texts) == MAX_PENDING and all(p.item_id != "over" for p in pending.texts)
