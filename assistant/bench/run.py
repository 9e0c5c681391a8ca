"""``assistant bench``: latency measured from the client's side of the socket.

It starts the real server (``assistant serve --open``) as a subprocess, or uses ``--url``, and
drives it over the real websocket protocol with spoken questions streamed in real time: single
turns (zh and en), barge-in, a photo question, the phone bridge (when its simulator exists) and N
simultaneous sessions. Then, with the server stopped, it runs a naive sequential baseline on the
same models, and prints a table, writes JSON and a PNG next to it.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from assistant.bench import scenarios
from assistant.bench.baseline import BaselineTurn, run_baseline
from assistant.bench.client import TurnResult
from assistant.bench.phone import phone_section, phone_turns
from assistant.bench.photo_load import PhotoLoadResult, photo_load
from assistant.bench.plot import write_plot
from assistant.bench.realtime import interleaved_turns
from assistant.bench.report import (
    baseline_comparison,
    concurrency_rows,
    max_level_within,
    render,
    summarize_turns,
    write_json,
)
from assistant.bench.server import CpuWatch, MemorySampler, ServerProcess, http_ready, remote_rss_mb
from assistant.bench.speech import Clip, Question, build_voices, make_clips, photo_jpeg
from assistant.config import FAST_LLM, Settings
from assistant.errors import ConfigError

ZH = ("中国的首都是哪个城市？", "一年有几个月？", "每天应该喝多少水？", "今天出门应该穿什么衣服？",
      "给我讲一个简短的笑话吧。")
EN = ("What is the capital of France?", "How many days are there in a week?",
      "What is a healthy breakfast for an old man?")
BARGE = ((Question(text="请给我讲一个很长的关于小兔子的故事。", language="zh"),
          Question(text="停一下，现在几点了？", language="zh")),
         (Question(text="请详细介绍一下长城的历史。", language="zh"),
          Question(text="好了，谢谢你，我知道了。", language="zh")),
         (Question(text="Please tell me a long story about a little cat.", language="en"),
          Question(text="Stop please, what time is it now?", language="en")))
FOLLOW_UP = ("中国的首都是哪个城市？", "那里有什么好玩的地方？", "那里冬天冷不冷？", "谢谢你，再见。")
PHOTO_QUESTION = "这是什么？"
WARMUP_TEXT = "你好"


@dataclass(frozen=True, slots=True, kw_only=True)
class BenchPlan:
    quick: bool
    llm: str
    voice: tuple[Question, ...]
    followup: tuple[Question, ...]  # asked one after another in one session
    runs: int
    barge: tuple[tuple[Question, Question], ...]
    photos: int
    levels: tuple[int, ...]
    turns_each: int  # questions each session asks at a concurrency level
    baseline: int  # how many of ``voice`` the baseline answers
    phone: int
    timeout_s: float

    @property
    def total_turns(self) -> int:
        return (2 * len(self.voice) * self.runs + len(self.followup) + len(self.barge) + self.photos
                + self.phone + sum(self.levels) * self.turns_each + self.baseline)


def make_plan(settings: Settings, args: argparse.Namespace) -> BenchPlan:
    quick = bool(args.quick)
    levels = tuple(sorted({int(x) for x in str(args.concurrency or "").split(",") if x.strip()}))
    if any(n < 1 for n in levels):
        raise ConfigError("--concurrency takes positive levels, e.g. 1,2,4,8")
    runs = int(args.runs) if args.runs else (1 if quick else 2)
    zh = tuple(Question(text=t, language="zh") for t in ZH)
    en = tuple(Question(text=t, language="en") for t in EN)
    voice = (zh[:2] + en[:1]) if quick else (zh + en)
    return BenchPlan(
        quick=quick, llm=args.llm or (FAST_LLM if quick else settings.models.llm),
        voice=voice, followup=tuple(Question(text=t, language="zh") for t in FOLLOW_UP[: 2 if quick else 4]),
        runs=runs, barge=BARGE[:1] if quick else BARGE, photos=1 if quick else 2,
        levels=levels or ((1, 2) if quick else (1, 2, 4, 8)), turns_each=runs,
        baseline=1 if quick else len(voice), phone=1 if quick else 3, timeout_s=60.0 if quick else 180.0)


def _endpoints(url: str) -> tuple[str, str]:
    """(http base, websocket URL) of ``--url``, which may be http(s):// or ws(s)://, with or without /ws."""
    parts = urlsplit(url if "://" in url else f"http://{url}")
    secure = parts.scheme in ("https", "wss")
    path = parts.path.rstrip("/")
    path = path[: -len("/ws")] if path.endswith("/ws") else path
    http = urlunsplit(("https" if secure else "http", parts.netloc, path, "", ""))
    ws = urlunsplit(("wss" if secure else "ws", parts.netloc, f"{path}/ws", parts.query, ""))
    return http, ws


