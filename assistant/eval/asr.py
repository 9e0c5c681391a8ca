"""``assistant eval asr``: Whisper alone, on every variant of every question, CER per variant.

The transcriber is built exactly as the server builds it (``asr.*`` settings: threads, beam,
fitted window), runs in this process, and hears each clip cut the way the server's VAD cuts an
utterance: 0.3 s before the first and after the last voiced sample. Phone clips are resampled
from 8 kHz as the server does.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from assistant.audio.resample import resample
from assistant.bench.speech import Clip
from assistant.config import Settings
from assistant.eval.questions import EvalQuestion
from assistant.eval.report import TYPED, cer_figures, percentiles, write_doc

CUT_PAD_S = 0.3


def utterance(clip: Clip, pad_s: float = CUT_PAD_S) -> np.ndarray:
    """The clip's speech with ``pad_s`` around it, as float32 at 16 kHz."""
    pad = int(pad_s * clip.rate)
    samples = np.frombuffer(clip.pcm, dtype="<i2").astype(np.float32) / 32768.0
    cut = samples[max(0, clip.speech_start - pad) : clip.speech_end + pad]
    return resample(cut, clip.rate, 16000) if clip.rate != 16000 else cut


def render_asr(doc: dict[str, Any]) -> str:
    lines = [
        f"assistant eval asr: {doc['meta']['questions']} questions, beam {doc['meta']['beam_size']}, "
        f"fit_window {doc['meta']['fit_window']} (+{doc['meta'].get('window_pad_s')} s)",
        "",
        "| variant | CER (no punct.) | CER (with punct.) | zh CER | en CER | mean ASR time | clips |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, v in doc["variants"].items():
        lines.append(
            f"| {name} | {100 * v['cer']:.1f}% | {100 * v['cer_with_punctuation']:.1f}% | "
            f"{100 * v['zh']['cer']:.1f}% | {100 * v['en']['cer']:.1f}% | "
            f"{v['asr_s']['mean']:.2f} s | {v['clips']} |"
        )
    if doc["meta"].get("json"):
        lines += ["", f"JSON: {doc['meta']['json']}"]
    return "\n".join(lines)


def _variant(asr: Any, questions: Sequence[EvalQuestion], clips: Sequence[Clip], variant: str,
             out: list[dict[str, Any]]) -> dict[str, Any]:
    """Transcribe one variant's clips (appending each to ``out``) and return its figures."""
    rows: list[tuple[str, str, str]] = []
    times: list[float] = []
    for question, clip in zip(questions, clips, strict=True):
        started = time.perf_counter()
        heard = asr.transcribe_sync(utterance(clip), language=question.lang)
        text = heard.text
        times.append(time.perf_counter() - started)
        rows.append((question.lang, question.text, text))
        out.append({"variant": variant, "id": question.id, "reference": question.text, "transcript": text,
                    "asr_s": round(times[-1], 3), "avg_logprob": round(heard.avg_logprob, 3),
                    "no_speech_prob": round(heard.no_speech_prob, 3), "unsure": heard.unsure})
    figures = cer_figures([(ref, hyp) for _, ref, hyp in rows])
    for lang in ("zh", "en"):
        figures[lang] = cer_figures([(ref, hyp) for lg, ref, hyp in rows if lg == lang])
    figures["asr_s"] = {"mean": round(float(np.mean(times)), 3), **percentiles([t * 1000 for t in times])}
    return figures


def run_asr_eval(settings: Settings, args: argparse.Namespace) -> int:
    from assistant.asr.whisper import WhisperTranscriber
    from assistant.eval.questions import load_questions
    from assistant.eval.run import parse_variants, select, speak
    from assistant.model_store import open_model_store

    questions = select(load_questions(), quick=bool(args.quick), only=args.only)
    variants = [v for v in parse_variants(args.variants, quick=False) if v != TYPED]  # no audio, no ASR
    clips = speak(settings, questions, variants)
    store = open_model_store(settings)
    store.ensure("asr")
    asr = WhisperTranscriber(store.path("asr"), threads=settings.asr.threads,
                             beam_size=settings.asr.beam_size, fit_window=settings.asr.fit_window,
                             window_pad_s=settings.asr.window_pad_s)
    asr.warmup()
    doc: dict[str, Any] = {"meta": {"questions": len(questions), "beam_size": settings.asr.beam_size,
                                    "fit_window": settings.asr.fit_window, "threads": settings.asr.threads,
                                    "window_pad_s": settings.asr.window_pad_s,
                                    "date": datetime.now().astimezone().isoformat(timespec="seconds")},
                           "variants": {}, "clips": []}
    for variant in variants:
        doc["variants"][variant] = _variant(asr, questions, clips[variant], variant, doc["clips"])
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = (Path(args.json_out) if args.json_out
            else settings.path(settings.server.data_dir) / "eval" / f"eval-asr-{stamp}.json")
    doc["meta"]["json"] = str(path)
    write_doc(path, doc)
    print(render_asr(doc), flush=True)
    return 0
