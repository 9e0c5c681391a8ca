"""PhotoService: bytes + question -> a spoken answer, remotely or on the device.

The pipeline's calls, in order::

    photo = await service.load(data, mime)          # ImageError: tell the client, no turn
    # the whole answer as text deltas, remote VLM first, embedded fallback:
    async for delta in service.stream_answer(photo, question, llm=chat_model, usage=usage): ...

or, to build its own reply plan::

    if service.has_remote:
        try: remote_stream(photo, question, usage)   # VisionError before the first delta -> fall back
    ctx = await service.answer_context(photo, question)
    ctx.direct_answer  -> speak verbatim (read-aloud, dosage line, labels), no LLM
    ctx.request        -> ChatRequest for the local LLM

Backends come from ``settings.vision.backends`` (e.g. ``("ark", "embedded")``), resolved with the
LLM presets (:func:`assistant.llm.presets.resolve_endpoint`, ``vision=True``): ark → Doubao
vision, dashscope → qwen-vl-plus, openai → gpt-4o, vllm/ollama/llamacpp → a local Qwen2.5-VL.
``vision.base_url``/``model``/``api_key_env`` override the first remote. A remote whose key
variable is unset is skipped with a warning.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import AsyncGenerator, Mapping, Sequence
from contextlib import aclosing
from dataclasses import dataclass

import httpx
from PIL import Image

from assistant.config import VisionSettings
from assistant.errors import VisionError
from assistant.llm.base import ChatModel, ChatRequest, Usage, open_stream
from assistant.llm.presets import EMBEDDED, resolve_endpoint
from assistant.vision.base import PhotoAnalyzer, PhotoDescription
from assistant.vision.image import decode_photo, to_data_url
from assistant.vision.prompt import Intent, build_request, detect_intent, direct_answer
from assistant.vision.remote import OpenAIVisionModel

log = logging.getLogger(__name__)

FALLBACK_NOTICE = "云端看图暂时用不了，我用本机简单看一下。"


@dataclass(frozen=True, slots=True, kw_only=True)
class Photo:
    """A decoded, checked photo (RGB, upright, at most ``inference_side`` pixels a side)."""

    image: Image.Image
    mime: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PhotoContext:
    """The embedded path's result: speak ``direct_answer`` as is, or run ``request`` on the LLM."""

    intent: Intent
    description: PhotoDescription
    direct_answer: str | None
    request: ChatRequest | None  # None exactly when direct_answer is set


