"""Big and broken photos through the real server: refused or decoded small, memory bounded, session alive."""

from __future__ import annotations

import asyncio
import base64
import io
import time
from typing import Any

import httpx
from PIL import Image

from assistant.client.conversation import Conversation
from tests.conftest import ServerInfo, pair_device

CLIENTS = 6


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def _message(data: bytes, mime: str) -> dict[str, Any]:
    return {"type": "image", "mime": mime, "data": base64.b64encode(data).decode()}


async def _peak_rss(http: str, stop: asyncio.Event, peak: list[float]) -> None:
    async with httpx.AsyncClient() as client:
        while not stop.is_set():
            peak.append(float((await client.get(f"{http}/readyz", timeout=30)).json()["rss_mb"]))
            await asyncio.sleep(0.05)


async def _error_after(conv: Conversation, count: int) -> dict[str, Any]:
    await conv.wait_for("error", count=count, timeout=60)
    return conv.errors[count - 1]


def test_huge_and_corrupt_photos_are_refused_with_bounded_memory(server: ServerInfo) -> None:
    huge = _png(Image.new("RGBA", (6300, 6300), (200, 30, 30, 255)))  # tiny file, ~40 megapixels
    side = 2800  # under the pixel cap: decoded in full
    gradient = Image.linear_gradient("L").resize((side, side))
    big = _png(Image.merge("RGBA", [gradient] * 3 + [Image.new("L", (side, side), 255)]))
    corrupt = _png(Image.effect_noise((400, 300), 60).convert("RGB"))
    corrupt = corrupt[: len(corrupt) // 2]
    assert len(huge) < 400_000 and len(big) < 3_000_000

    # one device each: a device may hold only a few sessions
    tokens = [pair_device(server.db_path, server.http, name=f"photo {i}") for i in range(CLIENTS)]

    async def heavy(token: str) -> tuple[dict[str, Any], str, float]:
        conv = await Conversation.open(f"ws://127.0.0.1:{server.port}/ws", token=token, language="zh")
        started = time.monotonic()
        await conv.send_json(_message(huge, "image/png"))
        error = await _error_after(conv, 1)
        refused_s = time.monotonic() - started
        await conv.send_json(_message(big, "image/png"))  # no question: decoding only
        await conv.send_json({"type": "bye"})  # handled once the photo is decoded
        await asyncio.wait_for(conv.closed.wait(), 60)
        assert len(conv.errors) == 1, conv.errors
        return error, str(conv.ws.close_reason), refused_s

    async def broken() -> tuple[dict[str, Any], str]:
        conv = await Conversation.open(server.ws, language="zh")
        await conv.send_json(_message(corrupt, "image/png"))
        error = await _error_after(conv, 1)
        await conv.send_json({"type": "text", "text": "一加一等于几？"})  # the session goes on
        await conv.wait_for("metrics", timeout=120)
        answer = next(r.text for r in conv.replies if r.text)
        await conv.close()
        return error, answer

    async def run() -> tuple[list[Any], tuple[dict[str, Any], str], list[float], float]:
        before = float(server.ready()["rss_mb"])
        stop, samples = asyncio.Event(), list[float]()
        sampler = asyncio.create_task(_peak_rss(server.http, stop, samples))
        results = await asyncio.gather(*(heavy(token) for token in tokens), broken())
        stop.set()
        await sampler
        return list(results[:-1]), results[-1], samples, before

    heavies, (bad_error, answer), samples, before = asyncio.run(run())
    after = float(server.ready()["rss_mb"])
    print(f"photo memory: RSS {before:.0f} MB before, peak {max(samples):.0f} MB, {after:.0f} MB after; "
          f"huge PNG refused in {max(h[2] for h in heavies):.2f} s at most")
    for error, reason, refused_s in heavies:
        assert error["code"] == "bad_image" and "6300x6300" in error["message"], error
        assert reason == "bye"  # the big-but-allowed photo was decoded and the session went on
        assert refused_s < 5.0
    assert bad_error["code"] == "bad_image" and "could not be decoded" in bad_error["message"], bad_error
    assert "2" in answer or "二" in answer or "两" in answer, answer
    assert max(samples) - before < 250.0, (before, max(samples))  # was ~350 MB for each huge PNG
    assert after - before < 150.0, (before, after)