@dataclass(slots=True, kw_only=True)
class Measured:
    voice: list[TurnResult]
    realtime: list[TurnResult]  # the same questions over /v1/realtime
    followup: list[TurnResult]
    barge: list[TurnResult]
    photos: list[TurnResult]
    phone: list[TurnResult]
    phone_skipped: str
    concurrency: list[TurnResult]
    warmup_s: float
    photo_load: PhotoLoadResult


async def _warmup(ws: str, timeout_s: float) -> float:
    """One typed question first (not counted), so that lazily initialised paths are warm."""
    from assistant.client.conversation import Conversation

    started = time.monotonic()
    conv = await Conversation.open(ws, language="zh")
    try:
        await conv.send_json({"type": "text", "text": WARMUP_TEXT})
        await conv.wait_for("metrics", timeout=timeout_s)
    finally:
        await conv.close()
    return time.monotonic() - started


async def _measure(plan: BenchPlan, *, http: str, ws: str, clips: dict[str, list[Clip]], jpeg: bytes,
                   bar: Any, memory: MemorySampler, phone_token_env: str, max_pixels: int) -> Measured:
    def tick() -> None:
        bar.update(1)

    def phase(name: str) -> None:
        memory.phase(name)
        bar.set_description(name)

    t = plan.timeout_s
    phase("warm-up")
    warm = await _warmup(ws, t)
    phase("voice")
    # each question over /ws, then at once over /v1/realtime: both see the same load on the machine
    voice, realtime = await interleaved_turns(ws, clips["voice"], runs=plan.runs, tick=tick, timeout_s=t)
    phase("follow-up")
    followup = await scenarios.conversation(ws, clips["followup"], tick=tick, timeout_s=t)
    phase("barge-in")
    pairs = list(zip(clips["barge_long"], clips["barge_cut"], strict=True))
    barge = await scenarios.barge_ins(ws, pairs, tick=tick, timeout_s=t)
    phase("photo")
    photos = await scenarios.photos(ws, jpeg, [PHOTO_QUESTION] * plan.photos, tick=tick, timeout_s=t)
    phase("photo_load")  # peak RSS while several sessions send big photos at once
    loaded = await photo_load(ws, max_pixels=max_pixels, timeout_s=t)
    phase("phone")
    phone, skipped = await phone_turns(http, clips["voice"][: plan.phone], tick=tick, timeout_s=t,
                                       token_env=phone_token_env)
    if skipped:
        bar.update(plan.phone)
    concurrency: list[TurnResult] = []
    for level in plan.levels:
        phase(f"concurrency_{level}")
        concurrency += await scenarios.concurrency_level(ws, clips["voice"], level=level,
                                                         turns_each=plan.turns_each, tick=tick, timeout_s=t)
    phase("done")
    return Measured(voice=voice, realtime=realtime, followup=followup, barge=barge, photos=photos,
                    phone=phone, phone_skipped=skipped, concurrency=concurrency, warmup_s=round(warm, 2),
                    photo_load=loaded)


def _speak(store: Any, settings: Settings, plan: BenchPlan) -> dict[str, list[Clip]]:
    for role in ("tts-zh", "tts-en"):
        store.ensure(role)
    voices = build_voices(store, settings)
    return {"voice": make_clips(voices, list(plan.voice)),
            "followup": make_clips(voices, list(plan.followup)),
            "barge_long": make_clips(voices, [p[0] for p in plan.barge]),
            "barge_cut": make_clips(voices, [p[1] for p in plan.barge])}


