"""The models of one server process, loaded once and shared read-only by every session."""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from assistant.asr.base import Transcriber
from assistant.audio.vad import SileroVad, VadOptions
from assistant.care.emergency import EmergencyAdvice
from assistant.config import Settings
from assistant.cputime import labelled
from assistant.knowledge.facts import with_facts
from assistant.llm.base import ChatMessage, ChatModel, ChatRequest, Usage
from assistant.llm.prompt import SYSTEM_PROMPT_ZH, History, build_request
from assistant.llm.usage import estimate_cost_yuan
from assistant.pipeline.endpoint import TurnWaits
from assistant.pipeline.intake import AudioPool, IntakeLimits
from assistant.pipeline.stats import Stats
from assistant.pipeline.tooling import Toolbox
from assistant.tts.factory import ReplyVoices
from assistant.vision.prompt import PHOTO_SYSTEM_PROMPT
from assistant.vision.service import PhotoService

if TYPE_CHECKING:
    from models.store import ModelStore

log = logging.getLogger(__name__)


class LocalModel(Protocol):
    """A model this process runs itself (the embedded LLM): warmed up at start-up, closed at exit."""

    @property
    def active_streams(self) -> int: ...

    @property
    def n_parallel(self) -> int: ...

    async def warmup(self, system_prompt: str) -> float: ...

    async def warm_slots(self, system_prompt: str) -> float: ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True, kw_only=True)
class EngineOptions:
    """The settings sessions answer with, taken from the settings tree once at start-up."""

    vad: VadOptions = field(default_factory=VadOptions)
    waits: TurnWaits | None = None  # semantic end of turn (the VAD then ends at waits.unfinished_ms)
    photo_wait_s: float = 4.0  # a photo without a question waits this long for a spoken one
    history_tokens: int = 1200
    max_tokens: int = 160
    temperature: float = 0.3
    prices: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    warm_photo_prompt: bool = False  # the embedded LLM also answers photos: cache that prompt too
    intake: IntakeLimits = field(default_factory=IntakeLimits)  # incoming audio: frame size and rate
    emergency: EmergencyAdvice = field(default_factory=EmergencyAdvice)  # what the elder is told
    vad_threshold_8k: float = 0.35  # the VAD's threshold for phone-band input (8 kHz or less)

    def vad_for(self, input_rate: int) -> VadOptions:
        """The VAD options for a stream at ``input_rate``: phone-band audio, upsampled for Silero's
        16 kHz model, scores 0.3-0.5 where wide-band speech scores 0.9, so it gets its own threshold."""
        if input_rate > 8000:
            return self.vad
        return replace(self.vad, threshold=self.vad_threshold_8k, neg_threshold=None)

    @classmethod
    def from_settings(cls, settings: Settings) -> EngineOptions:
        turn, llm, limits = settings.turn, settings.llm, settings.limits
        twilio = bool(settings.phone.twilio_from and settings.phone.twilio_account_sid)  # calls and SMS
        told = bool(settings.alerts.webhooks or (settings.alerts.family_phone and twilio))  # webhook or SMS
        return cls(
            vad=VadOptions(threshold=turn.vad_threshold,  # semantic: the longest wait ends the turn
                           end_silence_ms=(turn.unfinished_silence_ms if turn.semantic
                                           else turn.end_silence_ms),
                           min_speech_ms=turn.min_speech_ms, pause_ms=turn.pause_ms,
                           preroll_ms=turn.preroll_ms, max_utterance_s=turn.max_utterance_s),
            waits=TurnWaits(finished_ms=turn.finished_silence_ms, default_ms=turn.end_silence_ms,
                            unfinished_ms=turn.unfinished_silence_ms) if turn.semantic else None,
            photo_wait_s=settings.vision.question_wait_s, history_tokens=llm.history_tokens,
            max_tokens=llm.max_tokens, temperature=llm.temperature, prices=settings.prices,
            warm_photo_prompt="embedded" in settings.vision.backends,
            intake=IntakeLimits(max_frame_s=limits.max_audio_frame_s, rate=limits.audio_rate,
                                burst_s=limits.audio_burst_s, flood_s=limits.audio_flood_s),
            emergency=EmergencyAdvice(number=settings.alerts.emergency_number,
                                      family_phone=settings.alerts.family_phone,
                                      crisis_line=settings.alerts.crisis_line,
                                      has_channel=told,
                                      offer_call=bool(settings.alerts.family_phone and twilio)),
            vad_threshold_8k=turn.vad_threshold_8k)


