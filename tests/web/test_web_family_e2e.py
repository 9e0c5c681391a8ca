"""The family console end to end in Debian's chromium at 360x800, on the real server with real models.

Three browser contexts (phones): the owner, a daughter the owner invites, and 王奶奶, whose fake
microphone plays a spoken question over and over (a short loop), muted by the page's microphone gate
(MIC_GATE_JS) except when she asks: the first time, then once at each of her next turns, when the
family has done its part and her last answer has played out. The owner pairs with
the link `serve` printed at start-up, adds 王奶奶 with a city and pairs her phone by the QR link; she
asks; the family sees the turn and leaves a message; she hears it before her next answer. Then the
daughter sets a reminder for her and records a voice message, which 王奶奶 hears at the turn after.
Screenshots of every screen go to tests/artifacts/screenshots/family-*.png.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Playwright

from tests.conftest import ServerInfo, overlap
from tests.web.conftest import MIC_GATE_JS, launch, new_page, write_wav
from tests.web.family_steps import add_elder, check_screen, open_family, shown_link, tab
from tests.web.test_web_e2e import REPLY_TIMEOUT_MS, W, spoken, texts, wait_count

pytestmark = pytest.mark.browser

QUESTION = "中国的首都是哪个城市？"
NOTE = "周末我回家吃饭"
LEAD_S, TAIL_S = 0.8, 3.0  # silence before and after the question in one loop of her microphone


def test_owner_adds_granny_she_asks_the_family_reads_and_leaves_a_message(
    playwright_instance: Playwright, server: ServerInfo, voices: Any, tmp_path: Path, screenshots_dir: Path
) -> None:
    pcm = spoken(voices, QUESTION, before_s=LEAD_S, after_s=TAIL_S)
    wav = write_wav(tmp_path / "granny.wav", pcm)
    period_s = len(pcm) / 2 / 16000
    q_end = 1000 * (period_s - TAIL_S)
    marks = {"q1End": q_end, "q2Start": 1000 * LEAD_S, "q2End": q_end, "period": 1000 * period_s}
    browser = launch(playwright_instance, mic_wav=wav)
    try:
        owner, daughter, granny_link, elder_id = _owner_sets_up(browser, server, screenshots_dir)
        granny = _granny_asks(browser, granny_link, marks, screenshots_dir)
        _family_reads_and_leaves_a_message(daughter, elder_id, screenshots_dir)
        _granny_hears_it_and_the_family_sees_it_delivered(granny, daughter, screenshots_dir)
        before = float(granny.evaluate(f"{W}.receivedAudioSeconds"))
        seconds = _family_sets_a_reminder_and_records_a_message(daughter, elder_id, screenshots_dir)
        _granny_hears_the_recording(granny, daughter, screenshots_dir)
        played = float(granny.evaluate(f"{W}.receivedAudioSeconds")) - before
        assert played > seconds + 1.0, (played, seconds)  # preface + the recording + the answer
        _family_gets_the_summary(daughter, elder_id, screenshots_dir)
        for page in (owner, daughter, granny):
            assert page.js_errors == [], page.js_errors  # type: ignore[attr-defined]
    finally:
        browser.close()


def _owner_sets_up(browser: Browser, server: ServerInfo, shots: Path) -> tuple[Page, Page, str, int]:
    """1. The owner pairs with the link `serve` printed (no owner yet); 2. adds 王奶奶 with a city and
    gets the QR link for her phone; invites the daughter, whose phone opens the family view too."""
    owner_link = re.findall(r"https?://\S+#pair=\d+", server.log())[0]
    owner = new_page(browser)
    open_family(owner, owner_link)
    check_screen(owner, shots, "family-1-owner-paired")
    add_elder(owner, {"name": "王秀兰", "address": "王奶奶", "city": "杭州", "speed": "0.8"})
    granny_link = shown_link(owner)
    assert owner.inner_text("#link-title") == "给王奶奶的手机配对"
    check_screen(owner, shots, "family-2-granny-qr")
    elder = next(e for e in owner.evaluate("window.familyDebug.elders") if e["name"] == "王秀兰")
    assert elder["city"] == "杭州" and elder["address"] == "王奶奶"
    tab(owner, "devices")
    owner.fill("#invite-form [name=name]", "小红")
    owner.fill("#invite-form [name=relation]", "女儿")
    owner.click("#invite-form button[type=submit]")
    daughter_link = shown_link(owner)
    check_screen(owner, shots, "family-3-invite-qr")
    daughter = new_page(browser)
    open_family(daughter, daughter_link)
    return owner, daughter, granny_link, int(elder["id"])


def _granny_asks(browser: Browser, granny_link: str, marks: dict[str, float], shots: Path) -> Page:
    """3. 王奶奶's phone opens the QR link, and she asks a spoken question (a hands-free call); then
    her microphone is silent until `_granny_asks_again`."""
    granny = new_page(browser)
    granny.context.add_init_script(MIC_GATE_JS)
    granny.goto(granny_link)
    granny.wait_for_function(f"{W}.connected")
    granny.evaluate("(m) => window.__micGate.plan(m)", marks)  # the question once, then silence
    assert granny.is_visible("#privacy")  # the one line: family can read the conversations
    granny.screenshot(path=str(shots / "family-4-granny-paired.png"))
    granny.click("#talk")
    wait_count(granny, "metrics")  # the turn is over (and being saved)
    first = texts(granny, "user")
    assert first and overlap(QUESTION, first[0]) >= 0.6, first
    granny.screenshot(path=str(shots / "family-5-granny-asked.png"))
    return granny


def _family_reads_and_leaves_a_message(daughter: Page, elder_id: int, shots: Path) -> None:
    """4. The family sees the turn, and leaves a message."""
    daughter.select_option("#talks-elder", str(elder_id))
    for _ in range(20):  # as a person would: refresh until the turn is there
        daughter.wait_for_function(f"window.familyDebug.shown?.elder === {elder_id}")
        if daughter.locator("[data-turn] .q").count():
            break
        daughter.wait_for_timeout(1000)
        daughter.evaluate("window.familyDebug.shown = null")
        daughter.click("#talks-refresh")
    seen = daughter.inner_text("[data-turn] .q")
    assert overlap(QUESTION, seen) >= 0.6, seen
    check_screen(daughter, shots, "family-6-family-sees-turn")
    tab(daughter, "notes")
    daughter.select_option("#note-elder", str(elder_id))
    daughter.fill("#note-text", NOTE)
    daughter.click("#note-form button[type=submit]")
    daughter.wait_for_selector("[data-note][data-delivered=no]")
    check_screen(daughter, shots, "family-7-message-left")


def _granny_asks_again(granny: Page) -> int:
    """Her next turn: once her last answer has played out (still in the call), she asks the question
    again, at its next place in her microphone's loop. How long until she speaks (ms)."""
    granny.wait_for_function(f"{W}.callMode && {W}.state === 'listening'", timeout=REPLY_TIMEOUT_MS)
    return int(granny.evaluate("() => window.__micGate.sayAgain()")["inMs"])


