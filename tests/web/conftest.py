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
from playwright.sync_api import Browser, Page, Playwright, ViewportSize, sync_playwright

WEB_DIR = Path(__file__).resolve().parents[2] / "clients" / "web"
VIEWPORT: ViewportSize = {"width": 360, "height": 800}

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


@pytest.fixture(scope="session")
def screenshots_dir(artifacts_dir: Path) -> Path:
    path = artifacts_dir / "screenshots"
    path.mkdir(exist_ok=True)
    return path


# ---- instruments for tests (observation, and a mute switch on the fake microphone) ----------------

# An init script: records the page's microphone streams and lets a test mute them (a disabled track
# gives silence) so that a looping fake-capture WAV is heard only in chosen windows. `plan(marks)`
# (ms positions in one loop of the WAV: q1End, q2Start, q2End, period) keeps only the first question
# of the first loop; `sayAgain()` lets the second question of the next loop through.
MIC_GATE_JS = """(() => {
  const gate = { streams: [], t0: null, marks: null, log: [] };
  window.__micGate = gate;
  const md = navigator.mediaDevices;
  if (!md || !md.getUserMedia) return;
  const original = md.getUserMedia.bind(md);
  const MARGIN = 700;
  gate.set = (on) => {
    for (const s of gate.streams) for (const track of s.getAudioTracks()) track.enabled = on;
    gate.log.push({ t: performance.now(), on });
  };
  gate.plan = (marks) => { gate.marks = marks; };
  md.getUserMedia = async (constraints) => {
    const stream = await original(constraints);
    gate.streams.push(stream);
    if (gate.t0 === null) {
      gate.t0 = performance.now();
      if (gate.marks) setTimeout(() => gate.set(false), gate.marks.q1End + MARGIN);
    }
    return stream;
  };
  gate.sayAgain = () => {
    const m = gate.marks;
    const pos = (performance.now() - gate.t0) % m.period;
    let wait = m.q2Start - MARGIN - pos;
    if (wait < 0) wait += m.period;
    setTimeout(() => gate.set(true), wait);
    setTimeout(() => gate.set(false), wait + (m.q2End - m.q2Start) + 2 * MARGIN);
    return { inMs: wait, pos };
  };
})();"""

# An init script: the page's microphone is a script. getUserMedia returns a stream of silence from an
# AudioContext of its own, and `say(name)` plays a clip loaded with `load(name, base64 PCM16, rate)` into
# it at once. Unlike a looping fake-capture WAV, a test can speak at the moment it chooses (e.g. while an
# answer is playing), however long the answer or the machine took. `log`: what was said and when.
SCRIPTED_MIC_JS = """(() => {
  const mic = { clips: {}, log: [], ctx: null, dest: null, t0: null };
  window.__mic = mic;
  const md = navigator.mediaDevices;
  if (!md || !md.getUserMedia) return;
  mic.load = (name, b64, rate) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const pcm = new Int16Array(bytes.buffer);
    mic.clips[name] = { pcm, rate };
  };
  md.getUserMedia = async () => {
    if (mic.ctx === null) {
      mic.ctx = new AudioContext();
      mic.dest = mic.ctx.createMediaStreamDestination();
      mic.t0 = performance.now();
    }
    if (mic.ctx.state !== "running") await mic.ctx.resume();
    return new MediaStream(mic.dest.stream.getAudioTracks().map((t) => t.clone()));
  };
  mic.say = (name) => {
    const clip = mic.clips[name];
    const buffer = mic.ctx.createBuffer(1, clip.pcm.length, clip.rate);
    const data = buffer.getChannelData(0);
    for (let i = 0; i < clip.pcm.length; i++) data[i] = clip.pcm[i] / 32768;
    const source = mic.ctx.createBufferSource();
    source.buffer = buffer;
    source.connect(mic.dest);
    source.start();
    mic.log.push({ name, t: performance.now(), state: mic.ctx.state });
    return { ms: 1000 * buffer.duration, state: mic.ctx.state };
  };
})();"""


# Records, every 20 ms, new server messages and any change of state / played / received audio.
TIMELINE_JS = """() => {
  const d = window.assistantDebug, seen = new WeakSet(), tl = [];
  window.__timeline = tl;
  let last = "";
  setInterval(() => {
    const t = performance.now();
    for (const m of d.messages) {
      if (seen.has(m)) continue;
      seen.add(m);
      tl.push({ t, msg: m.type, final: m.final ?? null, text: m.text ?? null, at_ms: m.at_ms ?? null });
    }
    const key = `${d.state}|${d.playedSeconds}|${d.receivedAudioSeconds}`;
    if (key !== last) {
      last = key;
      tl.push({ t, state: d.state, played: d.playedSeconds, received: d.receivedAudioSeconds });
    }
  }, 20);
}"""


