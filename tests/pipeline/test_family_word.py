"""Words the elder asks to pass on to her family (:mod:`assistant.pipeline.family_word`): which requests
are taken, whom for and which words (family_word_probe.tsv: 16 requests in Mandarin and English and 19
sentences that only mention telling a relative, written after the rule, none of them in its code), what
she hears, and how a turn hands them to the session's note source (:func:`notes.direct_reply`). Pure
logic; the server's side (an alert of kind ``message`` on the family's webhook and console) is in
tests/server/test_care_loop.py.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from probe_rows import tsv_rows

from assistant.pipeline import notes
from assistant.pipeline.family_word import FamilyWord, family_word, headline, left_text, not_left_text
from assistant.pipeline.honesty_promise import broken_promise
from assistant.pipeline.notes import Notes
from assistant.pipeline.turn import Turn

ROWS = tsv_rows(Path(__file__).with_name("family_word_probe.tsv"))


@pytest.mark.parametrize(("expected", "text"), ROWS, ids=[text for _, text in ROWS])
def test_each_row_is_taken_as_expected(expected: str, text: str) -> None:
    found = family_word(text)
    assert ("-" if found is None else f"{found.who}|{found.words}") == expected


def test_the_probe_holds_requests_and_mere_mentions() -> None:
    assert sum(1 for expected, _ in ROWS if expected == "-") >= 15
    assert sum(1 for expected, _ in ROWS if expected != "-") >= 15


def test_what_she_hears_says_who_can_read_it() -> None:
    daughter = FamilyWord(who="女儿", words="周末回来吃饭")
    family = FamilyWord(who="家里人", words="我到家了")
    assert left_text(daughter, "zh") == \
        "好的，您的话我已经留给您女儿了：“周末回来吃饭”。家里人在手机上能看到。"
    assert "留给家里人了" in left_text(family, "zh")
    assert not_left_text(daughter, "zh") == "对不起，这句话我现在没法转告，您直接给女儿打个电话吧。"
    assert "can read it" in left_text(FamilyWord(who="son", words="I'm fine"), "en")
    assert headline(daughter, "王奶奶", "12月03日 10:20") == \
        "【老人留言】王奶奶让我转告女儿：“周末回来吃饭”（12月03日 10:20）。"


def test_long_words_are_cut() -> None:
    found = family_word("帮我告诉女儿，" + "我很好" * 100)
    assert found is not None and len(found.words) == 200


class _Family:
    def __init__(self, left: int | None) -> None:
        self.left = left
        self.words: list[tuple[str, str, FamilyWord]] = []
        self.turn: Turn | None = None
        self.committed_first: list[bool] = []

    async def notes_for(self, user_id: str, language: str) -> Notes:
        return Notes()

    async def leave_word(self, user_id: str, session_id: str, word: FamilyWord) -> int | None:
        self.words.append((user_id, session_id, word))
        self.committed_first.append(self.turn is not None and self.turn.committed.is_set())
        return self.left


def _reply(source: _Family | None, text: str, *, speculative: bool = False) -> tuple[str, Turn]:
    async def run() -> tuple[str, Turn]:
        turn = Turn(1, 1.0, speculative=speculative, source="voice")
        if source is not None:
            source.turn = turn
        if speculative:  # committed a moment later: nothing is left before that
            asyncio.get_running_loop().call_later(0.05, turn.committed.set)
        return await notes.direct_reply(source, turn, text, "zh", "4", "s1"), turn
    return asyncio.run(run())


def test_the_words_are_left_once_the_turn_is_committed() -> None:
    family = _Family(left=12)
    said, turn = _reply(family, "帮我告诉女儿，周末回来吃饭", speculative=True)
    assert said.startswith("好的，您的话我已经留给您女儿了")
    assert family.words == [("4", "s1", FamilyWord(who="女儿", words="周末回来吃饭"))]
    assert family.committed_first == [True]
    assert turn.metrics.extra == {"family_word": 12}


def test_words_that_cannot_be_left_are_said_plainly() -> None:
    said, turn = _reply(_Family(left=None), "跟我儿子说一声我到家了")
    assert said == "对不起，这句话我现在没法转告，您直接给儿子打个电话吧。"
    assert turn.metrics.extra == {"family_word": 0}
    said, _ = _reply(None, "跟我儿子说一声我到家了")  # no household (an unpaired session)
    assert said.startswith("对不起")


def test_other_turns_and_privacy_are_not_words_for_the_family() -> None:
    family = _Family(left=1)
    said, turn = _reply(family, "今天几号")
    assert said == "" and turn.metrics.extra == {} and family.words == []
    said, turn = _reply(family, "这句话别告诉家人")
    assert said == "好的，这句话不会给家人看。" and family.words == []


def test_once_the_words_were_left_saying_so_again_is_no_broken_promise() -> None:
    word = FamilyWord(who="女儿", words="周末回来吃饭")
    told = f"帮我告诉女儿，周末回来吃饭\n{left_text(word, 'zh')}\n你告诉她了吗"
    assert broken_promise("告诉了，我已经转告您女儿了。", told=told) is None
    assert broken_promise("我已经转告您女儿了。", told="你告诉她了吗") == "message"
    english = f"Tell my son I'm fine\n{left_text(FamilyWord(who='son', words='I am fine'), 'en')}\nDid you?"
    assert broken_promise("Yes, I've let your son know.", told=english) is None
    assert broken_promise("Yes, I've let your son know.", told="Did you?") == "message"
