"""Character error rate of transcripts, after conversion to Simplified Chinese.

Two readings: *with punctuation* (full- and half-width marks unified, spaces between Chinese
characters dropped) and *without* (letters and digits only). Without punctuation, Chinese
numerals are also read as digits on both sides, so that "八点" heard as "8点" (or "twelve" as
"12") is not an error.
English is compared by character too (lower case, single spaces). The rate over a set is
the total edits over the total reference characters (a micro average).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from assistant.asr.filter import compact

_SPACES = re.compile(r"\s+")
_EN_NUMBERS = {
    w: str(i)
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
} | {w: str(10 * i) for i, w in enumerate("thirty forty fifty sixty seventy eighty ninety".split(), start=3)}
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff，。？！、：；])\s+|\s+(?=[\u4e00-\u9fff，。？！、：；])")


@dataclass(frozen=True, slots=True, kw_only=True)
class Errors:
    edits: int
    chars: int

    @property
    def rate(self) -> float:
        return self.edits / self.chars if self.chars else 0.0


def normalize(text: str, *, punctuation: bool, simplify: Callable[[str], str] | None = None) -> str:
    """``text`` as compared: Simplified, lower case; with or without punctuation (see module doc)."""
    out = simplify(text) if simplify else text
    out = unicodedata.normalize("NFKC", out).lower().strip()
    if punctuation:
        return _SPACES.sub(" ", _CJK_SPACE.sub("", out))
    from assistant.eval.rules import digits

    out = digits(out)
    words = ["".join(ch for ch in w if compact(ch)) for w in out.split()]
    return " ".join(_EN_NUMBERS.get(w, w) for w in words if w)


def char_errors(reference: str, hypothesis: str) -> Errors:
    """Levenshtein edits between two normalised strings, and the reference length."""
    from rapidfuzz.distance import Levenshtein

    return Errors(edits=int(Levenshtein.distance(reference, hypothesis)), chars=len(reference))


def cer(
    pairs: Iterable[tuple[str, str]], *, punctuation: bool, simplify: Callable[[str], str] | None = None
) -> Errors:
    """Total errors of (reference, hypothesis) pairs."""
    edits = chars = 0
    for ref, hyp in pairs:
        e = char_errors(
            normalize(ref, punctuation=punctuation, simplify=simplify),
            normalize(hyp, punctuation=punctuation, simplify=simplify),
        )
        edits += e.edits
        chars += e.chars
    return Errors(edits=edits, chars=chars)
