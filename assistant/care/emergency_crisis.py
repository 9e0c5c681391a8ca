"""A crisis (words of suicide or self-harm) in one sentence: the user's own words, or relayed ones.

**Own words**: the subject nearest before the phrase is the user ("我不想活了") or there is none
("活着没意思").

**Relayed words**: someone close to the user, named by a family word, said them ("我妈说她不想活了",
"老伴说不想活了", "我爸刚才说：活着没意思", "My mum just said she doesn't want to live anymore"). The
user is with that person or can reach them: they are told what a helper does (stay with them, the
help line, 120 if they are in danger) and the family is alerted alike.

Not a crisis: the words of anyone else ("他不想活了", "你不想活了？"), words long past or resolved
("我妈以前说过不想活了，现在天天乐呵呵的"), or, for relayed words, ones the user calls a joke ("我老伴说他
活够了？开玩笑的": the caller checks :data:`CRISIS_JOKE` on the whole utterance). The phrases and
their look-alikes are in :mod:`assistant.care.emergency_signs`; television and hearsay ("听说",
"他说") are dropped by the caller. Pure logic.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from assistant.care.emergency_context import CLAUSE, FIRST_PERSON, MISTAKE, PAST, QUESTION_GENERAL, STILL
from assistant.care.emergency_signs import (
    CRISIS_CONDITION,
    CRISIS_HYPERBOLE,
    CRISIS_HYPOTHETICAL,
    CRISIS_KIN,
    CRISIS_NEGATION,
    CRISIS_RE,
    CRISIS_RESOLVED,
    CRISIS_SUBJECT,
)

# He or she: someone close when a family word came before ("我妈说她不想活了").
_THIRD = re.compile(r"他|她|\b(he|she|they)\b", re.I)
# A clause that ends in what someone said: the next clause holds their words ("我爸刚才说，活着没意思").
_SAID = re.compile(r"(说|讲|念叨|嘟囔|嚷嚷|喊|哭着说|跟我说|告诉我)(着|了|过)?\s*$"
                   r"|\b(said|says|told me|keeps saying)\s*$", re.I)


class Crisis(NamedTuple):
    phrase: str  # the words of the wish
    relayed: bool  # someone close to the user said them; the user is the helper


def _whose(before_clause: str, prefix: str) -> str:
    """"own", "relayed" or "other": who said the words, from the subjects before them."""
    subjects = CRISIS_SUBJECT.findall(prefix)
    context = prefix
    if not subjects and _SAID.search(before_clause.rstrip("，,：: ")):
        subjects = CRISIS_SUBJECT.findall(before_clause)
        context = before_clause + prefix
    if not subjects or FIRST_PERSON.fullmatch(subjects[-1]):
        return "own"
    if CRISIS_KIN.fullmatch(subjects[-1]):
        return "relayed"
    if _THIRD.fullmatch(subjects[-1]) and CRISIS_KIN.search(before_clause + context):
        return "relayed"
    return "other"


def _crisis_clause(clause: str, before_clause: str) -> Crisis | None:
    match = CRISIS_RE.search(clause)
    if match is None or CRISIS_NEGATION.search(clause) or CRISIS_HYPERBOLE.search(clause):
        return None
    if CRISIS_HYPOTHETICAL.search(clause):  # "I'd kill myself if …" (Chinese conditions: the sentence)
        return None
    whose = _whose(before_clause, clause[:match.start()])  # "他不想活了", "你不想活了？": not the user's
    if whose == "other":
        return None
    if QUESTION_GENERAL.search(clause) and not FIRST_PERSON.search(clause):
        return None
    return Crisis(phrase=match.group(0), relayed=whose == "relayed")


def crisis_in(sentence: str) -> Crisis | None:
    """The words of suicidal thoughts in ``sentence`` (a "没事" does not cancel them), or None."""
    if CRISIS_RE.search(sentence) is None:
        return None
    if PAST.search(sentence) and not STILL.search(sentence):
        return None
    if CRISIS_RESOLVED.search(sentence) or CRISIS_CONDITION.search(sentence):
        return None
    at = 0
    for clause in CLAUSE.split(sentence):
        found = _crisis_clause(clause, sentence[:at])
        at += len(clause) + 1
        if found is not None and not ("药" in found.phrase and MISTAKE.search(sentence)):
            return found  # pills taken by mistake ("吃错药了，吃了一整瓶安眠药") are the wrong medicine
    return None
