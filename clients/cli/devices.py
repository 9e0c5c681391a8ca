"""Whether this computer has a microphone and a speaker for the live conversation.

A server, a VM or an SSH session usually has neither. PortAudio then fails with "Error querying
device -1"; the user gets one line that says so and what to use instead.
"""

from __future__ import annotations

NO_DEVICES = ("没有找到麦克风或扬声器。No microphone or speaker was found{detail}. "
              'Send a recording with --wav question.wav, or type with --text "今天星期几？".')


def missing_audio_devices() -> str | None:
    """None when a default microphone and speaker exist, otherwise the one line to show."""
    try:
        import sounddevice as sd
    except (ImportError, OSError) as exc:  # no PortAudio library at all
        return NO_DEVICES.format(detail=f" (PortAudio is not available: {exc})")
    missing = []
    for kind, name in (("input", "microphone"), ("output", "speaker")):
        try:
            sd.query_devices(kind=kind)
        except (sd.PortAudioError, ValueError):
            missing.append(name)
    if not missing:
        return None
    return NO_DEVICES.format(detail=f" (missing: {' and '.join(missing)})")
