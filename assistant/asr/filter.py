"""Text clean-up shared by the ASR backends: Simplified Chinese and known Whisper hallucinations.

Whisper was trained on subtitled video, so on noise, breathing or near-silence it tends to "hear"
subtitle credits and video outros. :func:`hallucination_reason` says why a transcript should be
dropped, or returns None to keep it.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

ZH_PROMPT = "以下是普通话的句子，使用简体中文。"

# Never real speech from our users: subtitle credits and channel plugs.
_ALWAYS = (
    "字幕by", "字幕由", "字幕制作", "字幕志愿者", "中文字幕", "amara.org", "明镜与点点", "请不吝点赞",
    "点赞订阅", "订阅转发", "打赏支持", "优优独播剧场", "yoyotelevision", "subtitlesby",
)
# Plausible words, but on short or quiet audio they are Whisper's outro reflex.
_OUTROS = (
    "谢谢观看", "感谢观看", "谢谢收看", "感谢收看", "谢谢大家观看", "谢谢大家收看", "请订阅", "欢迎订阅",
    "订阅我的频道", "我们下期再见", "下期再见", "thanksforwatching", "thankyouforwatching",
    "pleasesubscribe",
)
SHORT_AUDIO_S = 1.5
QUIET_RMS = 0.01  # about -40 dBFS
NO_SPEECH_PROB = 0.4
_LEADING_MARKS = re.compile(r"[^\w\s]*")  # punctuation right after a word


class SimplifiedConverter:
    """Traditional -> Simplified with OpenCC's bundled ``t2s`` config (no network, no files of ours)."""

    def __init__(self) -> None:
        import opencc

        self._cc = opencc.OpenCC("t2s")
        self._lock = threading.Lock()  # the C++ converter is not documented as thread-safe

    def __call__(self, text: str) -> str:
        if not text:
            return text
        with self._lock:
            return str(self._cc.convert(text))


def compact(text: str) -> str:
    """Lower-case ``text`` without spaces, punctuation or symbols (for matching, not for display)."""
    return "".join(ch for ch in text.lower() if unicodedata.category(ch)[0] not in "PZSC")


def is_repetition_loop(text: str, *, min_unit: int = 4) -> bool:
    """Whisper stuck in a loop: the text is one phrase of ``min_unit``+ characters said again and
    again ("请问几点了请问几点了请问几"), the second copy possibly cut off. "好的好的" is not one."""
    key = compact(text)
    for unit in range(min_unit, len(key) // 2 + 1):
        if len(key) >= unit * 1.8 and all(key[i] == key[i - unit] for i in range(unit, len(key))):
            return True
    return False


def first_copy(text: str, *, min_unit: int = 4) -> str:
    """The first copy of the phrase in a :func:`is_repetition_loop` text, with its punctuation
    ("几点了？几点了？几" -> "几点了？"); any other text is returned unchanged."""
    key = compact(text)
    for unit in range(min_unit, len(key) // 2 + 1):
        if len(key) >= unit * 1.8 and all(key[i] == key[i - unit] for i in range(unit, len(key))):
            seen = 0
            for end, ch in enumerate(text):
                seen += bool(compact(ch))
                if seen == unit:
                    marks = _LEADING_MARKS.match(text, end + 1)
                    return text[: marks.end() if marks else end + 1]
    return text


_SENTENCE_END = re.compile(r"[。？！?!]+")


def restarted(text: str, *, min_chars: int = 4) -> str | None:
    """The first sentence of a decode that says that sentence again, whole or begun ("晚上睡不着觉怎么办？
    晚上睡不着" -> "晚上睡不着觉怎么办？"), or None: at least ``min_chars`` characters of it after its end
    mark, and nothing else."""
    end = _SENTENCE_END.search(text)
    if end is None:
        return None
    key, again = compact(text[:end.start()]), compact(text[end.end():])
    if len(key) < min_chars or len(again) < min_chars:
        return None
    return None if any(ch != key[i % len(key)] for i, ch in enumerate(again)) else text[:end.end()]


def rms(audio: npt.NDArray[np.float32]) -> float:
    return float(np.sqrt(np.mean(np.square(audio, dtype=np.float64)))) if len(audio) else 0.0


def hallucination_reason(text: str, *, audio_s: float, level: float, no_speech_prob: float = 0.0,
                         hints: Sequence[str] = ()) -> str | None:
    """Why ``text`` looks like a Whisper hallucination, or None to keep it.

    ``level`` is the RMS of the audio (float32 scale), ``no_speech_prob`` Whisper's own estimate
    (0 when the backend does not report it). ``hints``: the user's words given to the decoder; a
    transcript of nothing but them, where Whisper itself doubts there was speech, came from the hints
    (a beam search wrote "小明、小明、闺女" for two seconds of hiss).
    """
    key = compact(text)
    if not key:
        return "no words" if text.strip() else None
    if no_speech_prob > NO_SPEECH_PROB and hints and not _without(key, hints):
        return f"only hint words {key!r} with no_speech_prob {no_speech_prob:.2f}"
    for pattern in _ALWAYS:
        if pattern in key:
            return f"subtitle credit {pattern!r}"
    if key in _OUTROS or any(key == o * 2 for o in _OUTROS):
        if audio_s < SHORT_AUDIO_S:
            return f"outro {key!r} on {audio_s:.2f} s of audio"
        if level < QUIET_RMS:
            return f"outro {key!r} on quiet audio (rms {level:.4f})"
        if no_speech_prob > NO_SPEECH_PROB:
            return f"outro {key!r} with no_speech_prob {no_speech_prob:.2f}"
    return None


def _without(key: str, words: Sequence[str]) -> str:
    for word in sorted(words, key=len, reverse=True):
        key = key.replace(compact(word), "")
    return key
