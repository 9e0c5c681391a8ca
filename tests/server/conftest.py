"""Servers shared by the test modules next to each other that use them, each started once and stopped as
soon as the next test does not use it, so that it never sits idle through the rest of the run:

* the server with the shipped LLM settings (the 1.5B model, tests/server/shipped.py), for
  ``test_default_model*.py`` (answer quality, then safety);
* the ``/v1/realtime`` server with its LLM behind a recording proxy (tests/server/realtime_helpers.py),
  for ``test_realtime.py`` and ``test_realtime_delete.py``."""

from __future__ import annotations

from typing import Any

import pytest

from tests.care.webhook_server import RobotServer
from tests.conftest import ServerInfo
from tests.server.llm_proxy import LlmProxy
from tests.server.realtime_helpers import SharedRealtime
from tests.server.shipped import Shipped

_SHIPPED = Shipped()
_REALTIME = SharedRealtime()


@pytest.fixture
def shipped(tmp_path_factory: pytest.TempPathFactory, model_store: Any) -> tuple[ServerInfo, RobotServer]:
    """(the shipped-settings server, with one device paired for 王奶奶; its alert robot)."""
    return _SHIPPED.ensure(tmp_path_factory)


@pytest.fixture
def rt_server(tmp_path_factory: pytest.TempPathFactory, model_store: Any) -> ServerInfo:
    """The ``/v1/realtime`` server: device authentication on, its LLM (the embedded 0.5B model over the
    real OpenAI HTTP API) behind :func:`proxy`."""
    return _REALTIME.ensure(tmp_path_factory, model_store)[0]


@pytest.fixture
def proxy(rt_server: ServerInfo) -> LlmProxy:
    """The recording proxy in front of ``rt_server``'s LLM (test_remote_backends.py has its own)."""
    assert _REALTIME.proxy is not None
    return _REALTIME.proxy


def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    uses = getattr(nextitem, "fixturenames", ()) if nextitem is not None else ()
    if "shipped" not in uses:
        _SHIPPED.stop()
    if "rt_server" not in uses:
        _REALTIME.stop()


def pytest_sessionfinish(session: pytest.Session) -> None:
    _SHIPPED.stop()  # an interrupted run leaves no server behind
    _REALTIME.stop()