def _progress(plan: BenchPlan) -> Any:
    from tqdm import tqdm

    return tqdm(total=plan.total_turns, unit="turn", file=sys.stderr, dynamic_ncols=True,
                disable=None if sys.stderr.isatty() else False, mininterval=0.5)


def _client_run(plan: BenchPlan, args: argparse.Namespace, settings: Settings, store: Any,
                bar: Any) -> tuple[Measured, dict[str, Any], dict[str, list[Clip]]]:
    """Start (or reach) the server, measure everything over the socket, stop it."""
    info: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="assistant-bench-") as tmp:
        server: ServerProcess | None = None
        if args.url:
            http, ws = _endpoints(args.url)
            memory = MemorySampler(lambda: remote_rss_mb(http), interval_s=1.0,
                                   source="/readyz rss_mb of the remote server (its own process only)")
            info["server"] = http
        else:
            server = ServerProcess(llm=plan.llm, data_dir=Path(tmp) / "data", config=args.config or "")
            server.launch()
            http, ws, memory = server.http, server.ws, server.memory  # type: ignore[assignment]
            info["server"] = "subprocess: python -m assistant serve --open"
        try:
            bar.set_description("speaking the questions")
            clips = _speak(store, settings, plan)  # while the server loads its models
            bar.set_description("waiting for the server")
            if server is not None:
                server.wait_ready()
                info["server_startup_s"] = round(server.startup_s, 1)
            else:
                http_ready(http, timeout_s=60.0)
                memory.start()
            cpu = CpuWatch(server.process.pid if server is not None and server.process else None,
                           remote_server=server is None)
            measured = asyncio.run(_measure(plan, http=http, ws=ws, clips=clips, jpeg=photo_jpeg(),
                                            bar=bar, memory=memory,
                                            phone_token_env=settings.phone.twilio_auth_token_env,
                                            max_pixels=settings.vision.max_pixels))
            info["cpu"] = cpu.report()
        except BaseException:
            if server is not None:
                print(f"server log (tail):\n{server.log_tail()}", file=sys.stderr)
            raise
        finally:
            memory.stop()
            if server is not None:
                server.stop()
        info["memory"] = memory.report()
    return measured, info, clips


