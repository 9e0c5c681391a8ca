"""The command-line flags of ``assistant bench --capacity`` (kept light: parsed on every command)."""

from __future__ import annotations

import argparse


def add_arguments(bench: argparse.ArgumentParser) -> None:
    bench.add_argument("--capacity", action="store_true",
                       help="elders asking every 15-30 s; the largest N with p95 <= 2 s (--concurrency: N)")
    bench.add_argument("--capacity-llm", choices=("embedded", "shared"), default="embedded",
                       help="the gateway's own LLM, or one shared batched llm-server process")
    bench.add_argument("--measure-s", type=float, default=90.0, help="measuring time per N")
    bench.add_argument("--warmup-s", type=float, default=20.0, help="warm-up per N (not measured)")
    bench.add_argument("--interval", default="15,30", help="seconds between one elder's questions")
    bench.add_argument("--phone-every", type=int, default=4, help="one elder in this many calls in (0: none)")
    bench.add_argument("--all-levels", action="store_true", help="go on past the first N over the budget")
