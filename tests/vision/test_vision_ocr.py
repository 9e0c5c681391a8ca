"""OCR: the real PP-OCRv4 models from the store reading rendered Chinese text in reading order."""

from __future__ import annotations

import io
import re
import time

from PIL import Image, ImageDraw
from vision_helpers import cjk_font, norm, render_medicine_box

from assistant.vision.image import decode_photo
from assistant.vision.ocr import Fragment, RapidOcrReader, reading_order


def two_columns() -> Image.Image:
    image = Image.new("RGB", (1000, 520), "white")
    draw = ImageDraw.Draw(image)
    draw.text((60, 30), "社区通知", font=cjk_font(60), fill="black")
    left = ["周一上午量血压", "周三下午发药品", "周五全天义诊"]
    right = ["请带好医保卡", "药品凭处方领取", "义诊地点在一楼"]
    for i, (a, b) in enumerate(zip(left, right, strict=True)):
        draw.text((60, 160 + i * 110), a, font=cjk_font(44), fill="black")
        draw.text((560, 160 + i * 110), b, font=cjk_font(44), fill="black")
    return image


def test_reads_a_medicine_box(ocr_reader: RapidOcrReader) -> None:
    result = ocr_reader.read(render_medicine_box())
    lines = [norm(line.text) for line in result.lines]
    assert lines[0] == "布洛芬缓释胶囊"
    assert lines[1] == "用法用量口服一次1粒一日2次"
    assert "规格03克20粒" in lines[2]
    assert "国药准字H10900089" in lines
    assert lines[-1] == "请仔细阅读说明书并按说明使用"
    assert all(line.confidence > 0.8 for line in result.lines)


def test_two_columns_are_read_column_by_column(ocr_reader: RapidOcrReader) -> None:
    lines = [norm(line.text) for line in ocr_reader.read(two_columns()).lines]
    assert lines == ["社区通知", "周一上午量血压", "周三下午发药品", "周五全天义诊",
                     "请带好医保卡", "药品凭处方领取", "义诊地点在一楼"]


def test_blank_photo_has_no_text(ocr_reader: RapidOcrReader) -> None:
    assert ocr_reader.read(Image.new("RGB", (640, 480), (128, 128, 128))).lines == ()


def test_rotated_phone_photo_reads_upright(ocr_reader: RapidOcrReader) -> None:
    # The phone stored the box sideways and says so in EXIF (orientation 8: rotate 90° anticlockwise).
    stored = render_medicine_box().rotate(-90, expand=True)
    exif = Image.Exif()
    exif[0x0112] = 8
    buf = io.BytesIO()
    stored.save(buf, format="JPEG", exif=exif, quality=92)
    photo = decode_photo(buf.getvalue(), "image/jpeg", max_bytes=10_000_000, max_pixels=40_000_000,
                         inference_side=1280)
    start = time.perf_counter()
    text = norm(ocr_reader.read(photo).text)
    assert time.perf_counter() - start < 10
    assert re.search("用法用量口服一次1粒一日2次", text)


# ---- reading order on hand-made fragments (no model) ---------------------------------------------
def frag(text: str, x0: float, y0: float, x1: float, y1: float) -> Fragment:
    return Fragment(text=text, confidence=0.99, x0=x0, y0=y0, x1=x1, y1=y1)


def test_fragments_on_one_row_join_left_to_right() -> None:
    lines = reading_order([frag("一日2次", 300, 12, 420, 50), frag("口服，一次1粒", 10, 10, 280, 50),
                           frag("Ibuprofen", 10, 80, 150, 110), frag("200mg", 170, 82, 260, 112)])
    assert [line.text for line in lines] == ["口服，一次1粒一日2次", "Ibuprofen 200mg"]


def test_label_value_table_is_read_row_by_row() -> None:
    rows = [("用法用量：", "口服，一次1粒，一日2次"), ("规格：", "0.3克×20粒"), ("贮藏：", "密封保存")]
    fragments = []
    for i, (label, value) in enumerate(rows):
        fragments += [frag(label, 10, 10 + 60 * i, 150, 50 + 60 * i),
                      frag(value, 400, 10 + 60 * i, 800, 50 + 60 * i)]
    assert [line.text for line in reading_order(fragments)] == [
        "用法用量： 口服，一次1粒，一日2次", "规格： 0.3克×20粒", "贮藏： 密封保存"]


def test_full_width_line_between_column_blocks() -> None:
    fragments = [frag("标题在最上面横跨两栏", 10, 0, 900, 40),
                 frag("左边第一行文字", 10, 60, 400, 100), frag("右边第一行文字", 500, 60, 900, 100),
                 frag("左边第二行文字", 10, 120, 400, 160), frag("右边第二行文字", 500, 120, 900, 160),
                 frag("页脚也横跨两栏的一行", 10, 200, 900, 240)]
    assert [line.text for line in reading_order(fragments)] == [
        "标题在最上面横跨两栏", "左边第一行文字", "左边第二行文字", "右边第一行文字", "右边第二行文字",
        "页脚也横跨两栏的一行"]
