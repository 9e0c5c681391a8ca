"""``assistant eval``: ask every question, in every audio variant, through the real server.

It starts ``assistant serve --open`` as a subprocess (the benchmark's starter), streams each
spoken question in real time over the native websocket protocol in a fresh session (at 8 kHz
for the phone variant), and scores the transcript and the answer. ``eval asr`` runs only
Whisper, in this process, on the same clips (see :mod:`assistant.eval.asr`).

The variant ``typed`` sends each question as text instead (the web client's text box): the same
server and answer path without speech recognition, so that the answers' own accuracy can be told
apart from what mishearing costs. It is kept out of the "all" column, CER and voice-to-voice.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from assistant.bench.client import MicStream, TurnResult, text_turn, voice_turn
from assistant.bench.server import ServerProcess
from assistant.bench.speech import Clip, build_voices
from assistant.config import FAST_LLM, Settings
from assistant.errors import ConfigError
from assistant.eval.audio import VARIANTS, make_variant_clips
from assistant.eval.questions import EvalQuestion, load_questions
from assistant.eval.report import TYPED, TurnRecord, build_doc, render, write_doc
from assistant.eval.rules import Context, score
from assistant.eval.weather import FORECAST, OpenMeteoServer, weather_env

WARMUP_TEXT = "你好"


def select(questions: Sequence[EvalQuestion], *, quick: bool, only: str = "") -> list[EvalQuestion]:
    """The questions to ask: all, the ``quick`` subset, or those whose id or category is in ``only``."""
    wanted = {w.strip() for w in only.split(",") if w.strip()}
    chosen = [
        q
        for q in questions
        if (not quick or q.quick) and (not wanted or q.id in wanted or q.category in wanted)
    ]
    if not chosen:
        raise ConfigError(f"no eval question matches --only {only!r}")
    return chosen


def parse_variants(text: str, *, quick: bool) -> tuple[str, ...]:
    """The variants named in ``--variants`` (default: every audio variant; clean for ``--quick``)."""
    if not text:
        return ("clean",) if quick else VARIANTS
    chosen = tuple(dict.fromkeys(v.strip() for v in text.split(",") if v.strip()))
    known = (*VARIANTS, TYPED)
    unknown = [v for v in chosen if v not in known]
    if unknown or not chosen:
        raise ConfigError(
            f"unknown --variants {', '.join(unknown) or text!r}; choose from {', '.join(known)}"
        )
    return chosen


def speak(
    settings: Settings, questions: Sequence[EvalQuestion], variants: Sequence[str]
) -> dict[str, list[Clip]]:
    """The clips, made with the project's own voices (``index`` is the question's place in the full set)."""
    from assistant.model_store import open_model_store

    variants = [v for v in variants if v != TYPED]
    if not variants:
        return {}
    store = open_model_store(settings)
    for role in ("tts-zh", "tts-en"):
        store.ensure(role)
    indices = [zlib.crc32(q.id.encode()) for q in questions]  # stable: the same noise and shift every run
    return make_variant_clips(build_voices(store, settings), questions, variants, indices)


async def ask(url: str, clip: Clip, *, timeout_s: float) -> TurnResult:
    """One spoken question in a fresh session at the clip's own sample rate."""
    from assistant.client.conversation import Conversation

    q = clip.question
    try:
        conv = await Conversation.open(url, rate=clip.rate, language=q.language)
    except Exception as exc:  # refused, reset, timed out: this turn failed, the eval goes on
        return TurnResult(
            kind="eval",
            language=q.language,
            question=q.text,
            error=f"connect failed: {type(exc).__name__}: {exc}",
        )
    mic = MicStream(conv)
    mic.start()
    try:
        return await voice_turn(conv, mic, clip, kind="eval", timeout_s=timeout_s)
    finally:
        await mic.stop()
        try:
            await asyncio.wait_for(conv.close(), 10)
        except (TimeoutError, OSError):
            pass


async def ask_typed(url: str, question: EvalQuestion, *, timeout_s: float) -> TurnResult:
    """One typed question in a fresh session."""
    from assistant.client.conversation import Conversation

    try:
        conv = await Conversation.open(url, language=question.lang)
    except Exception as exc:  # refused, reset, timed out: this turn failed, the eval goes on
        return TurnResult(kind="eval", language=question.lang, question=question.text,
                          error=f"connect failed: {type(exc).__name__}: {exc}")
    try:
        return await text_turn(conv, question.text, language=question.lang, kind="eval", timeout_s=timeout_s)
    finally:
        with contextlib.suppress(TimeoutError, OSError):
            await asyncio.wait_for(conv.close(), 10)


async def _warmup(url: str, timeout_s: float) -> None:
    from assistant.client.conversation import Conversation

    conv = await Conversation.open(url, language="zh")
    try:
        await conv.send_json({"type": "text", "text": WARMUP_TEXT})
        await conv.wait_for("metrics", timeout=timeout_s)
    finally:
        await conv.close()


def context(question: EvalQuestion, now: datetime) -> Context:
    """What the answer is checked against: the clock, and the forecast when the question named a city."""
    return Context(now=now, forecast=FORECAST if "weather_from_source" in question.rules else None)


def _question_set(path: str) -> list[EvalQuestion]:
    """The project's own set, or a held-out set of the same format (``--questions``)."""
    return load_questions(Path(path)) if path else load_questions()


