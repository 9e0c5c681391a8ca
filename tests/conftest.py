"""Shared fixtures: real models, loaded once per test run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.config import Settings, load_settings


@pytest.fixture(scope="session")
def settings() -> Settings:
    """Defaults, with the 0.5B LLM: tests are about plumbing unless they say otherwise."""
    return load_settings(environ={}, overrides={"models": {"llm": "qwen2.5-coder-0.5b"}})


@pytest.fixture(scope="session")
def model_store(settings: Settings) -> Iterator[object]:
    """The prepared local model store (assembled from the package parts on first use)."""
    from models.store import ModelStore

    store = ModelStore.from_settings(settings)
    store.prepare(progress=False)
    yield store


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    path = Path(__file__).parent / "artifacts"
    path.mkdir(exist_ok=True)
    return path
