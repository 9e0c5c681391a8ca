"""A household hazard asked of (assistant/pipeline/home_safety.py): safe advice in code, never the LLM's.

The shipped 1.5B told one whose socket sparked to wrap the wires with tape herself. Real emergencies are
the emergency path's (it runs first in a session); ordinary questions about the same things are left alone.
"""

from __future__ import annotations

import asyncio
import re

import pytest

from assistant.care.emergency import detect_emergency
from assistant.llm.base import ChatMessage, ChatRequest
from assistant.pipeline.home_safety import GROUP, advice, topic
from assistant.pipeline.home_safety_answers import EN, ZH
from assistant.pipeline.tooling import plan_text_turn

ASKED = [
    ("插座冒火花了怎么办", "electric"), ("开关摸着烫手", "electric"), ("插排有股烧焦味", "electric"),
    ("电线皮破了露出铜丝", "electric"), ("家里老跳闸", "electric"), ("洗衣机有点麻手", "electric"),
    ("插座旁边都是水", "electric"), ("I can see bare wires behind the socket.", "electric"),
    ("燃气灶打不着火", "gas_stove"), ("热水器一会儿就熄火", "gas_stove"),
    ("My gas stove won't light.", "gas_stove"),
    ("I can smell a bit of gas in the hall.", "gas_smell"),
    ("电热毯能开一晚上吗", "heater"), ("取暖器上搭着衣服烤", "heater"), ("屋里烧炭盆取暖行吗", "charcoal"),
    ("电动车电池拿回家里充电", "ebike"), ("我出门忘了关火", "stove_on"),
    ("厕所地上滑", "slippery"), ("我想站凳子上擦窗户", "climb"),
    ("Can I stand on a stool to reach it?", "climb"),
    # wording met after the held-out set
    ("My socket is making a crackling noise", "electric"), ("插头那儿烧黑了一块", "electric"),
    ("电热水器用着手麻", "electric"), ("灯泡一闪一闪的", "electric"), ("插座里冒出一股烟就没了", "electric"),
    ("My gas hob won't ignite", "gas_stove"), ("灶上的火一会儿就灭", "gas_stove"),
    ("Can I use a barbecue indoors to keep warm?", "charcoal"), ("屋里生着炉子睡觉要紧不", "charcoal"),
    ("我想把电瓶车推进电梯带回家充电", "ebike"), ("我把锅放炉子上就去睡了", "stove_on"),
    # a blind probe (stop 24): the 1.5B said "您需要帮助吗？" and nothing of the valve
    ("我家水管爆了，到处是水。", "water"), ("厨房水管漏水了怎么办？", "water"), ("水龙头关不上了", "water"),
    ("A pipe burst in my kitchen!", "water"), ("The tap won't turn off.", "water"),
    ("我忘了关煤气就出门了！", "stove_on"), ("出门忘了关燃气", "stove_on"),  # the 1.5B said it back
]
ORDINARY = [
    "插座怎么接", "电费多少", "煤气费怎么交", "今天冷不冷开暖气吗", "火锅怎么做", "我家电视没信号",
    "电热毯哪个牌子好", "热水器怎么调温度", "电动车充一次电能跑多远", "我在织毛线", "这汤好烫",
    "昨天晚上在卫生间滑了一下，没事", "刚才有点煤气味，原来是灶没关好，已经关了", "冰箱里有什么菜",
    "How do I pay my gas bill?", "What temperature should the heater be?",
    "看电视看得手麻", "电饭锅是热的", "燃气灶旁边要放灭火器吗", "电动车在楼下充电要多久",
    "我把锅洗好就去睡了", "水管怎么接？", "水费多少钱？", "我喝了一杯水",
    "煤气费怎么交？",
    "I like to grill steak", "The kids went out to play",
    # warmth, a hum or a flicker that is the thing's job, or the room's; slippery outside
    "空调开着屋里有点热", "屋里有点热，开不开空调", "吹风机吹头发有点烫", "冰箱有点响，嗡嗡的",
    "手机还闪着灯", "电视屏幕在闪", "外面下雨了，地上滑", "下雪了路上滑不滑",
]
EMERGENCIES = ["着火了", "煤气泄漏了", "老伴触电了", "闻到煤气味头晕", "插座冒烟了", "The kitchen is on fire"]


@pytest.mark.parametrize(("said", "kind"), ASKED)
def test_a_hazard_asked_of_gets_its_advice(said: str, kind: str) -> None:
    found = advice(said, "en" if said.isascii() else "zh")
    assert found is not None and found[0] == kind and found[0] in GROUP
    assert found[1] == (EN if said.isascii() else ZH)[kind]


@pytest.mark.parametrize("said", ORDINARY)
def test_ordinary_words_about_the_same_things_are_left_alone(said: str) -> None:
    assert advice(said, "en" if said.isascii() else "zh") is None


@pytest.mark.parametrize("said", EMERGENCIES)
def test_emergencies_stay_the_emergency_paths(said: str) -> None:
    assert detect_emergency(said) is not None


def test_the_answers_say_what_keeps_her_safe() -> None:
    assert set(ZH) == set(EN) == set(GROUP)
    assert all(word in ZH["electric"] for word in ("别用手", "湿", "电闸", "别自己拿胶布", "物业", "电工",
                                                   "家里人", "幺幺九", "幺二零"))
    assert all(word in ZH["gas_smell"] for word in ("别点火", "电器", "阀门", "窗", "屋外", "燃气公司",
                                                    "头晕"))
    assert all(word in ZH["water"] for word in ("总水阀", "电闸", "物业", "家里人"))
    assert "燃气公司" in ZH["gas_stove"] and "一氧化碳" in ZH["charcoal"] and "楼道" in ZH["ebike"]
    assert all(word in EN["electric"] for word in ("don't touch", "breaker", "tape", "electrician", "119"))
    for text in ZH.values():  # short and spoken
        assert len(re.findall(r"[。！？]", text)) <= 4 and len(text) <= 120
        assert not re.search(r"[A-Za-z0-9]", text)  # numbers spoken: 幺幺九


def test_empty_words_are_no_question() -> None:
    assert topic("") is None and topic("   ") is None


def test_a_session_advises_in_code() -> None:
    async def request(text: str, language: str) -> ChatRequest:
        return ChatRequest(messages=[ChatMessage(role="user", content=text)])

    extra: dict[str, object] = {}
    plan = asyncio.run(plan_text_turn(None, "厨房插座冒火花了，我拿胶布缠一下行不行", language="zh",
                                      reply_id=1, speed=1.0, extra=extra, committed=None, remote=False,
                                      request=request))
    assert extra["home_safety"] == "electric" and "别自己拿胶布修" in plan.fixed_text  # type: ignore[operator]
