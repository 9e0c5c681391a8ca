"""``assistant bench --capacity``: how many elders one gateway serves with p95 voice-to-voice <= 2 s.

For N = 1, 2, 3, 4, 6, ... it runs the realistic load of :mod:`assistant.bench.load` (a question
every 15-30 s from each elder, one elder in four on the phone) against one real gateway for a
warm-up and a fixed measuring time, and reports per N the voice-to-voice p50/p95 measured at the
client, the turns without an answer and the CPU seconds per turn by stage, read from the server's
``/metrics`` (see :mod:`assistant.cputime`). It stops after the first N past the budget.

``--capacity-llm embedded`` (the default) measures the gateway with its in-process LLM;
``shared`` starts one ``assistant llm-server`` (llama.cpp's HTTP server, continuous batching over
``llm.n_parallel`` slots, at the embedded LLM's CPU priority) and points the gateway at it with
``llm.backends = ["llamacpp"]``, so that its CPU counts as the LLM's.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import IO, Any

import httpx
import psutil

from assistant.bench.load import QUESTIONS, LoadModel, plan_window, run_elders
from assistant.bench.report import P95_BUDGET_MS, stats, write_json
from assistant.bench.server import ServerProcess, free_port, process_cpu_s
from assistant.bench.server_log import stage_medians
from assistant.bench.speech import Clip, Question, build_voices, make_clips
from assistant.config import REPO_ROOT, Settings
from assistant.cputime import STAGES, parse_prometheus
from assistant.errors import ConfigError

DEFAULT_LEVELS = (1, 2, 3, 4, 6, 8, 10, 12, 16)
BUSY_FIELDS = ("user", "nice", "system", "irq", "softirq", "steal")
SERVER_ENV = {"ASSISTANT_PHONE__SILENCE_PROMPT_S": "600"}  # the pauses between questions are the load model's


def load_model(args: argparse.Namespace) -> LoadModel:
    try:
        low, high = (float(x) for x in str(args.interval).split(","))
    except ValueError as exc:
        raise ConfigError("--interval takes two numbers of seconds, e.g. 15,30") from exc
    if not 0 < low <= high or args.measure_s <= 0 or args.warmup_s < 0 or args.phone_every < 0:
        raise ConfigError("--interval, --measure-s, --warmup-s and --phone-every must be positive")
    return LoadModel(interval_s=(low, high), phone_every=int(args.phone_every), warmup_s=float(args.warmup_s),
                     measure_s=float(args.measure_s))


class LlmServerProcess:
    """``python -m assistant llm-server`` on a free port (the shared, batched LLM)."""

    def __init__(self, *, llm: str, slots: int, threads: int, nice: int, log_path: Path) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}/v1"
        self.cmd = [sys.executable, "-m", "assistant", "llm-server", "--llm", llm, "--port", str(self.port),
                    "--parallel", str(slots), "--threads", str(threads), "--nice", str(nice)]
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None
        self._launched = 0.0

    def launch(self) -> None:
        """Start the process (returns at once; see :meth:`wait_ready`)."""
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(self.cmd, cwd=REPO_ROOT, stdout=self._log, stderr=subprocess.STDOUT)
        self._launched = time.monotonic()

    def wait_ready(self, timeout_s: float = 300.0) -> None:
        assert self.process is not None, "launch() first"
        deadline = self._launched + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ConfigError(f"llm-server exited (code {self.process.returncode}):\n{self.log_tail()}")
            if "serving " in self.log_tail():  # said once every slot has cached the system prompt
                return
            time.sleep(0.5)
        raise ConfigError(f"llm-server was not ready after {timeout_s:.0f} s:\n{self.log_tail()}")

    def log_tail(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-2000:]

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self._log is not None:
            self._log.close()


def cpu_mark(http: str, server_pid: int, llm_pid: int | None) -> dict[str, float]:
    """Cumulative CPU seconds now: the gateway's stages (/metrics), the gateway, the llm-server."""
    mark = parse_prometheus(httpx.get(f"{http}/metrics", timeout=10.0).text)
    mark["gateway"] = process_cpu_s(server_pid)
    mark["llm_server"] = process_cpu_s(llm_pid) if llm_pid else 0.0
    own = psutil.Process().cpu_times()
    mark["bench"] = own.user + own.system
    busy = psutil.cpu_times()
    mark["machine"] = sum(getattr(busy, k, 0.0) for k in BUSY_FIELDS)
    mark["at"] = time.monotonic()
    return mark


