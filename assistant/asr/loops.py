"""Recognising a Whisper decode that went wrong: loops of a short unit, and low confidence.

Whisper's decoder can fall into a loop: once it has written a character twice, writing it a third
time becomes likelier still, and it goes on until the token cap ("请请请请请请请请" for
"请帮我查一下明天的天气。"). Long loops (a whole phrase said again) are handled by
:func:`assistant.asr.filter.first_copy`; this module finds loops of a 1-3 character unit, which
no cut can repair, and judges a decode by the figures faster-whisper reports for it.

Real speech has short repeats too ("谢谢", "好好休息", "哈哈哈", "对对对，就是这个"), so a run
counts as a loop only when it is long, or when it is the whole transcript or its end. A false
alarm costs one more decode, never the text: the caller keeps a flagged transcript when a second
decode says the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.asr.filter import compact, is_repetition_loop

MAX_SHORT_UNIT = 3
# Copies of a unit that real speech does not say in a row: 1 character 5 times ("哈哈哈哈" is
# four), 2-3 characters 3 times. Four copies of one character count when they are all there is.
LONG_RUN = {1: 5, 2: 3, 3: 3}
WHOLE_RUN = {1: 4, 2: 3, 3: 3}
RUN_SHARE = 0.6  # a run this share of the transcript, or reaching its end, is its subject
LOG_PROB_THRESHOLD = -1.0  # Whisper's own: a decode below this mean token log-probability is unsure
COMPRESSION_RATIO_THRESHOLD = 2.4  # Whisper's own (zlib ratio; only reached by long transcripts)
# One character said over and over ("哈哈哈", "对，对，对") takes about this long with the VAD's padding;
# a clip much longer than that which decodes to one character alone lost its words (a loop that ended).
ONE_CHARACTER_S, PER_CHARACTER_S = 1.0, 0.4


@dataclass(frozen=True, slots=True, kw_only=True)
class Run:
    """``unit`` said ``repeats`` times in a row from ``start`` (indices into :func:`compact` text)."""

    unit: str
    start: int
    repeats: int

    @property
    def end(self) -> int:
        return self.start + len(self.unit) * self.repeats


def longest_run(key: str, unit_len: int) -> Run | None:
    """The longest run of a ``unit_len``-character unit repeated at least twice in ``key``. Units
    of digits ("100000") and units that are themselves a repeat ("请请" is "请" twice) are skipped."""
    best: Run | None = None
    for start in range(len(key) - 2 * unit_len + 1):
        unit = key[start:start + unit_len]
        if unit.isdigit() or len(set(unit)) < unit_len:
            continue
        repeats = 1
        while key[start + repeats * unit_len:start + (repeats + 1) * unit_len] == unit:
            repeats += 1
        if repeats >= 2 and (best is None or repeats > best.repeats):
            best = Run(unit=unit, start=start, repeats=repeats)
    return best


def short_loop(text: str) -> Run | None:
    """The run of a 1-3 character unit that makes ``text`` a decoding loop, or None.

    "请请请请", "请请请请请请我插一下" and "你好你好你好" are loops; "谢谢你", "哈哈哈，你真逗",
    "好的好的" and "对对对对，就是这个" are not.
    """
    key = compact(text)
    for unit_len in range(1, MAX_SHORT_UNIT + 1):
        run = longest_run(key, unit_len)
        if run is None:
            continue
        whole = run.start == 0 and run.end == len(key)
        if whole and run.repeats >= WHOLE_RUN[unit_len]:
            return run
        if run.repeats < LONG_RUN[unit_len]:
            continue
        if unit_len == 1 or run.end == len(key) or run.end - run.start >= RUN_SHARE * len(key):
            return run
    return None


def without_loop(text: str, run: Run) -> str:
    """``text`` with ``run`` shortened to two copies of a one-character unit, or one copy of a
    longer one ("请请请请请请请请" -> "请请", "你好你好你好" -> "你好"). Punctuation inside the
    run goes with it."""
    keep = 2 if len(run.unit) == 1 else 1
    cut_from, cut_to = run.start + keep * len(run.unit), run.end
    out: list[str] = []
    seen = 0  # compact characters so far
    for ch in text:
        if not cut_from <= seen < cut_to:
            out.append(ch)
        seen += bool(compact(ch))
    return "".join(out)


def decode_problem(text: str, *, avg_logprob: float, compression_ratio: float, capped: bool,
                   audio_s: float = 0.0) -> str | None:
    """Why a decode should not be trusted without a second opinion, or None when it looks sound.

    ``avg_logprob`` and ``compression_ratio`` are faster-whisper's figures for the decode; ``capped``
    says it stopped at the token cap rather than at its end-of-text token; ``audio_s``: the clip's length.
    """
    run = short_loop(text)
    if run is not None:
        return f"loop of {run.unit!r} x{run.repeats}"
    key = compact(text)
    if len(set(key)) == 1 and audio_s > ONE_CHARACTER_S + PER_CHARACTER_S * len(key):
        return f"{key[0]!r} alone for {audio_s:.1f} s"  # "请，请，请" for 2.5 s of "请帮我查一下明天的天气"
    if is_repetition_loop(text):
        return "phrase loop"
    if capped:
        return "stopped at the token cap"
    if compression_ratio > COMPRESSION_RATIO_THRESHOLD:
        return f"compression ratio {compression_ratio:.2f}"
    if avg_logprob < LOG_PROB_THRESHOLD:
        return f"log-prob {avg_logprob:.2f}"
    return None
