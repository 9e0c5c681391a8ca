"""The server with the shipped LLM settings (the 1.5B model, tests/server/shipped.py) is started once for
the test modules next to each other that use it (``test_default_model*.py``: answer quality, then
safety) and stopped as soon as the next test does not use it, so that it never sits idle through the
rest of the run."""

from __future__ import annotations

from typing import Any

import pytest

from tests.care.webhook_server import RobotServer
from tests.conftest import ServerInfo
from tests.server.shipped import Shipped

_SHIPPED = Shipped()


@pytest.fixture
def shipped(tmp_path_factory: pytest.TempPathFactory, model_store: Any) -> tuple[ServerInfo, RobotServer]:
    """(the shipped-settings server, with one device paired for 王奶奶; its alert robot)."""
    return _SHIPPED.ensure(tmp_path_factory)


def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    if nextitem is None or "shipped" not in getattr(nextitem, "fixturenames", ()):
        _SHIPPED.stop()


def pytest_sessionfinish(session: pytest.Session) -> None:
    _SHIPPED.stop()  # an interrupted run leaves no server behind
