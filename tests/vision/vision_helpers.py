"""Shared helpers for the vision tests: rendered photos with printed Chinese, text normalising."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

DATA = Path(__file__).parent / "data"
FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")  # Debian fonts-noto-cjk
FONT_SC = 2  # the Simplified Chinese face of the collection


def cjk_font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size, index=FONT_SC)


def norm(text: str) -> str:
    """NFKC, no spaces or punctuation: OCR may differ in those and still be right."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if ch.isalnum())


def render_medicine_box() -> Image.Image:
    image = Image.new("RGB", (900, 560), (250, 250, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 900, 130), fill=(200, 30, 40))
    draw.text((50, 25), "布洛芬缓释胶囊", font=cjk_font(70), fill="white")
    draw.text((50, 170), "用法用量：口服，一次1粒，一日2次", font=cjk_font(40), fill=(20, 20, 20))
    draw.text((50, 240), "规格：0.3克×20粒", font=cjk_font(36), fill=(20, 20, 20))
    draw.text((50, 300), "国药准字H10900089", font=cjk_font(32), fill=(60, 60, 60))
    draw.line((50, 380, 850, 380), fill=(180, 180, 180), width=3)
    draw.text((50, 420), "请仔细阅读说明书并按说明使用", font=cjk_font(34), fill=(20, 20, 20))
    return image


def encode(image: Image.Image, fmt: str = "PNG", **kwargs: Any) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format=fmt, **kwargs)
    return buf.getvalue()
