"""The eval's question set: spoken questions with what a good answer must (not) contain.

The set lives in ``data/questions.toml`` (see the comment at its top for the fields). Loading
checks every field, so that a typo in the data fails loudly instead of scoring nothing.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.errors import ConfigError

DATA = Path(__file__).resolve().parent / "data" / "questions.toml"
CATEGORIES = (
    "facts",
    "datetime",
    "weather",
    "reminders",
    "health",
    "chat",
    "cant_know",
    "misheard",
    "english",
)
RULES = (
    "weekday_today",
    "weekday_tomorrow",
    "weekday_in",
    "date_next",
    "date_today",
    "time_now",
    "year_now",
    "month_now",
    "am_pm",
    "lunar_today",
    "days_to_spring",
    "solar_term",
    "weather_from_source",
    "admits_unknown",
    "asks_back",
    "emergency",
    "family",
    "no_temperature",
    "no_weather_claim",
    "no_price",
    "no_numbers",
    "min_chars",
)
_FIELDS = {"id", "category", "lang", "text", "any", "all", "forbid", "rules", "tool", "quick"}


@dataclass(frozen=True, slots=True, kw_only=True)
class EvalQuestion:
    id: str
    category: str
    lang: str  # "zh" or "en"
    text: str  # spoken, and the reference transcript
    groups: tuple[tuple[str, ...], ...] = ()  # one word of every group must appear
    forbid: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    tool: bool = False
    quick: bool = False


def _strings(qid: str, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"question {qid}: {key} must be a list of non-empty strings")
    return tuple(value)


def _rule_name(qid: str, rule: str) -> str:
    name, _, arg = rule.partition(":")
    if name not in RULES:
        raise ConfigError(f"question {qid}: unknown rule {rule!r} (known: {', '.join(RULES)})")
    if name == "min_chars" and not arg.isdigit():
        raise ConfigError(f"question {qid}: min_chars needs a number, e.g. min_chars:20")
    days_ok = arg.isdigit() and (name == "weekday_in" or 0 < int(arg) < 8)
    if name in ("weekday_in", "date_next") and not days_ok:
        raise ConfigError(f"question {qid}: {name} needs a number, e.g. {name}:2 (date_next: a weekday 1-7)")
    return rule


def parse_question(raw: dict[str, Any]) -> EvalQuestion:
    """One ``[[question]]`` table, checked."""
    qid = str(raw.get("id", "?"))
    unknown = set(raw) - _FIELDS
    if unknown:
        raise ConfigError(f"question {qid}: unknown field(s) {', '.join(sorted(unknown))}")
    for key in ("id", "category", "lang", "text"):
        if not isinstance(raw.get(key), str) or not raw[key].strip():
            raise ConfigError(f"question {qid}: {key} is required and must be a string")
    if raw["category"] not in CATEGORIES:
        raise ConfigError(f"question {qid}: unknown category {raw['category']!r}")
    if raw["lang"] not in ("zh", "en"):
        raise ConfigError(f"question {qid}: lang must be zh or en")
    groups: list[tuple[str, ...]] = []
    if "any" in raw:
        groups.append(_strings(qid, "any", raw["any"]))
    for group in raw.get("all", []):
        groups.append(_strings(qid, "all", group))
    rules = tuple(_rule_name(qid, r) for r in _strings(qid, "rules", raw.get("rules", [])))
    if not groups and not rules:
        raise ConfigError(f"question {qid}: give keywords (any/all) or rules, or it cannot be scored")
    for key in ("tool", "quick"):
        if not isinstance(raw.get(key, False), bool):
            raise ConfigError(f"question {qid}: {key} must be true or false")
    return EvalQuestion(
        id=qid,
        category=raw["category"],
        lang=raw["lang"],
        text=raw["text"].strip(),
        groups=tuple(groups),
        forbid=_strings(qid, "forbid", raw.get("forbid", [])),
        rules=rules,
        tool=bool(raw.get("tool", False)),
        quick=bool(raw.get("quick", False)),
    )


def load_questions(path: Path = DATA) -> list[EvalQuestion]:
    """All questions in ``path``; ConfigError on a malformed file or a duplicate id."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read the eval questions {path}: {exc}") from exc
    raw = data.get("question")
    if not isinstance(raw, list) or not raw:
        raise ConfigError(f"{path} has no [[question]] tables")
    questions = [parse_question(q) for q in raw]
    seen: set[str] = set()
    for q in questions:
        if q.id in seen:
            raise ConfigError(f"question id {q.id!r} appears twice in {path}")
        seen.add(q.id)
    return questions
