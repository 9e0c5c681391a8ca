"""The map from OpenAI-Realtime items to the LLM's history entries (pure logic, no model).

Each test writes the history as the session does (a turn's question and answer at the end of its
reply, a barge-in's cut, a photo's context during its plan) and deletes items as the endpoint does.
"""

from __future__ import annotations

import copy
from datetime import datetime, timedelta

from assistant.llm.prompt import INTERRUPTED_MARK, History, build_request
from assistant.pipeline.realtime_items import ItemLedger, LedgerHistory, Piece, joined, without


def _history() -> tuple[ItemLedger, LedgerHistory]:
    ledger = ItemLedger()
    return ledger, LedgerHistory(budget_tokens=4000, ledger=ledger)


def _turn(ledger: ItemLedger, history: LedgerHistory, reply_id: int, pieces: list[Piece],
          answer: str) -> None:
    """A typed question (``response.create`` over ``pieces``) answered by reply ``reply_id``."""
    ledger.asked(pieces)
    build_request(history, now=datetime(2026, 12, 1, 9, 0) + timedelta(minutes=10 * reply_id))  # a clock line
    ledger.speaking(reply_id, joined(pieces))
    history.add_user(joined(pieces))
    history.add_assistant(answer)


def _said(history: History) -> list[tuple[str, str]]:
    return [(m.role, m.content) for m in history.messages if not m.content.startswith("现在是")]


def test_deleting_an_older_user_item_removes_only_its_message() -> None:
    ledger, history = _history()
    _turn(ledger, history, 1, [Piece(item_id="a", text="我的名字叫李桂兰。")], "好的，李桂兰。")
    _turn(ledger, history, 2, [Piece(item_id="b", text="我今年七十五岁。")], "您身体真好。")
    ledger.forget_item(history, "a")
    assert _said(history) == [("assistant", "好的，李桂兰。"), ("user", "我今年七十五岁。"),
                              ("assistant", "您身体真好。")]
    ledger.forget_reply(history, 1)
    assert _said(history) == [("user", "我今年七十五岁。"), ("assistant", "您身体真好。")]
    assert len([m for m in history.messages if m.role == "system"]) == 2  # the clock lines stay


def test_one_of_several_items_answered_together_is_cut_out_of_the_question() -> None:
    ledger, history = _history()
    pieces = [Piece(item_id="a", text="我叫王芳"), Piece(item_id="b", text="我住在杭州"),
              Piece(item_id="c", text="明天去哪儿玩？")]
    _turn(ledger, history, 1, pieces, "去西湖吧。")
    ledger.forget_item(history, "b")
    assert _said(history)[0] == ("user", "我叫王芳，明天去哪儿玩？")
    ledger.forget_item(history, "c")
    assert _said(history)[0] == ("user", "我叫王芳")
    ledger.forget_item(history, "a")
    assert _said(history) == [("assistant", "去西湖吧。")]


def test_an_item_deleted_before_its_turn_is_written_is_removed_when_it_is() -> None:
    ledger, history = _history()
    ledger.asked([Piece(item_id="a", text="我的密码是七三九一"), Piece(item_id="b", text="记住了吗？")])
    ledger.speaking(1, "我的密码是七三九一，记住了吗？")
    ledger.forget_item(history, "a")  # deleted while its answer is being produced
    ledger.forget_reply(history, 1)
    history.add_user("我的密码是七三九一，记住了吗？")
    history.add_assistant("记住了。")
    assert _said(history) == [("user", "记住了吗？")]


def test_an_audio_transcript_that_comes_before_or_after_its_question_is_written() -> None:
    ledger, history = _history()
    ledger.heard(history, "v1", "今天几号？")  # the usual order
    history.add_user("今天几号？")
    history.add_assistant("十二月一号。")
    history.add_user("明天下雨吗？")  # the sender was behind: its transcript comes after
    history.add_assistant("我不知道。")
    ledger.heard(history, "v2", "明天下雨吗？")
    ledger.forget_item(history, "v1")
    ledger.forget_item(history, "v2")
    assert _said(history) == [("assistant", "十二月一号。"), ("assistant", "我不知道。")]


def test_words_carried_from_a_cut_turn_belong_to_their_own_item() -> None:
    ledger, history = _history()
    ledger.heard(history, "v1", "我想问")  # cut off before its answer made a sound
    ledger.heard(history, "v2", "我想问，降压药饭前吃吗？")  # the next transcript holds the carried words
    history.add_user("我想问，降压药饭前吃吗？")
    ledger.heard(history, "v3", "我想问")  # and again, the next transcript late this time
    history.add_user("我想问，饭后呢？")
    ledger.heard(history, "v4", "我想问，饭后呢？")
    ledger.forget_item(history, "v1")
    ledger.forget_item(history, "v4")
    assert _said(history) == [("user", "降压药饭前吃吗？"), ("user", "我想问")]


