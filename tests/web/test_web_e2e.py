"""The web client against the real server (real models, auth on) in Debian's chromium.

The phone's microphone is Chromium's fake capture device playing a WAV of a question spoken by
the project's own voice; the page is driven the way a person would: taps, a held button, typing,
picking a photo.
"""

from __future__ import annotations

import io
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw, ImageFont
from playwright.sync_api import Browser, Page, Playwright

from tests.conftest import ServerInfo, overlap, speak
from tests.web.conftest import debug, launch, new_page, write_wav

pytestmark = pytest.mark.browser

W = "window.assistantDebug"
REPLY_TIMEOUT_MS = 150_000  # a whole voice turn on a busy 2-core machine


def spoken(voices: Any, text: str, **kwargs: Any) -> bytes:
    """``speak`` in its own thread: Playwright's sync API keeps an event loop running in this one."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(speak, voices, text, **kwargs).result()


def open_app(browser: Browser, server: ServerInfo, **kwargs: Any) -> Page:
    page = new_page(browser, **kwargs)
    page.goto(server.http + "/")
    return page


def count(page: Page, kind: str) -> int:
    return int(page.evaluate(f"{W}.messages.filter(m => m.type === {kind!r}).length"))


def wait_count(page: Page, kind: str, n: int = 1, timeout: float = REPLY_TIMEOUT_MS) -> None:
    page.wait_for_function(f"{W}.messages.filter(m => m.type === {kind!r}).length >= {n}", timeout=timeout)


def texts(page: Page, role: str) -> list[str]:
    return [str(t) for t in page.eval_on_selector_all(f".msg-{role} .text",
                                                      "els => els.map(e => e.textContent)")]


def test_unpaired_phone_is_told_what_to_do_and_a_pairing_link_pairs_it(browser: Browser,
                                                                       server: ServerInfo) -> None:
    from assistant.storage.auth import DeviceAuth
    from assistant.storage.db import Database

    page = open_app(browser, server)
    page.wait_for_function(f"{W}.state === 'unpaired'")
    assert page.inner_text("#status") == "这个设备还没有配对"
    notice = page.inner_text("#notice")
    assert "assistant pair" in notice and "二维码" in notice
    assert page.is_visible("#notice")

    with Database(server.db_path) as db:
        code = DeviceAuth(db).create_pairing_code("web test phone", "tester").code
    page.goto(f"{server.http}/#pair={code}")
    page.wait_for_function(f"{W}.connected")
    assert page.evaluate("location.hash") == ""  # the one-time code is not left in the address bar
    assert page.evaluate("localStorage.getItem('assistant.token')")
    assert not page.is_visible("#notice")
    assert page.js_errors == []  # type: ignore[attr-defined]
    page.context.close()


def said_the_weekday(answer: str) -> bool:
    """The answer names today (or yesterday, when the question straddles midnight)."""
    days = {(datetime.now() - timedelta(minutes=back)).weekday() for back in (0, 5)}
    return any(f"星期{'一二三四五六日'[day]}" in answer for day in days)


def test_call_mode_spoken_question_gets_a_spoken_answer(
    playwright_instance: Playwright, server: ServerInfo, voices: Any, tmp_path: Path, artifacts_dir: Path
) -> None:
    # The clock tool answers it in code, so the answer is checked against the clock, not a small
    # model's knowledge: "今天是2026年12月1日，星期二。"
    question = "今天星期几？"
    wav = write_wav(tmp_path / "question.wav", spoken(voices, question, before_s=0.8, after_s=60.0))
    browser = launch(playwright_instance, mic_wav=wav)
    try:
        page = open_app(browser, server, token=server.token)
        page.wait_for_function(f"{W}.connected")
        hello = debug(page)["sent"][0]
        assert hello == {"type": "hello", "audio": {"format": "pcm16", "rate": 16000, "channels": 1},
                         "language": "zh"}
        page.click("#talk")  # a tap: hands-free call
        page.wait_for_function(f"{W}.callMode && {W}.state === 'listening'")
        assert page.inner_text("#talk-label") == "挂断" and page.inner_text("#status") == "正在听…"
        wait_count(page, "speech_started", timeout=20_000)
        wait_count(page, "audio_end")
        page.wait_for_function(f"{W}.state === 'listening'", timeout=60_000)  # played out, still in the call
        page.screenshot(path=str(artifacts_dir / "web-call-answer.png"))

        state = debug(page)
        user, assistant = texts(page, "user"), texts(page, "assistant")
        assert user and overlap(question, user[0]) >= 0.6, user
        assert assistant and said_the_weekday(assistant[0]), (user, assistant)
        assert state["receivedAudioSeconds"] > 0.5
        assert state["playedChunks"] >= 1
        assert abs(state["playedSeconds"] - state["receivedAudioSeconds"]) < 0.05, state
        assert state["sentAudioBytes"] > 16000 * 2 * 2  # the microphone streamed for seconds

        page.click("#talk")  # end the call
        page.wait_for_function(f"!{W}.callMode && {W}.state === 'idle'")
        assert page.js_errors == []  # type: ignore[attr-defined]
    finally:
        browser.close()


def test_hold_to_talk_ends_the_turn_as_soon_as_the_button_is_released(
    playwright_instance: Playwright, server: ServerInfo, voices: Any, tmp_path: Path
) -> None:
    question = "一年有几个月？"
    before_s = 0.5
    pcm = spoken(voices, question, before_s=before_s, after_s=60.0)
    speech_s = len(pcm) / 2 / 16000 - before_s - 60.0
    wav = write_wav(tmp_path / "hold.wav", pcm)
    browser = launch(playwright_instance, mic_wav=wav)
    try:
        page = open_app(browser, server, token=server.token)
        page.wait_for_function(f"{W}.connected")
        box = page.locator("#talk").bounding_box()
        assert box is not None
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.mouse.down()
        page.wait_for_function(f"{W}.holding && {W}.micRunning")
        assert page.inner_text("#talk-label") == "松开发送"
        page.wait_for_timeout(int((before_s + speech_s + 0.3) * 1000))
        assert count(page, "speech_started") == 1
        page.mouse.up()
        released = time.monotonic()
        # The microphone keeps hearing silence, but nothing is sent any more: only the 800 ms of
        # silence the app adds lets the server's VAD close the turn.
        wait_count(page, "speech_stopped", timeout=5_000)
        ended_after = time.monotonic() - released
        print(f"hold-to-talk: speech_stopped {ended_after:.2f} s after the release")
        assert ended_after < 2.0, f"the turn ended {ended_after:.2f} s after the release"
        assert not debug(page)["holding"] and not debug(page)["callMode"]
        page.wait_for_function(
            f"{W}.messages.some(m => m.type === 'transcript' && m.final !== false && m.text)", timeout=60_000)
        assert overlap(question, texts(page, "user")[0]) >= 0.6, texts(page, "user")
        assert page.js_errors == []  # type: ignore[attr-defined]
    finally:
        browser.close()


def photo_png() -> bytes:
    img = Image.new("RGB", (2400, 1600), "white")
    draw = ImageDraw.Draw(img)
    draw.text((300, 500), "STOP 123", fill="black", font=ImageFont.load_default(size=360))
    out = io.BytesIO()
    img.save(out, format="PNG")
    return out.getvalue()


def test_typed_question_and_photo_question(browser: Browser, server: ServerInfo, artifacts_dir: Path) -> None:
    page = open_app(browser, server, token=server.token)
    page.wait_for_function(f"{W}.connected")

    page.fill("#ask-text", "一年有几个月？")
    page.click("#send")
    page.wait_for_function(f"{W}.state === 'thinking' || {W}.state === 'speaking'")
    assert page.input_value("#ask-text") == ""
    wait_count(page, "audio_end")
    page.wait_for_function(f"{W}.state === 'idle'", timeout=60_000)
    assert texts(page, "user") == ["一年有几个月？"]  # shown once, even though the server echoes it
    answer = texts(page, "assistant")
    assert answer and ("12" in answer[0] or "十二" in answer[0]), answer
    assert debug(page)["receivedAudioBytes"] > 0

    page.fill("#ask-text", "照片上写的是什么？")
    page.set_input_files("#photo-input", files=[{"name": "sign.png", "mimeType": "image/png",
                                                 "buffer": photo_png()}])
    page.wait_for_function(f"{W}.sent.some(m => m.type === 'image')")
    sent = next(m for m in debug(page)["sent"] if m["type"] == "image")
    assert sent["mime"] == "image/jpeg" and sent["text"] == "照片上写的是什么？"
    size = page.eval_on_selector(".msg-user img.thumb", "img => [img.naturalWidth, img.naturalHeight]")
    assert size == [1280, 853]
    wait_count(page, "audio_end", 2)
    page.wait_for_function(f"{W}.state === 'idle'", timeout=60_000)
    page.screenshot(path=str(artifacts_dir / "web-photo-answer.png"))
    # the photo's bubble holds its text
    assert texts(page, "user") == ["一年有几个月？", "照片上写的是什么？"]
    answers = texts(page, "assistant")
    # "照片上写的是什么" asks to read it out: the answer is the OCR'd text, read verbatim.
    assert len(answers) == 2 and "STOP" in answers[1].upper() and "123" in answers[1], answers
    assert page.js_errors == []  # type: ignore[attr-defined]
    page.context.close()
