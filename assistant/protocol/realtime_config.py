"""The Realtime session's configuration: what ``session.update`` may set, in GA or beta shape.

Audio formats are named by their beta names internally: ``pcm16`` (24 kHz), ``g711_ulaw`` and
``g711_alaw`` (8 kHz). Turn detection ``None`` means the client commits the audio buffer itself.
``parse_session`` raises ``ValueError("param: message")`` on a bad value.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

FORMATS = {"pcm16": 24000, "g711_ulaw": 8000, "g711_alaw": 8000}
GA_FORMATS = {"audio/pcm": "pcm16", "audio/pcmu": "g711_ulaw", "audio/pcma": "g711_alaw"}
EAGERNESS = ("low", "medium", "high", "auto")
MAX_TOOLS = 32
MAX_INSTRUCTIONS = 4000
VOICES = ("alloy", "ash", "ballad", "coral", "echo", "sage", "shimmer", "verse", "marin", "cedar")


@dataclass(frozen=True, slots=True, kw_only=True)
class TurnDetection:
    """``server_vad`` or ``semantic_vad``; unset fields take the server's elder-friendly defaults."""

    kind: str = "server_vad"
    threshold: float | None = None
    prefix_padding_ms: int | None = None
    silence_duration_ms: int | None = None
    eagerness: str = "auto"
    create_response: bool = True
    interrupt_response: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class SessionConfig:
    instructions: str = ""
    voice: str = "alloy"  # every name maps to our one voice per language
    input_format: str = "pcm16"
    output_format: str = "pcm16"
    turn_detection: TurnDetection | None = dataclasses.field(default_factory=TurnDetection)
    transcription_model: str | None = "whisper-1"  # None: no input transcription events
    language: str = "auto"  # from the transcription settings
    tools: tuple[Mapping[str, Any], ...] = ()
    tool_choice: str = "auto"
    modalities: tuple[str, ...] = ("audio",)

    @property
    def input_rate(self) -> int:
        return FORMATS[self.input_format]

    @property
    def output_rate(self) -> int:
        return FORMATS[self.output_format]


SessionChanges = Mapping[str, Any]  # SessionConfig field -> new value


def apply(config: SessionConfig, changes: SessionChanges) -> SessionConfig:
    return dataclasses.replace(config, **changes)


def _format(value: object, param: str) -> str:
    if isinstance(value, dict):
        kind = value.get("type")
        if kind not in GA_FORMATS:
            raise ValueError(f"{param}.type: audio format {str(kind)[:30]!r} is not one of "
                             f"{', '.join(GA_FORMATS)}")
        name = GA_FORMATS[str(kind)]
        rate = value.get("rate", FORMATS[name])
        if rate != FORMATS[name]:
            raise ValueError(f"{param}.rate: {kind} is supported at {FORMATS[name]} Hz only, "
                             f"not {str(rate)[:10]}")
        return name
    if value not in FORMATS:
        raise ValueError(f"{param}: audio format {str(value)[:30]!r} is not one of {', '.join(FORMATS)}")
    return str(value)


def _number(td: dict[str, Any], key: str, low: float, high: float) -> float | None:
    value = td.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise ValueError(f"turn_detection.{key}: must be a number from {low:g} to {high:g}")
    return float(value)


def _turn_detection(td: object) -> TurnDetection | None:
    if td is None:
        return None
    if not isinstance(td, dict):
        raise ValueError("turn_detection: must be an object or null")
    kind = td.get("type", "server_vad")
    if kind not in ("server_vad", "semantic_vad"):
        raise ValueError(f"turn_detection.type: {str(kind)[:30]!r} is not server_vad or semantic_vad")
    eagerness = td.get("eagerness") or "auto"
    if eagerness not in EAGERNESS:
        raise ValueError(f"turn_detection.eagerness: must be one of {', '.join(EAGERNESS)}")
    padding = _number(td, "prefix_padding_ms", 0, 2000)
    silence = _number(td, "silence_duration_ms", 200, 6000)
    return TurnDetection(kind=kind, threshold=_number(td, "threshold", 0.05, 0.95),
                         prefix_padding_ms=None if padding is None else int(padding),
                         silence_duration_ms=None if silence is None else int(silence),
                         eagerness=eagerness, create_response=td.get("create_response") is not False,
                         interrupt_response=td.get("interrupt_response") is not False)


