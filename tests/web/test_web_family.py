"""The family view in Debian's chromium at 360x800, against the real server's API and web client
(no models are loaded: these screens need none). Layout rules: text >= 20 px, targets >= 64 px."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from assistant.storage.cli import cmd_pair_owner
from assistant.storage.db import Database
from tests.server.api_server import Api, serve_api
from tests.web.conftest import layout_problems, new_page
from tests.web.family_steps import add_elder, check_screen, notice, open_family, shown_link, tab

pytestmark = pytest.mark.browser


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    with serve_api(tmp_path) as running:
        yield running


def owner_link(api: Api) -> str:
    out = io.StringIO()
    with Database(api.db_path) as db:
        assert cmd_pair_owner(db, api.base, out=out) == 0
    found = re.search(r"https?://\S+#pair=\d+", out.getvalue())
    assert found is not None
    return found.group(0)


def test_family_screens_bad_input_and_an_elder_phone_kept_out(
    browser: Browser, api: Api, screenshots_dir: Path
) -> None:
    owner = new_page(browser)
    open_family(owner, owner_link(api))
    assert owner.is_visible("#screen-start") and "还没有添加老人" in owner.inner_text("#screen-start")
    check_screen(owner, screenshots_dir, "family-0-start")

    owner.click("#screen-start [data-go=elder-form]")
    owner.click("#elder-form button[type=submit]")  # nothing filled in
    assert notice(owner) == "请填写名字。"
    check_screen(owner, screenshots_dir, "family-0-missing-name")
    add_elder(owner, {"name": "李建国", "phones": "12ab"})
    assert notice(owner) == "电话号码填得不对，请检查一下。"
    add_elder(owner, {"name": "王秀英", "address": "王奶奶", "city": "杭州", "phones": "138 0000 0001"})
    shown_link(owner)
    add_elder(owner, {"name": "李爷爷", "phones": "13800000001"})  # 王奶奶's number
    assert notice(owner) == "这个电话号码已经属于另一位老人。"
    assert [e["name"] for e in owner.evaluate("window.familyDebug.elders")] == [
        "王秀英"
    ]  # nothing half-saved

    tab(owner, "elders")
    owner.click("[data-elder] .btn-primary")  # 配对手机
    link = shown_link(owner)
    assert owner.inner_text("#link-title") == "给王奶奶的手机配对"
    qr = owner.locator("#link-qr").bounding_box()
    assert qr is not None and qr["width"] >= 250  # big enough to scan from another phone
    check_screen(owner, screenshots_dir, "family-0-pair-qr")

    elder = new_page(browser)
    elder.goto(link)
    elder.wait_for_selector("#privacy:not([hidden])")
    line = elder.locator("#privacy").bounding_box()
    assert line is not None and line["height"] < 2 * 20 * 1.3  # one line
    assert elder.inner_text("#privacy") == "家人能看对话，说“别告诉家人”可隐藏"
    elder.screenshot(path=str(screenshots_dir / "family-0-elder-privacy-line.png"))
    assert layout_problems(elder, ["#status", "#privacy", "#talk", "#photo", "#send"]) == []
    elder.click("#lang")
    assert "don't tell my family" in elder.inner_text("#privacy")
    assert layout_problems(elder, ["#status", "#privacy", "#talk", "#photo", "#send"]) == []
    elder.click("#lang")
    elder.goto(api.base + "/family.html")  # an elder's phone cannot open the family view
    elder.wait_for_url(api.base + "/", timeout=10_000)

    tab(owner, "devices")
    owner.wait_for_selector("[data-device]")
    cards = owner.locator("[data-device]").all_inner_texts()
    assert any("王秀英 · 老人" in c for c in cards) and any("这部手机" in c for c in cards), cards
    check_screen(owner, screenshots_dir, "family-0-devices")
    owner.on("dialog", lambda d: d.accept())
    owner.click("[data-device] .btn-danger")
    owner.wait_for_function("document.body.innerText.includes('已取消配对')")
    assert owner.js_errors == [] and elder.js_errors == []  # type: ignore[attr-defined]
    owner.context.close()
    elder.context.close()
