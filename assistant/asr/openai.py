"""Remote ASR through an OpenAI-compatible ``POST {base_url}/audio/transcriptions`` endpoint.

Works with OpenAI, a local faster-whisper-server / speaches, vLLM or any server that takes a
multipart upload (``file``, ``model``, ``language``, ``prompt``, ``response_format=json``) and
answers ``{"text": ...}``. The API key is read from the environment variable named by
``api_key_env`` at call time and is never logged.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import re
import wave
from collections.abc import Sequence
from typing import Any

import httpx
import numpy as np

from assistant.asr.base import ASR_RATE, Float32Audio, Transcript
from assistant.asr.filter import ZH_PROMPT, SimplifiedConverter, hallucination_reason, rms
from assistant.asr.repair import repair
from assistant.asr.vocabulary import for_language, hint_text, strip_prompt
from assistant.audio.pcm import float32_to_pcm16
from assistant.errors import AsrError

log = logging.getLogger(__name__)

_TAG = re.compile(r"<\|[^|<>]{1,32}\|>")
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF]")  # 😊😔😡🎼👏🤧 …: SenseVoice's events


def wav_bytes(audio: Float32Audio, rate: int = ASR_RATE) -> bytes:
    """A mono PCM16 WAV file of ``audio``."""
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(float32_to_pcm16(audio))
    return out.getvalue()


class OpenAITranscriber:
    """See :class:`assistant.asr.base.Transcriber`. Raises AsrError on HTTP errors and on timeout."""

    def __init__(
        self,
        *,
        base_url: str,
        model: str,
        api_key_env: str = "",
        timeout_s: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
        name: str = "openai",
        send_prompt: bool = True,
    ) -> None:
        self.name = name  # shown in logs and metrics, e.g. "openai" or "dashscope"
        if not base_url:
            raise AsrError("the openai ASR backend needs a base_url (asr.remote_url)")
        self.url = base_url.rstrip("/") + "/audio/transcriptions"
        self.model = model
        self.api_key_env = api_key_env
        self.timeout_s = timeout_s
        self.send_prompt = send_prompt  # SenseVoice / Paraformer servers take no prompt
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self._simplify = SimplifiedConverter()

    async def transcribe(self, audio: Float32Audio, *, language: str,
                         hints: Sequence[str] = ()) -> Transcript:
        audio = np.ascontiguousarray(audio, dtype=np.float32).reshape(-1)
        audio_s = len(audio) / ASR_RATE
        data: dict[str, Any] = {"model": self.model, "response_format": "json"}
        if language in ("zh", "en"):
            data["language"] = language
        hints = for_language(hints, language)
        prompt = hint_text(hints) + (ZH_PROMPT if language == "zh" else "")
        if prompt and self.send_prompt:
            data["prompt"] = prompt  # Whisper servers read it as preceding text; others ignore it
        files = {"file": ("audio.wav", wav_bytes(audio), "audio/wav")}
        try:
            async with asyncio.timeout(self.timeout_s):
                response = await self._http().post(self.url, data=data, files=files, headers=self._headers())
        except TimeoutError as exc:
            raise AsrError(f"ASR server {self.url} did not answer within {self.timeout_s:g} s") from exc
        except httpx.HTTPError as exc:
            raise AsrError(f"ASR server {self.url} failed: {type(exc).__name__}: {exc}") from exc
        if response.status_code != 200:
            raise AsrError(f"ASR server {self.url} answered HTTP {response.status_code}: "
                           f"{response.text[:200]}")
        try:
            body = response.json()
            text = str(body["text"]).strip()
        except (ValueError, KeyError, TypeError) as exc:
            raise AsrError(f"ASR server {self.url} sent an unexpected body: {response.text[:200]}") from exc
        text = repair(strip_prompt(self._simplify(without_tags(text)), hints), hints)
        reason = hallucination_reason(text, audio_s=audio_s, level=rms(audio), hints=hints)
        if reason:
            log.info("dropped ASR text %r: %s", text, reason)
            text = ""
        return Transcript(text=text, language=_language(body, language, text), audio_s=audio_s)

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    def _http(self) -> httpx.AsyncClient:
        # One pooled client (kept-alive connections); it belongs to the event loop that first used it.
        if self._client is None:
            self._client = httpx.AsyncClient(timeout=httpx.Timeout(self.timeout_s), transport=self._transport)
        return self._client

    def _headers(self) -> dict[str, str]:
        if not self.api_key_env:
            return {}
        key = os.environ.get(self.api_key_env, "")
        if not key:
            raise AsrError(f"the ASR API key variable {self.api_key_env} is not set")
        return {"Authorization": f"Bearer {key}"}


def without_tags(text: str) -> str:
    """``text`` without SenseVoice's rich-transcription marks: ``<|zh|><|NEUTRAL|><|Speech|>`` tags and
    the emotion / event emoji some servers put in their place."""
    return _EMOJI.sub("", _TAG.sub("", text)).strip()


def _language(body: Any, requested: str, text: str) -> str:
    reported = body.get("language") if isinstance(body, dict) else None
    if isinstance(reported, str) and reported:
        lang = reported.lower()
        return "zh" if lang in ("zh", "chinese", "yue", "mandarin") else "en" if lang == "english" else lang
    if requested != "auto":
        return requested
    return "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in text) else "en"
