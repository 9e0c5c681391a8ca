"""Try ASR backends in order (e.g. a remote server, then the embedded Whisper)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from assistant.asr.base import Float32Audio, Transcriber, Transcript
from assistant.errors import AsrError

log = logging.getLogger(__name__)


class FallbackTranscriber:
    """A :class:`Transcriber` that asks each backend in turn until one answers.

    A backend that raises AsrError or TimeoutError is logged (by name and error message; keys never
    appear in either) and the next one is tried. Cancellation is never swallowed. When every
    backend fails, the last error is raised as AsrError.
    """

    def __init__(self, backends: Sequence[Transcriber]) -> None:
        if not backends:
            raise AsrError("FallbackTranscriber needs at least one backend")
        self.backends = tuple(backends)
        self.name = "+".join(b.name for b in self.backends)

    async def transcribe(self, audio: Float32Audio, *, language: str,
                         hints: Sequence[str] = ()) -> Transcript:
        failures: list[str] = []
        last: Exception | None = None
        for backend in self.backends:
            try:
                return await backend.transcribe(audio, language=language, hints=hints)
            except (AsrError, TimeoutError) as exc:
                last = exc
                failures.append(f"{backend.name}: {exc}")
                log.warning("ASR backend %s failed: %s", backend.name, exc)
        raise AsrError("every ASR backend failed: " + "; ".join(failures)) from last
