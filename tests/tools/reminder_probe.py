"""Runs ``reminder_probe.tsv`` through the session's own path, with the clock fixed to the probe's "now".

The path is the one :func:`assistant.pipeline.tooling.plan_text_turn` takes for a typed or heard
sentence: the misheard-words check (:func:`assistant.pipeline.hearing.review`; an ask-back there saves
nothing), then the router, then the reminders tool through the registry, against a fresh SQLite
database per utterance that holds the seeded reminders the probe's header names.

``PYTHONPATH=$PWD python3 tests/tools/reminder_probe.py`` prints the accuracy per action and the
failures.
"""

from __future__ import annotations

import asyncio
import re
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from assistant.pipeline.hearing import review
from assistant.storage.db import Database, DatabaseThread
from assistant.storage.reminders import NewReminder, Reminder, ReminderStore
from assistant.tools.base import ToolContext
from assistant.tools.registry import ToolRegistry
from assistant.tools.reminders import RemindersTool
from assistant.tools.router import route

PROBE = Path(__file__).with_name("reminder_probe.tsv")
ZONE = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 1, 10, 0, tzinfo=ZONE)  # a Tuesday
USER = "奶奶"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# (text, first due, repeat, weekday): the reminders a user already has when a row is run
SEED_ZH = (
    ("泡脚", datetime(2026, 12, 1, 21, 0, tzinfo=ZONE), "daily", None),
    ("吃降压药", datetime(2026, 12, 2, 8, 0, tzinfo=ZONE), "daily", None),
    ("量血压", datetime(2026, 12, 7, 9, 0, tzinfo=ZONE), "weekly", 0),
    ("喝水", datetime(2026, 12, 1, 15, 0, tzinfo=ZONE), "daily", None),
    ("起床", datetime(2026, 12, 2, 7, 0, tzinfo=ZONE), "once", None),
    ("去医院复查", datetime(2026, 12, 9, 9, 0, tzinfo=ZONE), "once", None),
)
SEED_EN = (
    ("take my pills", datetime(2026, 12, 1, 20, 0, tzinfo=ZONE), "once", None),
    ("drink water", datetime(2026, 12, 1, 10, 30, tzinfo=ZONE), "daily", None),
    ("water the plants", datetime(2026, 12, 7, 9, 0, tzinfo=ZONE), "weekly", 0),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Row:
    text: str
    action: str  # set | change | list | cancel | ask
    due: str
    repeat: str
    task: tuple[str, ...]

    @property
    def language(self) -> str:
        return "en" if self.text.isascii() else "zh"


@dataclass(frozen=True, slots=True, kw_only=True)
class Outcome:
    row: Row
    action: str  # what happened: set | change | list | cancel | ask | none (no tool: the LLM would answer)
    detail: str  # what was saved or cancelled, or what was said
    ok: bool


def load(path: Path = PROBE) -> list[Row]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, action, due, repeat, task = line.split("\t")
        words = () if task == "-" else tuple(task.split("|"))
        rows.append(Row(text=text, action=action, due=due, repeat=repeat, task=words))
    return rows


def _repeat(repeat: str, weekday: int | None) -> str:
    if repeat == "weekly" and weekday is not None:
        return f"weekly:{WEEKDAYS[weekday]}"
    return "none" if repeat == "once" else repeat


def seeded_database(path: Path, language: str) -> Path:
    """A new database at ``path`` holding the seed of ``language``'s rows (its user 奶奶 and reminders)."""
    with Database(path) as db:
        store = ReminderStore(db)
        user_id = db.ensure_user(USER).id
        for text, due, repeat, weekday in SEED_EN if language == "en" else SEED_ZH:
            store.add(NewReminder(user_id=user_id, text=text, due=due, repeat=repeat, weekday=weekday))
    return path


async def run_row(row: Row, database: Path) -> Outcome:
    """One utterance on ``database``: a fresh copy of :func:`seeded_database` for the row's language."""
    hearing = review(row.text, language=row.language)
    if hearing.ask:
        return Outcome(row=row, action="ask", detail=f"hearing: {hearing.text}", ok=row.action == "ask")
    call = route(hearing.text)
    if call is None or call.name != "reminders":
        return Outcome(row=row, action="none", detail=f"routed to {call.name if call else 'the LLM'}",
                       ok=False)
    dbt = DatabaseThread(Database(database))
    try:
        user = await dbt.run(dbt.db.ensure_user, USER)
        before = {r.id: r for r in await dbt.run(ReminderStore(dbt.db).list_active, user.id)}
        ctx = ToolContext(user_key=str(user.id), now=NOW, language=row.language)
        result = await ToolRegistry([RemindersTool(dbt)]).call("reminders", call.args, ctx)
        after = {r.id: r for r in await dbt.run(ReminderStore(dbt.db).list_active, user.id)}
    finally:
        await dbt.aclose()
    added = [r for i, r in after.items() if i not in before or r != before[i]]
    removed = [r for i, r in before.items() if i not in after or r != after[i]]
    if added:
        return _saved(row, added, removed, result.text)
    if removed:
        gone = sorted(r.text for r in removed)
        ok = row.action == "cancel" and gone == sorted(row.task)
        return Outcome(row=row, action="cancel", detail=f"{gone}: {result.text}", ok=ok)
    action = "list" if call.args.get("action") == "list" and result.ok else "ask"
    ok = row.action == action and (action != "list" or _lists_the_day(row, result.text))
    if action == "ask" and row.due != "-":  # the ask-back must offer this time for a yes
        offered = (result.data.get("confirm") or {}).get("due", "")
        ok = ok and offered[:16] == row.due
        detail = f"offers {offered[:16] or 'no time'}: {result.text}"
        return Outcome(row=row, action=action, detail=detail, ok=ok)
    return Outcome(row=row, action=action, detail=result.text, ok=ok)


def _saved(row: Row, added: list[Reminder], removed: list[Reminder], said: str) -> Outcome:
    """A reminder saved: "set" when nothing else went, "change" when one seeded reminder was moved (the
    old one removed or rewritten, its text kept)."""
    new = added[0]
    due = new.due_local().replace(tzinfo=None).isoformat(timespec="minutes")
    repeat = _repeat(new.repeat, new.weekday)
    action = "change" if removed else "set"
    gone = sorted(r.text for r in removed)
    detail = f"{due} {repeat} {new.text!r}" + (f" for {gone}" if removed else "") + f": {said}"
    ok = (row.action == action and len(added) == 1 and due == row.due and repeat == row.repeat
          and all(w.lower() in new.text.lower() for w in row.task)
          and (action == "set" or gone == sorted(row.task)))
    return Outcome(row=row, action=action, detail=detail, ok=ok)


def _lists_the_day(row: Row, said: str) -> bool:
    """A listing names the seeded reminders the row expects and no other seeded one; one it leaves out
    must be counted ("还有1个", "and 1 more"). A row with no task ("-") is not checked."""
    if not row.task:
        return True
    seeds = [text for text, *_ in (SEED_EN if row.language == "en" else SEED_ZH)]
    named = {s for s in seeds if s.replace("my ", "your ") in said or s in said}
    left = re.search(r"还有(\d+)个|and (\d+) more", said)
    more = int(next(g for g in left.groups() if g)) if left else 0
    expected = set(row.task)
    return named <= expected and len(expected - named) == more


async def run_probe(path: Path = PROBE) -> list[Outcome]:
    """Each row on its own copy of the seeded database (seeded once per language: creating and seeding a
    database takes a tenth of a second, mostly its commits; copying the file, a millisecond)."""
    outcomes = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seeded = {language: seeded_database(folder / f"seed-{language}.db", language)
                  for language in ("zh", "en")}
        for row in load(path):
            database = folder / "row.db"
            shutil.copyfile(seeded[row.language], database)
            outcomes.append(await run_row(row, database))
            database.unlink()
    return outcomes


def report(outcomes: list[Outcome]) -> str:
    total, right = Counter[str](), Counter[str]()
    for o in outcomes:
        total[o.row.action] += 1
        right[o.row.action] += o.ok
    lines = [f"{a:6} {right[a]:3}/{total[a]:<3} {right[a] / total[a]:.2f}" for a in sorted(total)]
    hits = sum(right.values())
    lines.append(f"all    {hits:3}/{len(outcomes):<3} {hits / len(outcomes):.2f}")
    for o in outcomes:
        if not o.ok:
            expected = " ".join((o.row.action, o.row.due, o.row.repeat, "|".join(o.row.task)))
            lines.append(f"FAIL {o.row.text!r}: expected {expected}; got {o.action}: {o.detail}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(asyncio.run(run_probe(Path(sys.argv[1]) if len(sys.argv) > 1 else PROBE))))
