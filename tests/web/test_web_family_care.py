"""The family view's reminders, recorded messages and photo thumbnails in Debian's chromium at
360x800, against the real server's API (no models: these screens need none). The fake microphone
plays a tone, which MediaRecorder records like a voice. Layout rules as for every family screen."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page

from assistant.storage.db import Database
from assistant.storage.history import History, TurnRecord
from assistant.storage.photos import TurnPhotos
from tests.server.api_server import Api, serve_api
from tests.web.conftest import new_page
from tests.web.family_steps import add_elder, check_screen, notice, open_family, shown_link, tab
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
    page.fill("#rem-form [name=text]", text)
    page.fill("#rem-form [name=time]", time)
    page.select_option("#rem-form [name=repeat]", repeat)
    if date:
        page.fill("#rem-form [name=date]", date)
    page.click("#rem-form button[type=submit]")


def _status(page: Page) -> str:
    return page.inner_text("[data-reminder] .rem-status")


def test_family_adds_pauses_edits_and_deletes_a_reminder(
    browser: Browser, api: Api, screenshots_dir: Path
) -> None:
    owner, _ = _owner_with_granny(browser, api)
    tab(owner, "elders")
    check_screen(owner, screenshots_dir, "family-10-elder-card-with-reminders")
    owner.click("[data-elder] .elder-reminders")
    owner.wait_for_selector("#screen-reminders:not([hidden])")
    assert "还没有提醒" in owner.inner_text("#rem-list")
    check_screen(owner, screenshots_dir, "family-11-reminders-empty")

    _reminder_form(owner, "", "08:00")
    assert notice(owner) == "请填写提醒内容。"
    _reminder_form(owner, "吃降压药", "08:00", date="2020-01-01")
    assert notice(owner) == "这个时间已经过去了，请换一个时间。"
    assert owner.locator("[data-reminder]").count() == 0  # nothing half-saved
    _reminder_form(owner, "吃降压药", "08:00", repeat="daily")
    owner.wait_for_selector("[data-reminder]")
    assert "每天早上8点" in owner.inner_text("[data-reminder]") and _status(owner).startswith("下次提醒")
    check_screen(owner, screenshots_dir, "family-12-reminder-added")

    owner.click("[data-reminder] .rem-pause")
    owner.wait_for_selector("[data-reminder][data-status=paused]")
    assert _status(owner) == "已暂停，不会提醒"
    check_screen(owner, screenshots_dir, "family-13-reminder-paused")
    owner.click("[data-reminder] .rem-resume")
    owner.wait_for_selector("[data-reminder][data-status=scheduled]")

    owner.click("[data-reminder] .rem-edit")
    assert owner.input_value("#rem-form [name=text]") == "吃降压药"
    owner.select_option("#rem-form [name=repeat]", "weekly")
    owner.select_option("#rem-form [name=weekday]", "2")
    owner.fill("#rem-form [name=time]", "20:30")
    check_screen(owner, screenshots_dir, "family-14-reminder-edit")
    owner.click("#rem-form button[type=submit]")
    owner.wait_for_function("document.querySelector('[data-reminder]')?.innerText.includes('每周三晚上8点半')")

    owner.on("dialog", lambda d: d.accept())
    owner.click("[data-reminder] .rem-delete")
    owner.wait_for_function("!document.querySelector('[data-reminder]')")
    owner.click("#lang")  # English works too
    owner.wait_for_function("document.querySelector('#rem-form-title').textContent === 'Add a reminder'")
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
