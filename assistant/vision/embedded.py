"""The embedded PhotoAnalyzer: OCR + ImageNet labels + a few photo-quality notes, all on the CPU."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

import numpy as np
from PIL import Image

from assistant.vision.base import PhotoDescription
from assistant.vision.labels import ImageLabeler
from assistant.vision.ocr import RapidOcrReader

log = logging.getLogger(__name__)

DARK_BELOW = 45.0  # mean luminance (0-255)
BLURRY_BELOW = 25.0  # variance of the Laplacian on a 512-px greyscale copy
UNSURE_TEXT_BELOW = 0.8  # OCR line confidence under which we warn that a line may be misread


@dataclass(slots=True, kw_only=True)
class AnalysisTimes:
    """Seconds spent in the last ``describe`` call (for metrics and benchmarks)."""

    ocr_s: float = 0.0
    labels_s: float = 0.0


class EmbeddedPhotoAnalyzer:
    """Implements PhotoAnalyzer. OCR and labelling each run in one worker-thread call, one after
    the other (two cores: running them side by side only makes both slower)."""

    def __init__(self, ocr: RapidOcrReader, labeler: ImageLabeler) -> None:
        self._ocr = ocr
        self._labeler = labeler
        self.last_times = AnalysisTimes()

    def warm_up(self) -> None:
        """One blocking pass over a small synthetic image, so the first photo is not the slow one."""
        image = Image.new("RGB", (320, 240), (255, 255, 255))
        image.paste((0, 0, 0), (40, 100, 280, 130))
        self._ocr.read(image)
        self._labeler.label(image)

    async def describe(self, image: Image.Image) -> PhotoDescription:
        t0 = time.perf_counter()
        ocr = await asyncio.to_thread(self._ocr.read, image)
        t1 = time.perf_counter()
        labels = await asyncio.to_thread(self._labeler.label, image)
        t2 = time.perf_counter()
        self.last_times = AnalysisTimes(ocr_s=t1 - t0, labels_s=t2 - t1)
        log.debug("photo analysed: ocr %.2f s (%d lines), labels %.2f s", t1 - t0, len(ocr.lines), t2 - t1)
        notes = quality_notes(image)
        if any(line.confidence < UNSURE_TEXT_BELOW for line in ocr.lines):
            notes.append("有些字看得不太清，可能认错")
        return PhotoDescription(
            text_lines=tuple(line.text for line in ocr.lines),
            labels=tuple((label.name, round(label.probability, 3)) for label in labels),
            notes=tuple(notes),
        )


def quality_notes(image: Image.Image) -> list[str]:
    """Chinese notes about a dark or blurry photo, so the answer can suggest a retake."""
    grey = image.convert("L")
    grey.thumbnail((512, 512))
    arr = np.asarray(grey, dtype=np.float32)
    notes = []
    if float(arr.mean()) < DARK_BELOW:
        notes.append("照片很暗")
    if arr.shape[0] >= 3 and arr.shape[1] >= 3:
        lap = (arr[1:-1, :-2] + arr[1:-1, 2:] + arr[:-2, 1:-1] + arr[2:, 1:-1] - 4 * arr[1:-1, 1:-1])
        if float(lap.var()) < BLURRY_BELOW and float(arr.std()) > 8.0:
            notes.append("照片有点模糊")
    return notes
