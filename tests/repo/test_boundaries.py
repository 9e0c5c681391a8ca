"""Imports point one way: clients → assistant → models; protocol/ is below everything but errors."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imported(package: str) -> dict[str, set[str]]:
    """For each module of ``package``, the top-level names and assistant subpackages it imports."""
    out: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        if "store" in path.relative_to(ROOT).parts[1:2]:
            continue
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else [])
            for module in modules:
                parts = module.split(".")
                names.add(".".join(parts[:2]) if parts[0] == "assistant" else parts[0])
        out[path.relative_to(ROOT).as_posix()] = names
    return out


def offenders(package: str, forbidden: set[str]) -> dict[str, set[str]]:
    return {module: bad for module, names in imported(package).items() if (bad := names & forbidden)}


def test_models_imports_nothing_of_assistant_or_clients() -> None:
    assert offenders("models", {"assistant", *(f"assistant.{p}" for p in _subpackages()), "clients"}) == {}


def test_assistant_imports_nothing_of_clients() -> None:
    assert offenders("assistant", {"clients"}) == {}


def test_protocol_imports_only_errors_of_ours() -> None:
    ours = {f"assistant.{p}" for p in _subpackages()} - {"assistant.errors", "assistant.protocol"}
    assert offenders("assistant/protocol", ours | {"clients", "models"}) == {}


def test_the_check_sees_imports() -> None:
    assert "assistant.protocol" in imported("assistant")["assistant/server/ws.py"]
    assert "models" in imported("assistant")["assistant/model_store.py"]


def _subpackages() -> set[str]:
    return {p.stem if p.is_file() else p.name for p in (ROOT / "assistant").iterdir()
            if p.suffix == ".py" or (p.is_dir() and (p / "__init__.py").exists())}
