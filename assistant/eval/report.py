"""The eval's figures: accuracy per category and variant, invented facts, CER and latency."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from assistant.bench.client import TurnResult
from assistant.eval.cer import cer
from assistant.eval.questions import CATEGORIES, EvalQuestion
from assistant.eval.rules import Verdict

TYPED = "typed"  # the questions sent as text: no audio variant (see assistant.eval.run)


@dataclass(frozen=True, slots=True, kw_only=True)
class TurnRecord:
    question: EvalQuestion
    variant: str
    turn: TurnResult
    verdict: Verdict
    at: str = ""  # ISO time of the answer: the clock the rules were checked against

    def as_dict(self) -> dict[str, Any]:
        q, t = self.question, self.turn
        return {
            "id": q.id,
            "category": q.category,
            "variant": self.variant,
            "lang": q.lang,
            "tool": q.tool,
            "question": q.text,
            "transcript": t.transcript,
            "reply": t.reply_text,
            "voice_to_voice_ms": t.voice_to_voice_ms,
            "error": t.error,
            "correct": self.verdict.correct,
            "failures": list(self.verdict.failures),
            "invented": list(self.verdict.invented),
            "at": self.at,
        }


def percentiles(values: Sequence[float]) -> dict[str, float | None]:
    if not values:
        return {"p50": None, "p95": None, "n": 0}
    arr = np.asarray(values, dtype=np.float64)
    return {
        "p50": round(float(np.percentile(arr, 50)), 1),
        "p95": round(float(np.percentile(arr, 95)), 1),
        "n": len(values),
    }


def cer_figures(pairs: Sequence[tuple[str, str]]) -> dict[str, Any]:
    from assistant.asr.filter import SimplifiedConverter

    simplify = SimplifiedConverter()
    plain, punct = (
        cer(pairs, punctuation=False, simplify=simplify),
        cer(pairs, punctuation=True, simplify=simplify),
    )
    return {
        "cer": round(plain.rate, 4),
        "cer_with_punctuation": round(punct.rate, 4),
        "chars": plain.chars,
        "clips": len(pairs),
    }


def accuracy(records: Sequence[TurnRecord]) -> dict[str, Any]:
    right = sum(r.verdict.correct for r in records)
    return {
        "correct": right,
        "total": len(records),
        "rate": round(right / len(records), 3) if records else None,
    }


def _variant_figures(records: Sequence[TurnRecord]) -> dict[str, Any]:
    """Accuracy, invented facts, CER and latency of ``records`` (CER and voice-to-voice are None for
    typed questions: nothing was heard, and the latency runs from the text, not from speech)."""
    spoken = [r for r in records if r.variant != TYPED]
    v2v = [r.turn.voice_to_voice_ms for r in records if r.turn.voice_to_voice_ms is not None]
    tool = [
        r.turn.voice_to_voice_ms for r in records if r.question.tool and r.turn.voice_to_voice_ms is not None
    ]
    return {
        "accuracy": accuracy(records),
        "by_category": {
            c: accuracy([r for r in records if r.question.category == c])
            for c in CATEGORIES
            if any(r.question.category == c for r in records)
        },
        "invented": sum(bool(r.verdict.invented) for r in records),
        "asr": cer_figures([(r.question.text, r.turn.transcript) for r in spoken]) if spoken else None,
        "voice_to_voice_ms": percentiles(v2v) if spoken else None,
        "tool_voice_to_voice_ms": percentiles(tool) if spoken else None,
        "text_to_voice_ms": None if spoken else percentiles(v2v),
        "errors": sum(bool(r.turn.error) for r in records),
    }


def build_doc(records: Sequence[TurnRecord], meta: dict[str, Any]) -> dict[str, Any]:
    variants = list(dict.fromkeys(r.variant for r in records))
    by_variant = {v: _variant_figures([r for r in records if r.variant == v]) for v in variants}
    spoken = [r for r in records if r.variant != TYPED]  # "all": the spoken variants
    overall = _variant_figures(spoken or list(records)) if records else {}
    return {
        "meta": meta,
        "overall": overall,
        "variants": by_variant,
        "invented": [r.as_dict() for r in records if r.verdict.invented],
        "turns": [r.as_dict() for r in records],
    }


def write_doc(path: Path, doc: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")


def _pct(acc: dict[str, Any]) -> str:
    return "-" if not acc.get("total") else f"{acc['correct']}/{acc['total']} ({100 * acc['rate']:.0f}%)"


def _ms(p: dict[str, Any] | None) -> str:
    return "-" if not p or p.get("p50") is None else f"{p['p50']:.0f} / {p['p95']:.0f}"


def _cer(asr: dict[str, Any] | None) -> str:
    return "-" if not asr else f"{100 * asr['cer']:.1f}% / {100 * asr['cer_with_punctuation']:.1f}%"


def _latency(figures: dict[str, Any]) -> str:
    """Voice-to-voice, or for typed questions text-to-voice (marked)."""
    if figures.get("text_to_voice_ms"):
        return f"{_ms(figures['text_to_voice_ms'])} (from the text)"
    return _ms(figures.get("voice_to_voice_ms"))


def render(doc: dict[str, Any]) -> str:
    """The table printed at the end (Markdown, so that it can go into the README as it is)."""
    variants = list(doc["variants"])
    cols = [*variants, "all"]
    figs = {**doc["variants"], "all": doc["overall"]}
    meta = doc["meta"]
    lines = [
        f"assistant eval: {meta['llm']}, {meta['questions']} questions, variants {', '.join(variants)}",
        "",
        "| | " + " | ".join(cols) + " |",
        "|---" * (len(cols) + 1) + "|",
    ]
    for category in CATEGORIES:
        if any(category in figs[c]["by_category"] for c in cols):
            lines.append(
                f"| {category} | "
                + " | ".join(_pct(figs[c]["by_category"].get(category, {})) for c in cols)
                + " |"
            )
    lines += [
        "| **correct** | " + " | ".join(f"**{_pct(figs[c]['accuracy'])}**" for c in cols) + " |",
        "| invented facts | " + " | ".join(str(figs[c]["invented"]) for c in cols) + " |",
        "| ASR CER (no punct. / with) | " + " | ".join(_cer(figs[c]["asr"]) for c in cols) + " |",
        "| voice-to-voice p50 / p95 ms | " + " | ".join(_latency(figs[c]) for c in cols) + " |",
        "| tool questions p50 / p95 ms | "
        + " | ".join(_ms(figs[c]["tool_voice_to_voice_ms"]) for c in cols)
        + " |",
        "| turns without an answer | " + " | ".join(str(figs[c]["errors"]) for c in cols) + " |",
    ]
    if doc["invented"]:
        lines += ["", "Invented facts:"]
        lines += [
            f"- [{r['variant']}] {r['question']} -> {r['reply'][:80]} ({'; '.join(r['invented'])})"
            for r in doc["invented"][:20]
        ]
    if meta.get("json"):
        lines += ["", f"JSON: {meta['json']}"]
    return "\n".join(lines)
