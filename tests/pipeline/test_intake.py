"""The audio budget of a session: real time with slack passes, a flood is refused and then closed."""

from __future__ import annotations

import pytest

from assistant.pipeline.intake import AudioBudget, AudioFlood, AudioTooFast


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def test_real_time_audio_always_passes() -> None:
    clock = Clock()
    budget = AudioBudget(rate=1.5, burst_s=10.0, flood_s=10.0, clock=clock)
    for _ in range(50 * 600):  # ten minutes of 20 ms frames, a little faster than real time
        clock.t += 0.019
        assert budget.take(0.02)


def test_a_burst_is_accepted_then_excess_is_dropped_with_an_occasional_error() -> None:
    clock = Clock()
    budget = AudioBudget(rate=1.5, burst_s=10.0, flood_s=10.0, clock=clock)
    assert all(budget.take(1.0) for _ in range(10))  # 10 s at once: the burst allowance
    with pytest.raises(AudioTooFast):
        budget.take(1.0)
    assert budget.take(1.0) is False  # dropped quietly: no error for every frame
    clock.t += 2.0  # 3 s of audio earned back
    assert budget.take(1.0) and budget.take(1.0) and budget.take(1.0)


def test_ten_times_real_time_is_closed_within_seconds() -> None:
    clock = Clock()
    budget = AudioBudget(rate=1.5, burst_s=10.0, flood_s=10.0, clock=clock)
    accepted = 0.0
    with pytest.raises(AudioFlood):
        for _ in range(60 * 50):  # 60 s of wall time, 0.2 s of audio every 20 ms
            clock.t += 0.02
            try:
                accepted += 0.2 if budget.take(0.2) else 0.0
            except AudioTooFast:
                pass
    assert clock.t - 100.0 < 4.0  # closed after a few seconds, not a minute
    assert accepted < 16.0


def test_twice_real_time_is_throttled_but_not_closed() -> None:
    clock = Clock()
    budget = AudioBudget(rate=1.5, burst_s=10.0, flood_s=10.0, clock=clock)
    accepted = 0.0
    for _ in range(120 * 50):  # two minutes at 2x real time (e.g. a client that gets its rate wrong)
        clock.t += 0.02
        try:
            accepted += 0.04 if budget.take(0.04) else 0.0
        except AudioTooFast:
            pass
    assert accepted <= 10.0 + 1.5 * 120 + 0.05
