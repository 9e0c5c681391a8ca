"""Fixtures for the browser tests: Debian's chromium driven by Playwright, and a static file server.

Playwright's own browser downloads are not used: the tests launch ``/usr/bin/chromium``.
"""

from __future__ import annotations

import shutil
import threading
import wave
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

WEB_DIR = Path(__file__).resolve().parents[2] / "clients" / "web"
VIEWPORT = {"width": 360, "height": 800}

# No sandbox (root in CI); a fake microphone and camera; audio may start without a gesture.
BASE_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--use-fake-ui-for-media-stream",
    "--use-fake-device-for-media-stream",
    "--autoplay-policy=no-user-gesture-required",
]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        raise RuntimeError("the browser tests need Debian's chromium: apt-get install chromium")
    return path


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def static_site() -> Iterator[str]:
    """clients/web served by a plain HTTP server (no websocket: the client must show 'reconnecting')."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(WEB_DIR)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


def launch(p: Playwright, *, mic_wav: Path | None = None) -> Browser:
    args = list(BASE_ARGS)
    if mic_wav is not None:
        args.append(f"--use-file-for-fake-audio-capture={mic_wav}")
    return p.chromium.launch(executable_path=chromium_path(), args=args)


@pytest.fixture(scope="session")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    """A browser whose fake microphone is a tone (no speech)."""
    b = launch(playwright_instance)
    try:
        yield b
    finally:
        b.close()


def new_page(browser: Browser, *, token: str | None = None, lang: str | None = None) -> Page:
    """A fresh profile at 360×800 with the microphone allowed, and optionally a stored token."""
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1, locale="zh-CN")
    context.grant_permissions(["microphone"])
    script = ""
    if token is not None:
        script += f"localStorage.setItem('assistant.token', {token!r});"
    if lang is not None:
        script += f"localStorage.setItem('assistant.lang', {lang!r});"
    if script:
        context.add_init_script(script)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.js_errors = errors  # type: ignore[attr-defined]
    return page


def debug(page: Page) -> dict[str, Any]:
    """A snapshot of window.assistantDebug."""
    value: dict[str, Any] = page.evaluate("JSON.parse(JSON.stringify(window.assistantDebug))")
    return value


def write_wav(path: Path, pcm16: bytes, rate: int = 16000) -> Path:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(pcm16)
    return path
