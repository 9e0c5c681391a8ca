"""``assistant eval words``: what the user's own words gain (Whisper ``hotwords``, asr/vocabulary.py).

Twenty questions that use one elder's names, medicines and places, spoken by the project's voice in
the ``clean`` and ``slow_noisy`` variants (assistant/eval/audio.py), transcribed by Whisper built as
the server builds it, without and with the elder's words as hints, and with the transcript also
repaired against them (asr/repair.py, as the server does). Reports CER and how many of the
words in the questions came out right ("term recall"), and any hint word that appeared in a
transcript where it was not said (a leak).
"""

from __future__ import annotations

import argparse
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.asr.vocabulary import user_terms
from assistant.config import Settings
from assistant.eval.questions import EvalQuestion
from assistant.eval.report import cer_figures, write_doc

# One elder's console: family names and how she calls them, her city and nearby places, and her
# reminders ("每天早上吃硝苯地平" …), from which the medicines are read.
WORDS = ("王秀英", "李建国", "小明", "闺女", "儿媳", "石家庄", "裕华区", "人民医院", "长安公园")
CITY = "石家庄"
REMINDERS = ("每天早上吃硝苯地平", "晚饭后吃二甲双胍", "睡前吃阿托伐他汀", "吃速效救心丸", "吃降压药")
SENTENCES = (
    "给小明打个电话", "我闺女什么时候回来", "提醒我晚上吃二甲双胍", "硝苯地平饭前吃还是饭后吃",
    "阿托伐他汀能和降压药一起吃吗", "速效救心丸放在哪里了", "石家庄明天天气怎么样", "去人民医院怎么走",
    "长安公园今天人多吗", "李建国是我儿子", "我叫王秀英", "儿媳妇明天来看我", "裕华区有什么好吃的",
    "二甲双胍吃完了要去买", "我的降压药快没了", "小明的电话号码是多少", "石家庄到北京要多久",
    "帮我告诉闺女我很好", "硝苯地平一天吃几片", "王秀英今年八十岁了",
)


def questions() -> list[EvalQuestion]:
    return [EvalQuestion(id=f"words-{i:02d}", category="words", lang="zh", text=text)
            for i, text in enumerate(SENTENCES)]


def terms() -> tuple[str, ...]:
    return user_terms(WORDS, city=CITY, reminders=REMINDERS)


def _recall(pairs: list[tuple[str, str]], hints: tuple[str, ...]) -> dict[str, int]:
    said = heard = leaked = 0
    for ref, hyp in pairs:
        for term in hints:
            if term in ref:
                said += 1
                heard += term in hyp
            elif term in hyp:
                leaked += 1
    return {"terms_said": said, "terms_heard": heard, "leaked": leaked}


def run_words_eval(settings: Settings, args: argparse.Namespace) -> int:
    from assistant.asr.whisper import WhisperTranscriber
    from assistant.eval.asr import utterance
    from assistant.eval.run import speak
    from assistant.model_store import open_model_store

    qs = questions()
    variants = tuple(v for v in (args.variants or "clean,slow_noisy").split(",") if v)
    clips = speak(settings, qs, variants)
    store = open_model_store(settings)
    store.ensure("asr")
    asr = WhisperTranscriber(store.path("asr"), threads=settings.asr.threads,
                             beam_size=settings.asr.beam_size, fit_window=settings.asr.fit_window,
                             window_pad_s=settings.asr.window_pad_s)
    asr.warmup()
    hints = terms()
    doc: dict[str, Any] = {"meta": {"hints": list(hints), "date": datetime.now().astimezone().isoformat()},
                           "results": {}, "clips": []}
    for variant in variants:
        for label, used in (("without", ()), ("with", hints), ("with+repair", hints)):
            pairs: list[tuple[str, str]] = []
            started = time.perf_counter()
            for q, clip in zip(qs, clips[variant], strict=True):
                asr.repair = label.endswith("repair")
                text = asr.transcribe_sync(utterance(clip), language="zh", hints=used).text
                pairs.append((q.text, text))
                doc["clips"].append({"variant": variant, "hints": label, "reference": q.text,
                                     "transcript": text})
            figures = cer_figures(pairs) | _recall(pairs, hints)
            figures["mean_asr_s"] = round((time.perf_counter() - started) / len(qs), 3)
            doc["results"][f"{variant}/{label}"] = figures
    path = (Path(args.json_out) if args.json_out
            else settings.path(settings.server.data_dir) / "eval" / "eval-words.json")
    write_doc(path, doc)
    print("| variant / hints | CER (no punct.) | terms heard | leaked | mean ASR time |")
    print("|---|---|---|---|---|")
    for key, f in doc["results"].items():
        print(f"| {key} | {100 * f['cer']:.1f}% | {f['terms_heard']}/{f['terms_said']} | {f['leaked']} | "
              f"{f['mean_asr_s']:.2f} s |")
    return 0
