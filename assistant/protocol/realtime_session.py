"""The session object of ``session.created`` / ``session.updated``, in GA or beta shape."""

from __future__ import annotations

from typing import Any

from assistant.protocol.realtime_config import FORMATS, SessionConfig, TurnDetection

GA_NAMES = {"pcm16": "audio/pcm", "g711_ulaw": "audio/pcmu", "g711_alaw": "audio/pcma"}


def _format(name: str, *, beta: bool) -> Any:
    if beta:
        return name
    out: dict[str, Any] = {"type": GA_NAMES[name]}
    if name == "pcm16":
        out["rate"] = FORMATS[name]
    return out


def turn_detection_object(td: TurnDetection | None, defaults: dict[str, Any]) -> dict[str, Any] | None:
    """``td`` with the values in force (``defaults``: the server's, for fields the client left unset)."""
    if td is None:
        return None
    common = {"type": td.kind, "create_response": td.create_response,
              "interrupt_response": td.interrupt_response}
    if td.kind == "semantic_vad":
        return {**common, "eagerness": td.eagerness}
    return {**common,
            "threshold": td.threshold if td.threshold is not None else defaults.get("threshold", 0.5),
            "prefix_padding_ms": td.prefix_padding_ms if td.prefix_padding_ms is not None
            else defaults.get("prefix_padding_ms", 300),
            "silence_duration_ms": td.silence_duration_ms if td.silence_duration_ms is not None
            else defaults.get("silence_duration_ms", 700)}


def session_object(config: SessionConfig, *, session_id: str, model: str, beta: bool,
                   defaults: dict[str, Any] | None = None) -> dict[str, Any]:
    td = turn_detection_object(config.turn_detection, defaults or {})
    transcription = (None if config.transcription_model is None else
                     {"model": config.transcription_model,
                      **({"language": config.language} if config.language != "auto" else {})})
    tools = [dict(t) for t in config.tools]
    if beta:
        return {"id": session_id, "object": "realtime.session", "model": model,
                "modalities": list(config.modalities), "instructions": config.instructions,
                "voice": config.voice, "input_audio_format": config.input_format,
                "output_audio_format": config.output_format, "input_audio_transcription": transcription,
                "turn_detection": td, "tools": tools, "tool_choice": config.tool_choice}
    return {"type": "realtime", "id": session_id, "object": "realtime.session", "model": model,
            "output_modalities": list(config.modalities), "instructions": config.instructions,
            "audio": {"input": {"format": _format(config.input_format, beta=False),
                                "transcription": transcription, "turn_detection": td},
                      "output": {"format": _format(config.output_format, beta=False), "voice": config.voice}},
            "tools": tools, "tool_choice": config.tool_choice}