def _granny_hears_it_and_the_family_sees_it_delivered(granny: Page, daughter: Page, shots: Path) -> None:
    """5. At her next turn, 王奶奶 hears the message before the answer; the family sees it delivered."""
    in_ms = _granny_asks_again(granny)
    granny.wait_for_function(
        "Array.from(document.querySelectorAll('.msg-assistant .text'))"
        f".some(e => e.textContent.includes({NOTE!r}))",
        timeout=REPLY_TIMEOUT_MS + in_ms,
    )
    wait_count(granny, "audio_end", 2)
    heard = next(t for t in texts(granny, "assistant") if NOTE in t)
    assert heard.startswith(f"您女儿小红给您留了言：{NOTE}"), heard
    granny.screenshot(path=str(shots / "family-8-granny-hears-message.png"))
    for _ in range(30):  # the family's screen shows it once the turn is saved
        tab(daughter, "notes")
        daughter.wait_for_selector("[data-note]")
        if daughter.get_attribute("[data-note]", "data-delivered") == "yes":
            break
        daughter.wait_for_timeout(1000)
    assert "已送达" in daughter.inner_text("[data-note]")
    check_screen(daughter, shots, "family-9-message-delivered")


def _family_sets_a_reminder_and_records_a_message(daughter: Page, elder_id: int, shots: Path) -> float:
    """The daughter adds a daily reminder for 王奶奶, and records a voice message (her phone's fake
    microphone plays the same looping WAV: the recording holds the spoken question)."""
    tab(daughter, "elders")
    daughter.click(f"[data-elder='{elder_id}'] .elder-reminders")
    daughter.wait_for_selector("#screen-care:not([hidden])")
    daughter.fill("#care-form [name=text]", "吃降压药")
    daughter.fill("#care-form [name=time]", "08:00")
    daughter.select_option("#care-form [name=repeat]", "daily")
    daughter.click("#care-form button[type=submit]")
    daughter.wait_for_selector("[data-reminder][data-status=scheduled]")
    assert "吃降压药" in daughter.inner_text("[data-reminder]")
    check_screen(daughter, shots, "family-e2e-11-reminder-added")
    tab(daughter, "notes")
    daughter.select_option("#note-elder", str(elder_id))
    daughter.click("#voice-record")
    daughter.wait_for_function("document.querySelector('#voice-status').textContent.includes('4 秒')")
    check_screen(daughter, shots, "family-e2e-12-recording")
    daughter.click("#voice-record")
    daughter.wait_for_selector("[data-note][data-kind=voice][data-delivered=no]", timeout=30_000)
    check_screen(daughter, shots, "family-e2e-13-voice-message-left")
    return float(daughter.evaluate("window.familyVoice.sent.duration_s"))


