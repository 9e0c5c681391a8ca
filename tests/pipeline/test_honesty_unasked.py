"""A date or time the question did not ask for is not said; read back to a misheard question, the
answer asks back instead (the exchange rate and the lunar date heard wrong, eval stop 14)."""

from __future__ import annotations

import pytest
from guard_stream import through_guard

from assistant.pipeline.honesty_unasked import asks_clock, echoes, states_clock, unasked_clock

ASK_BACK = "不好意思，我没听清，您能再说一遍吗？"


@pytest.mark.parametrize("clause", [
    "今天是2026年12月1日，", "明天是12月2日。", "今天是3号。", "今天星期二，", "明天是礼拜三。",
    "现在是下午2点30分。", "下午2点29分，", "现在3点半。", "Today is Tuesday, December 1.",
    "It's 2:30 p.m. now.",
])
def test_a_date_weekday_or_clock_time_is_a_clock_statement(clause: str) -> None:
    assert states_clock(clause)


@pytest.mark.parametrize("clause", [
    "您说过您住在幸福小区三号楼。", "晚上9点前最好睡觉。", "每周三去医院复查就好。", "饭后半小时再吃药。",
    "早上7点起床，锻炼半小时。", "Go to bed before ten.", "汇率每天都在变。",
])
def test_advice_with_an_hour_or_a_number_is_not(clause: str) -> None:
    assert not states_clock(clause)


@pytest.mark.parametrize("question", [
    "今天几号？", "今天星期几", "明天是什么日子", "现在几点了？", "现在是上午还是下午", "今天起月几日",
    "离春节还有多少天", "今天农历初几", "那明天呢？", "What day is it today?", "What time is it?",
    "今年是哪一年", "我孙子下周三生日",
])
def test_questions_that_ask_for_a_day_or_a_time(question: str) -> None:
    assert asks_clock(question)


@pytest.mark.parametrize("question", [
    "明天每年的会里是多少？", "今天能历史及越集合。", "行中明天能不能。", "高血压能吃咸菜吗？",
    "讲个笑话吧", "How much is a cup of tea?",
])
def test_questions_that_do_not(question: str) -> None:
    assert not asks_clock(question)


def test_an_echo_is_of_the_question_s_own_words_not_of_the_day_words() -> None:
    assert echoes("明天每年的会里是12月2日。", "明天每年的会里是多少？")
    assert not echoes("今天是12月1日，星期二。", "今天适合出门吗？")
    assert unasked_clock("明天每年的会里是12月2日。", "明天每年的会里是多少？")
    assert not unasked_clock("今天是12月1日。", "今天几号？")


@pytest.mark.parametrize(("question", "reply", "garbled"), [
    ("明天每年的会里是多少？", "明天每年的会里是12月2日。", frozenset()),  # the clause repeats the garble
    ("今天能历史及越集合。", "今天是2026年12月1日，星期二，下午2点29分，能历史几月集合？",
     frozenset({"及越"})),
    ("行中明天能不能。", "明天是2026年12月2日。", frozenset()),  # only the clock: nothing answered
])
def test_the_clock_read_back_to_a_misheard_question_is_an_ask_back(
        question: str, reply: str, garbled: frozenset[str]) -> None:
    spoken, guard = through_guard(reply, question=question, garbled=garbled)
    assert spoken == ASK_BACK and guard.violations


def test_an_unasked_date_is_left_out_and_the_answer_goes_on() -> None:
    spoken, guard = through_guard("今天是12月1日，星期二，您可以去公园散散步，多晒晒太阳。",
                                  question="我今天该干点什么好呢？")
    assert spoken == "您可以去公园散散步，多晒晒太阳。"
    assert [v.category for v in guard.violations] == ["unasked", "unasked"]


@pytest.mark.parametrize(("question", "reply", "grounded"), [
    ("今天几号？", "今天是12月1日，星期二。", frozenset()),
    ("现在几点了", "现在是下午2点30分。", frozenset()),
    ("那明天呢？", "明天是12月2日，星期三。", frozenset()),
    ("What's the date today?", "Today is Tuesday, December 1.", frozenset()),
    ("今天是什么日子", "今天是12月1日，星期二。", frozenset()),
    # the reminder tool ran: it grounds the time it said and the reminder
    ("两个小时以后提醒我收衣服", "好的，下午4点30分提醒您收衣服。", frozenset({"time", "reminder"})),
])
def test_a_date_or_time_asked_for_or_grounded_is_said(question: str, reply: str,
                                                      grounded: frozenset[str]) -> None:
    spoken, guard = through_guard(reply, question=question, grounded=grounded)
    assert spoken == reply and not guard.violations


def test_an_echo_in_the_advice_after_an_unasked_date_is_no_ask_back() -> None:
    spoken, _guard = through_guard("今天是12月1日，您该吃点清淡的。", question="我该吃点什么好")
    assert spoken == "您该吃点清淡的。"


@pytest.mark.parametrize(("question", "reply", "spoken"), [
    # a day asked, the clock time said too: the day is said without it
    ("今天几号？", "今天是2026年12月1日 星期二 下午2点30分。", "今天是2026年12月1日 星期二。"),
    ("今天星期几", "今天星期二 下午2点30分，记得按时吃药。", "今天星期二，记得按时吃药。"),
    # the time alone is all it says: true, and said
    ("今天几号？", "现在是下午2点30分。", "现在是下午2点30分。"),
    # the time asked for, or an English question: said as it is
    ("今天几号，现在几点了？", "今天是12月1日，星期二，现在是下午2点30分。",
     "今天是12月1日，星期二，现在是下午2点30分。"),
    ("What day is it?", "Today is Tuesday, December 1, it's 2:30 p.m.",
     "Today is Tuesday, December 1, it's 2:30 p.m."),
])
def test_the_time_of_day_said_to_a_question_about_a_day(question: str, reply: str, spoken: str) -> None:
    assert through_guard(reply, question=question)[0] == spoken


def test_today_s_date_and_time_read_back_to_a_misheard_day_question_is_an_ask_back() -> None:
    # 重阳节是哪一天, heard as "仇洋皆是能力哪一天" (the eval, stop 16, phone audio)
    spoken, guard = through_guard("仇洋都是能力是在2026年12月1日 星期二 下午2点30分。",
                                  question="仇洋皆是能力哪一天？")
    assert spoken == ASK_BACK and guard.violations
    # a garbled bit alone does not turn a day asked for and answered into an ask-back
    spoken, _guard = through_guard("今天是12月1日，星期二。", question="今天及号？",
                                   garbled=frozenset({"及号"}))
    assert spoken == "今天是12月1日，星期二。"