def timeline(page: Page) -> list[dict[str, Any]]:
    value: list[dict[str, Any]] = page.evaluate("window.__timeline")
    return value


# Boxes of the given controls (visible ones) and every visible element with its own text: where it
# is, whether its text overflows its box, and whether an ancestor that hides overflow clips it.
LAYOUT_CHECK_JS = """(selectors) => {
  const box = (r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
  const shown = (el) => el && !el.closest('[hidden]') && el.getClientRects().length > 0;
  const controls = selectors.map(s => [s, document.querySelector(s)]).filter(([, el]) => shown(el))
    .map(([sel, el]) => ({ sel, ...box(el.getBoundingClientRect()) }));
  const texts = [];
  for (const el of document.body.querySelectorAll('*')) {
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !shown(el)) continue;
    const st = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    if (st.display === 'inline' || st.visibility === 'hidden' || r.width <= 1) continue;
    let clippedBy = null;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const ov = getComputedStyle(a), ar = a.getBoundingClientRect();
      const clipX = ['hidden', 'clip'].includes(ov.overflowX);
      const clipY = ['hidden', 'clip'].includes(ov.overflowY);
      if ((clipX && (r.left < ar.left - 0.5 || r.right > ar.right + 0.5)) ||
          (clipY && (r.top < ar.top - 0.5 || r.bottom > ar.bottom + 0.5))) {
        clippedBy = a.id || String(a.className);
      }
    }
    texts.push({ id: el.id, cls: String(el.className), text: el.textContent.trim().slice(0, 20),
                 fontSize: parseFloat(st.fontSize), ...box(r), clippedBy,
                 scrollWidth: el.scrollWidth, clientWidth: el.clientWidth,
                 scrollHeight: el.scrollHeight, clientHeight: el.clientHeight,
                 scrolls: ['auto', 'scroll'].includes(st.overflowY) });
  }
  const se = document.scrollingElement;
  return { controls, texts, width: innerWidth, height: innerHeight,
           scrollWidth: se.scrollWidth, clientWidth: se.clientWidth };
}"""


def layout_problems(page: Page, selectors: list[str], *, min_font_px: float = 20) -> list[str]:
    """What is wrong with the page's layout: controls outside the viewport or overlapping each other,
    text overflowing its box or clipped, text smaller than ``min_font_px``, sideways scrolling."""
    info: dict[str, Any] = page.evaluate(LAYOUT_CHECK_JS, selectors)
    w, h = info["width"], info["height"]
    problems = []
    if info["scrollWidth"] > info["clientWidth"]:
        problems.append(f"the page scrolls sideways: {info['scrollWidth']} > {info['clientWidth']}")
    controls = info["controls"]
    for c in controls:
        if c["left"] < 0 or c["top"] < 0 or c["right"] > w or c["bottom"] > h:
            problems.append(f"{c['sel']} is outside the {w}x{h} viewport: {c}")
    for i, a in enumerate(controls):
        for b in controls[i + 1:]:
            if a["left"] < b["right"] - 0.5 and b["left"] < a["right"] - 0.5 and \
                    a["top"] < b["bottom"] - 0.5 and b["top"] < a["bottom"] - 0.5:
                problems.append(f"{a['sel']} overlaps {b['sel']}: {a} {b}")
    for t in info["texts"]:
        name = f"{t['id'] or t['cls']} {t['text']!r}"
        if t["scrollWidth"] > t["clientWidth"] + 1:
            problems.append(f"text overflows sideways: {name} {t['scrollWidth']} > {t['clientWidth']}")
        # (a CJK font's ascent + descent is ~1.45 em: with a tighter line-height the glyph boxes, not
        # the glyphs, stick out a little; a line that does not fit sticks out by a whole line)
        if not t["scrolls"] and t["scrollHeight"] > t["clientHeight"] + 0.3 * t["fontSize"]:
            problems.append(f"text overflows its box: {name} {t['scrollHeight']} > {t['clientHeight']}")
        if t["clippedBy"]:
            problems.append(f"text clipped by {t['clippedBy']}: {name}")
        if t["left"] < 0 or t["right"] > w:
            problems.append(f"text outside the viewport: {name} {t['left']}..{t['right']}")
        if t["fontSize"] < min_font_px:
            problems.append(f"text under {min_font_px} px: {name} {t['fontSize']}")
    return problems
