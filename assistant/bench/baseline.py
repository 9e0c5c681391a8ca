"""The naive baseline: the same models, one stage after another, nothing streamed.

It waits for the whole utterance, transcribes it, generates the whole answer, synthesises the
whole answer in one call, and only then would "send" the audio. Its voice-to-voice is therefore
ASR + full LLM + full TTS. It runs in this process, after the server has stopped, so that both
pipelines get the (two) cores to themselves. No endpointing delay is added to it, while ours is
measured from the end of speech and includes the VAD's silence wait: the comparison favours the
baseline. It uses the same ASR settings as the server (``asr.fit_window`` included), so the ratio
credits only the pipeline's design, not a faster model configuration.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from assistant.bench.speech import Clip
from assistant.config import Settings
from assistant.llm.base import ChatMessage, ChatRequest, Usage, open_stream
from assistant.llm.prompt import SYSTEM_PROMPT_ZH, History, build_request
from assistant.tts.clauses import clean_for_speech


@dataclass(frozen=True, slots=True, kw_only=True)
class BaselineTurn:
    question: str
    language: str
    transcript: str
    reply_text: str
    asr_ms: float
    llm_ms: float
    tts_ms: float
    voice_to_voice_ms: float
    completion_tokens: int
    audio_s: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class NaiveBaseline:
    """Whisper, the embedded LLM and the offline voices, loaded from ``store`` (blocking)."""

    def __init__(self, settings: Settings, store: Any, *, llm: str) -> None:
        from assistant.asr.whisper import WhisperTranscriber
        from assistant.llm.embedded import LlamaChatModel
        from assistant.tts.factory import embedded_voices

        self.settings = settings
        self.asr = WhisperTranscriber(store.path("asr"), threads=settings.asr.threads,
                                      beam_size=settings.asr.beam_size, fit_window=settings.asr.fit_window,
                                      window_pad_s=settings.asr.window_pad_s)
        self.llm = LlamaChatModel(store.path("llm", model=llm), context=settings.llm.context,
                                  n_parallel=1, threads=settings.llm.threads)
        self.tts = embedded_voices(zh_dir=store.path("tts-zh"), en_dir=store.path("tts-en"),
                                   output_rate=settings.tts.output_rate)

    async def warmup(self) -> None:
        await asyncio.to_thread(self.asr.warmup)
        await self.llm.warmup(SYSTEM_PROMPT_ZH)
        await self.tts.synthesize("你好。", speed=self.settings.tts.speed)

    def _request(self, text: str, language: str) -> ChatRequest:
        llm = self.settings.llm
        history = History(budget_tokens=llm.history_tokens)
        base = build_request(history, now=datetime.now().astimezone(), system_prompt=SYSTEM_PROMPT_ZH,
                             language=language, max_tokens=llm.max_tokens, temperature=llm.temperature)
        return ChatRequest(messages=[*base.messages, ChatMessage(role="user", content=text)],
                           max_tokens=base.max_tokens, temperature=base.temperature)

    async def answer(self, clip: Clip) -> BaselineTurn:
        language = clip.question.language
        t0 = time.monotonic()
        transcript = await self.asr.transcribe(clip.speech_audio(), language=language)
        t1 = time.monotonic()
        usage = Usage()
        async with open_stream(self.llm, self._request(transcript.text, language), usage) as deltas:
            parts = [delta async for delta in deltas]
        text = "".join(parts)
        t2 = time.monotonic()
        speech = await self.tts.synthesize(clean_for_speech(text), speed=self.settings.tts.speed)
        t3 = time.monotonic()
        return BaselineTurn(
            question=clip.question.text, language=language, transcript=transcript.text, reply_text=text,
            asr_ms=round((t1 - t0) * 1000.0, 1), llm_ms=round((t2 - t1) * 1000.0, 1),
            tts_ms=round((t3 - t2) * 1000.0, 1), voice_to_voice_ms=round((t3 - t0) * 1000.0, 1),
            completion_tokens=usage.completion_tokens or len(parts),
            audio_s=round(len(speech.audio) / speech.rate, 3))

    def close(self) -> None:
        self.llm.close()


def run_baseline(settings: Settings, store: Any, clips: Sequence[Clip], *, llm: str,
                 tick: Callable[[], None]) -> tuple[list[BaselineTurn], float]:
    """Load, warm up and answer every clip; returns the turns and the load time in seconds."""
    started = time.monotonic()
    baseline = NaiveBaseline(settings, store, llm=llm)

    async def go() -> tuple[list[BaselineTurn], float]:
        await baseline.warmup()
        load_s = time.monotonic() - started
        turns = []
        for clip in clips:
            turns.append(await baseline.answer(clip))
            tick()
        return turns, load_s

    try:
        return asyncio.run(go())
    finally:
        baseline.close()
