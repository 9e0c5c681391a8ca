"""A small curated knowledge base: common facts that do not change, found by the words of a question.

The 1.5B model gets plain school facts wrong ("水到多少度结冰" → "四摄氏度", "一年有几个节气" → "四个"). The
facts in ``facts.toml`` (the body's numbers, the dietary guidelines' daily amounts, nature, China, the
festivals' lunar dates, measures, safety) are each found by keywords, and the facts a question is
clearly about (at most two) go into the LLM's request after the user's words (:func:`with_facts`):
after them, so that the prompt prefix the session prefilled while she spoke stays the same.

A fact matches when one of its ``keys`` is in the question, and one of its ``with`` words too when it
has them (a key alone may be about something else: "骨头" in "骨头汤怎么炖"), and none of its ``not``
words. Words that ask for something done rather than known (a reminder, the weather, a song, a call)
match nothing. Chinese keys match anywhere; English ones (and numbers) as whole words.

Pure logic: the file is read once, no model.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import ConfigError

DATA = Path(__file__).with_name("facts.toml")
MAX_FACTS = 2

# a request for something done, or for live data: no fact of this file answers it
_NOT_A_QUESTION_OF_FACT = re.compile(
    r"提醒|闹钟|叫醒|记一下|记下来|帮我记|天气|气温|下雨|下雪|播放|放一首|放首|唱一首|唱首|唱个|打电话|打个电话"
    r"|\b(remind|alarm|weather|forecast|sing)\b|\b(play|call|phone) (me|my|her|him|them|a|some)\b",
    re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Fact:
    id: str
    keys: tuple[str, ...]
    zh: str
    en: str
    with_: tuple[str, ...] = ()
    not_: tuple[str, ...] = ()

    def text(self, language: str) -> str:
        return self.en if language == "en" else self.zh

    def score(self, question: str) -> int:
        """How well ``question`` (lower case) names this fact: the length of the key and the ``with``
        word found, the longest of each; 0 when it does not."""
        if any(_found(word, question) for word in self.not_):
            return 0
        key = max((len(word) for word in self.keys if _found(word, question)), default=0)
        if not key:
            return 0
        if not self.with_:
            return key
        also = max((len(word) for word in self.with_ if _found(word, question)), default=0)
        return key + also if also else 0


def _found(word: str, question: str) -> bool:
    if word.isascii():  # an English word (or its plural) or a number: not inside a longer one ("120" in
        # a phone number, "sun" in "sunday")
        return re.search(rf"(?<![a-z0-9]){re.escape(word)}(?:s|es)?(?![a-z0-9])", question) is not None
    return word in question


def _words(fact_id: str, raw: dict[str, object], name: str, *, needed: bool = False) -> tuple[str, ...]:
    words = raw.get(name, [])
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise ConfigError(f"fact {fact_id}: {name} must be a list of words")
    if needed and not words:
        raise ConfigError(f"fact {fact_id}: give some {name}")
    if any(w != w.lower() for w in words):
        raise ConfigError(f"fact {fact_id}: {name} must be lower case")
    return tuple(words)


def parse_fact(raw: dict[str, object]) -> Fact:
    """One ``[[fact]]`` table; ConfigError when it is malformed."""
    fact_id = raw.get("id")
    if not isinstance(fact_id, str) or not fact_id:
        raise ConfigError(f"a fact has no id: {raw}")
    unknown = set(raw) - {"id", "keys", "with", "not", "zh", "en"}
    if unknown:
        raise ConfigError(f"fact {fact_id}: unknown fields {sorted(unknown)}")
    zh, en = raw.get("zh"), raw.get("en")
    if not isinstance(zh, str) or not zh.strip() or not isinstance(en, str) or not en.strip():
        raise ConfigError(f"fact {fact_id}: give the fact in zh and en")
    return Fact(id=fact_id, keys=_words(fact_id, raw, "keys", needed=True), zh=zh.strip(), en=en.strip(),
                with_=_words(fact_id, raw, "with"), not_=_words(fact_id, raw, "not"))


def load_facts(path: Path = DATA) -> tuple[Fact, ...]:
    """Every fact in ``path``; ConfigError on a malformed file or an id given twice."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read the facts {path}: {exc}") from exc
    raw = data.get("fact")
    if not isinstance(raw, list) or not raw:
        raise ConfigError(f"{path} has no [[fact]] tables")
    facts = tuple(parse_fact(table) for table in raw)
    ids = [fact.id for fact in facts]
    if len(set(ids)) != len(ids):
        raise ConfigError(f"{path}: a fact id appears twice")
    return facts


@functools.cache
def _facts() -> tuple[Fact, ...]:
    return load_facts()


def find_facts(question: str, facts: tuple[Fact, ...] | None = None) -> list[Fact]:
    """The facts ``question`` is clearly about, best first (at most :data:`MAX_FACTS`)."""
    text = re.sub(r"\s+", " ", question.lower())
    if not text.strip() or _NOT_A_QUESTION_OF_FACT.search(text):
        return []
    scored = [(score, fact) for fact in (facts if facts is not None else _facts())
              if (score := fact.score(text))]
    scored.sort(key=lambda pair: -pair[0])
    return [fact for _, fact in scored[:MAX_FACTS]]


def with_facts(question: str, language: str, facts: tuple[Fact, ...] | None = None) -> str:
    """``question`` with the facts it is about after it, for the LLM ("…\\n（参考常识：…）"); the question
    as it is when it is about none."""
    found = find_facts(question, facts)
    if not found:
        return question
    told = (" " if language == "en" else "").join(fact.text(language) for fact in found)
    return f"{question}\n(Known fact: {told})" if language == "en" else f"{question}\n（参考常识：{told}）"


_ADDED = re.compile(r"\n(?:（参考常识：[^\n]*）|\(Known fact: [^\n]*\))\Z")


def without_facts(message: str) -> str:
    """A user message as she said it: what :func:`with_facts` added taken off."""
    return _ADDED.sub("", message)


def told_facts(message: str) -> str:
    """The facts :func:`with_facts` added to a user message ("" when none)."""
    found = _ADDED.search(message)
    return found.group(0) if found else ""
