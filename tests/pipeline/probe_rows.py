"""The rows of a probe file: tab-separated, ``#`` comments and blank lines skipped; and what the answers
in code made of a row (shared by the probe tests of this folder)."""

from __future__ import annotations

from pathlib import Path

from assistant.pipeline import safe_answers


def tsv_rows(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def safe_outcome(text: str, language: str, module: str) -> tuple[str, str]:
    """``(outcome, reply)`` of :func:`safe_answers.answer` for ``text``: the kind when ``module`` (its
    metrics key) answered, "-" with reply "" when no rule did, or "what:kind" for another rule."""
    found = safe_answers.answer(text, language, reminders=True)
    if found is None:
        return "-", ""
    what, kind, reply = found
    assert reply
    return (kind if what == module else f"{what}:{kind}"), reply
