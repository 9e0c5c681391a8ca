"""Vision test fixtures: the real OCR and label models (loaded once), rendered photos, a VLM server."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from vision_vlm_server import VlmServer

from assistant.vision.embedded import EmbeddedPhotoAnalyzer
from assistant.vision.labels import ImageLabeler
from assistant.vision.ocr import RapidOcrReader


@pytest.fixture(scope="session")
def ocr_reader(model_store: Any) -> RapidOcrReader:
    return RapidOcrReader(model_store.path("ocr"), threads=2)


@pytest.fixture(scope="session")
def labeler(model_store: Any) -> ImageLabeler:
    return ImageLabeler(model_store.path("image-labels"), top_k=5)


@pytest.fixture(scope="session")
def analyzer(ocr_reader: RapidOcrReader, labeler: ImageLabeler) -> EmbeddedPhotoAnalyzer:
    return EmbeddedPhotoAnalyzer(ocr_reader, labeler)


@pytest.fixture(scope="session")
def vlm_server() -> Iterator[VlmServer]:
    server = VlmServer()
    server.start()
    yield server
    server.stop()
