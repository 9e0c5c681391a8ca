"""What ``hearing.review`` does with a transcript, as the hearing probes write it (shared by both probes)."""

from __future__ import annotations

from assistant.asr.base import Transcript
from assistant.pipeline.hearing import review


def outcome(text: str, logprob: float) -> str:
    """"ask", "answer" (as heard) or "correct:<text>" for ``text`` decoded at ``logprob``."""
    language = "en" if text.isascii() else "zh"
    heard = Transcript(text=text, language=language, audio_s=2.0, avg_logprob=logprob, no_speech_prob=0.02)
    result = review(text, language=language, transcript=heard)
    if result.ask:
        return "ask"
    return "answer" if result.text == text else "correct:" + result.text
