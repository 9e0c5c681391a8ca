"""The web client on its own: layout for a small phone, accessibility, audio worklets, reconnection.

These need no assistant server: clients/web is served by a plain static file server, and the
audio worklets are exercised in an OfflineAudioContext in the real browser.
"""

from __future__ import annotations

import itertools
import json
import re
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from playwright.sync_api import Browser

from tests.web.conftest import WEB_DIR, debug, new_page

pytestmark = pytest.mark.browser

CONTROLS = ["#lang", "#status", "#talk", "#photo", "#ask-text", "#send"]

# For every visible element with its own text: font size, colours and the background behind it.
LAYOUT_JS = """(selectors) => {
  const parseColor = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parseColor(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.9)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const texts = [];
  for (const el of document.body.querySelectorAll('*')) {
    const own = Array.from(el.childNodes).some(n => n.nodeType === 3 && n.textContent.trim());
    const r = el.getBoundingClientRect();
    if (!own || r.width === 0 || r.height === 0) continue;
    const st = getComputedStyle(el);
    if (st.visibility === 'hidden') continue;
    texts.push({tag: el.tagName, id: el.id, cls: el.className, text: el.textContent.trim().slice(0, 30),
                fontSize: parseFloat(st.fontSize), color: parseColor(st.color).slice(0, 3),
                bg: background(el)});
  }
  const rects = selectors.map(s => document.querySelector(s)).filter(e => e && !e.hidden).map(e => {
    const r = e.getBoundingClientRect();
    return {id: e.id, left: r.left, top: r.top, right: r.right, bottom: r.bottom,
            width: r.width, height: r.height};
  });
  const se = document.scrollingElement;
  return {texts, rects, scrollWidth: se.scrollWidth, clientWidth: se.clientWidth,
          innerWidth: window.innerWidth, innerHeight: window.innerHeight};
}"""


def luminance(rgb: list[float]) -> float:
    def channel(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else float(((c + 0.055) / 1.055) ** 2.4)

    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: list[float], b: list[float]) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return a["left"] < b["right"] - 0.5 and b["left"] < a["right"] - 0.5 and \
        a["top"] < b["bottom"] - 0.5 and b["top"] < a["bottom"] - 0.5


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_layout_fits_a_small_phone_with_large_high_contrast_text(
    browser: Browser, static_site: str, artifacts_dir: Path, lang: str
) -> None:
    page = new_page(browser, lang=lang)
    page.goto(static_site + "/")
    page.wait_for_function("window.assistantDebug && window.assistantDebug.state === 'reconnecting'")
    page.screenshot(path=str(artifacts_dir / f"web-360x800-{lang}.png"))
    info: dict[str, Any] = page.evaluate(LAYOUT_JS, CONTROLS)

    assert info["scrollWidth"] <= info["clientWidth"] == 360, "horizontal scrolling"
    rects = info["rects"]
    assert len(rects) == len(CONTROLS)
    for r in rects:
        assert r["left"] >= 0 and r["right"] <= 360 and r["top"] >= 0 and r["bottom"] <= 800, r
        assert r["height"] >= 64 and r["width"] >= 64, f"touch target too small: {r}"
    for i, a in enumerate(rects):
        for b in rects[i + 1:]:
            assert not overlaps(a, b), (a, b)

    for item in info["texts"]:
        assert item["fontSize"] >= 20, f"text under 20 px: {item}"
        assert contrast(item["color"], item["bg"]) >= 4.5, f"low contrast: {item}"
    sizes = {sel: page.eval_on_selector(sel, "e => parseFloat(getComputedStyle(e).fontSize)")
             for sel in ("#status", "#transcript", "#talk-label")}
    assert sizes["#status"] >= 28 and sizes["#transcript"] >= 24 and sizes["#talk-label"] >= 32, sizes

    assert page.get_attribute("#status", "aria-live") and page.get_attribute("#transcript", "aria-live")
    for button in page.query_selector_all("button"):
        assert button.inner_text().strip(), "every button has a visible text label"
    status = page.inner_text("#status")
    assert status == ("连接断开，正在重连…" if lang == "zh" else "Connection lost, reconnecting…")
    assert page.inner_text("#lang") == "English / 中文"
    assert page.js_errors == []  # type: ignore[attr-defined]
    page.context.close()


