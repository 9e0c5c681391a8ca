"""Two connections to one database in one process (the server's and the tools'): another process
still sees every committed write (opening the second must not drop the first one's locks)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from assistant.config import REPO_ROOT
from assistant.storage.db import Database

READER = ("import sys; from assistant.storage.db import Database; db = Database(sys.argv[1]); "
          "print(db.get_setting('k'))")


def _read_elsewhere(path: Path) -> str:
    out = subprocess.run([sys.executable, "-c", READER, str(path)], cwd=REPO_ROOT, capture_output=True,
                         text=True, timeout=60, env={"PYTHONPATH": str(REPO_ROOT), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


def test_a_second_connection_keeps_writes_visible_to_other_processes(tmp_path: Path) -> None:
    path = tmp_path / "assistant.db"
    with Database(path) as first:
        first.set_setting("k", 1)
        with Database(path) as second:
            assert _read_elsewhere(path) == "1"
            first.set_setting("k", 2)
            assert _read_elsewhere(path) == "2"
            second.set_setting("k", 3)
            assert _read_elsewhere(path) == "3"
    assert oct(path.stat().st_mode & 0o777) == "0o600"
