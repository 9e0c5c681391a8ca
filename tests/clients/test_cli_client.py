"""The terminal client on a computer without a microphone or speaker (a server, a VM, SSH)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from clients.cli.devices import missing_audio_devices


def has_audio_devices() -> bool:
    return missing_audio_devices() is None


@pytest.mark.skipif(has_audio_devices(), reason="this computer has a microphone and a speaker")
def test_no_audio_devices_gives_one_line_and_the_alternatives() -> None:
    # Port 9 (discard) on loopback: nothing listens, and the device check must come first anyway.
    proc = subprocess.run([sys.executable, "-m", "clients.cli", "--url", "ws://127.0.0.1:9/ws"],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONWARNINGS": ""})
    lines = [line for line in (proc.stdout + proc.stderr).splitlines() if line.strip()]
    assert proc.returncode == 2
    assert len(lines) == 1, lines
    assert "Traceback" not in lines[0] and "Error querying device" not in lines[0]
    assert "没有找到麦克风或扬声器" in lines[0] and "--wav" in lines[0] and "--text" in lines[0]


def test_missing_devices_are_named(monkeypatch: pytest.MonkeyPatch) -> None:
    import sounddevice as sd

    def query_devices(device: object = None, kind: str | None = None) -> object:
        if kind == "output":
            raise sd.PortAudioError("Error querying device -1")
        return {"name": "a microphone"}

    monkeypatch.setattr(sd, "query_devices", query_devices)
    line = missing_audio_devices()
    assert line is not None and "missing: speaker" in line and "microphone and" not in line
    monkeypatch.setattr(sd, "query_devices", lambda device=None, kind=None: {"name": "a device"})
    assert missing_audio_devices() is None