def _transcription(value: object, out: dict[str, Any]) -> None:
    if value is None:
        out["transcription_model"] = None
        return
    if not isinstance(value, dict):
        raise ValueError("transcription: must be an object or null")
    out["transcription_model"] = str(value.get("model") or "whisper-1")[:64]
    language = value.get("language")
    if language is not None:
        if not isinstance(language, str):
            raise ValueError("transcription.language: must be a string")
        out["language"] = "zh" if language.startswith("zh") else "en" if language.startswith("en") else "auto"


def _tools(value: object) -> tuple[Mapping[str, Any], ...]:
    if not isinstance(value, list) or len(value) > MAX_TOOLS:
        raise ValueError(f"tools: must be a list of at most {MAX_TOOLS} function tools")
    tools = []
    for i, tool in enumerate(value):
        if not isinstance(tool, dict) or tool.get("type", "function") != "function":
            raise ValueError(f"tools[{i}]: only function tools are supported")
        name = tool.get("name")
        if not isinstance(name, str) or not name or len(name) > 64:
            raise ValueError(f"tools[{i}].name: must be a non-empty string of at most 64 characters")
        parameters = tool.get("parameters") or {"type": "object", "properties": {}}
        if not isinstance(parameters, dict):
            raise ValueError(f"tools[{i}].parameters: must be a JSON schema object")
        tools.append({"type": "function", "name": name, "description": str(tool.get("description") or ""),
                      "parameters": parameters})
    return tuple(tools)


def _audio(session: dict[str, Any], out: dict[str, Any]) -> None:
    """GA: ``audio: {input: {format, turn_detection, transcription}, output: {format, voice}}``."""
    audio = session.get("audio")
    if audio is None:
        return
    if not isinstance(audio, dict):
        raise ValueError("audio: must be an object")
    source, sink = audio.get("input") or {}, audio.get("output") or {}
    if not isinstance(source, dict) or not isinstance(sink, dict):
        raise ValueError("audio.input and audio.output: must be objects")
    if "format" in source:
        out["input_format"] = _format(source["format"], "audio.input.format")
    if "turn_detection" in source:
        out["turn_detection"] = _turn_detection(source["turn_detection"])
    if "transcription" in source:
        _transcription(source["transcription"], out)
    if "format" in sink:
        out["output_format"] = _format(sink["format"], "audio.output.format")
    if "voice" in sink:
        out["voice"] = _voice(sink["voice"])


def _voice(value: object) -> str:
    if not isinstance(value, str) or not value or len(value) > 64:
        raise ValueError("voice: must be a voice name")
    return value


def parse_session(session: dict[str, Any]) -> SessionChanges:
    out: dict[str, Any] = {}
    _audio(session, out)
    if "input_audio_format" in session:  # beta names
        out["input_format"] = _format(session["input_audio_format"], "input_audio_format")
    if "output_audio_format" in session:
        out["output_format"] = _format(session["output_audio_format"], "output_audio_format")
    if "turn_detection" in session:
        out["turn_detection"] = _turn_detection(session["turn_detection"])
    if "input_audio_transcription" in session:
        _transcription(session["input_audio_transcription"], out)
    if "voice" in session:
        out["voice"] = _voice(session["voice"])
    if "instructions" in session:
        instructions = session["instructions"]
        if not isinstance(instructions, str) or len(instructions) > MAX_INSTRUCTIONS:
            raise ValueError(f"instructions: must be a string of at most {MAX_INSTRUCTIONS} characters")
        out["instructions"] = instructions
    if "tools" in session:
        out["tools"] = _tools(session["tools"])
    if "tool_choice" in session:
        choice = session["tool_choice"]
        if choice not in ("auto", "none", "required"):
            raise ValueError("tool_choice: must be auto, none or required")
        out["tool_choice"] = choice
    modalities = session.get("output_modalities", session.get("modalities"))
    if modalities is not None:
        if not isinstance(modalities, list) or not set(modalities) <= {"text", "audio"} or not modalities:
            raise ValueError("output_modalities: must be ['audio'] or ['text']")
        out["modalities"] = tuple(modalities)
    return out
