"""A recorded clip played inside a reply as is: a family member's voice message."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt


@dataclass(frozen=True, slots=True, kw_only=True)
class Clip:
    """Mono float32 audio at the session's output rate; ``label`` stands for it in the reply's text
    (on the screen, in the history, and in what the listener heard)."""

    audio: npt.NDArray[np.float32]
    rate: int
    label: str  # "（语音留言）"

    @property
    def seconds(self) -> float:
        return self.audio.size / self.rate if self.rate else 0.0