def test_the_same_words_twice_are_two_items() -> None:
    ledger, history = _history()
    _turn(ledger, history, 1, [Piece(item_id="a", text="你好")], "您好！")
    _turn(ledger, history, 2, [Piece(item_id="b", text="你好")], "您好，有什么事？")
    ledger.forget_item(history, "b")
    assert _said(history) == [("user", "你好"), ("assistant", "您好！"), ("assistant", "您好，有什么事？")]


def test_a_question_that_failed_does_not_take_its_retry() -> None:
    ledger, history = _history()
    ledger.asked([Piece(item_id="a", text="今天几号？")])
    ledger.unasked("今天几号？")  # its answer failed: nothing was written
    _turn(ledger, history, 2, [Piece(item_id="b", text="今天几号？")], "十二月一号。")
    ledger.forget_item(history, "a")
    assert _said(history)[0] == ("user", "今天几号？")
    ledger.forget_item(history, "b")
    assert _said(history) == [("assistant", "十二月一号。")]


def test_a_photo_item_takes_its_context_and_its_default_question() -> None:
    ledger, history = _history()
    _turn(ledger, history, 1, [Piece(item_id="t", text="早上好")], "早上好！")
    ledger.photo("img")
    ledger.asked([Piece(item_id="img", text="这是什么？")])
    history.add_photo_context("照片里有：一杯咖啡")
    ledger.speaking(2, "这是什么？")
    history.add_user("这是什么？")
    history.add_assistant("是一杯咖啡。")
    ledger.forget_item(history, "img")
    assert _said(history) == [("user", "早上好"), ("assistant", "早上好！"), ("assistant", "是一杯咖啡。")]


def test_truncation_keeps_the_heard_part_and_a_truncated_answer_can_be_deleted() -> None:
    ledger, history = _history()
    _turn(ledger, history, 1, [Piece(item_id="a", text="讲讲长城")], "长城很长，有两千多年的历史。")
    _turn(ledger, history, 2, [Piece(item_id="b", text="谢谢")], "不客气。")
    assert ledger.cut_answer(history, 1, "长城很长，")  # an older answer, not only the latest
    assert _said(history)[1] == ("assistant", "长城很长，" + INTERRUPTED_MARK)
    ledger.forget_reply(history, 1)
    assert _said(history) == [("user", "讲讲长城"), ("user", "谢谢"), ("assistant", "不客气。")]
    assert not ledger.cut_answer(history, 1, "长城")


def test_a_barge_in_cut_is_followed_and_a_deleted_reply_cut_later_stays_out() -> None:
    ledger, history = _history()
    _turn(ledger, history, 1, [Piece(item_id="a", text="讲个故事")], "从前有座山，山里有座庙。")
    history.cut_last_answer("从前有座山，")  # barge-in while it played
    assert _said(history)[1] == ("assistant", "从前有座山，" + INTERRUPTED_MARK)
    ledger.forget_reply(history, 1)
    assert _said(history) == [("user", "讲个故事")]
    ledger.speaking(2, "再讲一个")  # deleted while running: the barge-in's record goes too
    ledger.asked([Piece(item_id="b", text="再讲一个")])
    ledger.forget_reply(history, 2)
    history.add_user("再讲一个")
    history.add_assistant("好的，", interrupted=True)
    assert _said(history) == [("user", "讲个故事"), ("user", "再讲一个")]


def test_a_late_function_output_is_a_piece_of_the_next_question() -> None:
    ledger, history = _history()
    note = "（工具 call_1 的结果：晴，二十度）"
    pieces = [Piece(item_id="out", text=note), Piece(item_id="q", text="要带伞吗？")]
    _turn(ledger, history, 1, pieces, "不用。")
    ledger.forget_item(history, "out")
    assert _said(history)[0] == ("user", "要带伞吗？")


def test_without_cuts_pieces_and_their_separators() -> None:
    pieces = [Piece(item_id="a", text="甲"), Piece(item_id="b", text="乙"), Piece(item_id="c", text="丙")]
    assert without("甲，乙，丙", pieces, {"a"}) == "乙，丙"
    assert without("甲，乙，丙", pieces, {"c"}) == "甲，乙"
    assert without("甲，乙，丙", pieces, {"a", "b", "c"}) == ""
    assert without("前面的话，甲，乙，丙", pieces, {"b"}) == "前面的话，甲，丙"
    assert without("甲 乙 丙", pieces, {"b"}) == "甲 丙"
    assert without("改过的话", pieces, {"b"}) == "甲，丙"  # a piece not found: the rest, joined


def test_the_prefill_copy_is_a_plain_history() -> None:
    ledger, history = _history()
    _turn(ledger, history, 1, [Piece(item_id="a", text="你好")], "您好！")
    plain = copy.deepcopy(history)
    assert type(plain) is History and plain.messages == history.messages
    plain.add_user("别的")
    assert len(history.messages) == len(plain.messages) - 1
