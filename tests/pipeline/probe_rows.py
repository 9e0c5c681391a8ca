"""The rows of a probe file: tab-separated, ``#`` comments and blank lines skipped (shared by the
probe tests of this folder)."""

from __future__ import annotations

from pathlib import Path


def tsv_rows(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
