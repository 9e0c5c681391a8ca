"""Draw the PWA icons (icon-192.png, icon-512.png): a bold white microphone on dark blue.

The glyph stays inside the central 80 % circle, so the same files work as "maskable" icons.
Run from anywhere: ``python clients/web/make_icons.py``. Needs Pillow.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

BACKGROUND = (11, 61, 145)  # #0b3d91, the app's theme colour
INK = (255, 255, 255)
SUPERSAMPLE = 4
HERE = Path(__file__).resolve().parent


def draw_icon(size: int) -> Image.Image:
    big = size * SUPERSAMPLE
    img = Image.new("RGB", (big, big), BACKGROUND)
    d = ImageDraw.Draw(img)

    def box(x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        return (round(x0 * big), round(y0 * big), round(x1 * big), round(y1 * big))

    d.rounded_rectangle(box(0.39, 0.20, 0.61, 0.56), radius=round(0.11 * big), fill=INK)  # capsule
    d.arc(box(0.30, 0.33, 0.70, 0.67), start=0, end=180, fill=INK, width=round(0.05 * big))  # holder
    d.rectangle(box(0.475, 0.66, 0.525, 0.76), fill=INK)  # stem
    d.rounded_rectangle(box(0.36, 0.75, 0.64, 0.81), radius=round(0.03 * big), fill=INK)  # base
    return img.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    for size in (192, 512):
        draw_icon(size).save(HERE / f"icon-{size}.png", optimize=True)


if __name__ == "__main__":
    main()
