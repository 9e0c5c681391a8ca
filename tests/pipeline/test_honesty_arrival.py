"""A bus's or a train's arrival now is not known to the assistant (held-out set 39:
"二十三路公交车还得几分钟到" got "大约还需要5到10分钟到"): replaced, also when the phrase breaker cut
the sentence before the claim."""

from __future__ import annotations

import pytest
from guard_stream import through_guard

from assistant.pipeline.honesty_facts import HONEST_MORE_EN, HONEST_MORE_ZH, arrival_claim


@pytest.mark.parametrize(("question", "reply"), [
    ("二十三路公交车还得几分钟到。", "二十三路公交车大约还需要5到10分钟到。"),
    ("下一班公交车几点来", "下一班公交车下午3点10分到。"),
    ("23路车快来了吗", "23路车还有两站就到了。"),
    ("地铁还有几分钟", "地铁还有3分钟到站。"),
    ("孙子坐火车回来，什么时候到", "火车还有两个小时就到了。"),
    ("公交车怎么还不来", "公交车马上就到了，您再等等。"),
])
def test_an_arrival_said_as_known_is_replaced(question: str, reply: str) -> None:
    spoken, guard = through_guard(reply, question=question)
    assert spoken.startswith(HONEST_MORE_ZH["arrival"]), spoken
    assert [v.category for v in guard.violations] == ["arrival"]


def test_english() -> None:
    spoken, _guard = through_guard("The next bus is arriving in about 5 minutes.",
                                   question="When will the bus come?")
    assert spoken == HONEST_MORE_EN["arrival"]


@pytest.mark.parametrize(("question", "reply"), [
    ("公交车多久一班", "公交车一般十分钟一班。"),  # knowledge, not the bus now
    ("我在等公交", "等公交的时候注意安全，站在站台上。"),
    ("怎么坐地铁", "进站刷卡，等车来了先下后上。"),
    ("坐公交要注意什么", "坐公交车的时候，等车停稳了再上下车。"),
    ("我五点要去医院", "好的，路上慢点。"),
])
def test_other_answers_about_buses_are_said(question: str, reply: str) -> None:
    assert through_guard(reply, question=question)[0] == reply


def test_a_line_named_and_a_time_to_come() -> None:
    assert arrival_claim("还有两站就到了。", "23路车")
    assert not arrival_claim("还有两站就到了。", "")  # nothing names a bus or a train


@pytest.mark.parametrize(("question", "reply"), [
    # the 1.5B's typed answer to a blind probe (stop 24): a bus line made up as the way to a hospital
    ("帮我查一下去人民医院的公交车。", "您要去人民医院乘坐公交车，可以乘坐14路公交车，它从您的家出发。"),
    ("去火车站坐几路车？", "坐三路车就能到。"),
    ("How do I get to the hospital?", "You can take bus 14 to the hospital."),
])
def test_a_line_named_as_the_way_to_a_place_is_replaced(question: str, reply: str) -> None:
    spoken, guard = through_guard(reply, question=question)
    honest = (HONEST_MORE_EN if question.isascii() else HONEST_MORE_ZH)["route"]
    assert spoken == honest and [v.category for v in guard.violations] == ["route"], spoken


@pytest.mark.parametrize(("question", "reply"), [
    ("坐公交车要注意什么？", "上下车扶好扶手，等车停稳再走。"),
    ("北京地铁一共有几条线？", "北京地铁有二十多条线。"),
])
def test_advice_on_buses_and_what_a_city_has_are_not_a_way(question: str, reply: str) -> None:
    assert through_guard(reply, question=question)[0] == reply