def cpu_per_turn(before: dict[str, float], after: dict[str, float], turns: int) -> dict[str, Any]:
    """CPU seconds per turn by stage over the window; the llm-server's CPU counts as the LLM's."""
    keys = (*STAGES, "gateway", "llm_server", "bench", "machine", "at")
    d = {k: after.get(k, 0.0) - before.get(k, 0.0) for k in keys}
    stages = {s: d[s] for s in STAGES}
    stages["llm"] += d["llm_server"]
    other = max(0.0, d["gateway"] - sum(d[s] for s in STAGES))
    total = d["gateway"] + d["llm_server"]
    per = max(1, turns)
    capacity = max(1e-9, d["at"] * (os.cpu_count() or 1))
    others = max(0.0, d["machine"] - total - d["bench"])
    per_turn = {s: round(v / per, 2) for s, v in stages.items()}
    return {"per_turn_s": {**per_turn, "other": round(other / per, 2), "total": round(total / per, 2)},
            "window_s": round(d["at"], 1), "cpu_s": round(total, 1),
            "busy_share": round(total / capacity, 3),  # of all cores: the gateway and the llm-server
            "bench_client_share": round(d["bench"] / capacity, 3),
            "other_processes_share": round(others / capacity, 3)}


async def measure_level(http: str, ws: str, clips: list[Clip], model: LoadModel, *, level: int,
                        auth_token: str, pids: tuple[int, int | None],
                        server_log: Callable[[], str] | None = None) -> dict[str, Any]:
    window = plan_window(model)

    async def at_start() -> dict[str, float]:
        await asyncio.sleep(max(0.0, window.start - time.monotonic()))
        return await asyncio.to_thread(cpu_mark, http, *pids)

    start = asyncio.create_task(at_start())
    turns = await run_elders(ws, http, clips, model, level=level, auth_token=auth_token, window=window,
                             server_log=server_log)
    # The CPU is read again once the window's last answer has been spoken, not at the window's end: a
    # turn asked just before the end is still generating and speaking then, and its work is the turn's.
    end = await asyncio.to_thread(cpu_mark, http, *pids)
    return level_row(level, model, turns, cpu_per_turn(await start, end, len(turns)))


async def warm_gateway(ws: str, sessions: int, timeout_s: float = 300.0) -> float:
    """A typed 你好 from ``sessions`` sessions at once (not measured): every LLM slot then holds the
    gateway's real prompt prefix (with a shared server: its tool definitions too). Repeated until every
    session of a round is answered without an error, for ``timeout_s`` at most: on a slow CPU a cold
    prompt can outlast the gateway's first-token timeout while the shared server goes on with it."""
    from assistant.client.conversation import Conversation

    async def one() -> bool:
        conv = await Conversation.open(ws, language="zh")
        try:
            await conv.send_json({"type": "text", "text": "你好"})
            await conv.wait_for("metrics", timeout=timeout_s)
            return not conv.errors
        finally:
            await conv.close()

    started = time.monotonic()
    while not all(await asyncio.gather(*(one() for _ in range(sessions)))):
        if time.monotonic() - started > timeout_s:
            break  # the measured turns show what is wrong
    return round(time.monotonic() - started, 1)


def level_row(level: int, model: LoadModel, turns: list[Any], cpu: dict[str, Any]) -> dict[str, Any]:
    ok = [t for t in turns if t.ok]
    v2v = stats(t.voice_to_voice_ms for t in ok)
    phone = stats(t.voice_to_voice_ms for t in ok if t.kind == "phone")
    return {"level": level, "phone_sessions": sum(model.is_phone(i) for i in range(level)),
            "turns": len(turns), "answered": len(ok), "unanswered": len(turns) - len(ok),
            "v2v_p50_ms": v2v["p50"], "v2v_p95_ms": v2v["p95"], "v2v_max_ms": v2v["max"],
            "phone_v2v_p50_ms": phone["p50"], "underruns": sum(t.underruns for t in ok),
            # the gateway's own stage medians, app and phone apart (phone: from its log)
            "stages_p50_ms": {"app": stage_medians(t for t in ok if t.kind != "phone"),
                              "phone": stage_medians(t for t in ok if t.kind == "phone")},
            "cpu": cpu, "errors": sorted({t.error for t in turns if t.error})[:5],
            "turn_list": [t.as_dict() for t in turns]}


