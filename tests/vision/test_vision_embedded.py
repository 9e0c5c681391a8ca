"""The embedded analyzer: OCR + labels + photo-quality notes, with the real models."""

from __future__ import annotations

from pathlib import Path

from photo_probe_images import photo
from PIL import Image, ImageFilter
from vision_helpers import norm, render_medicine_box

from assistant.vision.embedded import EmbeddedPhotoAnalyzer, quality_notes
from assistant.vision.prompt import direct_answer

DATA = Path(__file__).parent / "data"


async def test_describe_a_medicine_box(analyzer: EmbeddedPhotoAnalyzer) -> None:
    analyzer.warm_up()
    description = await analyzer.describe(render_medicine_box())
    assert norm(description.text_lines[0]) == "布洛芬缓释胶囊"
    assert len(description.labels) >= 5 and description.notes == ()
    assert analyzer.last_times.ocr_s > 0 and analyzer.last_times.labels_s > 0


async def test_describe_a_photo_without_text(analyzer: EmbeddedPhotoAnalyzer) -> None:
    description = await analyzer.describe(Image.open(DATA / "coffee.jpg").convert("RGB"))
    assert description.text_lines == ()
    name, probability = description.labels[0]
    assert name == "意式浓缩咖啡" and probability > 0.6


async def test_photo_questions_are_answered_from_what_was_read(analyzer: EmbeddedPhotoAnalyzer) -> None:
    """Three of probe 31's photos (test_photo_probe.py has all of them, on their recorded OCR)."""
    for name, question, said in (("dark_box", "这个药一天吃几次？", "看不清"),
                                 ("bank_sms", "帮我念一下", "诈骗"),
                                 ("water_bill", "要交多少钱？", "43.20元")):
        answer = direct_answer(await analyzer.describe(photo(name)), question)
        assert answer is not None and said in answer, (name, answer)


def test_quality_notes() -> None:
    coffee = Image.open(DATA / "coffee.jpg").convert("RGB")
    assert quality_notes(coffee) == []
    assert quality_notes(render_medicine_box()) == []
    assert quality_notes(render_medicine_box().filter(ImageFilter.GaussianBlur(6))) == ["照片有点模糊"]
    assert quality_notes(coffee.point(lambda v: v // 8)) == ["照片很暗"]
    assert quality_notes(Image.new("RGB", (200, 200), (250, 250, 250))) == []  # blank, not blurry
