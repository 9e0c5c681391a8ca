"""Decoding a browser's voice recording (PyAV): what MediaRecorder makes decodes at the asked rate;
too long, silent, or not audio at all is refused with a reason."""

from __future__ import annotations

import io

import av
import numpy as np
import pytest

from assistant.audio.recording import decode_recording, from_pcm16, pcm16
from assistant.errors import RecordingError


def encoded(fmt: str, codec: str, seconds: float, *, rate: int = 48000, loud: float = 0.3) -> bytes:
    """A 440 Hz tone encoded the way a browser's MediaRecorder would (e.g. WebM Opus)."""
    buf = io.BytesIO()
    with av.open(buf, mode="w", format=fmt) as container:
        stream = container.add_stream(codec, rate=rate)
        stream.layout = "mono"
        t = np.arange(int(seconds * rate)) / rate
        tone = (loud * np.sin(2 * np.pi * 440 * t)).astype(np.float32).reshape(1, -1)
        frame = av.AudioFrame.from_ndarray(tone, format="flt", layout="mono")
        frame.rate = rate
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            container.mux(packet)
    return buf.getvalue()


@pytest.mark.parametrize(("fmt", "codec"), [("webm", "libopus"), ("ogg", "libopus"), ("mp4", "aac"),
                                            ("wav", "pcm_s16le")])
def test_browser_recordings_decode_to_mono_at_the_asked_rate(fmt: str, codec: str) -> None:
    audio = decode_recording(encoded(fmt, codec, 2.0), rate=24000, max_s=60)
    assert audio.dtype == np.float32 and abs(audio.size / 24000 - 2.0) < 0.05
    middle = audio[12000:36000]  # one second: the spectrum's bins are 1 Hz apart
    assert abs(int(np.argmax(np.abs(np.fft.rfft(middle)))) - 440) < 3  # the same tone after resampling
    assert 0.19 < float(np.sqrt(np.mean(middle**2))) < 0.23  # and as loud (0.3 / sqrt 2)
    assert np.allclose(from_pcm16(pcm16(audio)), audio, atol=1e-4)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "not_audio"),
        (b"{\"text\": \"hello\"}", "not_audio"),
        (bytes(range(256)) * 64, "not_audio"),
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 2000, "not_audio"),
    ],
)
def test_what_is_not_audio_is_refused(data: bytes, code: str) -> None:
    with pytest.raises(RecordingError) as caught:
        decode_recording(data, rate=24000, max_s=60)
    assert caught.value.code == code and caught.value.message


def test_too_long_and_silent_recordings_are_refused() -> None:
    with pytest.raises(RecordingError) as caught:
        decode_recording(encoded("webm", "libopus", 6.0), rate=16000, max_s=5)
    assert caught.value.code == "too_long" and "5 seconds" in caught.value.message
    with pytest.raises(RecordingError) as caught:
        decode_recording(encoded("webm", "libopus", 1.0, loud=0.0), rate=16000, max_s=5)
    assert caught.value.code == "silent"
    truncated = encoded("webm", "libopus", 2.0)[:300]
    with pytest.raises(RecordingError):
        decode_recording(truncated, rate=16000, max_s=5)