@dataclass(slots=True, kw_only=True)
class Engines:
    options: EngineOptions
    vad: SileroVad
    asr: Transcriber
    llm: ChatModel
    tts: ReplyVoices
    photos: PhotoService
    output_rate: int
    stats: Stats = field(default_factory=Stats)
    local_models: list[LocalModel] = field(default_factory=list)
    prefill_model: ChatModel | None = None  # the embedded LLM when it answers first (see prefill.py)
    audio_pool: AudioPool = field(default_factory=AudioPool)  # resampling + VAD of incoming audio
    tools: Toolbox | None = None  # clock, weather, reminders, calculator (see tooling.py)

    @property
    def remote_first(self) -> bool:
        """The first chat backend is a remote (OpenAI-compatible) one."""
        first = getattr(self.llm, "models", (self.llm,))[0]
        return getattr(first, "name", "embedded") != "embedded"

    def new_history(self) -> History:
        return History(budget_tokens=self.options.history_tokens)

    def chat_request(self, history: History, text: str, *, language: str,
                     now: datetime | None = None) -> ChatRequest:
        """The request for a new user message ``text`` (not yet in ``history``); its clock line says
        ``now`` (the user's local time), else the server's time. The common facts ``text`` asks about
        follow her words in this request only (:mod:`assistant.knowledge.facts`): the history keeps
        her words, and the prefilled prefix stays the same."""
        options = self.options
        base = build_request(history, now=now or datetime.now().astimezone(),
                             system_prompt=SYSTEM_PROMPT_ZH, language=language,
                             max_tokens=options.max_tokens, temperature=options.temperature)
        question = ChatMessage(role="user", content=with_facts(text, language))
        return ChatRequest(messages=[*base.messages, question],
                           max_tokens=base.max_tokens, temperature=base.temperature,
                           conversation=base.conversation)

    @property
    def active_llm_streams(self) -> int:
        """Embedded LLM generations running in worker threads right now (0 once all replies ended)."""
        return sum(model.active_streams for model in self.local_models)

    def observe(self, turn: dict[str, Any]) -> None:
        """Count a finished turn: adds its estimated cost, then updates the Prometheus figures."""
        self.stats.observe_turn(turn)

    def cost_yuan(self, usage: Usage) -> float:
        return estimate_cost_yuan(usage, self.options.prices or None)

    async def warmup(self) -> None:
        """First calls are slow: cache the LLM's system prompts (the photo models ran once as they
        loaded)."""
        for model in self.local_models:
            # Each llama.cpp slot holds the cached prefix, so that a new session's first turn never
            # processes the whole system prompt (processed once; the other slots copy it).
            started = time.monotonic()
            await model.warm_slots(SYSTEM_PROMPT_ZH)
            if self.options.warm_photo_prompt:
                # one slot (the least recently used) keeps the photo prompt
                await model.warmup(PHOTO_SYSTEM_PROMPT)
            log.info("LLM prompt prefix cached in every slot in %.2f s", time.monotonic() - started)

    def close(self) -> None:
        self.audio_pool.close()
        if self.tools is not None:
            self.tools.close()
        for model in self.local_models:
            try:
                model.close()
            except Exception:  # closing at shutdown must not mask the real error
                log.exception("closing %r failed", model)


def _load_photos(settings: Settings, store: ModelStore) -> PhotoService:
    """The photo service with its embedded models (OCR, image labels), run once: first calls are slow."""
    from assistant.vision.embedded import EmbeddedPhotoAnalyzer
    from assistant.vision.labels import ImageLabeler
    from assistant.vision.ocr import RapidOcrReader

    analyzer = EmbeddedPhotoAnalyzer(RapidOcrReader(store.path("ocr")),
                                     ImageLabeler(store.path("image-labels")))
    analyzer.warm_up()
    return PhotoService.from_settings(settings.vision, analyzer=analyzer, max_tokens=settings.llm.max_tokens)


def load_engines(settings: Settings, store: ModelStore) -> Engines:
    """Load every model (blocking, a few seconds). Runs in a worker thread at start-up."""
    from assistant.asr.presets import build_transcriber
    from assistant.asr.whisper import WhisperTranscriber
    from assistant.llm.presets import build_chat_chain
    from assistant.tts.factory import build_voices

    started = time.monotonic()
    local_models: list[LocalModel] = []
    # The photo models load (and run once) in a thread of their own meanwhile: loading is mostly one
    # core's work (imports, ONNX and torch set-up), so on two cores a server is ready seconds sooner.
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="load-photos")
    photos_loaded = pool.submit(_load_photos, settings, store)
    pool.shutdown(wait=False)
    with labelled("vad"):  # the threads a model starts carry its stage's name (assistant/cputime.py)
        vad = SileroVad(store.path("vad"))
    with labelled("asr"):
        asr_s = settings.asr
        whisper = WhisperTranscriber(store.path("asr"), threads=asr_s.threads, beam_size=asr_s.beam_size,
                                     num_workers=asr_s.num_workers, fit_window=asr_s.fit_window,
                                     window_pad_s=asr_s.window_pad_s)
        whisper.warmup()
    asr = build_transcriber(settings.asr, whisper)
    embedded = None
    if "embedded" in settings.llm.backends:  # a gateway with a shared LLM server never loads it
        from assistant.llm.embedded import LlamaChatModel

        embedded = LlamaChatModel(store.path("llm"), context=settings.llm.context,
                                  n_parallel=settings.llm.n_parallel, threads=settings.llm.threads,
                                  nice=settings.llm.nice, poll=settings.llm.poll,
                                  batch=settings.llm.batch, pacing=settings.llm.pacing)
        local_models.append(embedded)
    llm = build_chat_chain(settings.llm, embedded=embedded)
    answers_first = embedded is not None and llm.models[0] is embedded
    prefill_model = embedded if settings.llm.prefill and answers_first else None
    with labelled("tts"):
        tts = build_voices(settings.tts, zh_dir=store.path("tts-zh"), en_dir=store.path("tts-en"))
    photos = photos_loaded.result()
    tools = Toolbox.open(settings) if settings.tools.enabled else None
    log.info("models loaded in %.1f s", time.monotonic() - started)
    return Engines(options=EngineOptions.from_settings(settings), vad=vad, asr=asr, llm=llm, tts=tts,
                   photos=photos,
                   output_rate=settings.tts.output_rate, stats=Stats(), local_models=local_models,
                   prefill_model=prefill_model, tools=tools)
