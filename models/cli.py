"""``assistant models status|prepare``: the command-line side of the model store.

Both functions print to stdout/stderr and return a process exit code; ``assistant/__main__.py`` wires them.
"""

from __future__ import annotations

import dataclasses
import json
import sys

from models.errors import ModelStoreError
from models.store import ModelStore, RoleStatus

_JSON_FIELDS = ("role", "model", "source", "size_bytes", "present", "verified", "licence", "problem",
                "default", "path")


def _state(row: RoleStatus) -> str:
    if row.problem:
        return "MISSING" if not row.present else "CORRUPT"
    return "ok" if row.verified else "ok (unchecked)"


def _size(n: int) -> str:
    return f"{n / 1e9:.2f} GB" if n >= 1e9 else f"{n / 1e6:.1f} MB"


def cmd_status(store: ModelStore, as_json: bool, *, deep: bool = False) -> int:
    """Print one line (or JSON object) per model; exit 1 when a default model is not ready."""
    rows = store.status(deep=deep)
    if as_json:
        print(json.dumps([{k: dataclasses.asdict(r)[k] for k in _JSON_FIELDS} for r in rows],
                         ensure_ascii=False, indent=2))
    else:
        table = [("ROLE", "MODEL", "SIZE", "STATE", "LICENCE", "SOURCE")]
        table += [(r.role + ("" if r.default else " (extra)"), r.model, _size(r.size_bytes), _state(r),
                   r.licence, r.source) for r in rows]
        widths = [max(len(line[i]) for line in table) for i in range(5)]
        for line in table:
            print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=False)) + "  " + line[5])
        for r in rows:
            if r.problem:
                print(f"\n{r.problem}")
        print(f"\nstore: {store.store_dir}")
    return 1 if any(r.problem and r.default for r in rows) else 0


def cmd_prepare(store: ModelStore, *, progress: bool = True, deep: bool = False) -> int:
    """Assemble and verify every model; exit 1 with the reason when something cannot be prepared."""
    try:
        report = store.prepare(progress=progress, deep=deep)
    except ModelStoreError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0