def test_language_toggle_switches_every_label_and_is_remembered(browser: Browser, static_site: str) -> None:
    page = new_page(browser)
    page.goto(static_site + "/")
    assert page.inner_text("#talk-label") == "点我说话"
    assert page.get_attribute("html", "lang") == "zh-CN"
    page.click("#lang")
    assert page.inner_text("#talk-label") == "Talk"
    assert page.inner_text("#photo") == "Photo question"
    assert page.get_attribute("html", "lang") == "en"
    body = page.inner_text("body")
    assert not re.search(r"[\u4e00-\u9fff]", body.replace("中文", "")), body
    page.reload()
    page.wait_for_function("window.assistantDebug && window.assistantDebug.language === 'en'")
    assert page.inner_text("#talk-label") == "Talk"
    page.context.close()


def test_reconnects_with_growing_backoff(browser: Browser, static_site: str) -> None:
    """No websocket at this server: retries wait 0.5, 1, 2, 4 s (each less up to half for jitter)."""
    page = new_page(browser)
    attempts: list[tuple[float, str]] = []
    page.on("websocket", lambda ws: attempts.append((time.monotonic(), ws.url)))
    page.goto(static_site + "/")
    page.wait_for_timeout(5000)  # (events are only delivered while Playwright waits)
    assert all(url == static_site.replace("http://", "ws://") + "/ws" for _, url in attempts)
    assert 4 <= len(attempts) <= 5, attempts
    gaps = [b[0] - a[0] for a, b in itertools.pairwise(attempts)]
    for gap, base in zip(gaps, (0.5, 1.0, 2.0, 4.0), strict=False):
        assert base * 0.5 - 0.05 <= gap <= base + 0.4, (gaps, base)
    state = debug(page)
    assert state["state"] == "reconnecting" and state["connected"] is False
    assert page.inner_text("#status") == "连接断开，正在重连…"
    page.context.close()


MIC_JS = """async ([inRate, freq]) => {
  const ctx = new OfflineAudioContext(1, inRate * 2, inRate);
  await ctx.audioWorklet.addModule('mic-worklet.js');
  const node = new AudioWorkletNode(ctx, 'mic-resampler', {numberOfInputs: 1, numberOfOutputs: 0,
    processorOptions: {targetRate: 16000, frameMs: 20}});
  const frames = [];
  node.port.onmessage = (e) => frames.push(Array.from(new Int16Array(e.data.pcm)));
  const osc = new OscillatorNode(ctx, {frequency: freq});
  osc.connect(new GainNode(ctx, {gain: 0.5})).connect(node);
  osc.start();
  await ctx.startRendering();
  await new Promise((resolve) => setTimeout(resolve, 300));  // the last frames' messages
  return frames;
}"""


@pytest.mark.parametrize("in_rate", [48000, 44100])
def test_mic_worklet_resamples_to_16k_pcm16_frames(browser: Browser, static_site: str, in_rate: int) -> None:
    page = new_page(browser)
    page.goto(static_site + "/")
    for freq, expect_rms in ((440, 0.354), (3000, 0.354), (10000, 0.0)):
        frames = page.evaluate(MIC_JS, [in_rate, freq])
        assert frames and all(len(f) == 320 for f in frames), "20 ms frames at 16 kHz"
        x = np.concatenate([np.asarray(f, dtype=np.float32) for f in frames]) / 32768
        assert abs(len(x) - 32000) <= 640, len(x)  # 2 s of input → 2 s at 16 kHz
        mid = x[1600:-1600]
        rms = float(np.sqrt(np.mean(mid**2)))
        if expect_rms:
            assert abs(rms - expect_rms) < 0.02, (freq, rms)
            spectrum = np.abs(np.fft.rfft(mid * np.hanning(len(mid))))
            peak_hz = np.argmax(spectrum) * 16000 / len(mid)
            assert abs(peak_hz - freq) < 10, (freq, peak_hz)
        else:
            assert rms < 0.005, f"{freq} Hz must be filtered out before decimation, rms {rms}"
    page.context.close()


