"""Choosing among Whisper's beam hypotheses: the one that reads most like Chinese words.

Whisper base often ranks a string of homophones above the sentence that was said: "常常在哪个国家"
over "长城在哪个国家", "医院副查" over "医院复查". Its beam holds the right sentence more often than it
ranks it first: with 5 hypotheses, the best of them had a CER of 8.7% on the eval's clean Chinese
questions against 14.0% for the first (README, Evaluation: "Beam search, ranked again by fluency").

So with ``beam_size`` > 1 the decoder returns all its hypotheses, and they are ranked again by

    Whisper's mean token log-probability + FLUENCY_WEIGHT * fluency

where fluency is the log-probability, per Chinese character, of the likeliest cut of the sentence
into words of jieba's dictionary (its word counts as a unigram model; Latin letters and punctuation
do not count, and a number or a spoken sum counts as ordinary words). A character that makes no word
costs about 18, a common word about 3 a character. The weight was chosen on the eval's questions and
checked on two sets of questions written later (README).

Never chosen instead of the first: a hypothesis without Chinese characters (nothing to judge), and
one that copies part of the decoder prompt ("以下是普通话的句子").
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

FLUENCY_WEIGHT = 0.2
_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")
# Numbers and spoken sums are in no word list ("一加一", "三百五十", "350"): each of their characters
# counts as a character of an ordinary sentence of words.
_NUMERAL = "[零〇一二两三四五六七八九十百千万亿点0-9]"
_OPERATOR = "(?:加上|加|减去|减|乘以|乘|除以|除)"
_NUMBERS = re.compile(rf"{_NUMERAL}+(?:{_OPERATOR}{_NUMERAL}+)+|{_NUMERAL}{{2,}}|[0-9]")
NUMBER_LOGPROB = -4.5  # per character; sound sentences score about -4 to -5.5
ECHO_RUN = 4  # this many characters of the prompt in a row make a hypothesis a copy of it


def fluency(text: str) -> float | None:
    """Mean log-probability per Chinese character of ``text``'s likeliest cut into dictionary words
    (None: no Chinese character)."""
    numbers = sum(len(span) for span in _NUMBERS.findall(text))
    han = _NOT_HAN.sub("", _NUMBERS.sub(" ", text))
    if not han:
        return None
    import jieba

    jieba.setLogLevel(logging.WARNING)
    words = jieba.dt
    words.check_initialized()
    route: dict[int, tuple[float, int]] = {}
    words.calc(han, words.get_DAG(han), route)
    return (route[0][0] + NUMBER_LOGPROB * numbers) / (len(han) + numbers)


def copies_prompt(text: str, prompt: str) -> bool:
    """``text`` holds ECHO_RUN or more characters of ``prompt`` in a row."""
    han, said = _NOT_HAN.sub("", prompt), _NOT_HAN.sub("", text)
    return any(han[i:i + ECHO_RUN] in said for i in range(len(han) - ECHO_RUN + 1))


def best_index(texts: Sequence[str], scores: Sequence[float], *, prompt: str = "",
               weight: float = FLUENCY_WEIGHT) -> int:
    """Which of the beam's hypotheses (``texts``, in Whisper's order, with its ``scores``: mean token
    log-probabilities) to keep."""
    if len(texts) < 2 or fluency(texts[0]) is None:
        return 0
    best, best_score = 0, -math.inf
    for i, (text, score) in enumerate(zip(texts, scores, strict=True)):
        words = fluency(text)
        if words is None or (i > 0 and prompt and copies_prompt(text, prompt)):
            continue
        total = score + weight * words
        if total > best_score:
            best, best_score = i, total
    return best


@dataclass(frozen=True, slots=True)
class Ranked:
    """A CTranslate2 ``WhisperGenerationResult`` with its hypotheses in our order (the fields
    faster-whisper reads)."""

    sequences: list[list[str]]
    sequences_ids: list[list[int]]
    scores: list[float]
    no_speech_prob: float


class RescoringWhisper:
    """Wraps a CTranslate2 Whisper model: a beam search returns every hypothesis, best first by
    :func:`best_index`. Sampling and greedy decodes, and every other call, pass through."""

    def __init__(self, model: Any, decode: Callable[[list[int]], str], *, eot: int, prompt: str) -> None:
        self._model = model
        self._decode = decode
        self._eot = eot
        self._prompt = prompt

    def __getattr__(self, name: str) -> Any:
        return getattr(self._model, name)

    def generate(self, *args: Any, **kwargs: Any) -> Any:
        beam = int(kwargs.get("beam_size", 1))
        if beam < 2 or kwargs.get("num_hypotheses", 1) > 1:
            return self._model.generate(*args, **kwargs)
        results = self._model.generate(*args, **{**kwargs, "num_hypotheses": beam, "return_scores": True})
        return [self._ranked(result) for result in results]

    def _ranked(self, result: Any) -> Ranked:
        ids = [list(seq) for seq in result.sequences_ids]
        texts = [self._decode([t for t in seq if t < self._eot]) for seq in ids]
        first = best_index(texts, list(result.scores), prompt=self._prompt)
        if first:
            log.debug("ASR beam: %r chosen over %r", texts[first], texts[0])
        order = [first, *(i for i in range(len(ids)) if i != first)]
        return Ranked(sequences=[list(result.sequences[i]) for i in order],
                      sequences_ids=[ids[i] for i in order],
                      scores=[float(result.scores[i]) for i in order],
                      no_speech_prob=float(result.no_speech_prob))
