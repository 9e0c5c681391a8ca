"""An answer that only says the question back is an ask-back; an echo before the answer, a number
filled in, and a greeting said back are answers (the held-out sets' replies, stop 14)."""

from __future__ import annotations

import pytest
from guard_stream import through_guard

from assistant.pipeline.honesty_parrot import parrots

ASK_BACK = "不好意思，我没听清，您能再说一遍吗？"


@pytest.mark.parametrize(("question", "sentence"), [
    ("昨天国主体引了没有。", "昨天没有国主体引。"),
    ("推荐几出好听的经济吧。", "推荐几出好听的经济吧。"),
    ("我被开水烫着了，手上起了个大碰。", "你被开水烫着了，手上起了个大碰。"),
    ("你会被进夜司马，被给我听听。", "我会被进夜司马，被给我听听。"),
    ("猪八戒照镜子，后半句是傻来着。", "猪八戒照镜子，后半句是傻来着。"),
    ("小字应该主多长时间。", "小字应该主多长时间？"),
])
def test_a_sentence_that_says_the_question_back(question: str, sentence: str) -> None:
    assert parrots(sentence, question)


@pytest.mark.parametrize(("question", "sentence"), [
    ("一个星期有几天？", "一个星期有七天。"),
    ("一年有几个月。", "一年有12个月。"),
    ("中国的首都是哪个城市？", "中国的首都是北京。"),
    ("天冷了，老人怎么保暖？", "天冷了，老人可以多穿衣服。"),
    ("早上好", "早上好！"),  # a short question said back is a greeting
    ("谢谢你呀", "谢谢您！"),
    ("水到多少度就结成冰了。", "水到0度就结成冰了。"),
    ("西兰花是什么颜色的？", "西兰花是绿色的。"),  # one character of its own is the answer
])
def test_an_answer_adds_something_of_its_own(question: str, sentence: str) -> None:
    assert not parrots(sentence, question)


@pytest.mark.parametrize(("question", "reply", "spoken"), [
    ("昨天国主体引了没有。", "昨天没有国主体引。", ASK_BACK),
    ("推荐几出好听的经济吧。", "推荐几出好听的经济吧。", ASK_BACK),
    # the first clause is said before the sentence shows it adds nothing: what was heard, then the ask
    ("我手上起了个大碰，要怎么弄？", "你手上起了个大碰，要怎么弄？", "你手上起了个大碰，" + ASK_BACK),
    # heard with a full stop, as Whisper often ends a question: "多长时间" still makes it one (capacity
    # bench, stop 19: it was met with "嗯，我在听")
    ("角自应该主多长时间。", "角自应该主多长时间。", ASK_BACK),
    ("从这到北京有多远。", "从这到北京有多远。", ASK_BACK),
])
def test_an_answer_that_only_says_the_question_back_asks_back(question: str, reply: str, spoken: str) -> None:
    said, guard = through_guard(reply, question=question)
    assert said == spoken and [v.category for v in guard.violations] == ["misheard"]


@pytest.mark.parametrize(("question", "reply"), [
    ("我孙子今年考上大学了", "您孙子今年考上大学了！真为他高兴，您一定很骄傲吧。"),
    ("一个星期有几天？", "一个星期有七天。"),
    ("高血压的人能吃鸡蛋吗？", "高血压的人能吃鸡蛋。但一天一个就够了。"),
])
def test_an_echo_followed_by_the_answer_is_said_whole(question: str, reply: str) -> None:
    said, guard = through_guard(reply, question=question)
    assert said == reply and not guard.violations


def test_something_she_tells_said_back_is_met_with_listening_not_an_ask_back() -> None:
    said, _guard = through_guard("孩子们都上班了，好久没回来看你了。",
                                 question="孩子们都在外地上班，好久没回来看我了。")
    assert said == "孩子们都上班了，嗯，我在听，您慢慢说。"
    said, _guard = through_guard("您今天去公园散步了。", question="我今天去公园散步了。")
    assert said == "嗯，我在听，您慢慢说。"


def test_a_number_is_a_whole_number_not_its_digits() -> None:
    assert not parrots("您今年78岁。", "我是1948年生的，今年多大岁数？")
    assert parrots("您是1948年生的。", "我是1948年生的，今年多大岁数？")


@pytest.mark.parametrize(("question", "reply"), [
    ("冬至吃饺子还是汤圆？", "冬至吃饺子。"),  # the 1.5B's answer, asked back before (stop 24)
    ("米饭还是面条更好消化？", "面条更好消化。"),
    ("我是先吃药还是先吃饭？", "先吃饭。"),
])
def test_one_side_of_a_choice_is_an_answer_not_the_question_said_back(question: str, reply: str) -> None:
    assert not parrots(reply, question)
    said, guard = through_guard(reply, question=question)
    assert said == reply and not guard.violations, said


# the 1.5B's typed answers to a blind probe (stop 24)
@pytest.mark.parametrize(("question", "reply", "honest"), [
    ("我家狗今天吃饭了吗？", "您好，您的狗今天吃饭了吗？", "看不到"),  # said back after a greeting
    ("我家狗今天吃饭了吗？", "好的，您的狗今天吃饭了吗？", "看不到"),  # or after an "okay"
    ("我们这里明天有庙会吗？", "我们这里明天有庙会。", "查不到"),  # asked back before: now what it can't know
    ("我放在抽屉里的钱还在吗？", "您放在抽屉里的钱还在。", "看不到"),
])
def test_a_question_of_her_world_said_back_gets_the_honest_sentence(question: str, reply: str,
                                                                     honest: str) -> None:
    said, guard = through_guard(reply, question=question)
    assert honest in said and "没听清" not in said and guard.violations, said