def within(row: dict[str, Any]) -> bool:
    p95 = row["v2v_p95_ms"]
    return p95 is not None and p95 <= P95_BUDGET_MS and row["unanswered"] == 0 and row["turns"] > 0


def _clips(settings: Settings) -> list[Clip]:
    from assistant.model_store import open_model_store

    store = open_model_store(settings)
    for role in ("tts-zh", "tts-en"):
        store.ensure(role)
    return make_clips(build_voices(store, settings), [Question(text=t, language="zh") for t in QUESTIONS])


def _levels(args: argparse.Namespace) -> tuple[int, ...]:
    levels = tuple(sorted({int(x) for x in str(args.concurrency or "").split(",") if x.strip()}))
    if any(n < 1 for n in levels):
        raise ConfigError("--concurrency takes positive levels, e.g. 1,2,3,4")
    return levels or DEFAULT_LEVELS


def _gateway(settings: Settings, args: argparse.Namespace, tmp: Path,
             shared: LlmServerProcess | None) -> ServerProcess:
    env = dict(SERVER_ENV)
    if shared is not None:
        # The shared server is this deployment's only LLM, not a cloud backend to fail over from
        # quickly: a slow first token is measured as latency, not cut off after 4 s as a failure.
        env.update({"ASSISTANT_LLM__BACKENDS": "llamacpp", "ASSISTANT_LLM__BASE_URL": shared.base_url,
                    "ASSISTANT_LLM__MODEL": args.llm or settings.models.llm,
                    "ASSISTANT_LLM__FIRST_TOKEN_TIMEOUT_S": "20"})
    return ServerProcess(llm=args.llm or settings.models.llm, data_dir=tmp / "data",
                         config=args.config or "", env=env)


