"""Online voices through edge-tts (Microsoft neural voices), falling back to the offline voice.

Each sentence gets ``sentence_timeout_s`` to come back from the service as MP3 and be decoded
(with PyAV, which faster-whisper already brings). A sentence that times out or fails is spoken by
``fallback`` instead, so a reply never goes silent.

Fallback state, explicitly:

* Per reply: call :meth:`EdgeSynthesizer.reply` once per reply and speak that reply's clauses
  through the returned :class:`EdgeReply`. After its first failure, that sentence AND every later
  sentence of the reply use the fallback voice (no second wait, no voice switching back and forth).
* Across replies: after a failure the service is considered down for ``retry_after_s``; replies
  started in that window go straight to the fallback, so the service is not waited on every turn.

``EdgeSynthesizer.synthesize`` on its own (without ``reply()``) applies only the second rule.

``endpoint`` redirects the connection (this build of edge-tts has no URL argument):

* ``""``: the public service;
* ``"http://host:port"``: an HTTP(S) proxy, through edge-tts' own ``proxy`` argument;
* ``"host:port"`` or ``"tcp://host:port"``: a TCP relay. The connection for the service's host name
  goes to this address instead (an aiohttp resolver passed in edge-tts' ``connector`` argument);
  TLS still verifies the service's certificate, so the relay must pass TLS through untouched
  (a port forward or an SNI proxy in a region where the service answers).
"""

from __future__ import annotations

import asyncio
import io
import math
import re
import socket
import time
from typing import Any

import aiohttp
import edge_tts
import numpy as np
from aiohttp.abc import AbstractResolver, ResolveResult
from edge_tts.exceptions import EdgeTTSException

from assistant.audio.resample import resample
from assistant.errors import ConfigError, TtsError
from assistant.tts.base import Float32Audio, Speech, Synthesizer
from assistant.tts.zh_frontend import has_han

EDGE_RATE = 24000  # edge-tts asks for audio-24khz-48kbitrate-mono-mp3
_PERCENT = re.compile(r"^([+-]?\d+(?:\.\d+)?)%$")
_SPEAKABLE = re.compile(r"[0-9A-Za-z\u3400-\u4dbf\u4e00-\u9fff]")


class EdgeSynthesizer:
    """edge-tts voices with a per-sentence timeout and an offline ``fallback`` voice."""

    name = "edge"

    def __init__(
        self,
        *,
        voice_zh: str,
        voice_en: str,
        rate: str,
        volume: str,
        endpoint: str = "",
        fallback: Synthesizer,
        sentence_timeout_s: float,
        output_rate: int,
        retry_after_s: float = 60.0,
    ) -> None:
        self.voice_zh = voice_zh
        self.voice_en = voice_en
        self._rate_pct = _parse_percent("tts.edge_rate", rate)
        _parse_percent("tts.edge_volume", volume)
        self.volume = volume
        for key, voice in (("tts.edge_voice_zh", voice_zh), ("tts.edge_voice_en", voice_en)):
            try:
                edge_tts.Communicate("", voice, rate=rate, volume=volume)
            except (ValueError, TypeError) as exc:
                raise ConfigError(f"bad setting {key}: {exc}") from exc
        self._proxy, self._relay = _parse_endpoint(endpoint)
        self.fallback = fallback
        self.sentence_timeout_s = sentence_timeout_s
        self.output_rate = output_rate
        self.retry_after_s = retry_after_s
        self._down_until = 0.0  # monotonic time before which the service counts as down

    def reply(self) -> EdgeReply:
        """A voice for one reply: after one failed sentence, the rest of the reply stays offline."""
        return EdgeReply(self)

    @property
    def service_down(self) -> bool:
        return time.monotonic() < self._down_until

    async def synthesize(self, text: str, *, speed: float) -> Speech:
        speech = await self.try_online(text, speed=speed)
        return speech if speech is not None else await self.offline(text, speed=speed)

    async def try_online(self, text: str, *, speed: float) -> Speech | None:
        """The service's audio for ``text``, or None after a failure or timeout (the service is then
        marked down)."""
        if self.service_down:
            return None
        if not _SPEAKABLE.search(text):  # the service answers "no audio" to bare punctuation
            return Speech(audio=np.zeros(0, dtype=np.float32), rate=self.output_rate)
        try:
            async with asyncio.timeout(self.sentence_timeout_s):
                mp3 = await self._fetch(text, speed)
                audio = await asyncio.to_thread(_decode_and_resample, mp3, self.output_rate)
        except (TimeoutError, OSError, aiohttp.ClientError, TtsError, EdgeTTSException):
            self._down_until = time.monotonic() + self.retry_after_s
            return None
        return Speech(audio=audio, rate=self.output_rate)

    async def offline(self, text: str, *, speed: float) -> Speech:
        speech = await self.fallback.synthesize(text, speed=speed)
        if speech.rate == self.output_rate:
            return speech
        audio = await asyncio.to_thread(resample, speech.audio, speech.rate, self.output_rate)
        return Speech(audio=audio, rate=self.output_rate)

    async def _fetch(self, text: str, speed: float) -> bytes:
        kwargs: dict[str, Any] = {
            "rate": _format_percent((1.0 + self._rate_pct / 100.0) / speed - 1.0),
            "volume": self.volume,
            "connect_timeout": math.ceil(self.sentence_timeout_s),
            "receive_timeout": math.ceil(self.sentence_timeout_s),
        }
        if self._proxy:
            kwargs["proxy"] = self._proxy
        voice = self.voice_zh if has_han(text) else self.voice_en
        if self._relay is not None:
            # The aiohttp session inside edge-tts owns (and closes) this connector.
            kwargs["connector"] = aiohttp.TCPConnector(resolver=_RelayResolver(*self._relay))
        try:
            communicate = edge_tts.Communicate(text, voice, **kwargs)
        except Exception:
            if "connector" in kwargs:
                await kwargs["connector"].close()
            raise
        mp3 = bytearray()
        async for chunk in communicate.stream():
            if chunk["type"] == "audio":
                mp3 += chunk["data"]
        return bytes(mp3)


