"""Decode a short recording uploaded by a browser (MediaRecorder: WebM/Ogg Opus, MP4 AAC; also WAV,
MP3) to mono float32 at a chosen rate, with PyAV (FFmpeg's decoders, already a dependency).

Only audio containers are opened (no guessing among FFmpeg's hundreds of formats), decoding stops
as soon as the audio is longer than allowed, and a recording with no sound is refused.
"""

from __future__ import annotations

import io

import numpy as np
import numpy.typing as npt

from assistant.errors import RecordingError

Float32Audio = npt.NDArray[np.float32]

# FFmpeg's demuxer names for what browsers record, and plain audio files
CONTAINERS = frozenset({"matroska,webm", "ogg", "mov,mp4,m4a,3gp,3g2,mj2", "wav", "mp3", "aac", "flac"})
SILENT_PEAK = 0.005  # a recording whose loudest sample is below this has nothing to hear


def decode_recording(data: bytes, *, rate: int, max_s: float) -> Float32Audio:
    """``data`` as mono float32 at ``rate``; RecordingError (code ``not_audio``, ``too_long`` or
    ``silent``) with a reason a person can read."""
    import av

    try:
        with av.open(io.BytesIO(data), mode="r") as container:
            if container.format.name not in CONTAINERS or not container.streams.audio:
                raise RecordingError("the upload is not an audio recording")
            stream = container.streams.audio[0]
            converter = av.AudioResampler(format="flt", layout="mono", rate=rate)
            chunks: list[Float32Audio] = []
            total, limit = 0, int(max_s * rate)
            for frame in container.decode(stream):
                for out in converter.resample(frame):
                    chunks.append(out.to_ndarray().reshape(-1).astype(np.float32))
                    total += chunks[-1].size
                if total > limit:
                    raise RecordingError(f"the recording is longer than {max_s:g} seconds", code="too_long")
            chunks += [f.to_ndarray().reshape(-1).astype(np.float32) for f in converter.resample(None)]
    except RecordingError:
        raise
    except (av.FFmpegError, IndexError, ValueError, UnicodeDecodeError) as exc:
        raise RecordingError(f"the recording cannot be decoded: {str(exc)[:120]}") from exc
    audio = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.float32)
    if audio.size > limit:
        raise RecordingError(f"the recording is longer than {max_s:g} seconds", code="too_long")
    if audio.size == 0 or float(np.max(np.abs(audio))) < SILENT_PEAK:
        raise RecordingError("the recording is silent", code="silent")
    return np.clip(audio, -1.0, 1.0)


def pcm16(audio: Float32Audio) -> bytes:
    """Mono float32 in [-1, 1] as signed 16-bit little-endian PCM."""
    data: bytes = (np.clip(audio, -1.0, 1.0) * 32767.0).astype("<i2").tobytes()
    return data


def from_pcm16(data: bytes) -> Float32Audio:
    out: Float32Audio = np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768.0
    return out