def _measure_all(settings: Settings, args: argparse.Namespace, model: LoadModel,
                 levels: tuple[int, ...], logs: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Start the server(s), measure each level, stop; the servers' logs are copied to ``logs``.*."""
    rows: list[dict[str, Any]] = []
    info: dict[str, Any] = {}
    token = os.environ.get(settings.phone.twilio_auth_token_env, "")
    with tempfile.TemporaryDirectory(prefix="assistant-capacity-") as name:
        tmp = Path(name)
        shared = None
        if args.capacity_llm == "shared":
            shared = LlmServerProcess(llm=args.llm or settings.models.llm, slots=settings.llm.n_parallel,
                                      threads=settings.llm.threads, nice=settings.llm.nice,
                                      log_path=tmp / "llm-server.log")
        server = _gateway(settings, args, tmp, shared)
        try:
            if shared is not None:  # it loads its model while the gateway loads the others
                shared.launch()
                info["llm_server"] = " ".join(shared.cmd[1:])
            server.launch()
            clips = _clips(settings)  # while the gateway loads its models
            if shared is not None:
                shared.wait_ready()
            server.wait_ready()
            info["server_startup_s"] = round(server.startup_s, 1)
            info["warm_gateway_s"] = asyncio.run(warm_gateway(server.ws, settings.llm.n_parallel))
            pids = (server.process.pid if server.process else 0,
                    shared.process.pid if shared is not None and shared.process else None)
            for level in levels:
                print(f"N={level}: {model.warmup_s:.0f} s warm-up, {model.measure_s:.0f} s measured ...",
                      file=sys.stderr, flush=True)
                rows.append(asyncio.run(measure_level(server.http, server.ws, clips, model, level=level,
                                                      auth_token=token, pids=pids,
                                                      server_log=server.log_text)))
                print(render_row(rows[-1]), file=sys.stderr, flush=True)
                if not within(rows[-1]) and not args.all_levels:
                    break
            info["peak_server_rss_mb"] = server.memory.report()["peak_rss_mb"] if server.memory else None
        except BaseException:
            print(f"server log (tail):\n{server.log_tail()}", file=sys.stderr)
            raise
        finally:
            server.stop()
            if shared is not None:
                shared.stop()
            logs.parent.mkdir(parents=True, exist_ok=True)
            for source in (server.log_path, tmp / "llm-server.log"):
                if source.is_file():
                    shutil.copyfile(source, logs.with_suffix(f".{source.stem}.log"))
    return rows, info


def run_capacity(settings: Settings, args: argparse.Namespace) -> int:
    """Run the capacity bench; 0 if some turn was answered at every level, else 1."""
    started = time.monotonic()
    model, levels = load_model(args), _levels(args)
    llm = args.llm or settings.models.llm
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    json_path = Path(args.json_out) if args.json_out else (
        settings.path(settings.server.data_dir) / "bench" / f"capacity-{args.capacity_llm}-{stamp}.json")
    rows, info = _measure_all(settings, args, model, levels, json_path)
    fit = [r["level"] for r in rows if within(r)]
    doc = {"meta": {"kind": "capacity", "llm": llm, "llm_mode": args.capacity_llm,
                    "date": datetime.now().astimezone().isoformat(timespec="seconds"), "cpus": os.cpu_count(),
                    "load_model": {"interval_s": list(model.interval_s), "phone_every": model.phone_every,
                                   "warmup_s": model.warmup_s, "measure_s": model.measure_s,
                                   "turn_timeout_s": model.turn_timeout_s, "questions": list(QUESTIONS)},
                    "settings": {"llm_n_parallel": settings.llm.n_parallel,
                                 "llm_threads": settings.llm.threads, "llm_nice": settings.llm.nice,
                                 "asr_threads": settings.asr.threads},
                    **info, "total_s": round(time.monotonic() - started, 1), "json": str(json_path)},
           "levels": rows, "max_level_p95_within_budget": max(fit, default=0), "budget_ms": P95_BUDGET_MS}
    write_json(json_path, doc)
    print(render_capacity(doc), flush=True)
    return 0 if rows and all(r["answered"] > 0 for r in rows) else 1


def render_row(row: dict[str, Any]) -> str:
    cpu = row["cpu"]["per_turn_s"]
    stages = " ".join(f"{k} {cpu[k]:.2f}" for k in (*STAGES, "other", "total"))
    return (f"  {row['level']:3d}  {row['phone_sessions']:5d}  {row['turns']:5d}  {row['unanswered']:10d}  "
            f"{_ms(row['v2v_p50_ms'])}  {_ms(row['v2v_p95_ms'])}  {_ms(row['phone_v2v_p50_ms'])}  "
            f"{100 * row['cpu']['busy_share']:4.0f}%  {stages}{_others(row['cpu'])}")


def render_stages(row: dict[str, Any]) -> str:
    """The gateway's stage medians, app | phone (ms), under a level's row."""
    stages = row.get("stages_p50_ms") or {}
    app, phone = stages.get("app", {}), stages.get("phone", {})
    names = {"vad_ms": "end of speech", "asr_ms": "asr", "llm_first_token_ms": "llm first token",
             "tts_first_audio_ms": "tts first audio", "endpoint_to_audio_ms": "endpoint to audio"}
    return "        server p50 ms, app | phone: " + ", ".join(
        f"{name} {_short(app.get(key))} | {_short(phone.get(key))}" for key, name in names.items())


def _short(value: float | None) -> str:
    return f"{value:.0f}" if isinstance(value, int | float) else "-"


def _others(cpu: dict[str, Any]) -> str:
    share = cpu.get("other_processes_share") or 0.0
    return f"  (other processes: {100 * share:.0f}% of the CPU, figures skewed)" if share > 0.15 else ""


def _ms(value: float | None) -> str:
    return f"{value:6.0f}" if isinstance(value, int | float) else "     -"


def render_capacity(doc: dict[str, Any]) -> str:
    meta = doc["meta"]
    lm = meta["load_model"]
    out = [f"assistant bench --capacity: {meta['llm']}, LLM {meta['llm_mode']}, {meta['cpus']} CPU cores, "
           f"{meta['date']}",
           f"each elder asks every {lm['interval_s'][0]:.0f}-{lm['interval_s'][1]:.0f} s; one in "
           f"{lm['phone_every']} on the phone; {lm['warmup_s']:.0f} s warm-up, "
           f"{lm['measure_s']:.0f} s measured per N",
           "",
           "    N  phone  turns  unanswered  p50 ms  p95 ms  phone50  CPU   CPU s per turn by stage",
           *(line for r in doc["levels"] for line in (render_row(r), render_stages(r))), "",
           f"largest N with p95 <= {doc['budget_ms'] / 1000:.0f} s and every turn answered: "
           f"{doc['max_level_p95_within_budget']}",
           f"total {meta['total_s']} s; JSON {meta['json']}"]
    return "\n".join(out)
