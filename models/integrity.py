"""Checksums, verification stamps and atomic writes for the model store.

Invariants:

- A file only ever appears under its final name by ``os.replace`` of a fully written, fsynced and
  checksummed temporary file (``.<name>.<random>.partial`` in the same folder). An interrupted write
  leaves only a temporary file, which nothing counts as a model file and ``prepare`` deletes.
- Hashing 1 GB on every start is slow, so a verification is cached in a stamp (sha256, size,
  mtime_ns, inode, and when it was checked) under ``<store>/.stamps/``. A stamp is trusted only while
  size, mtime and inode are unchanged and the file had not been modified within ``RACY_NS`` of the
  check (the "racy clean" rule from git: a write in the same clock tick as the check could keep mtime).
- Files the store writes get an mtime ``2 * RACY_NS`` in the past, so their first stamp is trusted and
  any later write (which sets mtime to "now") invalidates it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import stat
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from models.errors import ModelStoreError

CHUNK = 8 << 20
RACY_NS = 2_000_000_000
TEMP_SUFFIX = ".partial"
STAMP_DIR = ".stamps"


@dataclass(frozen=True, slots=True, kw_only=True)
class Check:
    """The state of one model file. ``problem`` is "" when the file is present and verified."""

    file: Path
    present: bool
    verified: bool
    sha256: str  # the file's actual sha256 ("" when not computed)
    problem: str


def temp_path(final: Path) -> Path:
    return final.with_name(f".{final.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def is_temp(path: Path) -> bool:
    return path.name.startswith(".") and path.name.endswith(TEMP_SUFFIX)


def remove_stale_temps(folder: Path) -> list[Path]:
    """Delete temporary files left by interrupted writes (call only while holding the store lock)."""
    if not folder.is_dir():
        return []
    removed = []
    for path in sorted(folder.iterdir()):
        if is_temp(path) and path.is_file():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def hash_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not supported everywhere (e.g. Windows)
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(
    final: Path,
    chunks: Iterable[bytes],
    *,
    sha256: str | None,
    size: int | None,
    source: str,
    on_bytes: Callable[[int], object] | None = None,
) -> tuple[str, os.stat_result]:
    """Stream ``chunks`` to ``final`` through a temporary file; check size and sha256 before renaming.

    Returns the sha256 and the final file's stat. On any failure the temporary file is removed and
    ``final`` is left as it was. A mismatch raises ModelStoreError naming ``final`` and ``source``.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_path(final)
    h = hashlib.sha256()
    written = 0
    try:
        with tmp.open("wb") as f:
            for chunk in chunks:
                f.write(chunk)
                h.update(chunk)
                written += len(chunk)
                if on_bytes is not None:
                    on_bytes(len(chunk))
            f.flush()
            os.fsync(f.fileno())
        digest = h.hexdigest()
        if size is not None and written != size:
            raise ModelStoreError(f"{final}: {source} gave {written} bytes, expected {size}; nothing was "
                                  "written")
        if sha256 is not None and digest != sha256:
            raise ModelStoreError(f"{final}: {source} gave data with sha256 {digest}, expected {sha256}; "
                             "nothing was written")
        past = time.time_ns() - 2 * RACY_NS
        os.utime(tmp, ns=(past, past))
        os.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(final.parent)
    return digest, final.stat()


class Stamps:
    """Cached verifications of the files under one store folder."""

    def __init__(self, store_dir: Path) -> None:
        self.store_dir = store_dir
        self.root = store_dir / STAMP_DIR

    def _path(self, file: Path, suffix: str = ".json") -> Path:
        try:
            rel = file.relative_to(self.store_dir)
        except ValueError:  # outside the store (a local override): never stamped
            raise ModelStoreError(f"{file} is not inside the model store {self.store_dir}") from None
        return self.root / rel.parent / (rel.name + suffix)

    def _read_json(self, path: Path) -> dict[str, Any] | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def _write_json(self, path: Path, data: dict[str, Any]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = temp_path(path)
        try:
            tmp.write_text(json.dumps(data, sort_keys=True), encoding="utf-8")
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def record(self, file: Path, sha256: str, st: os.stat_result) -> None:
        self._write_json(self._path(file), {
            "sha256": sha256, "size": st.st_size, "mtime_ns": st.st_mtime_ns, "ino": st.st_ino,
            "checked_ns": time.time_ns(),
        })

    def forget(self, file: Path) -> None:
        self._path(file).unlink(missing_ok=True)

    def pinned(self, file: Path) -> str | None:
        """The sha256 pinned at first download, for files whose hash the catalogue does not know."""
        data = self._read_json(self._path(file, ".pin.json"))
        value = data.get("sha256") if data else None
        return value if isinstance(value, str) else None

    def pin(self, file: Path, sha256: str) -> None:
        self._write_json(self._path(file, ".pin.json"), {"sha256": sha256})

    def _trusted(self, file: Path, st: os.stat_result) -> str | None:
        data = self._read_json(self._path(file))
        if not data:
            return None
        same = (data.get("size") == st.st_size and data.get("mtime_ns") == st.st_mtime_ns
                and data.get("ino") == st.st_ino)
        checked = data.get("checked_ns")
        sha = data.get("sha256")
        if same and isinstance(checked, int) and checked - st.st_mtime_ns >= RACY_NS and isinstance(sha, str):
            return sha
        return None

    def check(self, file: Path, *, sha256: str | None, size: int | None, deep: bool = False) -> Check:
        """Verify ``file`` against the expected size and sha256 (re-hashing unless a stamp is trusted)."""
        try:
            st = file.stat()
        except FileNotFoundError:
            return Check(file=file, present=False, verified=False, sha256="", problem=f"{file} is missing")
        if not stat.S_ISREG(st.st_mode):
            return Check(file=file, present=True, verified=False, sha256="",
                         problem=f"{file} is not a regular file")
        if size is not None and st.st_size != size:
            self.forget(file)
            how = "truncated" if st.st_size < size else "too long"
            return Check(file=file, present=True, verified=False, sha256="",
                         problem=f"{file} is corrupt: {st.st_size} bytes, expected {size} ({how})")
        actual = None if deep else self._trusted(file, st)
        if actual is None:
            actual = hash_file(file)
            after = file.stat()
            if (after.st_size, after.st_mtime_ns, after.st_ino) == (st.st_size, st.st_mtime_ns, st.st_ino):
                self.record(file, actual, st)
        if sha256 is not None and actual != sha256:
            return Check(file=file, present=True, verified=False, sha256=actual,
                         problem=f"{file} is corrupt: sha256 {actual[:12]}…, expected {sha256[:12]}…")
        return Check(file=file, present=True, verified=True, sha256=actual, problem="")
