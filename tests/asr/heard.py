"""Did Whisper hear what was said? Compare meaning, not one exact decode.

Decodes differ a little between CPUs (instruction sets, math libraries) and ONNX Runtime builds:
"明天的天气" may come out as "明天的天晴". A test should pass for any transcript a listener would
accept and fail for a wrong one ("请请请请", another sentence, Traditional characters). So:
- how alike the sounds are (toneless pinyin syllables of the Chinese, words of the rest),
- how alike the characters are (a lower bar: homophones are the usual slip),
- the words that carry the meaning (each given as alternatives),
- and never a decoding loop.
"""

from __future__ import annotations

import difflib
import re

from pypinyin import lazy_pinyin

from assistant.asr.filter import compact, is_repetition_loop
from assistant.asr.loops import short_loop

_NUMBERS = {"0": "zero", "1": "one", "2": "two", "3": "three", "4": "four", "5": "five", "6": "six",
            "7": "seven", "8": "eight", "9": "nine", "10": "ten", "11": "eleven", "12": "twelve"}


def sounds(text: str) -> list[str]:
    """Toneless pinyin syllables of the Chinese characters and lower-case words of the rest."""
    out: list[str] = []
    for chunk in lazy_pinyin(text):
        out.extend(_NUMBERS.get(w, w) for w in re.findall(r"[a-z0-9']+", chunk.lower()))
    return out


def ratio(a: list[str] | str, b: list[str] | str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def heard(text: str, expected: str, *, keywords: tuple[tuple[str, ...], ...] = (), min_sound: float = 0.8,
          min_chars: float = 0.6) -> str | None:
    """Why ``text`` is not an acceptable transcript of ``expected``, or None when it is."""
    loop = short_loop(text)
    if loop is not None or is_repetition_loop(text):
        return f"decoding loop in {text!r}"
    sound, chars = ratio(sounds(text), sounds(expected)), ratio(compact(text), compact(expected))
    if sound < min_sound:
        return f"sounds {sound:.2f} < {min_sound} alike: {text!r} for {expected!r}"
    if chars < min_chars:
        return f"characters {chars:.2f} < {min_chars} alike: {text!r} for {expected!r}"
    key = compact(text)
    missing = [alternatives for alternatives in keywords if not any(compact(w) in key for w in alternatives)]
    if missing:
        return f"{text!r} lacks {' and '.join('/'.join(m) for m in missing)}"
    return None
