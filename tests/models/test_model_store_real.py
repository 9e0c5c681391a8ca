"""The real store, prepared once from the installed packages by the session `model_store` fixture."""

from __future__ import annotations

import time

import pytest

from models.store import ModelStore


@pytest.fixture(scope="module")
def store(model_store: object) -> ModelStore:
    assert isinstance(model_store, ModelStore)
    return model_store


def test_every_role_is_present_and_verified(store: ModelStore) -> None:
    rows = store.status()
    assert {r.role for r in rows} == {"vad", "asr", "llm", "tts-zh", "tts-en", "ocr", "image-labels"}
    bad = [r.problem for r in rows if r.problem or not r.verified]
    assert not bad


def test_paths_have_the_documented_shape(store: ModelStore) -> None:
    assert store.path("vad").name == "silero_vad.onnx"
    asr = store.path("asr")
    assert {p.name for p in asr.iterdir()} >= {"model.bin", "config.json", "tokenizer.json", "vocabulary.txt"}
    llm = store.path("llm")  # the test settings pick the 0.5B model
    assert llm.name == "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
    with llm.open("rb") as f:
        assert f.read(4) == b"GGUF"
    assert store.path("llm", "qwen2.5-coder-0.5b") == llm
    assert {p.name for p in store.path("tts-zh").iterdir()} == {"fastspeech2.onnx", "mb_melgan.onnx",
                                                                "baker_mapper.json"}
    assert {p.name for p in store.path("tts-en").iterdir()} == {"en_US-joe-medium.onnx",
                                                                "en_US-joe-medium.onnx.json"}
    assert {p.name for p in store.path("ocr").iterdir()} == {
        "ch_PP-OCRv4_det_infer.onnx", "ch_PP-OCRv4_rec_infer.onnx", "ch_ppocr_mobile_v2.0_cls_infer.onnx"}
    assert store.path("image-labels").name == "efficientnet_lite0.pth"


def test_second_prepare_is_a_fast_no_op(store: ModelStore) -> None:
    start = time.monotonic()
    report = store.prepare(progress=False)
    assert report.nothing_to_do and "nothing to do" in report.summary()
    assert time.monotonic() - start < 1.0  # stamps, not re-hashing a gigabyte
