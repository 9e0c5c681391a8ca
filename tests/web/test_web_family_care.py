"""The family view's reminders, recorded messages and photo thumbnails in Debian's chromium at
360x800, against the real server's API (no models: these screens need none). The fake microphone
plays a tone, which MediaRecorder records like a voice. Layout rules as for every family screen."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page

from assistant.storage.alerts import AlertStore
from assistant.storage.db import Database
from assistant.storage.history import History, TurnRecord
from assistant.storage.outbound import OutboundCalls
from assistant.storage.photos import TurnPhotos
from tests.server.api_server import Api, serve_api
from tests.web.conftest import new_page
from tests.web.family_steps import add_elder, check_screen, notice, open_family, shown_link, tab, tab_rows
from tests.web.test_web_family import owner_link

pytestmark = pytest.mark.browser


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    with serve_api(tmp_path) as running:
        yield running


def _owner_with_granny(browser: Browser, api: Api) -> tuple[Page, int]:
    owner = new_page(browser)
    open_family(owner, owner_link(api))
    add_elder(owner, {"name": "王秀英", "address": "王奶奶", "city": "杭州", "words": "阿司匹林，小红"})
    shown_link(owner)
    elder = owner.evaluate("window.familyDebug.elders")[0]
    assert elder["words"] == ["阿司匹林", "小红"]
    return owner, int(elder["id"])


def _reminder_form(page: Page, text: str, time: str, repeat: str = "once", date: str = "") -> None:
    page.fill("#care-form [name=text]", text)
    page.fill("#care-form [name=time]", time)
    page.select_option("#care-form [name=repeat]", repeat)
    page.fill("#care-form [name=date]", date)
    page.click("#care-form button[type=submit]")


def test_family_adds_pauses_edits_and_deletes_a_reminder(
    browser: Browser, api: Api, screenshots_dir: Path
) -> None:
    owner, _ = _owner_with_granny(browser, api)
    tab(owner, "elders")
    check_screen(owner, screenshots_dir, "family-10-elder-card-with-reminders")
    owner.click("[data-elder] .elder-reminders")  # the care tab, for this elder
    owner.wait_for_selector("#screen-care:not([hidden])")
    owner.wait_for_function("document.querySelector('#care-list').innerText.includes('还没有提醒')")

    _reminder_form(owner, "吃降压药", "08:00", date="2020-01-01")
    assert notice(owner) == "这个时间已经过去了，请换一个时间。"
    assert owner.locator("[data-reminder]").count() == 0  # nothing half-saved
    _reminder_form(owner, "吃降压药", "08:00", repeat="daily")
    owner.wait_for_selector("[data-reminder][data-status=scheduled]")
    check_screen(owner, screenshots_dir, "family-12-reminder-added")

    owner.click("[data-reminder] .care-pause")
    owner.wait_for_selector("[data-reminder][data-status=paused]")
    assert "已暂停" in owner.inner_text("[data-reminder]")
    check_screen(owner, screenshots_dir, "family-13-reminder-paused")
    owner.click("[data-reminder] .care-resume")
    owner.wait_for_selector("[data-reminder][data-status=scheduled]")

    owner.click("[data-reminder] .care-edit")
    assert owner.input_value("#care-form [name=text]") == "吃降压药"
    assert owner.inner_text("#care-form-title") == "修改提醒"
    owner.select_option("#care-form [name=repeat]", "weekly")
    owner.select_option("#care-form [name=weekday]", "2")
    owner.fill("#care-form [name=time]", "20:30")
    check_screen(owner, screenshots_dir, "family-14-reminder-edit")
    owner.click("#care-form button[type=submit]")
    owner.wait_for_function("document.querySelector('[data-reminder]')?.innerText.includes('20:30')")
    assert owner.inner_text("#care-form-title") == "添加提醒"
    assert owner.locator("[data-reminder]").count() == 1  # changed, not added

    owner.on("dialog", lambda d: d.accept())
    owner.click("[data-reminder] .care-delete")
    owner.wait_for_selector("[data-reminder][data-status=cancelled]")
    assert owner.locator("[data-reminder] .care-delete").count() == 0
    owner.click("#lang")  # English works too
    owner.wait_for_function("document.querySelector('#care-form-title').textContent === 'Add a reminder'")
    check_screen(owner, screenshots_dir, "family-15-reminders-en")
    assert owner.js_errors == []  # type: ignore[attr-defined]
    owner.context.close()


def test_family_records_a_voice_message_and_sees_a_photo_thumbnail(
    browser: Browser, api: Api, screenshots_dir: Path
) -> None:
    owner, elder_id = _owner_with_granny(browser, api)
    tab(owner, "notes")
    owner.select_option("#note-elder", str(elder_id))
    owner.click("#voice-record")  # tap: record ...
    owner.wait_for_selector("#voice-record[data-recording=yes]")
    owner.wait_for_function("document.querySelector('#voice-status').textContent.includes('2 秒')")
    check_screen(owner, screenshots_dir, "family-16-voice-recording")
    owner.click("#voice-record")  # ... tap again: send
    owner.wait_for_selector("[data-note][data-kind=voice]", timeout=20_000)
    assert "语音留言" in owner.inner_text("[data-note]") and "还没送达" in owner.inner_text("[data-note]")
    sent = owner.evaluate("window.familyVoice.sent")
    assert sent["kind"] == "voice" and 1.5 < sent["duration_s"] < 5, sent
    check_screen(owner, screenshots_dir, "family-17-voice-sent")
    owner.click("[data-note] .voice-play")
    owner.click("#voice-record")  # a recording too short to be a message is not sent
    owner.wait_for_selector("#voice-record[data-recording=yes]")
    owner.click("#voice-record")
    assert notice(owner).startswith("录音太短了")
    assert owner.locator("[data-note]").count() == 1

    picture = io.BytesIO()
    Image.new("RGB", (240, 160), "orange").save(picture, format="JPEG")
    with Database(api.db_path) as db:
        turn_id = History(db).record_turn(TurnRecord(
            user_id=elder_id, session_id="s", source="ws", started_at=1.9e9, finished_at=1.9e9,
            user_text="这是什么？", assistant_text="这是一个橙子。", image=True))
        TurnPhotos(db).save(turn_id, picture.getvalue(), 240, 160)
    tab(owner, "talks")
    owner.wait_for_function("document.querySelector('img.thumb')?.naturalWidth === 240")
    box = owner.locator("img.thumb").bounding_box()
    assert box is not None and box["width"] <= 160
    check_screen(owner, screenshots_dir, "family-18-photo-thumbnail")
    assert owner.js_errors == []  # type: ignore[attr-defined]
    owner.context.close()


def _record(page: Page, seconds: int = 2) -> None:
    page.click("#voice-record")  # tap: record ...
    page.wait_for_selector("#voice-record[data-recording=yes]")
    page.wait_for_function(f"document.querySelector('#voice-status').textContent.includes('{seconds} 秒')")
    page.click("#voice-record")  # ... tap again: send


def test_a_recorded_message_takes_the_same_delivery_time_as_a_typed_one(
    browser: Browser, api: Api, screenshots_dir: Path
) -> None:
    owner, elder_id = _owner_with_granny(browser, api)
    tab(owner, "notes")
    owner.select_option("#note-elder", str(elder_id))
    owner.fill("#note-at", "2020-01-01T08:00")  # gone: refused with the reason, as a typed one is
    _record(owner)
    refused = notice(owner)
    assert refused == "这个时间已经过去了，请换一个时间。", refused
    assert owner.locator("[data-note]").count() == 0  # nothing saved
    assert owner.is_visible("#voice-resend")
    owner.evaluate("document.querySelector('#notice').textContent = ''")
    owner.fill("#note-text", "周末回家吃饭")
    owner.click("#note-form button[type=submit]")
    owner.wait_for_function("document.querySelector('#notice').innerText !== ''")
    assert notice(owner) == refused  # word for word (the same check on the server)
    check_screen(owner, screenshots_dir, "family-19-voice-time-refused")

    at = (datetime.now() + timedelta(days=1)).replace(hour=18, minute=0, second=0, microsecond=0)
    owner.fill("#note-at", at.strftime("%Y-%m-%dT%H:%M"))
    owner.click("#voice-resend")  # the refused recording was kept: no need to record it again
    owner.wait_for_selector("[data-note][data-kind=voice]", timeout=20_000)
    assert owner.is_hidden("#voice-resend")
    assert notice(owner) == "语音留言已保存，到时间会放给老人听。"
    assert owner.evaluate("window.familyVoice.sent")["deliver_at"] == at.timestamp()
    card = owner.inner_text("[data-note][data-kind=voice]")
    assert "还没送达" in card and f"定时 {at.month}/{at.day} 18:00" in card, card
    assert owner.input_value("#note-at") == ""  # the next message is not timed unless asked
    with Database(api.db_path) as db, db.read() as conn:
        row = conn.execute("SELECT deliver_at FROM messages JOIN message_audio ON message_id = id").fetchone()
    assert row["deliver_at"] == at.timestamp()
    check_screen(owner, screenshots_dir, "family-20-voice-timed")
    assert owner.js_errors == []  # type: ignore[attr-defined]
    owner.context.close()


def test_an_old_photo_turn_shows_photo_not_saved_and_the_five_tabs_stay_one_row(
    browser: Browser, api: Api, screenshots_dir: Path
) -> None:
    owner, elder_id = _owner_with_granny(browser, api)
    with Database(api.db_path) as db:  # a photo turn from before thumbnails were kept: only its flag
        History(db).record_turn(TurnRecord(
            user_id=elder_id, session_id="s", source="ws", started_at=1.9e9, finished_at=1.9e9,
            user_text="这是什么药？", assistant_text="这是阿司匹林。", image=True))
    tab(owner, "talks")
    owner.wait_for_selector("[data-turn] .thumb-missing")
    assert owner.inner_text("[data-turn] .thumb-missing") == "照片未保存"
    assert owner.locator("[data-turn] img").count() == 0  # no broken image
    check_screen(owner, screenshots_dir, "family-21-photo-not-saved")

    for name in ("talks", "notes", "care", "elders", "devices"):  # each a 64x64 target, in one row
        tab(owner, name)
        box = owner.locator(f".tab[data-tab={name}]").bounding_box()
        assert box is not None and box["width"] >= 64 and box["height"] >= 64, (name, box)
        assert tab_rows(owner) == 1, name
    with Database(api.db_path) as db:  # an alert nobody got: its card says so
        alerts = AlertStore(db)
        alert = alerts.add(user_id=elder_id, kind="missed_reminder", category="reminder", text="吃降压药")
        alerts.record_delivery(alert.id, "wecom", "failed", attempts=3, error="timeout")
        alerts.set_status(alert.id, "failed")
        # words she left for her daughter
        word = alerts.add(user_id=elder_id, kind="message", category="女儿", text="周末回来吃饭")
        alerts.set_status(word.id, "delivered")
        calls = OutboundCalls(db)  # two calls, and what Twilio's status callbacks said of them
        rang = calls.add(user_id=elder_id, purpose="reminder", to_number="+8613800000001",
                         opening="王奶奶，该吃降压药了。吃了吗？")
        calls.attempt(rang.id, call_sid="CA" + "1" * 32)
        calls.line_status(rang.id, "no-answer", duration_s=0, at=1.9e9)
        talked = calls.add(user_id=elder_id, purpose="family", to_number="+8613900000009",
                           opening="您好，这里是王奶奶的语音助手。")
        calls.attempt(talked.id, call_sid="CA" + "2" * 32)
        calls.line_status(talked.id, "completed", duration_s=35, at=1.9e9)
    tab(owner, "care")  # a refusal shown while scrolled down: the notice and labels stay clear of the tabs
    owner.wait_for_selector("[data-alert][data-status=failed]")
    shown = owner.inner_text("[data-alert][data-status=failed]")
    assert "提醒没有确认：吃降压药" in shown and "未送达：wecom" in shown, shown
    assert "老人留言（给女儿）：周末回来吃饭" in owner.inner_text("#alert-list")
    owner.wait_for_selector("[data-call][data-status=failed]")
    shown = owner.inner_text("#call-list")
    assert "提醒电话：王奶奶，该吃降压药了" in shown and "未送达：无人接听" in shown, shown
    assert "打给家人的紧急电话" in shown and "已接通 35 秒" in shown, shown
    owner.fill("#care-form [name=text]", "吃降压药")
    owner.select_option("#care-form [name=repeat]", "once")
    owner.fill("#care-form [name=date]", "2020-01-01")
    owner.click("#care-form button[type=submit]")
    assert notice(owner) == "这个时间已经过去了，请换一个时间。"
    assert _below_tabs(owner, "#notice")
    owner.evaluate("window.scrollTo(0, 0)")
    assert _below_tabs(owner, "#screen-care .field span")  # the "老人" label
    check_screen(owner, screenshots_dir, "family-22-tabs-one-row")
    owner.click("#lang")  # English labels fit in one row too
    owner.wait_for_function("document.querySelector('.tab[data-tab=care]').textContent === 'Care'")
    assert tab_rows(owner) == 1
    check_screen(owner, screenshots_dir, "family-23-tabs-one-row-en")
    assert owner.js_errors == []  # type: ignore[attr-defined]
    owner.context.close()


def _below_tabs(page: Page, selector: str) -> bool:
    """``selector`` is wholly in view under the sticky tabs, and on top where its middle is."""
    return bool(page.evaluate("""(sel) => {
      const el = document.querySelector(sel), r = el.getBoundingClientRect();
      const tabs = document.querySelector('.tabs').getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return r.top >= tabs.bottom - 0.5 && r.bottom <= innerHeight && (hit === el || el.contains(hit));
    }""", selector))
