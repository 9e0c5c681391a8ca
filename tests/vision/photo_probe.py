"""Probe 31's checks (photo_probe.tsv) and its whole-server run.

``check`` judges one answer against a row's expectations and the photo's printed text (pure logic).
Run as a script (under /tmp/heavy.lock: it starts a real server with the shipped settings) to ask every
row in a fresh session and print the failures and the figures:

    flock /tmp/heavy.lock python3 tests/vision/photo_probe.py
"""

from __future__ import annotations

import asyncio
import base64
import json
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from photo_probe_images import NAMES, photo, printed
from vision_helpers import encode

PROBE = Path(__file__).with_name("photo_probe.tsv")
OCR_RECORD = Path(__file__).parent / "data" / "photo_probe_ocr.json"  # what the real models saw
CANNOT = ("看不清", "看不出", "认不出", "读不出", "看不到字", "没有字", "没有文字", "没看到字", "没找到字",
          "没看到文字", "没有看到文字", "没有看到字", "太暗", "太模糊", "再拍", "重新拍", "拍清楚",
          "can't read", "cannot read", "no text", "too dark", "blurry")
SCAM = ("诈骗", "骗子", "骗局", "骗人", "被骗", "可能是骗", "scam", "fraud")


@dataclass(frozen=True, slots=True)
class Row:
    image: str
    question: str
    expected: tuple[str, ...]


def rows() -> list[Row]:
    lines = PROBE.read_text(encoding="utf-8").splitlines()
    fields = [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
    return [Row(image, question, tuple(expected.split())) for image, question, expected in fields]


def flat(text: str) -> str:
    """NFKC, lower case, no spaces or punctuation (a decimal point stays, between digits)."""
    text = unicodedata.normalize("NFKC", text).lower()
    return "".join(ch for i, ch in enumerate(text) if ch.isalnum() or _decimal_point(text, i))


def _decimal_point(text: str, i: int) -> bool:
    return text[i] == "." and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit()


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)?", unicodedata.normalize("NFKC", text))


def made_up_numbers(answer: str, on_photo: str) -> list[str]:
    """Numbers in ``answer`` (by value: 43.2 is 43.20) that the photo's printed text does not hold."""
    printed_values = {float(n) for n in _numbers(on_photo)}
    return [n for n in _numbers(answer) if float(n) not in printed_values]


def check(answer: str, expected: tuple[str, ...], on_photo: str) -> list[str]:
    """What is wrong with ``answer`` (empty: right)."""
    said = flat(answer)
    wrong = [f"made up {n}" for n in made_up_numbers(answer, on_photo)]
    for want in expected:
        if want == "cannot" and not any(flat(w) in said for w in CANNOT):
            wrong.append("does not say it cannot read it")
        elif want == "scam" and not any(flat(w) in said for w in SCAM):
            wrong.append("no scam warning")
        elif want.startswith("+") and not any(flat(w) in said for w in want[1:].split("|")):
            wrong.append(f"missing {want[1:]}")
        elif want.startswith("-") and flat(want[1:]) in said:
            wrong.append(f"says {want[1:]}")
    return wrong


async def ask(ws: str, row: Row) -> str:
    from assistant.client.conversation import Conversation

    conv = await Conversation.open(ws, language="auto")
    data = base64.b64encode(encode(photo(row.image))).decode()
    await conv.send_json({"type": "image", "mime": "image/png", "data": data, "text": row.question})
    await conv.wait_for("metrics", timeout=240)
    await conv.close()
    return "".join(r.text for r in conv.replies)


async def ask_all(ws: str, todo: list[Row], parallel: int = 3) -> list[str]:
    gate = asyncio.Semaphore(parallel)

    async def one(row: Row) -> str:
        async with gate:
            try:
                return await ask(ws, row)
            except (TimeoutError, ConnectionError) as exc:
                return f"<{type(exc).__name__}>"

    return list(await asyncio.gather(*(one(row) for row in todo)))


def record_descriptions() -> None:
    """The real OCR + labels of every probe photo, as the server's analyzer sees it, into OCR_RECORD."""
    from assistant.config import VisionSettings, load_settings
    from assistant.model_store import open_model_store
    from assistant.vision.embedded import EmbeddedPhotoAnalyzer
    from assistant.vision.image import decode_photo
    from assistant.vision.labels import ImageLabeler
    from assistant.vision.ocr import RapidOcrReader

    store = open_model_store(load_settings(environ={}))
    analyzer = EmbeddedPhotoAnalyzer(RapidOcrReader(store.path("ocr"), threads=2),
                                     ImageLabeler(store.path("image-labels"), top_k=5))
    shipped, seen = VisionSettings(), {}
    for name in NAMES:
        image = decode_photo(encode(photo(name)), "image/png", max_bytes=shipped.max_image_bytes,
                             max_pixels=shipped.max_pixels, inference_side=shipped.inference_side)
        found = asyncio.run(analyzer.describe(image))
        seen[name] = {"text_lines": found.text_lines, "labels": found.labels, "notes": found.notes}
    OCR_RECORD.write_text(json.dumps(seen, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.conftest import pair_device, start_server, stop_server

    todo = rows()
    if "--server" not in sys.argv[1:]:
        record_descriptions()
    with tempfile.TemporaryDirectory() as data_dir:
        proc, port, *_ = start_server(Path(data_dir), shipped=True)
        try:
            token = pair_device(Path(data_dir) / "assistant.db", f"http://127.0.0.1:{port}")
            answers = asyncio.run(ask_all(f"ws://127.0.0.1:{port}/ws?token={token}", todo))
        finally:
            stop_server(proc)
    right = 0
    for row, answer in zip(todo, answers, strict=True):
        wrong = check(answer, row.expected, printed(row.image))
        right += not wrong
        mark = "ok " if not wrong else "BAD"
        print(f"{mark}\t{row.image}\t{row.question}\t{answer}\t{'; '.join(wrong)}")
    print(f"{right} of {len(todo)} right")
    return 0


if __name__ == "__main__":
    sys.exit(main())
