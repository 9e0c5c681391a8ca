"""Streaming voice-activity detection with Silero VAD (v5/v6 ONNX) and turn-end hysteresis.

One :class:`SileroVad` per process holds the ONNX session (``InferenceSession.run`` is thread-safe);
each connection gets its own :class:`VadStream` with its own recurrent state, context and buffers.

Timestamps (``at_ms``) are positions in the input stream: samples fed so far, at 16 kHz.
A turn produces, in order::

    SpeechStarted(at_ms=start)                       once speech lasted min_speech_ms
    SpeechPaused(at_ms=end, audio)                   after pause_ms of silence (optional)
    SpeechResumed(at_ms=t)                           speech came back: drop preemptive work
    ... more pauses/resumes ...
    SpeechStopped(at_ms=end, detected_ms, audio)     after end_silence_ms of silence, or forced

``SpeechStopped.at_ms`` is where speech ended, not where the silence window ran out (that is
``detected_ms``). When no ``SpeechResumed`` came between the last ``SpeechPaused`` and the
``SpeechStopped``, both carry the same audio, so a preemptive transcript of the paused audio is final.
Utterance audio runs from ``preroll_ms`` before the start to ``pad_ms`` after the end: never pure silence.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

import numpy as np
import numpy.typing as npt

from assistant.errors import ConfigError, ModelError

Float32Audio = npt.NDArray[np.float32]

RATE = 16000
FRAME = 512  # samples per Silero frame at 16 kHz (32 ms)
CONTEXT = 64  # samples of the previous frame that v5/v6 models see in front of each frame
FRAME_MS = FRAME * 1000 // RATE
_STATE = 128
# Frames whose peak is under this are digital silence (G.711's smallest step is 8/32768): a muted
# or idle phone line. Silero's recurrent state drifts over long runs of exact zeros and then
# needs 0.2 s more to notice speech (420 ms instead of 200 ms after 10 s of zeros), which
# delays barge-in on the phone. Such frames score 0 without running the model, and set its state
# to the one it has after a short stretch of zeros (which reacts faster than the initial state).
DIGITAL_SILENCE = 2.0e-4
_SETTLE_FRAMES = 16  # 0.5 s of zeros


@dataclass(frozen=True, slots=True, kw_only=True)
class VadOptions:
    threshold: float = 0.5
    neg_threshold: float | None = None  # default: threshold - 0.15
    min_speech_ms: int = 250  # speech shorter than this never starts a turn
    start_gap_ms: int = 96  # silence that cancels a not-yet-confirmed start
    pause_ms: int = 150  # silence before SpeechPaused (preemptive ASR/LLM)
    end_silence_ms: int = 700  # silence before SpeechStopped
    preroll_ms: int = 300  # audio kept before the detected start
    pad_ms: int = 150  # audio kept after the detected end
    max_utterance_s: float = 30.0  # forces SpeechStopped(forced=True)
    onset_lookback_ms: int = 200  # move the start back over quiet onsets (fricatives) Silero scores low

    def __post_init__(self) -> None:
        if not 0.0 < self.threshold < 1.0:
            raise ConfigError(f"VAD threshold must be between 0 and 1, got {self.threshold}")
        if not 0.0 <= self.negative < self.threshold:
            raise ConfigError(f"VAD neg_threshold must be in [0, threshold), got {self.negative}")
        if not 0 <= self.pad_ms <= self.pause_ms <= self.end_silence_ms:
            raise ConfigError("VAD options need 0 <= pad_ms <= pause_ms <= end_silence_ms")
        if not 0 <= self.onset_lookback_ms <= self.preroll_ms:
            raise ConfigError("VAD onset_lookback_ms must be in [0, preroll_ms]")
        if self.min_speech_ms < 0 or self.preroll_ms < 0 or self.start_gap_ms < FRAME_MS:
            raise ConfigError(f"VAD min_speech_ms and preroll_ms must be >= 0, start_gap_ms >= {FRAME_MS}")
        if self.max_utterance_s * 1000 <= self.min_speech_ms:
            raise ConfigError("VAD max_utterance_s must be longer than min_speech_ms")

    @property
    def negative(self) -> float:
        return self.threshold - 0.15 if self.neg_threshold is None else self.neg_threshold


@dataclass(frozen=True, slots=True, kw_only=True)
class SpeechStarted:
    at_ms: int


@dataclass(frozen=True, slots=True, kw_only=True)
class SpeechPaused:
    at_ms: int  # where speech (so far) ended
    audio: Float32Audio = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class SpeechResumed:
    at_ms: int


@dataclass(frozen=True, slots=True, kw_only=True)
class SpeechStopped:
    at_ms: int  # end of speech
    started_ms: int
    detected_ms: int  # stream position when the end was decided (at_ms + end_silence_ms unless forced)
    forced: bool = False  # max_utterance_s or flush() ended it
    audio: Float32Audio = field(compare=False, repr=False)


VadEvent = SpeechStarted | SpeechPaused | SpeechResumed | SpeechStopped


class SileroVad:
    """The shared Silero model. Thread-safe; create one per process and a stream per connection."""

    def __init__(self, model_path: Path) -> None:
        try:
            import onnxruntime as ort

            opts = ort.SessionOptions()
            opts.intra_op_num_threads = 1
            opts.inter_op_num_threads = 1
            opts.log_severity_level = 3
            self._session = ort.InferenceSession(str(model_path), sess_options=opts,
                                                 providers=["CPUExecutionProvider"])
        except Exception as exc:
            raise ModelError(f"cannot load the Silero VAD model {model_path}: {exc}") from exc
        self._silence_state: npt.NDArray[np.float32] | None = None
        names = {i.name for i in self._session.get_inputs()}
        # faster-whisper's v6 export: input[seq, 576], h, c; the rows form one sequence.
        # Official silero v5/v6: input[batch, 576], state[2, batch, 128], sr; rows are independent.
        if {"input", "h", "c"} <= names:
            self._sequential = True
        elif {"input", "state", "sr"} <= names:
            self._sequential = False
        else:
            raise ModelError(f"{model_path} is not a Silero v5/v6 VAD model (inputs {sorted(names)})")

    def stream(self, options: VadOptions | None = None) -> VadStream:
        return VadStream(self, options or VadOptions())

    def initial_state(self) -> npt.NDArray[np.float32]:
        return np.zeros((2, 1, _STATE), dtype=np.float32)

    def silence_state(self) -> npt.NDArray[np.float32]:
        """The state after 0.5 s of digital silence from the initial one (computed once)."""
        if self._silence_state is None:
            zeros = np.zeros((_SETTLE_FRAMES, CONTEXT + FRAME), dtype=np.float32)
            _, self._silence_state = self.probabilities(zeros, self.initial_state())
        return self._silence_state.copy()

    def probabilities(
        self, frames: npt.NDArray[np.float32], state: npt.NDArray[np.float32]
    ) -> tuple[npt.NDArray[np.float32], npt.NDArray[np.float32]]:
        """Speech probability of each ``[n, CONTEXT + FRAME]`` row, in order, and the next state."""
        if self._sequential:
            probs, h, c = self._session.run(None, {"input": frames, "h": state[0:1], "c": state[1:2]})
            return np.asarray(probs, dtype=np.float32).reshape(-1), np.concatenate([h, c])
        out = np.empty(len(frames), dtype=np.float32)
        sr = np.array(RATE, dtype=np.int64)
        for i, row in enumerate(frames):
            prob, state = self._session.run(None, {"input": row[None], "state": state, "sr": sr})
            out[i] = float(np.asarray(prob).reshape(-1)[0])
        return out, state


class _Phase(Enum):
    IDLE = 0
    CANDIDATE = 1
    SPEAKING = 2


class VadStream:
    """Per-connection VAD: feed 16 kHz float32 audio of any chunk size, get turn events back."""

    def __init__(self, vad: SileroVad, options: VadOptions) -> None:
        self._vad = vad
        self.options = options
        self._pending = np.zeros(0, dtype=np.float32)
        self._context = np.zeros(CONTEXT, dtype=np.float32)
        self._state = vad.initial_state()
        self._frames = 0  # frames processed; frame i covers samples [i*FRAME, (i+1)*FRAME)
        self._buf: deque[Float32Audio] = deque()  # recent frames, oldest first
        self._buf_start = 0  # sample index of self._buf[0]
        self._keep_idle = math.ceil((options.preroll_ms + options.onset_lookback_ms) / FRAME_MS) + 1
        self._phase = _Phase.IDLE
        self._start = 0  # samples
        self._silence: int | None = None  # sample index where the current silence run began
        self._paused = False
        self._hold: tuple[int, int] | None = None  # (pause at_ms, end silence in samples) for this pause
        self.last_probability = 0.0

    @property
    def position_ms(self) -> int:
        """Stream position of everything fed so far."""
        return (self._frames * FRAME + len(self._pending)) * 1000 // RATE

    @property
    def speaking(self) -> bool:
        return self._phase is _Phase.SPEAKING

    def end_after(self, pause_at_ms: int, silence_ms: int) -> None:
        """End the turn after ``silence_ms`` of silence (not ``end_silence_ms``), but only in the pause
        that began at ``pause_at_ms`` (a :class:`SpeechPaused`'s ``at_ms``): the session judged what
        was said before it. Ignored once speech resumed. May be called from another thread than
        :meth:`feed` (one tuple assignment); a pause already that long ends at the next frame."""
        self._hold = (pause_at_ms, _samples(max(silence_ms, self.options.pause_ms)))

    def due(self) -> list[VadEvent]:
        """The end of turn owed without new audio: the open pause is already as long as the wait
        :meth:`end_after` set for it (a client may send nothing more until it hears the answer)."""
        end, silence = self._frames * FRAME, self._silence
        if self._phase is not _Phase.SPEAKING or silence is None or end - silence < self._end_silence():
            return []
        return [self._stop(silence, detected=end, forced=False)]

    def reset(self) -> None:
        """Forget the model state and any open turn (stream positions keep counting)."""
        self._state = self._vad.initial_state()
        self._context = np.zeros(CONTEXT, dtype=np.float32)
        self._phase, self._silence, self._paused = _Phase.IDLE, None, False
        self._trim(keep=self._keep_idle)

    def feed(self, audio: npt.ArrayLike) -> list[VadEvent]:
        """Add mono 16 kHz float32 audio; return the events it completed, in order."""
        x = np.asarray(audio, dtype=np.float32)
        if x.ndim != 1:
            raise ValueError(f"VAD input must be mono (1-D), got shape {x.shape}")
        data = np.concatenate([self._pending, x]) if len(self._pending) else x
        n = len(data) // FRAME
        self._pending = data[n * FRAME:].copy()
        if n == 0:
            return []
        frames = data[: n * FRAME].reshape(n, FRAME)
        contexts = np.empty((n, CONTEXT), dtype=np.float32)
        contexts[0] = self._context
        contexts[1:] = frames[:-1, -CONTEXT:]
        self._context = frames[-1, -CONTEXT:].copy()
        probs = self._probabilities(np.concatenate([contexts, frames], axis=1),
                                    np.abs(frames).max(axis=1) < DIGITAL_SILENCE)
        events: list[VadEvent] = []
        for frame, prob in zip(frames, probs, strict=True):
            self._buf.append(frame.copy())
            self.last_probability = float(prob)
            self._step(float(prob), events)
            self._frames += 1
            if self._phase is _Phase.IDLE:
                self._trim(keep=self._keep_idle)
        return events

    def _probabilities(self, rows: npt.NDArray[np.float32],
                       silent: npt.NDArray[np.bool_]) -> npt.NDArray[np.float32]:
        """Speech probability per row; digital-silence rows score 0 and settle the model state."""
        probs = np.zeros(len(rows), dtype=np.float32)
        i = 0
        while i < len(rows):
            if silent[i]:
                self._state = self._vad.silence_state()
                i += 1
                continue
            j = i + 1
            while j < len(rows) and not silent[j]:
                j += 1
            probs[i:j], self._state = self._vad.probabilities(rows[i:j], self._state)
            i = j
        return probs

    def flush(self) -> list[VadEvent]:
        """End of input: close an open turn (``forced=True``) and drop an unconfirmed one."""
        events: list[VadEvent] = []
        if self._phase is _Phase.SPEAKING:
            end = self._silence if self._silence is not None else self._frames * FRAME
            events.append(self._stop(end, detected=self._frames * FRAME, forced=True))
        self._phase, self._silence, self._paused = _Phase.IDLE, None, False
        return events

    def _step(self, prob: float, events: list[VadEvent]) -> None:
        opts = self.options
        begin, end = self._frames * FRAME, (self._frames + 1) * FRAME
        if self._phase is _Phase.IDLE:
            if prob >= opts.threshold:
                self._phase, self._start, self._silence, self._paused = _Phase.CANDIDATE, begin, None, False
            return
        if prob >= opts.threshold:
            if self._silence is not None and self._paused:
                events.append(SpeechResumed(at_ms=_ms(begin)))
            self._silence, self._paused = None, False
        elif prob < opts.negative and self._silence is None:
            self._silence = begin
        silent = 0 if self._silence is None else end - self._silence
        if self._phase is _Phase.CANDIDATE:
            if silent >= _samples(opts.start_gap_ms):
                self._phase, self._silence = _Phase.IDLE, None
            elif self._silence is None and end - self._start >= _samples(opts.min_speech_ms):
                self._phase = _Phase.SPEAKING
                self._start = self._onset(self._start)
                events.append(SpeechStarted(at_ms=_ms(self._start)))
            return
        if self._silence is not None and not self._paused and silent >= _samples(opts.pause_ms):
            self._paused = True
            events.append(SpeechPaused(at_ms=_ms(self._silence), audio=self._cut(self._silence)))
        if self._silence is not None and silent >= self._end_silence():
            events.append(self._stop(self._silence, detected=end, forced=False))
        elif end - self._start >= int(opts.max_utterance_s * RATE):
            events.append(self._stop(end if self._silence is None else self._silence, detected=end,
                                     forced=True))

    def _end_silence(self) -> int:
        hold = self._hold
        if hold is not None and self._silence is not None and hold[0] == _ms(self._silence):
            return hold[1]
        return _samples(self.options.end_silence_ms)

    def _stop(self, end: int, *, detected: int, forced: bool) -> SpeechStopped:
        event = SpeechStopped(at_ms=_ms(end), started_ms=_ms(self._start), detected_ms=_ms(detected),
                              forced=forced, audio=self._cut(end))
        self._phase, self._silence, self._paused = _Phase.IDLE, None, False
        return event

    def _cut(self, end: int) -> Float32Audio:
        """Utterance audio: preroll before the start to pad after ``end``, within what is buffered."""
        lo = max(self._start - _samples(self.options.preroll_ms), self._buf_start)
        hi = min(end + _samples(self.options.pad_ms), self._buf_start + FRAME * len(self._buf))
        audio = np.concatenate(list(self._buf)) if self._buf else np.zeros(0, dtype=np.float32)
        return audio[lo - self._buf_start: hi - self._buf_start].copy()

    def _onset(self, start: int) -> int:
        """Where the sound that Silero scored as speech at ``start`` began.

        Silero fires late on unvoiced onsets ("q" in 请, "ch" in 吃). Walk back in 10 ms windows,
        at most ``onset_lookback_ms``, while the level stays 12 dB above the quietest window of
        the pre-roll (the background) and above -60 dBFS.
        """
        win = RATE // 100
        lo = max(self._buf_start, start - _samples(self.options.preroll_ms))
        n = (start - lo) // win
        if n < 2 or self.options.onset_lookback_ms == 0:
            return start
        audio = np.concatenate(list(self._buf))[start - n * win - self._buf_start: start - self._buf_start]
        levels = np.sqrt(np.mean(np.square(audio.reshape(n, win), dtype=np.float64), axis=1))
        floor = max(float(levels.min()) * 4.0, 1e-3)
        steps = 0
        for level in levels[::-1][: self.options.onset_lookback_ms // 10]:
            if level <= floor:
                break
            steps += 1
        return start - steps * win

    def _trim(self, *, keep: int) -> None:
        while len(self._buf) > keep:
            self._buf.popleft()
            self._buf_start += FRAME


def _samples(ms: int | float) -> int:
    return int(ms * RATE // 1000)


def _ms(samples: int) -> int:
    return samples * 1000 // RATE
