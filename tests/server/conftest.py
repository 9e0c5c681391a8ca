"""Servers shared by the test modules next to each other that use them, each started once and stopped as
soon as the next test does not use it, so that it never sits idle through the rest of the run:

* the server with the shipped LLM settings (the 1.5B model, tests/server/shipped.py), for
  ``test_default_model*.py`` (answer quality, then safety);
* the ``/v1/realtime`` server (tests/server/realtime_helpers.py), for ``test_realtime.py`` and
  ``test_realtime_delete.py``;
* the embedded 0.5B model over the real OpenAI HTTP API behind a recording proxy, for those and
  ``test_remote_backends.py``: loaded once, stopped after the last test that uses it (idle meanwhile)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.care.webhook_server import RobotServer
from tests.conftest import ServerInfo
from tests.server.llm_proxy import LlmProxy
from tests.server.realtime_helpers import SHARED_LLM, SHARED_REALTIME, proxied_llm, realtime_server
from tests.server.shipped import Shipped

_SHIPPED = Shipped()
LLM_USERS = ("proxy", "rt_server", "remote_server")


@pytest.fixture
def shipped(tmp_path_factory: pytest.TempPathFactory, model_store: Any) -> tuple[ServerInfo, RobotServer]:
    """(the shipped-settings server, with one device paired for 王奶奶; its alert robot)."""
    return _SHIPPED.ensure(tmp_path_factory)


@pytest.fixture
def proxy(model_store: Any) -> LlmProxy:
    """The recording proxy in front of the embedded 0.5B model over the real OpenAI HTTP API (xllamacpp).
    Shared: the tests read ``proxy.bodies`` and its counters from where they were before they asked."""
    return SHARED_LLM.ensure(lambda: proxied_llm(model_store))


@pytest.fixture
def rt_server(tmp_path_factory: pytest.TempPathFactory, proxy: LlmProxy) -> ServerInfo:
    """The ``/v1/realtime`` server: device authentication on, its LLM behind ``proxy``."""
    return SHARED_REALTIME.ensure(lambda: realtime_server(tmp_path_factory.mktemp("realtime"), proxy))


def _later(item: pytest.Item) -> list[pytest.Item]:
    items = item.session.items
    return items[items.index(item) + 1:] if item in items else []


def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
    uses = getattr(nextitem, "fixturenames", ()) if nextitem is not None else ()
    if "shipped" not in uses:
        _SHIPPED.stop()
    if "rt_server" not in uses:
        SHARED_REALTIME.stop()
    if SHARED_LLM.value is not None and not any(
            name in getattr(later, "fixturenames", ()) for later in _later(item) for name in LLM_USERS):
        SHARED_LLM.stop()


def pytest_sessionfinish(session: pytest.Session) -> None:
    _SHIPPED.stop()  # an interrupted run leaves no server behind
    SHARED_REALTIME.stop()
    SHARED_LLM.stop()
