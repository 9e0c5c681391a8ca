"""Reminders by voice: set ("明天早上八点提醒我吃降压药"), list ("我有哪些提醒？") and cancel
("取消泡脚的提醒"). Delivery at the right time belongs to the scheduler (another module).

A time that is missing or does not make sense saves nothing and asks back, with a best guess when
there is one ("您是说明天早上8点吗？"); the guess comes back in ``data["confirm"]`` so that a "是的"
in the next turn can store it (:mod:`assistant.pipeline.tooling` does).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from assistant.errors import StorageError
from assistant.storage.db import DatabaseThread
from assistant.storage.profile import resolve_user_id
from assistant.storage.reminders import NewReminder, Reminder, ReminderStore
from assistant.tools.base import ToolContext, ToolError, ToolResult, ToolSpec, zh
from assistant.tools.clock import MONTHS_EN, WEEKDAYS_EN, WEEKDAYS_ZH, period_zh, time_en
from assistant.tools.reminder_change import moved, split_change
from assistant.tools.reminder_match import due_on, listing_asked, matching, read_request
from assistant.tools.reminder_words import task_of, unsupported, without_done_clauses, you
from assistant.tools.when import Unclear, parse_when

_CLOCK = frozenset({"date", "time"})  # the times spoken are worked out from the server's clock
# a reminder was stored, changed, cancelled or read out: a reply may say it will remind her (the honesty
# guard's broken promises, assistant.pipeline.honesty_promise, need the "reminder" kind grounded)
_DONE = _CLOCK | {"reminder"}
_ALL = re.compile(r"全部|所有|都|\ball\b|\bevery reminder", re.IGNORECASE)


def describe_time(due: datetime, now: datetime, repeat: str, weekday: int | None, language: str) -> str:
    """``明天早上8点`` / ``每天晚上9点半`` / ``每周一上午10点半`` / ``12月9日星期三下午4点``."""
    if language == "en":
        clock = time_en(due)
        if repeat == "daily":
            return f"every day at {clock}"
        if repeat == "weekly" and weekday is not None:
            return f"every {WEEKDAYS_EN[weekday]} at {clock}"
        days = (due.date() - now.date()).days
        return {0: "today", 1: "tomorrow"}.get(days, f"on {_day_en(due.date())}") + f" at {clock}"
    hour12 = due.hour % 12 or 12
    if due.hour == 0:
        hour12 = 0
    minute = "" if due.minute == 0 else ("半" if due.minute == 30 else f"{due.minute}分")
    clock = f"{period_zh(due.hour)}{hour12}点{minute}"
    if repeat == "daily":
        return f"每天{clock}"
    if repeat == "weekly" and weekday is not None:
        return f"每{WEEKDAYS_ZH[weekday].replace('星期', '周')}{clock}"
    days = (due.date() - now.date()).days
    day = {0: "今天", 1: "明天", 2: "后天"}.get(days, f"{due.month}月{due.day}日{WEEKDAYS_ZH[due.weekday()]}")
    return day + clock


def day_words(day: date, now: datetime) -> tuple[str, str]:
    """A listed day as said: ("明天", " tomorrow"), ("12月9日星期三", " on Wednesday, December 9")."""
    days = (day - now.date()).days
    weekday = day.weekday()
    chinese = {0: "今天", 1: "明天", 2: "后天"}.get(days, f"{day.month}月{day.day}日{WEEKDAYS_ZH[weekday]}")
    english = {0: " today", 1: " tomorrow"}.get(days, f" on {_day_en(day)}")
    return chinese, english


def _to(task: str) -> str:
    """"to call your son", but "about the doctor's appointment" (said "remind me about ...")."""
    return task if re.match(r"(?:about|of)\b", task, re.IGNORECASE) else f"to {task}"


def _day_en(day: date) -> str:
    """"Friday, December 4": the month by name ("12/4" is the 12th of April to many English speakers)."""
    return f"{WEEKDAYS_EN[day.weekday()]}, {MONTHS_EN[day.month - 1]} {day.day}"


def _from_now(span: timedelta, language: str) -> str:
    """"10分钟后" / "in 10 minutes" for a reminder due within two hours, else ""."""
    minutes = round(span.total_seconds() / 60)
    if not 0 < minutes <= 120:
        return ""
    hours, rest = divmod(minutes, 60)
    if language == "en":
        parts = [f"{hours} hour{'s' if hours > 1 else ''}"] if hours else []
        parts += [f"{rest} minute{'s' if rest > 1 else ''}"] if rest else []
        return "in " + " and ".join(parts)
    if hours and rest == 30:
        return f"{hours}个半小时后"
    return (f"{hours}个小时" if hours else "") + (f"{rest}分钟" if rest else "") + "后"


class RemindersTool:
    spec = ToolSpec(
        name="reminders",
        description="设置、查看和取消提醒。Set, list or cancel the user's reminders.",
        parameters={
            "type": "object",
            "properties": {
                "action": {"type": "string", "enum": ["set", "list", "cancel", "change"]},
                "request": {
                    "type": "string",
                    "description": "set: 用户的原话，含时间和事情，如“明天早上八点提醒我吃降压药”；"
                    "cancel: 要取消的提醒的内容，如“泡脚”；list: 可选，问的是哪天的提醒，如“明天”；"
                    "change: 用户的原话，如“把吃药的提醒改到九点”",
                },
                "due": {"type": "string", "description": "可选：ISO 8601 时间，如 2026-12-01T08:00"},
                "repeat": {"type": "string", "enum": ["once", "daily", "weekly"]},
                "task": {"type": "string", "description": "可选：要提醒的事情，如“吃降压药”"},
            },
            "required": ["action"],
        },
        timeout_s=3.0,
    )

    def __init__(self, database: DatabaseThread) -> None:
        self._dbt = database
        self._store = ReminderStore(database.db)

    async def run(self, args: Mapping[str, Any], ctx: ToolContext) -> ToolResult:
        action = str(args.get("action") or "set")
        try:
            user_id = await self._dbt.run(resolve_user_id, self._dbt.db, ctx.user_key)
            if action == "list":
                active = await self._dbt.run(self._store.list_active, user_id)
                return self._listed(active, ctx, str(args.get("request") or ""))
            if action == "cancel":
                return await self._cancel(user_id, str(args.get("request") or ""), ctx)
            if action == "change":
                return await self._change(user_id, str(args.get("request") or ""), ctx)
            return await self._set(user_id, args, ctx)
        except StorageError as exc:
            raise ToolError(f"reminders: {exc.message}") from exc

    async def _set(self, user_id: int, args: Mapping[str, Any], ctx: ToolContext) -> ToolResult:
        said = str(args.get("request") or "")
        if not args.get("due") and (cannot := unsupported(said, ctx.language)):
            return ToolResult(text=cannot, data={"saved": False}, ok=False)
        if args.get("due"):
            try:
                due = datetime.fromisoformat(str(args["due"]))
            except ValueError:
                return self._ask(None, ctx)
            due = due.replace(tzinfo=ctx.now.tzinfo) if due.tzinfo is None else due.astimezone(ctx.now.tzinfo)
            repeat = str(args.get("repeat") or "once")
            weekday = due.weekday() if repeat == "weekly" else None
            task = str(args.get("task") or "") or task_of(parse_rest(said, ctx.now))
        else:
            parsed = parse_when(said, ctx.now)
            if parsed is None or isinstance(parsed, Unclear):
                guess = parsed.guess if isinstance(parsed, Unclear) else None
                rest = parsed.rest if isinstance(parsed, Unclear) else said
                return self._ask(
                    guess,
                    ctx,
                    repeat=parsed.repeat if parsed else "once",
                    weekday=parsed.weekday if parsed else None,
                    task=task_of(rest),
                    which_day=isinstance(parsed, Unclear) and parsed.day_unclear,
                    on=parsed.on if isinstance(parsed, Unclear) else None,
                )
            due, repeat, weekday, task = parsed.due, parsed.repeat, parsed.weekday, task_of(parsed.rest)
        if due <= ctx.now - timedelta(minutes=1) and repeat == "once":
            return self._ask(None, ctx, task=task)
        if not task:
            return ToolResult(
                text=zh(ctx, "您想让我提醒您做什么？", "What should I remind you to do?"),
                data={"saved": False},
                ok=False,
            )
        new = NewReminder(
            user_id=user_id, text=task, due=due, repeat=repeat, weekday=weekday, source_text=said
        )
        try:
            saved = await self._dbt.run(self._store.add, new)
        except ValueError:
            return self._ask(None, ctx, task=task)
        when = describe_time(due, ctx.now, repeat, weekday, ctx.language)
        soon = _from_now(due - ctx.now, ctx.language) if repeat == "once" else ""
        if soon:  # "10分钟后，也就是今天上午8点14分": the span the elder said, and the clock time
            when = f"{soon}，也就是{when}，" if ctx.language != "en" else f"{soon} ({when})"
        text = zh(
            ctx,
            f"好的，{when}提醒您{you(task, 'zh')}。",
            f"OK, I'll remind you {_to(you(task, 'en'))} {when.removesuffix('.')}.",  # not "8 a.m.."
        )
        return ToolResult(
            text=text,
            data={"saved": True, "id": saved.id, "due": due.isoformat(), "repeat": repeat, "task": task},
            grounded=_DONE,
        )

    def _ask(
        self,
        guess: datetime | None,
        ctx: ToolContext,
        *,
        repeat: str = "once",
        weekday: int | None = None,
        task: str = "",
        which_day: bool = False,
        on: date | None = None,
    ) -> ToolResult:
        """Nothing is saved: ask back, with the likely time when there is one."""
        if guess is None and on is not None:  # "明天三十点": the day is known, the hour is not
            zh_day, en_day = day_words(on, ctx.now)
            text = zh(ctx, f"您想让我{zh_day}几点提醒您？", f"What time{en_day} should I remind you?")
            return ToolResult(text=text, data={"saved": False}, ok=False)
        if guess is None and which_day:  # "月底", "这周末", "二月三十号"
            text = zh(ctx, "您想让我哪一天、几点提醒您？", "Which day and what time should I remind you?")
            return ToolResult(text=text, data={"saved": False}, ok=False)
        if guess is None:
            text = zh(
                ctx,
                "您想让我几点提醒您？比如明天早上八点？",
                "When should I remind you? Please say the time, for example tomorrow at 8 a.m.",
            )
            return ToolResult(text=text, data={"saved": False}, ok=False)
        when = describe_time(guess, ctx.now, repeat, weekday, ctx.language)
        soon = _from_now(guess - ctx.now, ctx.language) if repeat == "once" else ""
        if soon:  # "一会儿": "您是说10分钟后，也就是今天上午10点10分吗？"
            when = f"{soon}，也就是{when}" if ctx.language != "en" else f"{soon} ({when})"
        confirm = {"action": "set", "due": guess.isoformat(), "repeat": repeat, "task": task}
        return ToolResult(
            text=zh(ctx, f"您是说{when}吗？", f"Do you mean {when}?"),
            data={"saved": False, "confirm": confirm if task else None},
            ok=False,
        )

    def _listed(self, reminders: list[Reminder], ctx: ToolContext, said: str = "") -> ToolResult:
        """All reminders, or those of the day asked ("我明天有什么提醒")."""
        asked = listing_asked(said, ctx.now) if said else None
        zh_day = en_day = ""
        if asked is not None:
            reminders = sorted(due_on(reminders, *asked), key=lambda r: r.due_local().time())
            if asked[1] is not None:
                zh_day, en_day = day_words(asked[1], ctx.now)
        if not reminders:
            return ToolResult(
                text=zh(ctx, f"您{zh_day or '现在'}没有提醒。", f"You have no reminders{en_day}."),
                data={"reminders": []}, grounded=_CLOCK if zh_day else frozenset(),
            )
        items = [
            (describe_time(r.due_local(), ctx.now, r.repeat, r.weekday, ctx.language), r.text)
            for r in reminders
        ]
        data = {
            "reminders": [
                {"id": r.id, "text": r.text, "due": r.due_local().isoformat(), "repeat": r.repeat}
                for r in reminders
            ]
        }
        if ctx.language == "en":
            text = (
                f"You have {len(items)} reminder{'s' if len(items) > 1 else ''}{en_day}: "
                + "; ".join(f"{you(what, 'en')} {when}" for when, what in items[:5]).removesuffix(".")
                + (f"; and {len(items) - 5} more." if len(items) > 5 else ".")
            )
        else:
            text = (
                f"您{zh_day}有{len(items)}个提醒："
                + "；".join(f"{when}，{you(what, 'zh')}" for when, what in items[:5])
                + (f"；还有{len(items) - 5}个。" if len(items) > 5 else "。")
            )
        return ToolResult(text=text, data=data, grounded=_DONE)

    async def _cancel(self, user_id: int, said: str, ctx: ToolContext) -> ToolResult:
        said = without_done_clauses(said)  # "…，我已经去过了": why, not which
        active = await self._dbt.run(self._store.list_active, user_id)
        targets = matching(active, said, ctx.now, one_off_first=True)
        if not targets and _ALL.search(said) and not read_request(said, ctx.now).words:
            targets = active  # "把提醒全删了"
        if len(targets) > 1 and read_request(said, ctx.now).words and not _ALL.search(said):
            return self._which(targets, ctx)  # "the water reminder": drink water, or water the plants?
        if not targets:
            what = read_request(said, ctx.now).words
            text = zh(
                ctx,
                "您现在没有提醒。" if not active
                else f"您没有{what}的提醒。" if what else "您要取消哪个提醒？",
                "You have no reminders." if not active else f"You have no reminder about {what}." if what
                else "Which reminder should I cancel?",
            )
            return ToolResult(text=text, data={"cancelled": []}, ok=False)
        for reminder in targets:
            await self._dbt.run(self._store.cancel, user_id, reminder.id)
        names = "、".join(you(r.text, "zh") for r in targets)
        english = "; ".join(you(r.text, "en") for r in targets)
        english = f"the reminder to {english}" if len(targets) == 1 else (
            f"{len(targets)} reminders: {english}")
        text = zh(ctx, f"好的，已经取消了{names}的提醒。", f"OK, I cancelled {english}.")
        return ToolResult(text=text, data={"cancelled": [r.id for r in targets]},
                          grounded=frozenset({"reminder"}))


    async def _change(self, user_id: int, said: str, ctx: ToolContext) -> ToolResult:
        """"把吃药的提醒改到九点": the one reminder meant, moved; the old one cancelled, the moved one saved
        with the same words. Anything unclear asks back and changes nothing."""
        active = await self._dbt.run(self._store.list_active, user_id)
        parts = split_change(said)
        targets = matching(active, parts[0], ctx.now) if parts else []
        if len(targets) > 1:
            return self._which(targets, ctx)
        if not targets or parts is None:
            text = zh(ctx, "您要改哪个提醒？", "Which reminder should I change?")
            return ToolResult(text=text, data={"changed": None}, ok=False)
        old = targets[0]
        new = moved(old, parts[1], ctx.now)
        if new is None:
            text = zh(ctx, f"您想把{you(old.text, 'zh')}的提醒改到几点？",
                      f"What time should the reminder to {you(old.text, 'en')} be?")
            return ToolResult(text=text, data={"changed": None}, ok=False)
        saved = await self._dbt.run(self._store.add, NewReminder(
            user_id=user_id, text=old.text, due=new.due, repeat=new.repeat, weekday=new.weekday,
            source_text=said))
        await self._dbt.run(self._store.cancel, user_id, old.id)
        when = describe_time(new.due, ctx.now, new.repeat, new.weekday, ctx.language)
        text = zh(ctx, f"好的，{you(old.text, 'zh')}的提醒改到了{when}。",
                  f"OK, the reminder to {you(old.text, 'en')} is now {when.removesuffix('.')}.")
        data = {"changed": old.id, "id": saved.id, "due": new.due.isoformat(), "repeat": new.repeat}
        return ToolResult(text=text, data=data, grounded=_DONE)

    def _which(self, targets: list[Reminder], ctx: ToolContext) -> ToolResult:
        """Words that fit two reminders or more: ask which one, cancel nothing."""
        text = zh(ctx, "您是说哪一个？" + "，还是".join(you(r.text, "zh") for r in targets) + "？",
                  "Which one do you mean: " + ", or ".join(you(r.text, "en") for r in targets) + "?")
        return ToolResult(text=text, data={"cancelled": []}, ok=False)


def parse_rest(said: str, now: datetime) -> str:
    parsed = parse_when(said, now)
    return parsed.rest if parsed is not None else said
