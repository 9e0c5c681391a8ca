"""The server with the shipped LLM settings (the 1.5B model), for the test modules next to each other
that use it (``test_default_model*.py``: answer quality, then safety); see tests/server/conftest.py."""

from __future__ import annotations

import pytest

from tests.care.webhook_server import RobotServer
from tests.conftest import ServerInfo, free_port, pair_device, start_server, stop_server

BACKOFF_S = 2.0  # the dead webhook's retries take 2 + 4 + 8 = 14 s


class Shipped:
    """One shipped-settings server, with the family's group robot (a real local HTTP server answering like
    WeCom) and an unreachable JSON webhook as its alert channels."""

    def __init__(self) -> None:
        self.info: ServerInfo | None = None
        self.robot: RobotServer | None = None

    def ensure(self, tmp_path_factory: pytest.TempPathFactory) -> tuple[ServerInfo, RobotServer]:
        if self.info is None or self.robot is None:
            robot = RobotServer().__enter__()
            self.robot = robot
            data_dir = tmp_path_factory.mktemp("shipped")
            hooks = (f"wecom:{robot.url}/cgi-bin/webhook/send?key=test-key,"
                     f"json:http://127.0.0.1:{free_port()}/hook")
            proc, port, as_port, log_path, env = start_server(data_dir, shipped=True, extra_env={
                "ASSISTANT_ALERTS__WEBHOOKS": hooks,
                "ASSISTANT_ALERTS__RETRIES": "3",
                "ASSISTANT_ALERTS__BACKOFF_S": str(BACKOFF_S),
            })
            http = f"http://127.0.0.1:{port}"
            try:
                token = pair_device(data_dir / "assistant.db", http, user="王奶奶")
            except BaseException:
                stop_server(proc)
                raise
            self.info = ServerInfo(http=http, port=port, token=token, data_dir=data_dir, log_path=log_path,
                                   env=env, audiosocket_port=as_port, process=proc)
        return self.info, self.robot

    def stop(self) -> None:
        if self.info is not None:
            stop_server(self.info.process)
            self.info = None
        if self.robot is not None:
            self.robot.__exit__(None, None, None)
            self.robot = None
