"""Photo decoding: formats sniffed from the bytes, limits before decoding, EXIF, RGB, downscale."""

from __future__ import annotations

import base64
import io
import struct
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image

from assistant.errors import ImageError
from assistant.vision.image import decode_photo, sniff_format, to_data_url

DATA = Path(__file__).parent / "data"
LIMITS = {"max_bytes": 10 * 1024 * 1024, "max_pixels": 40_000_000, "inference_side": 1280}


def _encode(image: Image.Image, fmt: str, **kwargs: object) -> bytes:
    buf = io.BytesIO()
    image.save(buf, format=fmt, **kwargs)
    return buf.getvalue()


def _png_chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I",
                                                                    zlib.crc32(kind + body) & 0xFFFFFFFF)


def _huge_png(side: int) -> bytes:
    """A valid 1-bit greyscale PNG of side x side pixels: tiny on disk, a bomb in memory."""
    row = b"\x00" + b"\x00" * ((side + 7) // 8)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", body)
            + _png_chunk(b"IEND", b""))


def _reason(exc: pytest.ExceptionInfo[ImageError]) -> str:
    assert exc.value.code == "bad_image"
    return exc.value.message


def test_jpeg_png_webp_decode_to_rgb() -> None:
    source = Image.new("RGB", (64, 48), (200, 30, 30))
    for fmt, mime in (("JPEG", "image/jpeg"), ("PNG", "image/png"), ("WEBP", "image/webp")):
        image = decode_photo(_encode(source, fmt), mime, **LIMITS)
        assert image.mode == "RGB" and image.size == (64, 48)
        assert sniff_format(_encode(source, fmt)) == fmt


def test_declared_type_aliases_and_unknown_type_trust_the_bytes() -> None:
    jpeg = _encode(Image.new("RGB", (8, 8)), "JPEG")
    for mime in ("image/jpg", "IMAGE/JPEG; charset=binary", "", "application/octet-stream"):
        assert decode_photo(jpeg, mime, **LIMITS).size == (8, 8)


def test_empty_bytes() -> None:
    with pytest.raises(ImageError) as exc:
        decode_photo(b"", "image/jpeg", **LIMITS)
    assert "empty" in _reason(exc)


def test_text_file_labelled_png() -> None:
    with pytest.raises(ImageError) as exc:
        decode_photo("这不是图片，只是一段文字。\n".encode() * 10, "image/png", **LIMITS)
    assert "not a JPEG, PNG or WebP" in _reason(exc)


def test_mismatched_mime() -> None:
    png = _encode(Image.new("RGB", (8, 8)), "PNG")
    with pytest.raises(ImageError) as exc:
        decode_photo(png, "image/jpeg", **LIMITS)
    assert "declared as image/jpeg" in _reason(exc) and "image/png" in _reason(exc)


def test_unsupported_types() -> None:
    gif = _encode(Image.new("RGB", (8, 8)), "GIF")
    with pytest.raises(ImageError) as exc:
        decode_photo(gif, "image/gif", **LIMITS)
    assert "unsupported photo type" in _reason(exc)
    with pytest.raises(ImageError):
        decode_photo(gif, "", **LIMITS)  # sniffed: not one of ours


def test_truncated_jpeg() -> None:
    photo = (DATA / "coffee.jpg").read_bytes()
    with pytest.raises(ImageError) as exc:
        decode_photo(photo[: len(photo) // 2], "image/jpeg", **LIMITS)
    assert "could not be decoded" in _reason(exc)


def test_byte_limit() -> None:
    photo = (DATA / "coffee.jpg").read_bytes()
    with pytest.raises(ImageError) as exc:
        decode_photo(photo, "image/jpeg", **{**LIMITS, "max_bytes": 1000})
    assert "too large" in _reason(exc)


def test_decompression_bomb_is_refused_from_the_header() -> None:
    bomb = _huge_png(20000)
    assert len(bomb) < 200_000  # 400 million pixels in a small file
    start = time.perf_counter()
    with pytest.raises(ImageError) as exc:
        decode_photo(bomb, "image/png", **LIMITS)
    assert time.perf_counter() - start < 1.0  # no pixel was decoded
    assert "too large" in _reason(exc)


def test_pixel_limit_below_pil_bomb_threshold() -> None:
    png = _encode(Image.new("L", (3000, 2000)), "PNG")
    with pytest.raises(ImageError) as exc:
        decode_photo(png, "image/png", **{**LIMITS, "max_pixels": 5_000_000})
    assert "3000x2000" in _reason(exc)


def test_exif_orientation_is_applied() -> None:
    # Stored landscape: left half red, right half blue; orientation 6 = rotate 90° clockwise to view.
    stored = Image.new("RGB", (200, 100), (255, 0, 0))
    stored.paste((0, 0, 255), (100, 0, 200, 100))
    exif = Image.Exif()
    exif[0x0112] = 6
    image = decode_photo(_encode(stored, "JPEG", exif=exif, quality=95), "image/jpeg", **LIMITS)
    assert image.size == (100, 200)
    top, bottom = image.getpixel((50, 30)), image.getpixel((50, 170))
    assert isinstance(top, tuple) and isinstance(bottom, tuple)
    assert top[0] > 200 and top[2] < 60  # red on top
    assert bottom[2] > 200 and bottom[0] < 60  # blue below


def test_transparency_is_flattened_on_white_and_large_photos_downscaled() -> None:
    rgba = Image.new("RGBA", (3000, 1500), (0, 0, 0, 0))
    image = decode_photo(_encode(rgba, "PNG"), "image/png", **LIMITS)
    assert image.mode == "RGB" and image.size == (1280, 640)
    assert image.getpixel((10, 10)) == (255, 255, 255)


def test_large_jpeg_is_decoded_at_reduced_size() -> None:
    big = Image.new("RGB", (4000, 3000), (10, 120, 10))
    image = decode_photo(_encode(big, "JPEG"), "image/jpeg", **LIMITS)
    assert image.size == (1280, 960)


def test_data_url_is_a_small_jpeg() -> None:
    image = decode_photo((DATA / "coffee.jpg").read_bytes(), "image/jpeg", **LIMITS)
    url = to_data_url(image, max_side=200)
    assert url.startswith("data:image/jpeg;base64,")
    back = Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1])))
    assert back.format == "JPEG" and max(back.size) == 200