def rescore(path: Path) -> dict[str, Any]:
    """The figures of a saved run, scored again with today's rules and question set, each answer
    against the clock it was given at."""
    import json

    from assistant.bench.client import TurnResult

    doc = json.loads(path.read_text(encoding="utf-8"))
    questions = {q.id: q for q in _question_set(doc["meta"].get("question_file", ""))}
    records = []
    started = datetime.fromisoformat(doc["meta"]["started"])
    step = float(doc["meta"].get("total_s") or 0.0) / max(1, len(doc["turns"]))
    for i, t in enumerate(doc["turns"]):
        question = questions.get(t["id"])
        if question is None:
            continue  # a question dropped from the set since
        # runs saved before turns carried "at": spread the turns evenly over the run (about ±2 min)
        now = datetime.fromisoformat(t["at"]) if t.get("at") else started + timedelta(seconds=step * (i + 1))
        turn = TurnResult(
            kind="eval",
            language=t["lang"],
            question=t["question"],
            transcript=t["transcript"],
            reply_text=t["reply"],
            voice_to_voice_ms=t["voice_to_voice_ms"],
            error=t["error"],
        )
        records.append(
            TurnRecord(
                question=question,
                variant=t["variant"],
                turn=turn,
                at=now.isoformat(),
                verdict=score(question, t["reply"], context(question, now)),
            )
        )
    return build_doc(records, doc["meta"] | {"rescored_from": str(path)})


async def ask_all(
    url: str,
    questions: Sequence[EvalQuestion],
    variants: Sequence[str],
    clips: dict[str, list[Clip]],
    *,
    timeout_s: float,
    tick: Callable[[], None],
    done_variant: Callable[[list[TurnRecord]], None],
) -> list[TurnRecord]:
    await _warmup(url, timeout_s)
    records: list[TurnRecord] = []
    for variant in variants:
        for i, question in enumerate(questions):
            turn = (await ask_typed(url, question, timeout_s=timeout_s) if variant == TYPED
                    else await ask(url, clips[variant][i], timeout_s=timeout_s))
            now = datetime.now().astimezone()
            records.append(
                TurnRecord(
                    question=question,
                    variant=variant,
                    turn=turn,
                    at=now.isoformat(),
                    verdict=score(question, turn.reply_text, context(question, now)),
                )
            )
            tick()
        done_variant(records)
    return records


def _progress(total: int) -> Any:
    from tqdm import tqdm

    return tqdm(
        total=total,
        unit="turn",
        file=sys.stderr,
        dynamic_ncols=True,
        disable=None if sys.stderr.isatty() else False,
        mininterval=2.0,
    )


def _launch(server: ServerProcess, env: dict[str, str]) -> None:
    """Start ``server`` with ``env`` added to its environment (ours is left as it was)."""
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)  # the server subprocess inherits them
    try:
        server.launch()
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _through_server(
    settings: Settings, args: argparse.Namespace, questions: list[EvalQuestion], variants: tuple[str, ...],
    meta: dict[str, Any], json_path: Path,
) -> list[TurnRecord]:
    """Start the server (pointed at the local weather source), ask everything, stop it."""
    with tempfile.TemporaryDirectory(prefix="assistant-eval-") as tmp, OpenMeteoServer() as weather:
        server = ServerProcess(llm=meta["llm"], data_dir=Path(tmp) / "data", config=args.config or "")
        env = weather_env(settings, weather.url)
        meta["weather_source"] = (f"local Open-Meteo server ({weather.url})" if env
                                  else "none (this build has no tools.weather_url)")
        _launch(server, env)
        try:
            clips = speak(settings, questions, variants)  # while the server loads its models
            server.wait_ready()
            bar = _progress(len(questions) * len(variants))

            def partial(records: list[TurnRecord]) -> None:
                write_doc(json_path, build_doc(records, meta | {"partial": True}))

            try:
                timeout_s = 90.0 if meta["quick"] else 180.0
                return asyncio.run(ask_all(server.ws, questions, variants, clips, timeout_s=timeout_s,
                                           tick=lambda: bar.update(1), done_variant=partial))
            finally:
                bar.close()
        except BaseException:
            print(f"server log (tail):\n{server.log_tail()}", file=sys.stderr)
            raise
        finally:
            server.stop()


def run_eval(settings: Settings, args: argparse.Namespace) -> int:
    """The full eval; 0 when every turn got an answer (right or wrong), 1 otherwise."""
    if getattr(args, "mode", "") == "asr":
        from assistant.eval.asr import run_asr_eval

        return run_asr_eval(settings, args)
    if getattr(args, "mode", "") == "words":
        from assistant.eval.words import run_words_eval

        return run_words_eval(settings, args)
    if getattr(args, "mode", "") == "endpoint":
        from assistant.eval.endpoint import run_endpoint_eval

        return run_endpoint_eval(settings, args)
    if args.rescore:
        doc = rescore(Path(args.rescore))
        if args.json_out:
            write_doc(Path(args.json_out), doc)
        print(render(doc), flush=True)
        return 0
    started = time.monotonic()
    quick = bool(args.quick)
    question_file = getattr(args, "questions", "") or ""
    questions = select(_question_set(question_file), quick=quick, only=args.only)
    variants = parse_variants(args.variants, quick=quick)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    json_path = (Path(args.json_out) if args.json_out
                 else settings.path(settings.server.data_dir) / "eval" / f"eval-{stamp}.json")
    meta: dict[str, Any] = {"llm": args.llm or (FAST_LLM if quick else settings.models.llm), "quick": quick,
                            "variants": list(variants), "questions": len(questions),
                            "question_file": question_file,
                            "started": datetime.now().astimezone().isoformat(timespec="seconds")}
    records = _through_server(settings, args, questions, variants, meta, json_path)
    meta |= {"partial": False, "total_s": round(time.monotonic() - started, 1), "json": str(json_path)}
    doc = build_doc(records, meta)
    write_doc(json_path, doc)
    print(render(doc), flush=True)
    return 0 if all(r.turn.reply_text.strip() for r in records) else 1