PLAYER_JS = """async ([ctxRate, srcRate, clearAfter, mode]) => {
  const ctx = new OfflineAudioContext(1, ctxRate * 3, ctxRate);
  let node;
  if (mode === 'worklet') {
    await ctx.audioWorklet.addModule('player-worklet.js');
    node = new AudioWorkletNode(ctx, 'player', {numberOfInputs: 0, numberOfOutputs: 1,
      outputChannelCount: [1], processorOptions: {rate: srcRate, prebufferSec: 0.1}});
    node.connect(ctx.destination);
  } else {  // the stand-in used where AudioWorklet is missing (plain http pages)
    const { ScheduledPlayer } = await import('./audio-out.js');
    node = {port: new ScheduledPlayer(ctx, {rate: srcRate, prebufferSec: 0.1})};
  }
  const events = [];
  node.port.onmessage = (e) => events.push(e.data);
  const total = srcRate * 2;
  let done = 0, k = 0;
  while (done < total) {  // 2 s of a 300 Hz sine, in chunks of uneven sizes
    const n = Math.min(total - done, [480, 1111, 2400, 77][k++ % 4]);
    const a = new Float32Array(n);
    for (let i = 0; i < n; i++) a[i] = 0.5 * Math.sin(2 * Math.PI * 300 * (done + i) / srcRate);
    node.port.postMessage({type: 'chunk', samples: a}, [a.buffer]);
    done += n;
  }
  if (clearAfter) node.port.postMessage({type: 'clear', epoch: 1});
  else node.port.postMessage({type: 'end'});
  await new Promise((resolve) => setTimeout(resolve, 300));  // let the worklet take the messages
  const buf = await ctx.startRendering();
  await new Promise((resolve) => setTimeout(resolve, 300));
  return {samples: Array.from(buf.getChannelData(0)), events, chunks: k};
}"""


@pytest.mark.parametrize(("ctx_rate", "src_rate", "mode"), [
    (48000, 24000, "worklet"), (44100, 22050, "worklet"), (48000, 16000, "worklet"),
    (48000, 24000, "scheduled")])
def test_player_plays_chunks_back_to_back_without_gaps(
    browser: Browser, static_site: str, ctx_rate: int, src_rate: int, mode: str
) -> None:
    page = new_page(browser)
    page.goto(static_site + "/")
    result = page.evaluate(PLAYER_JS, [ctx_rate, src_rate, False, mode])
    x = np.asarray(result["samples"], dtype=np.float64)
    playing = np.flatnonzero(np.abs(x) > 1e-3)
    first, last = int(playing[0]), int(playing[-1])
    assert abs((last - first) / ctx_rate - 2.0) < 0.002, "all 2 s played, nothing dropped or added"
    # Compare with the ideal sine (aligned on the onset): no gap, click or glitch anywhere.
    y = x[first:last + 1]
    n = np.arange(len(y))
    best = min(float(np.max(np.abs(y - 0.5 * np.sin(2 * np.pi * 300 * (n + lag) / ctx_rate))))
               for lag in np.linspace(-1, 2, 121))
    assert best < 0.01, f"max deviation from the sine {best}"
    kinds = [e["type"] for e in result["events"]]
    assert kinds[0] == "started" and "drained" in kinds and "underrun" not in kinds, kinds
    played_chunks = sum(e["chunks"] for e in result["events"] if e["type"] == "played")
    assert played_chunks == result["chunks"]
    page.context.close()


