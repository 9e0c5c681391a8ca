"""Remote VLMs against a real local HTTP server, and PhotoService's remote → embedded fallback."""

from __future__ import annotations

import base64
import io
import logging
import time
from pathlib import Path

import pytest
from PIL import Image
from vision_helpers import encode, render_medicine_box
from vision_vlm_server import ANSWER, VlmServer

from assistant.config import VisionSettings
from assistant.errors import ConfigError, VisionError
from assistant.llm.base import Usage
from assistant.llm.openai import OpenAIChatModel
from assistant.vision.embedded import EmbeddedPhotoAnalyzer
from assistant.vision.image import to_data_url
from assistant.vision.prompt import Intent
from assistant.vision.remote import OpenAIVisionModel
from assistant.vision.service import FALLBACK_NOTICE, PhotoService, build_remotes

DATA = Path(__file__).parent / "data"
KEY = "sk-vision-test-0123456789"
ENV = {"VLM_TEST_KEY": KEY}


def vlm(server: VlmServer, behaviour: str, *, timeout_s: float = 5.0) -> OpenAIVisionModel:
    return OpenAIVisionModel(base_url=server.url(behaviour), model="qwen2.5-vl-test",
                             api_key_env="VLM_TEST_KEY",
                             timeout_s=timeout_s, provider="vllm", environ=ENV)


def coffee_url() -> str:
    return to_data_url(Image.open(DATA / "coffee.jpg").convert("RGB"))


async def collect(model: OpenAIVisionModel, question: str = "这是什么？") -> list[str]:
    return [t async for t in model.stream(image_data_url=coffee_url(), question=question, usage=Usage())]


async def test_streams_the_answer_and_sends_the_image_as_a_data_url(vlm_server: VlmServer) -> None:
    assert await collect(vlm(vlm_server, "ok"), "这是什么？") == ANSWER
    sent = vlm_server.last("ok")
    assert sent.headers["authorization"] == f"Bearer {KEY}"
    assert sent.body["model"] == "qwen2.5-vl-test" and sent.body["stream"] is True
    system, user = sent.body["messages"]
    assert system["role"] == "system" and "用法用量" in system["content"]
    parts = {part["type"]: part for part in user["content"]}
    assert parts["text"]["text"] == "这是什么？"
    url = parts["image_url"]["image_url"]["url"]
    assert url.startswith("data:image/jpeg;base64,")
    image = Image.open(io.BytesIO(base64.b64decode(url.split(",", 1)[1])))
    assert image.format == "JPEG" and image.size == (400, 267)


