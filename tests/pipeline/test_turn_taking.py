"""The turn-taking state machine (assistant/pipeline/floor.py): events in, actions out, no I/O.

The end-to-end tests (tests/server, tests/phone) run the same decisions with the real models."""

from __future__ import annotations

import pytest

from assistant.pipeline.floor import (
    Asked,
    BargeIn,
    CommitTurn,
    DropTurn,
    Floor,
    FloorAction,
    FloorEvent,
    Interrupted,
    ReplyEnded,
    StartTurn,
    VoicePaused,
    VoiceResumed,
    VoiceStarted,
    VoiceStopped,
)


def run(floor: Floor, *events: FloorEvent) -> list[FloorAction]:
    """All actions of ``events`` in order."""
    return [action for event in events for action in floor.handle(event)]


def answered(floor: Floor) -> int:
    """Bring an idle floor to a committed reply that has ended and may still be playing."""
    (start,) = run(floor, VoiceStarted(), VoiceStopped(audio_s=1.0))
    assert isinstance(start, StartTurn) and not start.speculative
    assert run(floor, ReplyEnded(reply_id=start.reply_id, spoke=True)) == []
    return start.reply_id


def test_pause_speculates_and_the_same_endpoint_commits() -> None:
    floor = Floor()
    assert run(floor, VoiceStarted()) == []
    assert run(floor, VoicePaused(audio_s=1.20)) == [StartTurn(reply_id=1, speculative=True)]
    assert floor.speculating and floor.current == 1 and floor.answering is None
    assert run(floor, VoiceStopped(audio_s=1.23)) == [CommitTurn(reply_id=1)]
    assert not floor.speculating and floor.answering == 1


def test_speech_after_the_pause_drops_the_speculation() -> None:
    floor = Floor()
    run(floor, VoiceStarted(), VoicePaused(audio_s=1.0))
    assert run(floor, VoiceResumed()) == [DropTurn(reply_id=1)]
    assert floor.current is None
    assert run(floor, VoiceStopped(audio_s=2.5)) == [StartTurn(reply_id=2, speculative=False)]


def test_an_endpoint_with_longer_audio_replaces_the_speculation() -> None:
    floor = Floor()
    run(floor, VoicePaused(audio_s=1.0))
    assert run(floor, VoiceStopped(audio_s=1.5)) == [DropTurn(reply_id=1),
                                                     StartTurn(reply_id=2, speculative=False)]


def test_a_second_pause_does_not_start_a_second_speculation() -> None:
    floor = Floor()
    run(floor, VoicePaused(audio_s=1.0))
    assert run(floor, VoicePaused(audio_s=1.4)) == []
    assert floor.current == 1


def test_speech_during_a_reply_cancels_it() -> None:
    floor = Floor()
    run(floor, VoiceStopped(audio_s=1.0))
    assert run(floor, VoiceStarted()) == [BargeIn(reply_id=1, running=True)]
    assert floor.current is None and floor.last is None
    assert run(floor, ReplyEnded(reply_id=1, spoke=False)) == []  # the cancelled task ends late


def test_speech_while_the_last_reply_still_plays_cuts_it() -> None:
    floor = Floor()
    reply = answered(floor)
    assert floor.last == reply and floor.current is None
    assert run(floor, VoiceStarted(audible=True)) == [BargeIn(reply_id=reply, running=False)]
    assert floor.last is None
    assert run(floor, VoiceStarted(audible=True)) == []  # nothing left to cut


def test_speech_after_playback_ended_interrupts_nothing() -> None:
    floor = Floor()
    reply = answered(floor)
    assert run(floor, VoiceStarted(audible=False)) == []
    assert floor.last == reply


def test_speech_start_keeps_a_speculation_but_a_client_interrupt_drops_it() -> None:
    floor = Floor()
    run(floor, VoicePaused(audio_s=1.0))
    assert run(floor, VoiceStarted()) == []
    assert run(floor, Interrupted()) == [DropTurn(reply_id=1)]
    assert run(floor, Interrupted()) == []


@pytest.mark.parametrize("source", ["text", "photo", "repeat", "system"])
def test_a_request_barges_in_and_starts_a_committed_turn(source: str) -> None:
    floor = Floor()
    run(floor, VoiceStopped(audio_s=1.0))
    assert run(floor, Asked(source=source)) == [BargeIn(reply_id=1, running=True),
                                                 StartTurn(reply_id=2, speculative=False)]
    assert floor.answering == 2


def test_a_request_drops_a_speculation_and_cuts_a_playing_reply() -> None:
    floor = Floor()
    reply = answered(floor)
    floor2 = Floor()
    run(floor2, VoicePaused(audio_s=1.0))
    assert run(floor2, Asked(source="text")) == [DropTurn(reply_id=1),
                                                 StartTurn(reply_id=2, speculative=False)]
    assert run(floor, Asked(source="text", audible=True)) == [
        BargeIn(reply_id=reply, running=False), StartTurn(reply_id=reply + 1, speculative=False)]


def test_an_endpoint_during_a_typed_turn_replaces_it() -> None:
    floor = Floor()
    run(floor, VoiceStarted(), Asked(source="text"))
    assert run(floor, VoiceStopped(audio_s=1.0)) == [BargeIn(reply_id=1, running=True),
                                                    StartTurn(reply_id=2, speculative=False)]


def test_a_failed_or_empty_turn_frees_the_floor_without_becoming_the_last_reply() -> None:
    floor = Floor()
    reply = answered(floor)
    run(floor, VoiceStopped(audio_s=0.4))
    assert run(floor, ReplyEnded(reply_id=reply + 1, spoke=False)) == []
    assert floor.current is None and floor.last == reply


def test_a_superseded_turn_ending_leaves_the_current_one_alone() -> None:
    floor = Floor()
    run(floor, VoiceStopped(audio_s=1.0), Asked(source="text"))
    assert run(floor, ReplyEnded(reply_id=1, spoke=False)) == []
    assert floor.answering == 2


def test_reply_ids_count_up() -> None:
    floor = Floor()
    ids = [a.reply_id for a in run(floor, VoicePaused(audio_s=1.0), VoiceResumed(), VoicePaused(audio_s=2.0),
                                   VoiceStopped(audio_s=2.0), Asked(source="text"))
           if isinstance(a, StartTurn)]
    assert ids == [1, 2, 3]


def test_an_unknown_event_is_an_error() -> None:
    with pytest.raises(TypeError):
        Floor().handle("hello")  # type: ignore[arg-type]


def test_barge_in_reasons_for_the_log() -> None:
    from assistant.pipeline.floor import reason

    events = (VoiceStarted(), Interrupted(), VoiceStopped(audio_s=1.0), Asked(source="photo"))
    assert [reason(e) for e in events] == ["speech", "client", "endpoint", "photo"]
