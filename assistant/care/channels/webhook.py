"""A generic JSON webhook, with ready templates for WeCom (企业微信) and DingTalk (钉钉) group robots.

Templates (``WebhookChannel.template``):

* ``json``: our own payload, ``{"type": "alert", "alert_id", "kind", "category", "user", "text",
  "time", "time_local", "message"}`` (``time`` is ISO 8601 with its offset);
* ``wecom``: ``{"msgtype": "text", "text": {"content": …, "mentioned_mobile_list": […]}}``, POSTed to
  ``https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…``;
* ``dingtalk``: ``{"msgtype": "text", "text": {"content": …}, "at": {"atMobiles": […], "isAtAll": false}}``,
  POSTed to ``https://oapi.dingtalk.com/robot/send?access_token=…``, signed when a secret is given
  (``&timestamp=<ms>&sign=<urlencoded base64 HMAC-SHA256 of "<ms>\\n<secret>">``).

WeCom and DingTalk answer HTTP 200 with ``{"errcode": 0, "errmsg": "ok"}``; a non-zero ``errcode``
(a wrong key, a missing keyword, the rate limit) is a failed delivery, like an HTTP error or a timeout.
One :meth:`WebhookChannel.send` is one attempt; retries are the caller's (:mod:`assistant.care.alerts`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
import urllib.parse
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

from assistant.care.emergency import KIND_LABELS
from assistant.errors import DeliveryError

TEMPLATES = ("json", "wecom", "dingtalk")


@dataclass(frozen=True, slots=True, kw_only=True)
class AlertMessage:
    """What the family is told: who, what was heard, when."""

    alert_id: int
    kind: str  # "emergency"
    category: str  # "fall", "chest", "crisis", … (labels: assistant.care.emergency.KIND_LABELS)
    user_name: str
    text: str  # the words heard
    at: datetime  # aware, in the household's time zone
    advice: str  # what the elder was told, e.g. "已建议拨打120"
    headline: str = ""  # the whole text for the family, for other kinds than "emergency"

    def summary(self) -> str:
        if self.headline:
            return self.headline
        who = self.user_name or "老人"
        label = KIND_LABELS.get(self.category, "")
        ask = "请家人马上联系老人，陪着老人。" if self.category == "crisis" else "请家人尽快联系确认。"
        return (f"【紧急求助{'：' + label if label else ''}】{who}刚才说：“{self.text}”"
                f"（{self.at:%m月%d日 %H:%M}）。{self.advice}{ask}")


def parse_hook(spec: str) -> tuple[str, str]:
    """``"wecom:https://…"`` → ("wecom", url); a bare URL gets its template from the host name."""
    head, sep, rest = spec.partition(":")
    if sep and head in TEMPLATES:
        return head, rest
    host = urllib.parse.urlsplit(spec).hostname or ""
    if host.endswith("qyapi.weixin.qq.com"):
        return "wecom", spec
    if host.endswith("oapi.dingtalk.com"):
        return "dingtalk", spec
    return "json", spec


def payload(template: str, message: AlertMessage, *, mention_mobiles: tuple[str, ...] = ()) -> dict[str, Any]:
    if template == "wecom":
        text: dict[str, Any] = {"content": message.summary()}
        if mention_mobiles:
            text["mentioned_mobile_list"] = list(mention_mobiles)
        return {"msgtype": "text", "text": text}
    if template == "dingtalk":
        return {"msgtype": "text", "text": {"content": message.summary()},
                "at": {"atMobiles": list(mention_mobiles), "isAtAll": False}}
    return {"type": "alert", "alert_id": message.alert_id, "kind": message.kind, "category": message.category,
            "user": message.user_name, "text": message.text, "time": message.at.isoformat(timespec="seconds"),
            "time_local": f"{message.at:%Y-%m-%d %H:%M}", "message": message.summary()}


def dingtalk_signed(url: str, secret: str, *, now_ms: int | None = None) -> str:
    stamp = str(now_ms if now_ms is not None else int(time.time() * 1000))
    digest = hmac.new(secret.encode(), f"{stamp}\n{secret}".encode(), hashlib.sha256).digest()
    sign = urllib.parse.quote_plus(base64.b64encode(digest).decode())
    return f"{url}{'&' if '?' in url else '?'}timestamp={stamp}&sign={sign}"


@dataclass(frozen=True, slots=True, kw_only=True)
class WebhookChannel:
    url: str
    template: str = "json"
    mention_mobiles: tuple[str, ...] = ()
    secret: str = ""  # DingTalk signing secret
    timeout_s: float = 5.0

    @property
    def name(self) -> str:
        """For logs and the database: the template and host, never the key in the query string."""
        parts = urllib.parse.urlsplit(self.url)
        return f"{self.template}:{parts.netloc}{parts.path}"

    async def send(self, message: AlertMessage, client: httpx.AsyncClient) -> None:
        """One attempt. Raises DeliveryError on any failure."""
        url = self.url
        if self.template == "dingtalk" and self.secret:
            url = dingtalk_signed(url, self.secret)
        body = payload(self.template, message, mention_mobiles=self.mention_mobiles)
        try:
            response = await client.post(url, json=body, timeout=self.timeout_s)
        except httpx.HTTPError as exc:
            raise DeliveryError(f"{self.name}: {type(exc).__name__}: {exc}") from exc
        if response.status_code >= 300:
            raise DeliveryError(f"{self.name}: HTTP {response.status_code}")
        if self.template in ("wecom", "dingtalk"):
            try:
                errcode = response.json().get("errcode", 0)
            except ValueError:
                raise DeliveryError(f"{self.name}: the robot's answer is not JSON") from None
            if errcode != 0:
                raise DeliveryError(f"{self.name}: errcode {errcode}: {response.json().get('errmsg', '')}")
