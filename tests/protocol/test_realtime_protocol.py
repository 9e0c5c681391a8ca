"""The OpenAI-Realtime wire format, sans I/O: client events in, server events out, checked against the
official ``openai`` package's types."""

from __future__ import annotations

import base64
import json

import pytest

from assistant.audio.vad import VadOptions
from assistant.pipeline.realtime import vad_options
from assistant.protocol.realtime import (
    AudioAppend,
    ImagePart,
    ItemCreate,
    ItemTruncate,
    RealtimeError,
    SessionUpdate,
    TextPart,
    UserMessage,
    parse_client_event,
)
from assistant.protocol.realtime_config import SessionConfig, TurnDetection, apply
from assistant.protocol.realtime_out import RealtimeEncoder


def parse(obj: dict[str, object]) -> object:
    return parse_client_event(json.dumps(obj))


def test_ga_session_update_sets_formats_turn_detection_tools() -> None:
    event = parse({"type": "session.update", "session": {"type": "realtime", "instructions": "说慢一点",
        "audio": {"input": {"format": {"type": "audio/pcmu"}, "transcription": {"model": "whisper-1",
                                                                               "language": "zh"},
                            "turn_detection": {"type": "server_vad", "silence_duration_ms": 900}},
                  "output": {"format": {"type": "audio/pcma"}, "voice": "marin"}},
        "tools": [{"type": "function", "name": "f", "parameters": {"type": "object"}}]}})
    assert isinstance(event, SessionUpdate)
    config = apply(SessionConfig(), event.changes)
    assert (config.input_format, config.output_format, config.input_rate) == ("g711_ulaw", "g711_alaw", 8000)
    assert config.turn_detection == TurnDetection(silence_duration_ms=900)
    assert config.language == "zh" and config.voice == "marin" and config.instructions == "说慢一点"
    assert config.tools[0]["name"] == "f"


def test_beta_session_update_and_null_turn_detection() -> None:
    event = parse({"type": "session.update", "session": {"input_audio_format": "g711_alaw",
                                                         "turn_detection": None, "modalities": ["text"]}})
    assert isinstance(event, SessionUpdate)
    config = apply(SessionConfig(), event.changes)
    assert config.input_format == "g711_alaw" and config.turn_detection is None
    assert config.modalities == ("text",)


@pytest.mark.parametrize(("session", "param"), [
    ({"audio": {"input": {"format": {"type": "audio/mp3"}}}}, "session.audio.input.format.type"),
    ({"audio": {"input": {"format": {"type": "audio/pcm", "rate": 16000}}}},
     "session.audio.input.format.rate"),
    ({"input_audio_format": "opus"}, "session.input_audio_format"),
    ({"turn_detection": {"type": "server_vad", "threshold": 2}}, "session.turn_detection.threshold"),
    ({"turn_detection": {"type": "semantic_vad", "eagerness": "very"}}, "session.turn_detection.eagerness"),
    ({"tools": [{"type": "mcp"}]}, "session.tools[0]"),
])
def test_bad_session_values_name_their_param(session: dict[str, object], param: str) -> None:
    with pytest.raises(RealtimeError) as info:
        parse({"type": "session.update", "event_id": "e1", "session": session})
    assert info.value.param == param and info.value.event_id == "e1"


def test_items_text_image_audio_and_errors() -> None:
    png = base64.b64encode(b"\x89PNG....").decode()
    content = [{"type": "input_text", "text": "这是什么？"},
               {"type": "input_image", "image_url": f"data:image/png;base64,{png}"},
               {"type": "input_audio", "audio": base64.b64encode(b"\0\0").decode()}]
    event = parse({"type": "conversation.item.create",
                   "item": {"type": "message", "role": "user", "content": content}})
    assert isinstance(event, ItemCreate) and isinstance(event.item, UserMessage)
    assert isinstance(event.item.parts[0], TextPart) and isinstance(event.item.parts[1], ImagePart)
    for bad in ({"type": "message", "role": "user"},  # no content
                {"type": "message", "role": "assistant", "content": [{"type": "input_text", "text": "x"}]},
                {"type": "message", "role": "user",
                 "content": [{"type": "input_image", "image_url": "data:text/plain;base64,eA=="}]},
                {"type": "message", "role": "user",
                 "content": [{"type": "input_image", "image_url": "https://example.com/a.jpg"}]}):
        with pytest.raises(RealtimeError):
            parse({"type": "conversation.item.create", "item": bad})


