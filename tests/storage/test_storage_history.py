"""Turn history: recording, reading back, export, and surviving kill -9."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.errors import StorageError
from assistant.storage.auth import DeviceAuth
from assistant.storage.db import Database
from assistant.storage.history import EXPORT_FORMAT, History, TurnRecord

REPO_ROOT = Path(__file__).resolve().parents[2]


def _turn(user_id: int, n: int, **extra: object) -> TurnRecord:
    values: dict[str, object] = {
        "user_id": user_id, "session_id": f"sess-{n // 3}", "source": "ws", "started_at": 1_700_000_000.0 + n,
        "finished_at": 1_700_000_002.5 + n, "user_text": f"今天天气怎么样？{n}",
        "assistant_text": f"今天晴天。{n}",
    }
    values.update(extra)
    return TurnRecord(**values)  # type: ignore[arg-type]


def test_record_and_read_back(db: Database) -> None:
    history = History(db)
    user = db.ensure_user("奶奶")
    first = history.record_turn(_turn(user.id, 0))
    second = history.record_turn(_turn(
        user.id, 1, interrupted=True, heard_text="今天", image=True, source="phone", language="zh",
        audio_in_s=2.5, audio_out_s=0.8, prompt_tokens=120, completion_tokens=9, cost=0.0012,
        provider="deepseek/chat"))
    turns = history.history(user.id)
    assert [t.id for t in turns] == [first, second]
    assert turns[0].heard_text == turns[0].assistant_text  # not interrupted: heard everything
    assert turns[1] == _turn(
        user.id, 1, interrupted=True, heard_text="今天", image=True, source="phone", language="zh",
        audio_in_s=2.5,
        audio_out_s=0.8, prompt_tokens=120, completion_tokens=9, cost=0.0012, provider="deepseek/chat",
        id=second)
    assert history.session_turns("sess-0") == turns


def test_history_is_the_last_n_oldest_first_per_user(db: Database) -> None:
    history = History(db)
    grandma, grandpa = db.ensure_user("奶奶"), db.ensure_user("爷爷")
    for n in range(10):
        history.record_turn(_turn(grandma.id if n % 2 == 0 else grandpa.id, n))
    assert [t.started_at - 1_700_000_000 for t in history.history(grandma.id, limit=3)] == [4, 6, 8]
    assert len(history.history(grandpa.id, limit=100)) == 5
    with pytest.raises(ValueError):
        history.history(grandma.id, limit=0)


def test_bad_turns_are_refused(db: Database) -> None:
    history = History(db)
    user = db.ensure_user("奶奶")
    with pytest.raises(ValueError, match="source"):
        history.record_turn(_turn(user.id, 0, source="email"))
    with pytest.raises(ValueError, match="finish before"):
        history.record_turn(_turn(user.id, 0, finished_at=0.0))
    with pytest.raises(ValueError, match="negative"):
        history.record_turn(_turn(user.id, 0, cost=-1.0))
    with pytest.raises(StorageError, match="FOREIGN KEY"):
        history.record_turn(_turn(user.id, 0, device_id=77))
    assert history.history(user.id) == []


def test_export_json_round_trip(db: Database) -> None:
    history = History(db)
    user = db.ensure_user("奶奶")
    issued = DeviceAuth(db).redeem(DeviceAuth(db).create_pairing_code("奶奶的手机", "奶奶").code)
    other = db.ensure_user("爷爷")
    recorded = [history.record_turn(_turn(user.id, n, device_id=issued.device.id, prompt_tokens=10, cost=0.5))
                for n in range(4)]
    history.record_turn(_turn(other.id, 9))

    exported = history.export_user(user.id)
    text = json.dumps(exported, ensure_ascii=False)
    assert json.loads(text) == exported
    assert exported["format"] == EXPORT_FORMAT and exported["user"]["name"] == "奶奶"
    assert [d["name"] for d in exported["devices"]] == ["奶奶的手机"]
    assert issued.token not in text and "token_hash" not in text
    turns = [TurnRecord.from_dict(t) for t in json.loads(text)["turns"]]
    assert turns == history.history(user.id)
    assert [t.id for t in turns] == recorded
    assert exported["totals"] == {"turns": 4, "prompt_tokens": 40, "completion_tokens": 0, "cost": 2.0,
                                  "audio_in_s": 0.0, "audio_out_s": 0.0}
    with pytest.raises(StorageError, match="no user"):
        history.export_user(999)
    with pytest.raises(ValueError, match="unknown turn fields"):
        TurnRecord.from_dict({**exported["turns"][0], "token": "x"})


CHILD = """
import sys
from assistant.storage.db import Database
from assistant.storage.history import History, TurnRecord
db = Database(sys.argv[1])
history = History(db)
user = db.ensure_user("奶奶")
big = "很长的回答。" * 3000  # ~54 KB per turn: each commit spans many pages, so the kill lands mid-write
n = 0
while True:
    turn_id = history.record_turn(TurnRecord(
        user_id=user.id, session_id="crash", source="ws", started_at=float(n), finished_at=float(n) + 1,
        user_text=f"第{n}个问题", assistant_text=big + str(n)))
    print(turn_id, n, flush=True)
    n += 1
"""


def test_kill_9_mid_write_loses_nothing_committed(db_url: str) -> None:
    path = db_url
    committed: dict[int, int] = {}
    for round_ in range(3):  # three crashes in a row on the same file
        proc = subprocess.Popen([sys.executable, "-c", CHILD, path], cwd=REPO_ROOT,
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        seen = 0
        for line in proc.stdout:
            turn_id, n = map(int, line.split())
            committed[turn_id] = n
            seen += 1
            if seen >= 15 + 7 * round_:
                break
        time.sleep(0.004 * round_)  # land the kill at different points of the next write
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        proc.stdout.close()
        assert proc.returncode == -signal.SIGKILL

        with Database(path) as db:
            if db.dialect.name == "sqlite":
                assert db.integrity_check() == ["ok"]
            user = db.find_user("奶奶")
            assert user is not None
            rows = {t.id: t for t in History(db).history(user.id, limit=1000) if t.id is not None}
        assert set(committed) <= set(rows), "a committed turn was lost"
        for turn_id, turn in rows.items():  # every row present is whole, never torn
            assert turn.user_text == f"第{int(turn.started_at)}个问题"
            assert turn.assistant_text == "很长的回答。" * 3000 + str(int(turn.started_at))
            if turn_id in committed:
                assert committed[turn_id] == int(turn.started_at)
