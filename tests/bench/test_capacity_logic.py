"""The load model's and the capacity report's arithmetic (pure logic, no model, no server)."""

from __future__ import annotations

import random

from assistant.bench.capacity import cpu_per_turn, within
from assistant.bench.client import TurnResult
from assistant.bench.load import LoadModel, _answer_end, _next_at, plan_window


def test_one_elder_in_four_calls_in_and_the_window_follows_the_warm_up() -> None:
    model = LoadModel(warmup_s=20.0, measure_s=90.0)
    assert [i for i in range(8) if model.is_phone(i)] == [1, 5]
    assert not any(LoadModel(phone_every=0).is_phone(i) for i in range(8))
    window = plan_window(model, opened=100.0)
    assert (window.start, window.end) == (120.0, 210.0)
    assert window.counts(120.0) and window.counts(209.9) and not window.counts(119.9)
    assert not window.counts(210.0)


def test_the_next_question_waits_for_the_answer_to_play_out() -> None:
    model = LoadModel(interval_s=(15.0, 30.0))
    rng = random.Random(1)
    gaps = [_next_at(rng, model, 0.0, 0.0) for _ in range(200)]
    assert 15.0 <= min(gaps) and max(gaps) <= 30.0 and max(gaps) - min(gaps) > 10.0  # jittered
    answered = TurnResult(kind="capacity", language="zh", question="q", voice_to_voice_ms=9000.0,
                          audio_s=20.0, underrun_ms=500.0)
    end = _answer_end(2.0, answered)
    assert end == 2.0 + 9.0 + 20.0 + 0.5
    assert _next_at(rng, model, 0.0, end) == end + 1.0  # a long slow answer pushes the next question back


def test_cpu_per_turn_splits_the_window_by_stage() -> None:
    before = {"vad": 1.0, "asr": 2.0, "llm": 3.0, "tts": 4.0, "gateway": 20.0, "llm_server": 0.0,
              "bench": 1.0, "machine": 30.0, "at": 100.0}
    after = {"vad": 1.5, "asr": 4.0, "llm": 9.0, "tts": 5.0, "gateway": 31.0, "llm_server": 0.0,
             "bench": 2.0, "machine": 44.0, "at": 110.0}
    cpu = cpu_per_turn(before, after, turns=2)
    assert cpu["per_turn_s"] == {"vad": 0.25, "asr": 1.0, "llm": 3.0, "tts": 0.5, "other": 0.75, "total": 5.5}
    assert cpu["window_s"] == 10.0 and cpu["cpu_s"] == 11.0
    shared = cpu_per_turn({**before, "llm_server": 5.0}, {**after, "llm": 3.0, "llm_server": 11.0}, turns=2)
    assert shared["per_turn_s"]["llm"] == 3.0 and shared["per_turn_s"]["total"] == 8.5


def test_a_level_fits_only_with_every_turn_answered() -> None:
    assert within({"v2v_p95_ms": 1900.0, "unanswered": 0, "turns": 10})
    assert not within({"v2v_p95_ms": 2100.0, "unanswered": 0, "turns": 10})
    assert not within({"v2v_p95_ms": 1500.0, "unanswered": 1, "turns": 10})
    assert not within({"v2v_p95_ms": None, "unanswered": 0, "turns": 0})
