"""The care loop in Debian's chromium at 360x800, on the real server with real models.

The family (owner) adds 王奶奶 and pairs her phone; a reminder comes due: her app plays a chime,
shows the reminder large with one huge "吃了 / 知道了" button and speaks it; she presses the button;
the family's reminders tab shows it acknowledged (when, and by the button). The family also adds a
weekly reminder in the tab, and a malformed one is refused with its reason.
Screenshots go to tests/artifacts/screenshots/care-*.png.
"""

from __future__ import annotations

import io
import re
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Browser

from assistant.storage.cli import cmd_pair_owner
from assistant.storage.db import Database
from assistant.storage.reminders import NewReminder, ReminderStore
from tests.conftest import ServerInfo
from tests.web.conftest import new_page
from tests.web.family_steps import add_elder, check_screen, open_family, shown_link, tab
from tests.web.test_web_e2e import REPLY_TIMEOUT_MS, W, texts, wait_count

pytestmark = pytest.mark.browser

SH = ZoneInfo("Asia/Shanghai")


def _owner_link(server: ServerInfo) -> str:
    out = io.StringIO()
    with Database(server.db_path) as db:
        assert cmd_pair_owner(db, server.http, out=out) == 0
    found = re.search(r"https?://\S+#pair=\d+", out.getvalue())
    assert found is not None
    return found.group(0)


def test_reminder_spoken_on_the_app_acknowledged_by_the_button_and_seen_by_the_family(
        browser: Browser, server: ServerInfo, screenshots_dir: Path) -> None:
    family = new_page(browser)
    open_family(family, _owner_link(server))
    add_elder(family, {"name": "王淑芬", "address": "王奶奶"})
    granny_link = shown_link(family)
    elder = next(e for e in family.evaluate("window.familyDebug.elders") if e["name"] == "王淑芬")

    granny = new_page(browser)
    granny.goto(granny_link)
    granny.wait_for_function(f"{W}.connected")
    with Database(server.db_path) as db:  # as the voice tool stores "两秒后提醒我吃降压药"
        ReminderStore(db).add(NewReminder(user_id=int(elder["id"]), text="吃降压药",
                                          due=datetime.fromtimestamp(time.time() + 2, SH)))
    granny.wait_for_selector("#care-card:not([hidden])", timeout=30_000)
    shown = granny.inner_text("#care-text")
    assert re.match(r"王奶奶，.+点.*了，该吃降压药了。吃了吗？", shown), shown
    assert granny.evaluate(f"{W}.care.chimes") >= 1
    wait_count(granny, "audio_end", timeout=REPLY_TIMEOUT_MS)  # spoken after the chime
    assert any("该吃降压药了" in t for t in texts(granny, "assistant")), texts(granny, "assistant")
    assert granny.evaluate(f"{W}.receivedAudioSeconds") > 1.0
    box = granny.locator("#care-ack").bounding_box()
    assert box is not None and box["height"] >= 64 and box["width"] >= 64
    font = granny.evaluate("parseFloat(getComputedStyle(document.querySelector('#care-ack')).fontSize)")
    assert font >= 20 and granny.inner_text("#care-ack") == "吃了 / 知道了"
    granny.screenshot(path=str(screenshots_dir / "care-1-granny-reminder.png"))

    granny.click("#care-ack")
    wait_count(granny, "reminder_closed")
    granny.wait_for_selector("#care-card", state="hidden")
    granny.wait_for_function(
        "Array.from(document.querySelectorAll('.msg-assistant .text'))"
        ".some(e => e.textContent.includes('记下了'))",
        timeout=REPLY_TIMEOUT_MS)
    granny.screenshot(path=str(screenshots_dir / "care-2-granny-acknowledged.png"))

    tab(family, "care")
    family.select_option("#care-elder", str(elder["id"]))
    family.wait_for_selector("[data-reminder][data-status=acknowledged]", timeout=20_000)
    card = family.inner_text("[data-reminder][data-status=acknowledged]")
    assert "吃降压药" in card and "已确认" in card and "按的按钮" in card, card
    check_screen(family, screenshots_dir, "care-3-family-sees-acknowledged")

    family.fill("#care-form [name=text]", "量血压")
    family.fill("#care-form [name=time]", "09:30")
    family.select_option("#care-form [name=repeat]", "weekly")
    family.select_option("#care-form [name=weekday]", "0")
    family.click("#care-form button[type=submit]")
    family.wait_for_selector("[data-reminder][data-status=scheduled]")
    assert "周一 09:30" in family.inner_text("[data-reminder][data-status=scheduled]")
    family.fill("#care-form [name=text]", "喝水")
    family.fill("#care-form [name=time]", "")
    family.click("#care-form button[type=submit]")
    family.wait_for_selector("#notice:not([hidden])")
    assert family.inner_text("#notice") == "时间或日期的格式不对，请重新选。"
    assert family.locator("[data-reminder]").count() == 2  # nothing half-saved
    check_screen(family, screenshots_dir, "care-4-family-reminders")
    for page in (family, granny):
        assert page.js_errors == [], page.js_errors  # type: ignore[attr-defined]