def _document(plan: BenchPlan, m: Measured, info: dict[str, Any], baseline: list[BaselineTurn],
              baseline_load_s: float, settings: Settings) -> dict[str, Any]:
    levels = concurrency_rows(m.concurrency, plan.levels)
    voice = summarize_turns(m.voice)
    comparison = baseline_comparison(m.voice, baseline, endpoint_wait_ms=float(settings.turn.end_silence_ms)
                                     ) if baseline else None
    photo, barge, realtime = summarize_turns(m.photos), summarize_turns(m.barge), summarize_turns(m.realtime)
    rt_p50, ws_p50 = realtime["voice_to_voice_ms"]["p50"], voice["voice_to_voice_ms"]["p50"]
    followup = summarize_turns(m.followup)
    by_phase = info["memory"].get("peak_by_phase_mb", {})
    figures = {
        "voice_to_voice_p50_ms": voice["voice_to_voice_ms"]["p50"],
        "voice_to_voice_p95_ms": voice["voice_to_voice_ms"]["p95"],
        "endpoint_p50_ms": voice["endpoint_ms"]["p50"],
        "followup_voice_to_voice_p50_ms": followup["voice_to_voice_ms"]["p50"],
        "followup_voice_to_voice_p95_ms": followup["voice_to_voice_ms"]["p95"],
        **{f"server_{k}_p50": v["p50"] for k, v in voice["server"].items()},
        "underruns": voice["underruns"],
        "realtime_voice_to_voice_p50_ms": rt_p50,
        "realtime_voice_to_voice_p95_ms": realtime["voice_to_voice_ms"]["p95"],
        "ratio_realtime_to_ws": round(rt_p50 / ws_p50, 3) if rt_p50 and ws_p50 else None,
        "barge_in_p50_ms": barge["barge_in_ms"]["p50"],
        "photo_to_voice_p50_ms": photo["voice_to_voice_ms"]["p50"],
        "max_concurrency_p95_under_2s": max_level_within(levels),
        "peak_server_rss_mb": info["memory"].get("peak_rss_mb"),
        "photo_load_peak_rss_mb": by_phase.get("photo_load"),
        "photo_load_rss_growth_mb": (round(by_phase["photo_load"] - by_phase["photo"], 1)
                                     if "photo_load" in by_phase and "photo" in by_phase else None),
        "baseline_voice_to_voice_p50_ms": comparison["baseline_v2v_ms"]["p50"] if comparison else None,
        "ratio_ours_to_baseline": comparison["ratio_ours_to_baseline"] if comparison else None,
        "ratio_with_endpoint_wait": comparison["ratio_with_endpoint_wait"] if comparison else None,
    }
    return {
        "meta": {"llm": plan.llm, "quick": plan.quick, "date": datetime.now().astimezone().isoformat(
                     timespec="seconds"), "cpus": os.cpu_count(), "runs": plan.runs,
                 "levels": list(plan.levels), "server": info.get("server"),
                 "server_startup_s": info.get("server_startup_s"), "warmup_s": m.warmup_s,
                 "settings": {"end_silence_ms": settings.turn.end_silence_ms,
                              "llm_n_parallel": settings.llm.n_parallel,
                              "llm_max_tokens": settings.llm.max_tokens,
                              "tts_speed": settings.tts.speed, "player_buffer_ms": 100}},
        "figures": figures,
        "voice": {"turns": [t.as_dict() for t in m.voice], "summary": voice,
                  "by_language": {lang: summarize_turns([t for t in m.voice if t.language == lang])
                                  for lang in ("zh", "en")}},
        "followup": {"turns": [t.as_dict() for t in m.followup], "summary": followup},
        "realtime": {"turns": [t.as_dict() for t in m.realtime], "summary": realtime},
        "barge_in": {"turns": [t.as_dict() for t in m.barge], "summary": barge},
        "photo": {"turns": [t.as_dict() for t in m.photos], "summary": photo},
        "photo_load": dataclasses.asdict(m.photo_load),
        "phone": phone_section(m.phone, m.phone_skipped, summarize_turns(m.phone)),
        "concurrency": {"levels": levels, "max_level_p95_under_2s": max_level_within(levels),
                        "turns": [t.as_dict() for t in m.concurrency]},
        "baseline": {"turns": [b.as_dict() for b in baseline], "load_s": round(baseline_load_s, 1),
                     "comparison": comparison},
        "memory": info["memory"],
        "machine": {"during_measurement": info.get("cpu"), "during_baseline": info.get("baseline_cpu")},
    }


def run_bench(settings: Settings, args: argparse.Namespace) -> int:
    """Run the benchmark; 0 if at least one spoken question was answered, else 1."""
    started = time.monotonic()
    plan = make_plan(settings, args)
    from assistant.model_store import open_model_store

    store = open_model_store(settings)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    json_path = Path(args.json_out) if args.json_out else (
        settings.path(settings.server.data_dir) / "bench" / f"bench-{stamp}.json")
    bar = _progress(plan)
    try:
        measured, info, clips = _client_run(plan, args, settings, store, bar)
        bar.set_description("baseline")
        cpu = CpuWatch(None, remote_server=bool(args.url))
        baseline, load_s = run_baseline(settings, store, clips["voice"][: plan.baseline], llm=plan.llm,
                                        tick=lambda: bar.update(1)) if plan.baseline else ([], 0.0)
        info["baseline_cpu"] = cpu.report()
    finally:
        bar.close()
    doc = _document(plan, measured, info, baseline, load_s, settings)
    json_path.parent.mkdir(parents=True, exist_ok=True)
    plot = write_plot(json_path.with_suffix(".png"), voice=measured.voice, photos=measured.photos,
                      baseline=baseline, levels=doc["concurrency"]["levels"],
                      title=f"assistant bench: {plan.llm}, {os.cpu_count()} CPU cores")
    doc["meta"].update(total_s=round(time.monotonic() - started, 1), json=str(json_path), plot=str(plot))
    write_json(json_path, doc)
    print(render(doc, measured.voice, measured.followup), flush=True)
    return 0 if any(t.ok for t in measured.voice) else 1
