"""Photo load: several sessions send big photos at once; the bench reports the server's peak RSS.

Each session sends, without a question (so only decoding is measured): a 6300x6300 RGBA PNG of a
few hundred KB (refused from its header), a large PNG just under the pixel cap (decoded in full)
and a 24-megapixel JPEG (decoded at reduced size), then says bye.
"""

from __future__ import annotations

import asyncio
import base64
import io
import json
import time
from dataclasses import dataclass

from PIL import Image

from assistant.client.conversation import Conversation

SESSIONS = 8


@dataclass(frozen=True, slots=True, kw_only=True)
class PhotoLoadResult:
    sessions: int
    photos: int
    refused: int  # photos answered with a bad_image error
    failed: int  # sessions that did not finish cleanly
    wall_s: float


def _encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **({"quality": 85} if fmt == "JPEG" else {"optimize": False}))
    return out.getvalue()


def load_photos(max_pixels: int) -> list[tuple[str, bytes]]:
    """(MIME, bytes) of the three photos each session sends; cheap to build (gradients compress well)."""
    side = int((max_pixels * 0.95) ** 0.5)
    gradient = Image.linear_gradient("L")
    big_png = Image.merge("RGBA", [gradient.resize((side, side))] * 3 + [Image.new("L", (side, side), 255)])
    huge_png = Image.new("RGBA", (6300, 6300), (200, 30, 30, 255))
    jpeg = gradient.resize((6000, 4000)).convert("RGB")
    return [("image/png", _encode(huge_png, "PNG")), ("image/png", _encode(big_png, "PNG")),
            ("image/jpeg", _encode(jpeg, "JPEG"))]


async def _session(url: str, photos: list[tuple[str, str]], timeout_s: float) -> tuple[int, bool]:
    conv = await Conversation.open(url, language="zh")
    try:
        for mime, data in photos:
            await conv.send_json({"type": "image", "mime": mime, "data": data})
        await conv.ws.send(json.dumps({"type": "bye"}))  # handled after every photo was decoded
        await asyncio.wait_for(conv.closed.wait(), timeout_s)
        return sum(e.get("code") == "bad_image" for e in conv.errors), True
    except Exception:
        return 0, False
    finally:
        await conv.ws.close()


async def photo_load(url: str, *, max_pixels: int, sessions: int = SESSIONS,
                     timeout_s: float = 120.0) -> PhotoLoadResult:
    """``sessions`` clients at once, each sending the photos of :func:`load_photos`."""
    photos = [(mime, base64.b64encode(data).decode("ascii"))
              for mime, data in await asyncio.to_thread(load_photos, max_pixels)]
    started = time.monotonic()
    results = await asyncio.gather(*(_session(url, photos, timeout_s) for _ in range(sessions)))
    return PhotoLoadResult(sessions=sessions, photos=sessions * len(photos),
                           refused=sum(r for r, _ in results), failed=sum(not ok for _, ok in results),
                           wall_s=round(time.monotonic() - started, 2))
