"""LLM test fixtures: the real 0.5B model (loaded once) and a small real HTTP server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from llm_stub_server import StubServer

from assistant.config import FAST_LLM
from assistant.llm.embedded import LlamaChatModel


@pytest.fixture(scope="session")
def stub_server() -> Iterator[StubServer]:
    server = StubServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def small_llm_path(model_store: Any) -> Path:
    path: Path = model_store.path("llm", model=FAST_LLM)
    return path


@pytest.fixture(scope="session")
def embedded_llm(small_llm_path: Path) -> Iterator[LlamaChatModel]:
    """The 0.5B model with two slots (two concurrent sessions), loaded once."""
    model = LlamaChatModel(small_llm_path, context=2048, n_parallel=2, threads=2)
    yield model
    model.close()
