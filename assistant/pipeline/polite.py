"""您, not 你: a Chinese answer speaks to an elder with the polite "you".

The 1.5B model writes 你 in about one Chinese answer in ten (24 of 230 in the blind probes: "你可能是因为
消化不良引起的腹泻", "恭喜你孙子！"). A rule that a prompt alone does not hold is kept in code: each
clause of a model's answer, after the honesty guard, has 你 made 您, except

- 你们 (a plural: "您们" is not said), 迷你 (mini), and set phrases with 你 and 我 ("你追我赶");
- words in quotation marks: a story's characters speak to each other ("狐狸说：“你的声音真好听”"), and a
  quotation may run over several clauses, so :class:`Polite` keeps whether one is open.

A photo's answer reads what is written on it (a letter says 你 to its reader) and is left as it is; so
are fixed texts and the family's own words, which never pass here. Pure logic.
"""

from __future__ import annotations

import re

_OPEN = "“「『\""
_CLOSE = "”」』\""
# 你 that stays: a plural, a loan word, a set phrase of you and me.
_KEEP = re.compile(r"你们|迷你|你我|你追我赶|你一言我一语|你死我活|你争我夺|你来我往|你情我愿|你侬我侬")


class Polite:
    """One answer's clauses, each with 你 made 您 outside quotations (``clause`` in order)."""

    def __init__(self) -> None:
        self._quoted = False  # a quotation opened in an earlier clause is still open

    def clause(self, text: str) -> str:
        out: list[str] = []
        plain = ""
        for ch in text:
            if ch in _OPEN and not (ch == '"' and self._quoted):
                out.append(_polite(plain) + ch)
                plain, self._quoted = "", True
            elif ch in _CLOSE and self._quoted:
                out.append(plain + ch)
                plain, self._quoted = "", False
            else:
                plain += ch
        out.append(plain if self._quoted else _polite(plain))
        return "".join(out)


def _polite(text: str) -> str:
    if "你" not in text:
        return text
    kept = {m.start() + i for m in _KEEP.finditer(text) for i in range(len(m.group()))}
    return "".join("您" if ch == "你" and at not in kept else ch for at, ch in enumerate(text))