async def test_a_hanging_server_fails_within_the_timeout(vlm_server: VlmServer,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    start = time.perf_counter()
    with pytest.raises(VisionError) as exc:
        await collect(vlm(vlm_server, "hang", timeout_s=1.0))
    assert time.perf_counter() - start < 3.0
    assert "vllm" in exc.value.message
    assert KEY not in exc.value.message and KEY not in caplog.text


async def test_a_server_error_is_a_vision_error(vlm_server: VlmServer) -> None:
    with pytest.raises(VisionError) as exc:
        await collect(vlm(vlm_server, "e500"))
    assert "500" in exc.value.message


async def test_no_server_is_a_vision_error() -> None:
    model = OpenAIVisionModel(base_url="http://127.0.0.1:9/v1", model="m", timeout_s=2.0, provider="ollama")
    start = time.perf_counter()
    with pytest.raises(VisionError):
        await collect(model)
    assert time.perf_counter() - start < 3.0


def test_an_unset_key_variable_is_a_config_error() -> None:
    with pytest.raises(ConfigError) as exc:
        OpenAIVisionModel(base_url="http://127.0.0.1:9/v1", model="m", api_key_env="NOT_SET_ANYWHERE",
                          provider="dashscope", environ={})
    assert "NOT_SET_ANYWHERE" in exc.value.message


def test_remotes_from_settings(vlm_server: VlmServer) -> None:
    # A cloud preset without its key is skipped; an explicit base URL + key variable is used.
    assert build_remotes(VisionSettings(backends=("ark", "embedded")), environ={}) == []
    settings = VisionSettings(backends=("openai", "dashscope", "embedded"), base_url=vlm_server.url("ok"),
                              model="local-vl", api_key_env="VLM_TEST_KEY", timeout_s=3.0)
    remotes = build_remotes(settings, environ={**ENV, "DASHSCOPE_API_KEY": "sk-ds"})
    assert [(r.provider, r.model) for r in remotes] == [("openai", "local-vl"), ("dashscope", "qwen-vl-plus")]
    assert KEY not in repr(remotes)


# ---- PhotoService: embedded path and fallback (real OCR + label models) --------------------------
async def test_embedded_context_for_a_medicine_box(analyzer: EmbeddedPhotoAnalyzer) -> None:
    service = PhotoService(settings=VisionSettings(), analyzer=analyzer)
    photo = await service.load(encode(render_medicine_box()), "image/png")
    context = await service.answer_context(photo, "这个药怎么吃？")
    assert context.intent is Intent.MEDICINE and context.request is None
    assert context.direct_answer == ("这是布洛芬缓释胶囊。用法用量是：口服，一次1粒，一日2次。"
                                     "具体请按说明书或遵医嘱。")


async def test_embedded_context_for_an_object(analyzer: EmbeddedPhotoAnalyzer) -> None:
    service = PhotoService(settings=VisionSettings(), analyzer=analyzer)
    photo = await service.load((DATA / "coffee.jpg").read_bytes(), "image/jpeg")
    context = await service.answer_context(photo, "这是什么？")
    assert context.intent is Intent.IDENTIFY and context.request is None
    assert context.direct_answer == "我看这很可能是意式浓缩咖啡。"
    context = await service.answer_context(photo, "这个怎么喝比较好？")
    assert context.intent is Intent.GENERAL and context.direct_answer is None
    assert context.request is not None
    assert "很可能是意式浓缩咖啡" in context.request.messages[1].content


async def test_failing_remote_falls_back_with_a_short_notice(vlm_server: VlmServer,
                                                            analyzer: EmbeddedPhotoAnalyzer) -> None:
    service = PhotoService(settings=VisionSettings(), analyzer=analyzer, remotes=[vlm(vlm_server, "e500")])
    photo = await service.load(encode(render_medicine_box(), "JPEG", quality=90), "image/jpeg")
    llm = OpenAIChatModel(base_url=vlm_server.url("ok"), model="unused", api_key=None, provider="vllm")
    deltas = [t async for t in service.stream_answer(photo, "这药一天吃几次？", llm=llm, usage=Usage())]
    assert deltas[0] == FALLBACK_NOTICE
    assert "一日2次" in deltas[1]


async def test_fallback_sends_the_embedded_prompt_to_the_llm(vlm_server: VlmServer,
                                                            analyzer: EmbeddedPhotoAnalyzer) -> None:
    service = PhotoService(settings=VisionSettings(), analyzer=analyzer,
                           remotes=[vlm(vlm_server, "hang", timeout_s=1.0)])
    photo = await service.load((DATA / "coffee.jpg").read_bytes(), "image/jpeg")
    llm = OpenAIChatModel(base_url=vlm_server.url("ok"), model="local-llm", api_key=None, provider="vllm")
    deltas = [t async for t in service.stream_answer(photo, "这个怎么喝？", llm=llm, usage=Usage())]
    assert deltas == [FALLBACK_NOTICE, *ANSWER]
    prompt = vlm_server.last("ok").body
    assert prompt["model"] == "local-llm" and "意式浓缩咖啡" in prompt["messages"][1]["content"]


async def test_working_remote_answers_without_local_analysis(vlm_server: VlmServer,
                                                            analyzer: EmbeddedPhotoAnalyzer) -> None:
    service = PhotoService(settings=VisionSettings(), analyzer=analyzer,
                           remotes=[vlm(vlm_server, "e500"), vlm(vlm_server, "ok")])
    photo = await service.load((DATA / "coffee.jpg").read_bytes(), "image/jpeg")
    llm = OpenAIChatModel(base_url="http://127.0.0.1:9/v1", model="never", api_key=None, provider="vllm")
    assert [t async for t in service.stream_answer(photo, "这是什么？", llm=llm, usage=Usage())] == ANSWER
