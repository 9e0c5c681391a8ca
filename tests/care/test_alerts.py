"""Alerts to the family: stored at once, delivered to real local HTTP robots, retried, recorded."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import time
import urllib.parse
from datetime import datetime
from pathlib import Path

import httpx
import pytest

from assistant.care.alerts import AlertService, channels_from_settings
from assistant.care.channels.webhook import AlertMessage, dingtalk_signed, parse_hook, payload
from assistant.care.emergency import Emergency, EmergencyReport
from assistant.config import AlertSettings, load_settings
from assistant.errors import ConfigError
from assistant.storage.alerts import AlertStore
from assistant.storage.db import Database, DatabaseThread
from tests.care.webhook_server import RobotServer

MESSAGE = AlertMessage(alert_id=7, kind="emergency", category="fall", user_name="王奶奶",
                       text="我摔倒了，起不来了", at=datetime.fromisoformat("2026-11-30T08:05:00+08:00"),
                       advice="助手已建议老人拨打120。")


def test_templates() -> None:
    assert parse_hook("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k") == (
        "wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k")
    assert parse_hook("dingtalk:http://127.0.0.1:9/robot/send?access_token=t")[0] == "dingtalk"
    assert parse_hook("https://example.com/hook")[0] == "json"
    wecom = payload("wecom", MESSAGE, mention_mobiles=("13800000000",))
    assert wecom["msgtype"] == "text" and wecom["text"]["mentioned_mobile_list"] == ["13800000000"]
    assert "我摔倒了，起不来了" in wecom["text"]["content"] and "08:05" in wecom["text"]["content"]
    ding = payload("dingtalk", MESSAGE)
    assert ding["msgtype"] == "text" and ding["at"] == {"atMobiles": [], "isAtAll": False}
    generic = payload("json", MESSAGE)
    assert generic["text"] == "我摔倒了，起不来了" and generic["time"] == "2026-11-30T08:05:00+08:00"
    assert generic["category"] == "fall" and generic["user"] == "王奶奶"


def test_dingtalk_signature() -> None:
    url = dingtalk_signed("https://oapi.dingtalk.com/robot/send?access_token=t", "SECabc",
                          now_ms=1700000000000)
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
    digest = hmac.new(b"SECabc", b"1700000000000\nSECabc", hashlib.sha256).digest()
    expected = base64.b64encode(digest).decode()
    assert query["timestamp"] == ["1700000000000"] and query["sign"] == [expected]


def test_bad_webhook_setting_is_refused() -> None:
    with pytest.raises(ConfigError, match=r"alerts\.webhooks"):
        load_settings(environ={"ASSISTANT_ALERTS__WEBHOOKS": "wecom:ftp://x"})
    settings = load_settings(environ={"ASSISTANT_ALERTS__WEBHOOKS": "wecom:http://a/x?key=1,http://b/y"})
    assert [c.template for c in channels_from_settings(settings.alerts)] == ["wecom", "json"]


async def _service(db: Database, thread: DatabaseThread, hooks: tuple[str, ...],
                   retries: int) -> AlertService:
    user = db.ensure_user("王奶奶")
    settings = AlertSettings(webhooks=hooks, retries=retries, backoff_s=0.05, timeout_s=1.0)

    async def users(name: str) -> tuple[int, str]:
        return user.id, user.name

    return AlertService(settings, store=AlertStore(db), db_run=thread.run, users=users,
                        client=httpx.AsyncClient())


def _report(text: str = "我摔倒了，起不来了") -> EmergencyReport:
    return EmergencyReport(user_id="1", session_id="s1", at=time.time(),
                           emergency=Emergency(kind="fall", phrase="摔倒了", text=text))


async def test_delivered_failed_and_retried(tmp_path: Path) -> None:
    dead = f"http://127.0.0.1:{_closed_port()}/hook"
    with Database(tmp_path / "a.db") as db, RobotServer() as ok, RobotServer(errcode=310000) as refusing:
        thread = DatabaseThread(db)
        hooks = (f"wecom:{ok.url}/cgi-bin/webhook/send?key=secret",
                 f"dingtalk:{refusing.url}/robot/send?access_token=t", dead)
        service = await _service(db, thread, hooks, retries=2)
        started = time.monotonic()
        task = service.submit(_report())
        assert time.monotonic() - started < 0.05  # submit never waits for the network
        await asyncio.wait_for(task, 10)
        (path, body), = ok.received
        assert path == "/cgi-bin/webhook/send?key=secret"
        assert body["msgtype"] == "text" and "我摔倒了，起不来了" in body["text"]["content"]
        assert len(refusing.received) == 3  # errcode != 0 is a failure: 1 + 2 retries
        alert, = AlertStore(db).list_for_user(db.ensure_user("王奶奶").id)
        assert alert.status == "partly_delivered" and alert.category == "fall"
        assert alert.text == "我摔倒了，起不来了"
        by_channel = {d.channel.split(":")[0]: d for d in alert.deliveries}
        assert by_channel["wecom"].status == "delivered" and by_channel["wecom"].attempts == 1
        assert "secret" not in by_channel["wecom"].channel  # the key stays out of the database
        assert by_channel["dingtalk"].status == "failed" and "310000" in by_channel["dingtalk"].last_error
        assert by_channel["json"].status == "failed" and by_channel["json"].attempts == 3
        await service.aclose()
        await thread.aclose()


async def test_no_channel_still_stores_the_alert(tmp_path: Path) -> None:
    with Database(tmp_path / "a.db") as db:
        thread = DatabaseThread(db)
        service = await _service(db, thread, (), retries=0)
        await asyncio.wait_for(service.submit(_report("救命")), 5)
        alert, = AlertStore(db).list_for_user(db.ensure_user("王奶奶").id)
        assert alert.status == "no_channel" and alert.text == "救命" and not alert.deliveries
        await service.aclose()
        await thread.aclose()


async def test_shutdown_cancels_retries_and_keeps_the_record(tmp_path: Path) -> None:
    with Database(tmp_path / "a.db") as db:
        thread = DatabaseThread(db)
        service = await _service(db, thread, (f"http://127.0.0.1:{_closed_port()}/x",), retries=20)
        service.submit(_report())
        await asyncio.sleep(0.3)
        await service.aclose(grace_s=0.1)
        assert service.in_flight == 0
        alert, = AlertStore(db).list_for_user(db.ensure_user("王奶奶").id)
        assert alert.status == "pending" and alert.deliveries[0].status == "sending"
        assert alert.deliveries[0].attempts >= 1
        await thread.aclose()


def _closed_port() -> int:
    from tests.conftest import free_port

    return free_port()  # bound and released: nothing listens there