def _granny_hears_the_recording(granny: Page, daughter: Page, shots: Path) -> None:
    """At her next turn 王奶奶 hears the preface, then the daughter's recording; the family sees it
    delivered."""
    in_ms = _granny_asks_again(granny)
    granny.wait_for_function(
        "Array.from(document.querySelectorAll('.msg-assistant .text'))"
        ".some(e => e.textContent.includes('（语音留言）'))",
        timeout=REPLY_TIMEOUT_MS + in_ms,
    )
    wait_count(granny, "audio_end", len(texts(granny, "assistant")))
    heard = next(t for t in texts(granny, "assistant") if "语音留言" in t)
    assert heard.startswith("您女儿小红给您留了言：（语音留言）"), heard
    granny.screenshot(path=str(shots / "family-e2e-14-granny-hears-recording.png"))
    for _ in range(30):
        tab(daughter, "notes")
        daughter.wait_for_selector("[data-note][data-kind=voice]")
        if daughter.get_attribute("[data-note][data-kind=voice]", "data-delivered") == "yes":
            break
        daughter.wait_for_timeout(1000)
    assert "已送达" in daughter.inner_text("[data-note][data-kind=voice]")
    check_screen(daughter, shots, "family-e2e-15-recording-delivered")


def _family_gets_the_summary(daughter: Page, elder_id: int, shots: Path) -> None:
    """The day's summary, written by the LLM on demand."""
    tab(daughter, "talks")
    daughter.select_option("#talks-elder", str(elder_id))
    daughter.wait_for_function(f"window.familyDebug.shown?.elder === {elder_id}")
    daughter.click("#talks-summary")
    daughter.wait_for_function(
        "document.querySelector('#talks-summary-text').dataset.done === 'yes'", timeout=REPLY_TIMEOUT_MS
    )
    print(f"summary shown: {daughter.inner_text('#talks-summary-text')!r}")
    check_screen(daughter, shots, "family-10-summary")
