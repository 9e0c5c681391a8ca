"""OCR with RapidOCR (PP-OCRv4 Chinese + English, ONNX Runtime), lines in reading order.

RapidOCR returns one box per detected text fragment. :func:`reading_order` turns fragments into
lines: fragments that overlap vertically form one line (left to right), lines go top to bottom,
and a clear two-column layout is read column by column (left column first).
"""

from __future__ import annotations

import itertools
import logging
import statistics
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from assistant.errors import ModelError, VisionError

log = logging.getLogger(__name__)

# File names as shipped in the rapidocr-onnxruntime 1.4.4 wheel (and copied into the model store).
DET_MODEL = "ch_PP-OCRv4_det_infer.onnx"
REC_MODEL = "ch_PP-OCRv4_rec_infer.onnx"
CLS_MODEL = "ch_ppocr_mobile_v2.0_cls_infer.onnx"


@dataclass(frozen=True, slots=True, kw_only=True)
class Fragment:
    """One recognised text box: axis-aligned bounds in image pixels."""

    text: str
    confidence: float
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return max(1.0, self.y1 - self.y0)


@dataclass(frozen=True, slots=True, kw_only=True)
class OcrLine:
    text: str
    confidence: float  # the mean of its fragments' confidences
    top: float


@dataclass(frozen=True, slots=True, kw_only=True)
class OcrResult:
    lines: tuple[OcrLine, ...] = ()
    dropped: int = 0  # fragments dropped as low-confidence junk

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


class RapidOcrReader:
    """Reads text from a photo. ``model_dir`` holds the three ONNX files (None: the wheel's copy,
    for development; the application passes the model store's ``path("ocr")``).

    ``read`` is blocking (about 0.3-1 s on 2 cores); call it from a worker thread. Calls are
    serialised by a lock so two sessions never oversubscribe the CPU. Raises VisionError.
    """

    def __init__(self, model_dir: Path | None = None, *, threads: int = 2,
                 min_confidence: float = 0.6) -> None:
        try:
            import rapidocr_onnxruntime
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as exc:
            raise ModelError("rapidocr-onnxruntime is not installed") from exc
        directory = model_dir or Path(rapidocr_onnxruntime.__file__).parent / "models"
        paths = {"det": directory / DET_MODEL, "rec": directory / REC_MODEL, "cls": directory / CLS_MODEL}
        missing = [p.name for p in paths.values() if not p.is_file()]
        if missing:
            raise ModelError(f"OCR model files missing in {directory}: {', '.join(missing)}")
        try:
            self._engine = RapidOCR(
                det_model_path=str(paths["det"]), rec_model_path=str(paths["rec"]),
                cls_model_path=str(paths["cls"]), intra_op_num_threads=threads, inter_op_num_threads=1,
                text_score=min_confidence)
            _quiet_sessions(self._engine, paths, threads)
        except ModelError:
            raise
        except Exception as exc:
            raise ModelError(f"cannot load the OCR models: {exc}") from exc
        self._min_confidence = min_confidence
        self._lock = threading.Lock()

    def read(self, image: Image.Image) -> OcrResult:
        """Text lines of ``image`` (RGB) in reading order, low-confidence junk removed."""
        bgr = np.ascontiguousarray(np.asarray(image.convert("RGB"))[:, :, ::-1])
        try:
            with self._lock:
                raw, _elapsed = self._engine(bgr)
        except Exception as exc:
            raise VisionError(f"OCR failed: {exc}") from exc
        fragments = [_fragment(item) for item in raw or ()]
        kept = [f for f in fragments if _is_meaningful(f, self._min_confidence)]
        return OcrResult(lines=tuple(reading_order(kept)), dropped=len(fragments) - len(kept))


def _quiet_sessions(engine: Any, paths: dict[str, Path], threads: int) -> None:
    """Re-create RapidOCR's ONNX Runtime sessions without thread spinning.

    By default ORT's idle worker threads spin for a while after each run. On two cores that
    spin steals the CPU from the next stage (torch labelling, the LLM): measured under load,
    OCR went from ~2 s to ~0.5 s and labelling from ~800 ms to ~40 ms with spinning off.
    rapidocr 1.4.4 exposes no option for it, so its sessions are swapped; should its internals
    change, the original sessions are kept.
    """
    import onnxruntime as ort

    holders = {"det": getattr(getattr(engine, "text_det", None), "infer", None),
               "cls": getattr(getattr(engine, "text_cls", None), "infer", None),
               "rec": getattr(getattr(engine, "text_rec", None), "session", None)}
    for key, holder in holders.items():
        if holder is None or not hasattr(holder, "session"):
            log.warning("rapidocr internals changed; OCR keeps spinning ORT threads")
            return
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = threads
        opts.inter_op_num_threads = 1
        opts.enable_cpu_mem_arena = False
        opts.log_severity_level = 3
        opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        holder.session = ort.InferenceSession(str(paths[key]), sess_options=opts,
                                              providers=["CPUExecutionProvider"])


