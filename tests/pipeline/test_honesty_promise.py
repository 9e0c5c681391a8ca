"""A promise of an action nothing in code performed (assistant.pipeline.honesty_promise): its kind, what
grounds it, and how the guard replaces it in a streamed reply."""

from __future__ import annotations

import re

import pytest
from guard_stream import through_guard

from assistant.pipeline.honesty_promise import broken_promise, instead_of_promise, promise_kind


@pytest.mark.parametrize(("clause", "question", "kind"), [
    ("到时候我会提醒您吃药。", "记得提醒我吃药", "reminder"),
    ("好的，我提醒您明天去银行。", "", "reminder"),
    ("我已经帮您记下了。", "我下周一要去复查", "reminder"),  # a day in the question: a reminder
    ("我已经帮您记下了。", "我的医保卡放在抽屉里", "remember"),  # no time: kept for later
    ("好的，已经转告您老伴了。", "", "message"),
    ("好的，我会转告的。", "", "message"),
    ("我这就给您儿子打电话。", "", "call"),
    ("好的，我明白了。请告诉我孙子的电话号码。", "别让我忘了给孙子打电话", "call"),  # as if to dial it
    ("What's your son's phone number?", "", "call"),
    ("我已经帮您叫了救护车。", "", "rescue"),
    ("票已经帮您订好了。", "", "errand"),
    ("I'll let your son know right away.", "", "message"),
    ("I've set an alarm for six.", "", "reminder"),
])
def test_each_kind_of_promise_is_named(clause: str, question: str, kind: str) -> None:
    assert promise_kind(clause, question=question) == kind


@pytest.mark.parametrize("clause", [
    "我想提醒您一句，药不能多吃。",  # a caution now, not a reminder later
    "我想提醒您多喝一点水。",
    "也提醒您要按时吃药，别自己停药。",
    "要不要我明天早上提醒您？",  # an offer of a real ability
    "您可以请女儿每天打电话提醒您。",
    "我记得您说过喜欢听京剧。",  # recalling this conversation
    "孙女昨天给您打电话了吗？",
    "您可以给儿子打个电话，跟他说说。",
    "I can't make phone calls.",
    "I will call it a day.",
    "我没法替您告诉您女儿。",  # said not done
    "我不能帮您打电话。",
    "我还没有给您设好闹钟。",
    "If you fall, tell me and I will let your family know.",
])
def test_what_is_no_promise_is_left_alone(clause: str) -> None:
    assert promise_kind(clause, question="") is None


def test_a_tool_of_the_kind_keeps_the_promise_and_only_that_kind() -> None:
    grounded = frozenset({"reminder", "date", "time"})
    assert broken_promise("明天八点我会提醒您吃药。", grounded=grounded) is None
    assert broken_promise("我也告诉您女儿了。", grounded=grounded) == "message"
    assert broken_promise("明天八点我会提醒您吃药。", grounded=frozenset({"date", "time"})) == "reminder"


def test_the_promise_is_replaced_once_and_the_rest_of_the_answer_is_said() -> None:
    spoken, guard = through_guard("好的，我记住了，明天早上八点提醒您吃药。到时候我再叫您一声。药要饭后吃。",
                                  question="明天早上八点提醒我吃药")
    assert [v.category for v in guard.violations] == ["promise:reminder", "promise:reminder"]
    assert spoken == "好的，" + instead_of_promise("reminder", "zh", before="好的，") + "药要饭后吃。"
    assert spoken.startswith("好的，不过我还没有设上提醒。")


def test_two_kinds_each_get_their_honest_sentence() -> None:
    spoken, _guard = through_guard("我已经告诉您女儿了。明天早上我会提醒您吃药。",
                                   question="跟我女儿说我不舒服")
    assert spoken == instead_of_promise("message", "zh") + instead_of_promise("reminder", "zh")


def test_a_fire_says_119_and_english_gets_english() -> None:
    assert "一一九" in instead_of_promise("rescue", "zh", around="厨房着火了")
    assert "一一九" not in instead_of_promise("rescue", "zh", around="我摔倒了")
    spoken, _guard = through_guard("Okay, I've booked a table for you.",
                                   question="Book me a table for lunch.")
    assert spoken == "Okay, " + instead_of_promise("errand", "en", before="Okay,")
    assert spoken.startswith("Okay, but I can't do that")


def test_in_an_emergency_the_honest_words_say_120_first_and_an_earlier_alert_keeps_the_family_told() -> None:
    spoken, _guard = through_guard("您先别动。请马上拨打一二零！我已经通知您的家人了。",
                                   question="我刚才在厨房滑倒了")
    assert spoken == "您先别动。请马上拨打一二零！" + instead_of_promise("message", "zh", around="一二零")
    assert "一二零" in instead_of_promise("message", "zh", around="一二零")
    alerted = "我刚才摔倒了\n您先别急着起来。请马上拨打一二零急救电话！我会告诉您的家人。\n他们什么时候来"
    assert broken_promise("我已经告诉您的家人了。", told=alerted) is None
    assert broken_promise("我已经告诉您的家人了。", told="他们什么时候来") == "message"


@pytest.mark.parametrize("kind", ["reminder", "remember", "message", "call", "rescue", "errand"])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_honest_words_promise_nothing_themselves(kind: str, language: str) -> None:
    for around in ("", "着火了", "我摔倒了"):
        said = instead_of_promise(kind, language, around=around)
        sentences = [s for s in re.split(r"(?<=[。！？.!?])\s*", said) if s]
        assert [s for s in sentences if promise_kind(s) is not None] == [], said


def test_a_reminder_saved_earlier_keeps_a_promise_to_remind_of_it_only() -> None:
    told = "明天早上八点提醒我吃降压药\n好的，明天早上8点提醒您吃降压药。\n谢谢你"
    assert broken_promise("不客气，到时候我会提醒您的。", told=told) is None
    assert broken_promise("明天早上我会提醒您吃降压药。", told=told) is None
    assert broken_promise("下午我也会提醒您去买菜。", told=told) == "reminder"
    assert broken_promise("不客气，到时候我会提醒您的。", told="谢谢你") == "reminder"
    english = "Remind me to call Tom at five\nOK, I'll remind you to call Tom today at 5:00 p.m.\nThanks"
    assert broken_promise("You're welcome, I'll remind you then.", told=english) is None


@pytest.mark.parametrize(("question", "reply", "spoken"), [
    ("我下个礼拜三要去医院复查，你记着点", "好的，我记着。", "好的，不过我还没有设上提醒。"),
    ("remind me to call my son", "OK, I'll remind you.", "OK, but I haven't set a reminder yet."),
    ("你帮我告诉儿子，让他周末回来吃饭", "我已经告诉您儿子了。", "我还没有替您给家里人捎话"),
])
def test_after_a_yes_already_said_the_honest_words_begin_with_but(question: str, reply: str,
                                                                  spoken: str) -> None:
    assert through_guard(reply, question=question)[0].startswith(spoken)


@pytest.mark.parametrize("language", ["zh", "en"])
@pytest.mark.parametrize("before", ["", "好的，", "OK,"])
def test_no_honest_sentence_is_a_promise_itself(language: str, before: str) -> None:
    for kind in ("reminder", "remember", "message", "call", "rescue", "errand"):
        said = instead_of_promise(kind, language, around="我摔倒了", before=before)
        for sentence in [s for s in re.split(r"(?<=[。！？!?])|(?<=\. )", before + said) if s.strip()]:
            assert promise_kind(sentence, question="帮我记一下") is None, (kind, sentence)