@pytest.mark.parametrize("mode", ["worklet", "scheduled"])
def test_player_clear_drops_queued_audio_at_once(browser: Browser, static_site: str, mode: str) -> None:
    page = new_page(browser)
    page.goto(static_site + "/")
    result = page.evaluate(PLAYER_JS, [48000, 24000, True, mode])
    assert max(abs(v) for v in result["samples"]) == 0.0
    assert [e["type"] for e in result["events"]] in ([], ["started"])  # started, then silenced at once
    page.context.close()


PHOTO_JS = """async () => {
  const { preparePhoto } = await import('./photo.js');
  const canvas = document.createElement('canvas');
  canvas.width = 3000; canvas.height = 2000;
  const g = canvas.getContext('2d');
  g.fillStyle = '#cde'; g.fillRect(0, 0, 3000, 2000);
  g.fillStyle = '#c00'; g.fillRect(100, 100, 800, 800);
  const png = await new Promise((r) => canvas.toBlob(r, 'image/png'));
  const out = await preparePhoto(png);
  return {width: out.width, height: out.height, type: out.blob.type, size: out.blob.size,
          head: out.base64.slice(0, 8)};
}"""


def test_photo_is_downscaled_to_1280_jpeg(browser: Browser, static_site: str) -> None:
    page = new_page(browser)
    page.goto(static_site + "/")
    out = page.evaluate(PHOTO_JS)
    assert (out["width"], out["height"]) == (1280, 853)
    assert out["type"] == "image/jpeg" and out["head"].startswith("/9j/")  # JPEG magic in base64
    assert out["size"] < 400_000
    page.context.close()


def test_service_worker_caches_the_shell_only(browser: Browser, static_site: str) -> None:
    page = new_page(browser)
    page.goto(static_site + "/")
    cached = page.evaluate("""async () => {
      await navigator.serviceWorker.ready;
      const names = await caches.keys();
      const cache = await caches.open(names[0]);
      return (await cache.keys()).map(r => new URL(r.url).pathname);
    }""")
    assert "/app.js" in cached and "/mic-worklet.js" in cached and "/icon-512.png" in cached
    assert not [path for path in cached if path.startswith(("/ws", "/api"))]
    page.context.close()


def test_manifest_icons_and_service_worker_shell() -> None:
    manifest = json.loads((WEB_DIR / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["display"] == "standalone" and manifest["start_url"] == "./"
    for icon in manifest["icons"]:
        with Image.open(WEB_DIR / icon["src"]) as img:
            assert f"{img.width}x{img.height}" == icon["sizes"]
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    shell = re.search(r"const SHELL = \[(.*?)\];", (WEB_DIR / "sw.js").read_text(encoding="utf-8"), re.S)
    assert shell is not None
    files = re.findall(r'"([^"]+)"', shell.group(1))
    for name in files:
        assert name == "./" or (WEB_DIR / name).is_file(), name
    served = {p.name for p in WEB_DIR.iterdir() if p.suffix in {".js", ".css", ".html", ".png",
                                                                ".webmanifest"}}
    assert served - {"sw.js"} <= set(files), served - set(files)


CUT_JS = """async () => {
  const { UI } = await import('./ui.js');
  const ui = new UI();
  const cuts = () => [...document.querySelectorAll('.msg-assistant')].map(e => e.classList.contains('cut'));
  ui.userText('第一个问题');
  ui.assistantReply('第一段回答。', true);
  ui.assistantCut(false);            // stopped after it had played out: nothing was cut
  ui.userText('第二个问题');
  ui.assistantReply('第二段回答，', false);
  ui.assistantReply('很长。', true);  // all text is in, the audio still plays ...
  ui.assistantCut(true);             // ... when the user speaks over it
  ui.userText('第三个问题');
  ui.assistantReply('第三段', false);
  ui.assistantCut(false);            // cut while it is being written
  return cuts();
}"""


def test_an_answer_cut_while_still_playing_is_marked(browser: Browser, static_site: str) -> None:
    page = new_page(browser)
    page.goto(static_site + "/")
    assert page.evaluate(CUT_JS) == [False, True, True]
    page.context.close()
