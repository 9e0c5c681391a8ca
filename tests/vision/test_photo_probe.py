"""Probe 31 (photo_probe.tsv): photo questions answered from what the real OCR read of the probe's photos.

data/photo_probe_ocr.json is the real PP-OCRv4 + EfficientNet output for every photo of
photo_probe_images.py (recorded by ``photo_probe.py``, the whole-server run); these tests put it through
:func:`assistant.vision.prompt.direct_answer`, no model. Rows in ``LLM_ROWS`` are open questions about the
text that the LLM answers (checked only by the server run). The first run's figures are in the TSV's
header."""

from __future__ import annotations

import json

from photo_probe import OCR_RECORD, check, rows
from photo_probe_images import NAMES, printed

from assistant.vision.base import PhotoDescription
from assistant.vision.prompt import direct_answer

RECORD = json.loads(OCR_RECORD.read_text(encoding="utf-8"))
LLM_ROWS = {("aspirin_en", "What medicine is this?"), ("health_notice", "要带什么？")}


def described(name: str) -> PhotoDescription:
    seen = RECORD[name]
    return PhotoDescription(text_lines=tuple(seen["text_lines"]), notes=tuple(seen["notes"]),
                            labels=tuple((label, p) for label, p in seen["labels"]))


def test_the_probe_covers_every_photo_and_kind() -> None:
    probe = rows()
    assert len(probe) >= 40 and {row.image for row in probe} == set(NAMES) == set(RECORD)
    kinds = [want for row in probe for want in row.expected]
    assert kinds.count("cannot") >= 4 and kinds.count("scam") >= 3
    assert sum(want.startswith("-") for want in kinds) >= 15
    assert LLM_ROWS <= {(row.image, row.question) for row in probe}


def test_every_row_answered_in_code_is_right() -> None:
    wrong = []
    for row in rows():
        said = direct_answer(described(row.image), row.question)
        if (row.image, row.question) in LLM_ROWS:
            assert said is None, (row.question, said)
        elif said is None or (problems := check(said, row.expected, printed(row.image))):
            wrong.append((row.image, row.question, said, None if said is None else problems))
    assert wrong == []


def test_the_checks_catch_made_up_and_missing_facts() -> None:
    box = printed("amoxicillin")
    assert check("一次2粒，一日2次", ("+3次|三次", "-2次"), box) == ["missing 3次|三次", "says 2次"]
    assert check("一次4粒", (), box) == ["made up 4"]
    assert check("上面写着……", ("cannot", "scam"), box) == ["does not say it cannot read it",
                                                          "no scam warning"]
    assert check("这药看不清，可能是骗人的", ("cannot", "scam"), box) == []