def _fragment(item: Sequence[Any]) -> Fragment:
    box, text, score = item[0], str(item[1]).strip(), float(item[2])
    xs = [float(p[0]) for p in box]
    ys = [float(p[1]) for p in box]
    return Fragment(text=text, confidence=score, x0=min(xs), y0=min(ys), x1=max(xs), y1=max(ys))


def _is_meaningful(fragment: Fragment, min_confidence: float) -> bool:
    text = fragment.text
    if not text or fragment.confidence < min_confidence:
        return False
    if not any(ch.isalnum() for ch in text):  # stray punctuation, border lines read as "一" or "|"
        return False
    # A lone character needs more certainty: texture is often read as one random glyph.
    return len(text) > 1 or fragment.confidence >= 0.85


def reading_order(fragments: Sequence[Fragment]) -> list[OcrLine]:
    """Fragments -> lines, top to bottom; a two-column block is read left column first."""
    if not fragments:
        return []
    gutter = _find_gutter(fragments)
    if gutter is None:
        return _lines(fragments)
    out: list[OcrLine] = []
    # Fragments crossing the gutter (titles, full-width lines) split the page into bands.
    ordered = sorted(fragments, key=lambda f: f.y0)
    band: list[Fragment] = []
    for frag in ordered:
        if frag.x0 < gutter < frag.x1:
            out.extend(_columns(band, gutter))
            band = []
            out.extend(_lines([frag]))
        else:
            band.append(frag)
    out.extend(_columns(band, gutter))
    return out


def _columns(band: Sequence[Fragment], gutter: float) -> list[OcrLine]:
    left = [f for f in band if f.x1 <= gutter]
    right = [f for f in band if f.x0 >= gutter]
    return _lines(left) + _lines(right)


def _find_gutter(fragments: Sequence[Fragment]) -> float | None:
    """An x position with a wide empty strip between two real columns of text, else None.

    A column layout needs at least two fragments on each side that sit side by side vertically,
    a gap of at least twice the median text height, and a left side that is not just short
    field labels ("用法用量：" | "口服……" is a table, read row by row).
    """
    if len(fragments) < 4:
        return None
    median_h = statistics.median(f.height for f in fragments)
    best: tuple[float, float] | None = None  # (gap, x)
    for cand in sorted({f.x1 for f in fragments}):
        left = [f for f in fragments if f.x1 <= cand]
        right = [f for f in fragments if f.x0 > cand]
        crossing = len(fragments) - len(left) - len(right)
        if len(left) < 2 or len(right) < 2 or crossing > len(fragments) // 3:
            continue
        gap = min(f.x0 for f in right) - max(f.x1 for f in left)
        if gap < 2 * median_h or not _side_by_side(left, right) or _looks_like_labels(left):
            continue
        if best is None or gap > best[0]:
            best = (gap, max(f.x1 for f in left) + gap / 2)
    return None if best is None else best[1]


def _side_by_side(left: Sequence[Fragment], right: Sequence[Fragment]) -> bool:
    top = max(min(f.y0 for f in left), min(f.y0 for f in right))
    bottom = min(max(f.y1 for f in left), max(f.y1 for f in right))
    return bottom > top


def _looks_like_labels(left: Sequence[Fragment]) -> bool:
    return all(len(f.text) <= 5 or f.text.endswith((":", "：")) for f in left)


def _lines(fragments: Sequence[Fragment]) -> list[OcrLine]:
    rows: list[list[Fragment]] = []
    for frag in sorted(fragments, key=lambda f: (f.y0 + f.y1) / 2):
        row = rows[-1] if rows else None
        if row is not None and _same_row(row, frag):
            row.append(frag)
        else:
            rows.append([frag])
    lines = []
    for row in rows:
        row.sort(key=lambda f: f.x0)
        text = row[0].text
        for prev, cur in itertools.pairwise(row):
            text += _joiner(prev, cur) + cur.text
        conf = sum(f.confidence for f in row) / len(row)
        lines.append(OcrLine(text=text, confidence=conf, top=min(f.y0 for f in row)))
    return lines


def _same_row(row: Sequence[Fragment], frag: Fragment) -> bool:
    top = min(f.y0 for f in row)
    bottom = max(f.y1 for f in row)
    overlap = min(bottom, frag.y1) - max(top, frag.y0)
    return overlap > 0.5 * min(frag.height, bottom - top)


def _joiner(prev: Fragment, cur: Fragment) -> str:
    """Chinese runs join without a space; Latin words and numbers, or a wide gap, get one."""
    a, b = prev.text[-1], cur.text[0]
    if a.isascii() and a.isalnum() and b.isascii() and b.isalnum():
        return " "
    gap = cur.x0 - prev.x1
    return " " if gap > 1.5 * max(prev.height, cur.height) else ""
