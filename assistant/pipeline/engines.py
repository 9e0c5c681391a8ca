"""The models of one server process, loaded once and shared read-only by every session."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from assistant.asr.base import Transcriber
from assistant.audio.vad import SileroVad
from assistant.config import Settings
from assistant.llm.base import ChatMessage, ChatModel, ChatRequest
from assistant.llm.prompt import SYSTEM_PROMPT_ZH, History, build_request
from assistant.llm.usage import estimate_cost_yuan
from assistant.pipeline.stats import Stats
from assistant.tts.factory import ReplyVoices
from assistant.vision.prompt import PHOTO_SYSTEM_PROMPT
from assistant.vision.service import PhotoService

if TYPE_CHECKING:
    from models.store import ModelStore

log = logging.getLogger(__name__)


@dataclass(slots=True, kw_only=True)
class Engines:
    settings: Settings
    vad: SileroVad
    asr: Transcriber
    llm: ChatModel
    tts: ReplyVoices
    photos: PhotoService
    output_rate: int
    stats: Stats = field(default_factory=Stats)
    closers: list[Any] = field(default_factory=list)
    prefill_model: ChatModel | None = None  # the embedded LLM when it answers first (see prefill.py)

    def new_history(self) -> History:
        return History(budget_tokens=self.settings.llm.history_tokens)

    def chat_request(self, history: History, text: str, *, language: str) -> ChatRequest:
        """The request for a new user message ``text`` (not yet in ``history``)."""
        llm = self.settings.llm
        base = build_request(history, now=datetime.now().astimezone(),
                             system_prompt=SYSTEM_PROMPT_ZH,
                             language=language, max_tokens=llm.max_tokens, temperature=llm.temperature)
        return ChatRequest(messages=[*base.messages, ChatMessage(role="user", content=text)],
                           max_tokens=base.max_tokens, temperature=base.temperature)

    @property
    def active_llm_streams(self) -> int:
        """Embedded LLM generations running in worker threads right now (0 once all replies ended)."""
        return sum(int(getattr(c, "active_streams", 0)) for c in self.closers)

    def observe(self, turn: dict[str, Any]) -> None:
        """Count a finished turn: adds its estimated cost, then updates the Prometheus figures."""
        self.stats.observe_turn(turn)

    def cost_yuan(self, usage: Any) -> float:
        return estimate_cost_yuan(usage, self.settings.prices or None)

    async def warmup(self) -> None:
        """First calls are slow: run the photo models once, and cache the LLM's system prompts."""
        await self.photos.warm_up()
        for model in self.closers:
            warm = getattr(model, "warmup", None)
            if warm is None:
                continue
            # One warm-up per llama.cpp slot, at once, so that each slot holds the cached prefix and a
            # new session's first turn never processes the whole system prompt.
            started = time.monotonic()
            await asyncio.gather(*(warm(SYSTEM_PROMPT_ZH) for _ in range(int(getattr(model, "n_parallel", 1)))))
            if "embedded" in self.settings.vision.backends:
                await warm(PHOTO_SYSTEM_PROMPT)  # one slot (the least recently used) keeps the photo prompt
            log.info("LLM prompt prefix cached in every slot in %.2f s", time.monotonic() - started)

    def close(self) -> None:
        for thing in self.closers:
            try:
                thing.close()
            except Exception:  # closing at shutdown must not mask the real error
                log.exception("closing %r failed", thing)


def load_engines(settings: Settings, store: ModelStore) -> Engines:
    """Load every model (blocking, a few seconds). Runs in a worker thread at start-up."""
    from assistant.asr.fallback import FallbackTranscriber
    from assistant.asr.openai import OpenAITranscriber
    from assistant.asr.whisper import WhisperTranscriber
    from assistant.llm.embedded import LlamaChatModel
    from assistant.llm.presets import build_chat_chain
    from assistant.tts.factory import build_voices
    from assistant.vision.embedded import EmbeddedPhotoAnalyzer
    from assistant.vision.labels import ImageLabeler
    from assistant.vision.ocr import RapidOcrReader

    started = time.monotonic()
    closers: list[Any] = []
    vad = SileroVad(store.path("vad"))
    whisper = WhisperTranscriber(store.path("asr"), threads=settings.asr.threads,
                                 beam_size=settings.asr.beam_size, num_workers=2,
                                 fit_window=settings.asr.fit_window)
    whisper.warmup()
    asr: Transcriber = whisper
    if "openai" in settings.asr.backends and settings.asr.remote_url:
        remote = OpenAITranscriber(base_url=settings.asr.remote_url, model=settings.asr.remote_model,
                                   api_key_env=settings.asr.remote_key_env, timeout_s=settings.asr.timeout_s)
        asr = FallbackTranscriber([remote, whisper])
    embedded = None
    if "embedded" in settings.llm.backends:
        embedded = LlamaChatModel(store.path("llm"), context=settings.llm.context,
                                  n_parallel=settings.llm.n_parallel, threads=settings.llm.threads,
                                  nice=settings.llm.nice)
        closers.append(embedded)
    llm = build_chat_chain(settings.llm, embedded=embedded)
    prefill_model = embedded if settings.llm.prefill and embedded is not None and llm.models[0] is embedded else None
    tts = build_voices(settings.tts, zh_dir=store.path("tts-zh"), en_dir=store.path("tts-en"))
    analyzer = EmbeddedPhotoAnalyzer(RapidOcrReader(store.path("ocr")), ImageLabeler(store.path("image-labels")))
    photos = PhotoService.from_settings(settings.vision, analyzer=analyzer, max_tokens=settings.llm.max_tokens)
    log.info("models loaded in %.1f s", time.monotonic() - started)
    return Engines(settings=settings, vad=vad, asr=asr, llm=llm, tts=tts, photos=photos,
                   output_rate=settings.tts.output_rate, stats=Stats(), closers=closers,
                   prefill_model=prefill_model)
