"""Safe decoding of an uploaded photo.

Contract of :func:`decode_photo`: the bytes must really be a JPEG, PNG or WebP (sniffed from the
magic bytes, not trusted from the declared MIME type), no larger than ``max_bytes``, with header
dimensions no larger than ``max_pixels`` (checked *before* any pixel is decoded, so a
decompression bomb costs a header parse only; for a JPEG the limit applies to the reduced size
that libjpeg decodes, 1/2 to 1/8 of the original a side). The result is an RGB image, upright according to
its EXIF orientation, whose longer side is at most ``inference_side``. Every failure raises
:class:`ImageError` (code ``bad_image``) with a message that can be shown to the user's client.
"""

from __future__ import annotations

import base64
import io
import logging

from PIL import Image, ImageOps

from assistant.errors import ImageError

log = logging.getLogger(__name__)

# Sniffed format -> canonical MIME type.
_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
_MIME_ALIASES = {"image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg", "image/x-png": "image/png"}
# A declared type that says nothing about the format: trust the sniffed bytes.
_UNKNOWN_MIME = {"", "application/octet-stream", "image/*"}


def sniff_format(data: bytes) -> str | None:
    """The real container format from the magic bytes: "JPEG", "PNG", "WEBP" or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def normalise_mime(mime: str) -> str:
    """``"Image/JPG; charset=x"`` -> ``"image/jpeg"``."""
    base = mime.split(";", 1)[0].strip().lower()
    return _MIME_ALIASES.get(base, base)


def check_photo_bytes(data: bytes, mime: str, *, max_bytes: int) -> str:
    """Check size, real format and declared type; return the sniffed format. Decodes nothing."""
    if not data:
        raise ImageError("the photo is empty (0 bytes)")
    if len(data) > max_bytes:
        raise ImageError(f"the photo is too large: {len(data)} bytes, the limit is {max_bytes}")
    fmt = sniff_format(data)
    declared = normalise_mime(mime)
    if declared not in _UNKNOWN_MIME and declared not in _FORMATS.values():
        raise ImageError(f"unsupported photo type {declared!r}: send a JPEG, PNG or WebP photo")
    if fmt is None:
        raise ImageError(f"the data sent as {declared or 'a photo'} is not a JPEG, PNG or WebP image")
    if declared not in _UNKNOWN_MIME and declared != _FORMATS[fmt]:
        raise ImageError(f"the photo was declared as {declared} but its bytes are {_FORMATS[fmt]}")
    return fmt


def decode_photo(data: bytes, mime: str, *, max_bytes: int, max_pixels: int,
                 inference_side: int) -> Image.Image:
    """Decode ``data`` into an upright RGB image no larger than ``inference_side`` (see module doc)."""
    fmt = check_photo_bytes(data, mime, max_bytes=max_bytes)
    try:
        # PIL itself warns above Image.MAX_IMAGE_PIXELS and raises above twice that (both caught
        # below); our own, usually lower, limit is checked next, still before any pixel is decoded.
        # (No warnings.catch_warnings here: it is process-global and decoding runs in threads.)
        image = Image.open(io.BytesIO(data), formats=[fmt])
        width, height = image.size
        if width <= 0 or height <= 0:
            raise ImageError("the photo has no pixels")
        if fmt == "JPEG":
            # libjpeg decodes at 1/2, 1/4 or 1/8 scale (never below inference_side): a 48-megapixel
            # phone photo costs the memory of a 3-megapixel one.
            image.draft("RGB", (inference_side, inference_side))
        decoded_w, decoded_h = image.size
        if decoded_w * decoded_h > max_pixels:
            raise ImageError(f"the photo is too large: {width}x{height} pixels, the limit is {max_pixels} "
                             "pixels; please send a smaller photo")
        image.load()
    except ImageError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise ImageError(f"the photo is too large to decode safely: {exc}") from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageError(f"the photo could not be decoded ({_FORMATS[fmt]}): {exc}") from exc
    return _prepare(image, inference_side)


def _prepare(image: Image.Image, inference_side: int) -> Image.Image:
    """Downscale first (while only the decoded copy exists), then EXIF rotation and RGB."""
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = _to_rgb(image)  # e.g. palette images would shrink with nearest-neighbour: blurry text
    if max(image.size) > inference_side:
        image.thumbnail((inference_side, inference_side), Image.Resampling.LANCZOS, reducing_gap=3.0)
    try:
        upright = ImageOps.exif_transpose(image)
    except Exception as exc:  # corrupt EXIF must not cost the user the photo
        log.warning("ignoring unreadable EXIF orientation: %s", exc)
        upright = image
    return _to_rgb(upright if upright is not None else image)


def _to_rgb(image: Image.Image) -> Image.Image:
    if image.mode == "RGB":
        return image
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    if has_alpha:
        # Transparent screenshots would turn black; text on white reads better for OCR.
        rgba = image.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, (255, 255, 255))
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    return image.convert("RGB")


def to_data_url(image: Image.Image, *, max_side: int = 1024, quality: int = 85) -> str:
    """A ``data:image/jpeg;base64,...`` URL of ``image``, re-encoded small for a remote VLM."""
    small = image.convert("RGB") if image.mode != "RGB" else image.copy()
    if max(small.size) > max_side:
        small.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    small.save(buf, format="JPEG", quality=quality, optimize=True)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