class EdgeReply:
    """One reply's voice (a Synthesizer): online until the first failure, then offline to the end."""

    name = "edge"

    def __init__(self, owner: EdgeSynthesizer) -> None:
        self._owner = owner
        self.fell_back = owner.service_down

    async def synthesize(self, text: str, *, speed: float) -> Speech:
        if not self.fell_back:
            speech = await self._owner.try_online(text, speed=speed)
            if speech is not None:
                return speech
            self.fell_back = True
        return await self._owner.offline(text, speed=speed)


class _RelayResolver(AbstractResolver):
    """Resolves every host name to the relay's address (used only for the service's connection)."""

    def __init__(self, host: str, port: int) -> None:
        self._host = host
        self._port = port

    async def resolve(self, host: str, port: int = 0,
                      family: socket.AddressFamily = socket.AF_INET) -> list[ResolveResult]:
        infos = await asyncio.get_running_loop().getaddrinfo(
            self._host, self._port, type=socket.SOCK_STREAM, family=socket.AF_UNSPEC)
        return [ResolveResult(hostname=host, host=str(info[4][0]), port=int(info[4][1]), family=info[0],
                              proto=info[2], flags=socket.AI_NUMERICHOST) for info in infos]

    async def close(self) -> None:
        return None


def decode_mp3(data: bytes) -> tuple[Float32Audio, int]:
    """Decode MP3 bytes to float32 mono with PyAV; raises TtsError on bad data."""
    import av

    try:
        with av.open(io.BytesIO(data), mode="r", format="mp3") as container:
            stream = container.streams.audio[0]
            rate = int(stream.rate)
            converter = av.AudioResampler(format="flt", layout="mono", rate=rate)
            chunks = [f.to_ndarray().reshape(-1)
                      for frame in container.decode(stream) for f in converter.resample(frame)]
            chunks += [f.to_ndarray().reshape(-1) for f in converter.resample(None)]
    except (av.FFmpegError, IndexError, ValueError) as exc:
        raise TtsError(f"cannot decode the online voice's MP3: {exc}") from exc
    if not chunks:
        raise TtsError("the online voice returned no audio")
    return np.concatenate(chunks).astype(np.float32), rate


def _decode_and_resample(mp3: bytes, rate: int) -> Float32Audio:
    audio, src = decode_mp3(mp3)
    return resample(audio, src, rate)


def _parse_percent(key: str, value: str) -> float:
    m = _PERCENT.match(value.strip())
    if m is None:
        raise ConfigError(f"bad setting {key}: {value!r} is not a percentage like -10% or +0%")
    return float(m.group(1))


def _format_percent(fraction: float) -> str:
    return f"{round(fraction * 100):+d}%"


def _parse_endpoint(endpoint: str) -> tuple[str, tuple[str, int] | None]:
    """``(proxy URL, relay (host, port))`` for the endpoint setting."""
    endpoint = endpoint.strip()
    if not endpoint:
        return "", None
    if endpoint.startswith(("http://", "https://")):
        return endpoint, None
    address = endpoint.removeprefix("tcp://").rstrip("/")
    host, sep, port = address.rpartition(":")
    if not sep or not host or not port.isdigit():
        raise ConfigError(f"bad setting tts.edge_endpoint: {endpoint!r} is not host:port or http://host:port")
    return "", (host.strip("[]"), int(port))