def test_unknown_type_bad_json_and_bad_base64() -> None:
    with pytest.raises(RealtimeError) as info:
        parse({"type": "nope", "event_id": "x"})
    assert (info.value.code, info.value.param, info.value.event_id) == ("invalid_value", "type", "x")
    with pytest.raises(RealtimeError):
        parse_client_event("{")
    with pytest.raises(RealtimeError):
        parse({"type": "input_audio_buffer.append", "audio": "***"})
    assert isinstance(parse({"type": "input_audio_buffer.append", "audio": "AAA="}), AudioAppend)
    event = parse({"type": "conversation.item.truncate", "item_id": "i", "content_index": 0,
                   "audio_end_ms": 5})
    assert isinstance(event, ItemTruncate) and event.audio_end_ms == 5


def _validate(frames: list[str], beta: bool = False) -> list[str]:
    """Every frame parses as the official package's server event of its type."""
    from typing import get_args

    from openai.types.beta.realtime import RealtimeServerEvent as BetaEvent
    from openai.types.realtime import RealtimeServerEvent

    union = get_args(get_args(BetaEvent if beta else RealtimeServerEvent)[0])
    models = {get_args(m.model_fields["type"].annotation)[0]: m for m in union if hasattr(m, "model_fields")}
    types = []
    for frame in frames:
        obj = json.loads(frame)
        models[obj["type"]].model_validate(obj)
        types.append(obj["type"])
    return types


def test_encoder_turn_sequence_validates_against_the_official_types() -> None:
    enc = RealtimeEncoder(model="m")
    events = [enc.session("session.created", "s1"), *enc.speech_started(100), *enc.speech_stopped(1900),
              *enc.transcript("你好"), *enc.reply_text(1, "您好，"), *enc.reply_audio(1, b"\0\0" * 10, 0.4),
              *enc.reply_end(1), *enc.reply_figures({"prompt_tokens": 30, "completion_tokens": 5})]
    types = _validate(enc.frames(events))
    assert types[:4] == ["session.created", "input_audio_buffer.speech_started",
                         "input_audio_buffer.speech_stopped", "input_audio_buffer.committed"]
    assert types[-1] == "response.done"
    done = json.loads(enc.frames(events)[-1])["response"]
    assert done["usage"]["total_tokens"] == 35 and done["output"][0]["content"][0]["transcript"] == "您好，"


def test_encoder_cancel_function_call_and_beta_names() -> None:
    enc = RealtimeEncoder(beta=True)
    events = [*enc.reply_text(1, "好的"), *enc.interrupted(1, "turn_detected"),
              *enc.function_call(2, "call_1", "f", "{}"),
              enc.error("bad", code="invalid_value", param="type")]
    types = _validate(enc.frames(events), beta=True)
    assert "response.audio_transcript.delta" in types and "conversation.item.created" in types
    done = [json.loads(f) for f in enc.frames(events) if json.loads(f)["type"] == "response.done"]
    assert done[0]["response"]["status"] == "cancelled"
    assert done[1]["response"]["output"][0]["type"] == "function_call"


def test_turn_detection_maps_onto_our_vad_with_elder_friendly_defaults() -> None:
    base = VadOptions()
    assert vad_options(base, TurnDetection()).end_silence_ms == base.end_silence_ms == 700
    custom = vad_options(base, TurnDetection(threshold=0.6, prefix_padding_ms=100, silence_duration_ms=400))
    assert (custom.threshold, custom.preroll_ms, custom.end_silence_ms) == (0.6, 100, 400)
    assert vad_options(base, TurnDetection(kind="semantic_vad", eagerness="low")).end_silence_ms > 700
    assert vad_options(base, TurnDetection(kind="semantic_vad", eagerness="high")).end_silence_ms < 700
    assert vad_options(base, TurnDetection(kind="semantic_vad", eagerness="auto")).end_silence_ms == 700