class PhotoService:
    """See the module docstring. ``analyzer`` None: remote only; ``remotes`` empty: embedded only."""

    def __init__(self, *, settings: VisionSettings, analyzer: PhotoAnalyzer | None,
                 remotes: Sequence[OpenAIVisionModel] = (), max_tokens: int = 160) -> None:
        if analyzer is None and not remotes:
            raise VisionError("no vision backend: enable embedded or configure a remote vision model")
        self._settings = settings
        self._analyzer = analyzer
        self.remotes = tuple(remotes)
        self._max_tokens = max_tokens
        self._decode_slots = asyncio.Semaphore(settings.decode_slots)

    @classmethod
    def from_settings(cls, settings: VisionSettings, *, analyzer: PhotoAnalyzer | None,
                      environ: Mapping[str, str] | None = None, max_tokens: int = 160,
                      transport: httpx.AsyncBaseTransport | None = None) -> PhotoService:
        """Build the remotes named in ``settings.backends``; pass the analyzer if "embedded" is there."""
        return cls(settings=settings, analyzer=analyzer if EMBEDDED in settings.backends else None,
                   remotes=build_remotes(settings, environ=environ, transport=transport),
                   max_tokens=max_tokens)

    @property
    def has_remote(self) -> bool:
        return bool(self.remotes)

    async def aclose(self) -> None:
        for remote in self.remotes:
            await remote.aclose()

    async def load(self, data: bytes, mime: str) -> Photo:
        """Check and decode in a worker thread, at most ``decode_slots`` at a time (a slot is held
        until the thread finishes, even if the caller gives up). Raises ImageError (``bad_image``)."""
        s = self._settings
        await self._decode_slots.acquire()
        try:
            future = asyncio.get_running_loop().run_in_executor(None, functools.partial(
                decode_photo, data, mime, max_bytes=s.max_image_bytes, max_pixels=s.max_pixels,
                inference_side=s.inference_side))
        except BaseException:
            self._decode_slots.release()
            raise
        future.add_done_callback(self._decoded)
        image = await asyncio.shield(future)
        return Photo(image=image, mime=mime)

    def _decoded(self, future: asyncio.Future[Image.Image]) -> None:
        self._decode_slots.release()
        if not future.cancelled():
            future.exception()  # retrieved here: nobody else may be waiting any more

    async def answer_context(self, photo: Photo, question: str) -> PhotoContext:
        """Embedded analysis (OCR + labels, ~0.5-1.5 s) and the LLM request or a direct answer."""
        if self._analyzer is None:
            raise VisionError("the embedded photo analyzer is not enabled")
        description = await self._analyzer.describe(photo.image)
        ready = direct_answer(description, question)
        request = None if ready is not None else build_request(description, question,
                                                                max_tokens=self._max_tokens)
        return PhotoContext(intent=detect_intent(question, description), description=description,
                            direct_answer=ready, request=request)

    async def remote_stream(self, photo: Photo, question: str, usage: Usage) -> AsyncGenerator[str, None]:
        """The first remote that answers, as text deltas. Remotes are tried in order while none has
        produced text; VisionError when all failed (or one failed mid-answer)."""
        if not self.remotes:
            raise VisionError("no remote vision model is configured")
        data_url = await asyncio.to_thread(to_data_url, photo.image)
        errors = []
        for remote in self.remotes:
            produced = False
            try:
                async with aclosing(remote.stream(image_data_url=data_url, question=question,
                                                  usage=usage, max_tokens=self._max_tokens)) as deltas:
                    async for text in deltas:
                        produced = True
                        yield text
                return
            except VisionError as exc:
                if produced:
                    raise
                log.warning("vision backend %s failed: %s", remote.provider, exc.message)
                errors.append(exc.message)
        raise VisionError("; ".join(errors))

    async def stream_answer(self, photo: Photo, question: str, *, llm: ChatModel,
                            usage: Usage) -> AsyncGenerator[str, None]:
        """The whole answer: remote VLM, else (with a short notice) the embedded path.

        A remote that fails mid-answer ends the answer there with VisionError; one that fails
        before its first delta costs only the notice. Raises VisionError/LlmError otherwise.
        """
        notice = ""
        if self.remotes:
            produced = False
            try:
                async with aclosing(self.remote_stream(photo, question, usage)) as deltas:
                    async for text in deltas:
                        produced = True
                        yield text
                return
            except VisionError:
                if produced or self._analyzer is None:
                    raise
                notice = FALLBACK_NOTICE
        if notice:
            yield notice
        context = await self.answer_context(photo, question)
        if context.direct_answer is not None:
            yield context.direct_answer
            return
        if context.request is None:  # pragma: no cover - PhotoContext's invariant
            raise VisionError("no answer could be prepared for the photo")
        async with open_stream(llm, context.request, usage) as deltas:
            async for text in deltas:
                yield text


def build_remotes(settings: VisionSettings, *, environ: Mapping[str, str] | None = None,
                  transport: httpx.AsyncBaseTransport | None = None) -> list[OpenAIVisionModel]:
    """The remote vision models of ``settings.backends`` (ConfigError for an unknown name)."""
    remotes: list[OpenAIVisionModel] = []
    first = True
    for spec in settings.backends:
        if spec == EMBEDDED:
            continue
        overrides = {"base_url": settings.base_url, "model": settings.model,
                     "api_key_env": settings.api_key_env} if first else {}
        first = False
        endpoint = resolve_endpoint(spec, vision=True, environ=environ, **overrides)
        if endpoint is None:
            log.warning("vision backend %s skipped: its API key variable is not set", spec)
            continue
        remotes.append(OpenAIVisionModel(
            base_url=endpoint.base_url, model=endpoint.model, api_key=endpoint.api_key,
            provider=endpoint.provider, timeout_s=settings.timeout_s, extra_body=endpoint.extra_body,
            transport=transport))
    return remotes
