"""Phone turns get the gateway's own figures from its log (assistant/bench/server_log.py; pure logic)."""

from __future__ import annotations

from assistant.bench.client import TurnResult
from assistant.bench.server_log import join_phone_turns, stage_medians, voice_turns_by_call

# the gateway's lines as it writes them (a capacity run's log, 2026-12-03, shortened)
LOG = """\
2026-12-03 16:15:40,001 INFO assistant.pipeline.report: turn session=aaaa11112222 reply=1 source=voice \
vad_ms=700.0 asr_ms=500.0 llm_first_token_ms=600.0 tts_first_audio_ms=200.0 endpoint_to_audio_ms=1300.0
2026-12-03 16:15:42,370 INFO assistant.server.call: phone call CAa5463d from +861390001: session ceabafbf115a
2026-12-03 16:16:18,908 INFO assistant.pipeline.report: turn session=ceabafbf115a reply=3 source=voice \
vad_ms=1705.7 asr_ms=1553.4 llm_first_token_ms=2082.0 tts_first_audio_ms=266.6 endpoint_to_audio_ms=3933.5 \
llm_backend=embedded preemptive=True endpoint=finished interrupted=False cost_yuan=0.0 completion_tokens=6
2026-12-03 16:16:00,324 INFO assistant.pipeline.report: turn session=ceabafbf115a reply=2 source=voice \
vad_ms=805.7 asr_ms=648.7 llm_first_token_ms=3074.2 tts_first_audio_ms=382.9 endpoint_to_audio_ms=5918.6
2026-12-03 16:16:01,000 INFO assistant.pipeline.report: turn session=ceabafbf115a reply=4 source=text \
llm_first_token_ms=900.0
2026-12-03 16:16:02,000 INFO assistant.server.call: phone call CAbbbb from +861390005: session bbbb55556666
2026-12-03 16:16:30,000 INFO assistant.pipeline.report: turn session=bbbb55556666 reply=2 source=voice \
vad_ms=600.0 asr_ms=400.0
"""


def _turn() -> TurnResult:
    return TurnResult(kind="phone", language="zh", question="q", ok=True)


def test_a_calls_voice_turns_are_read_in_reply_order_with_their_types() -> None:
    calls = voice_turns_by_call(LOG)
    assert set(calls) == {"CAa5463d", "CAbbbb"}  # the app's session is no call
    first, second = calls["CAa5463d"]  # the typed turn is left out
    assert first["asr_ms"] == 648.7 and second["asr_ms"] == 1553.4
    assert second["preemptive"] is True and second["interrupted"] is False
    assert second["llm_backend"] == "embedded" and second["completion_tokens"] == 6


def test_turns_are_joined_only_when_the_counts_agree() -> None:
    asked = [_turn(), _turn()]
    lost = [_turn(), _turn()]  # the gateway logged one turn of this call: no guessing which
    assert join_phone_turns({"CAa5463d": asked, "CAbbbb": lost, "CAnever": [_turn()]}, LOG) == 2
    assert [t.server["vad_ms"] for t in asked] == [805.7, 1705.7]
    assert not any(t.server for t in lost)


def test_stage_medians_skip_turns_without_figures() -> None:
    asked = [_turn(), _turn(), _turn()]
    join_phone_turns({"CAa5463d": asked[:2]}, LOG)
    medians = stage_medians(asked)
    assert medians["asr_ms"] == round((648.7 + 1553.4) / 2)
    assert stage_medians([_turn()])["asr_ms"] is None
