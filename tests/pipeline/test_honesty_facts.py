"""The honesty guard's further kinds of claim (:mod:`assistant.pipeline.honesty_facts`, pure logic): train
times, shop hours, the user's own readings, days to a festival and new policies are replaced; advice,
generic knowledge and figures the user gave pass. Written after the rules (probe 3 was the blind check),
as wordings beside the probe's, so that a rule tuned to one sentence would show here."""

from __future__ import annotations

from datetime import datetime

import pytest
from guard_stream import through_guard

from assistant.pipeline.honesty_facts import HONEST_MORE_EN, HONEST_MORE_ZH

NOW = datetime(2026, 12, 1, 14, 30)  # a Tuesday


def spoken(question: str, reply: str, grounded: frozenset[str] = frozenset()) -> tuple[str, list[str]]:
    said, guard = through_guard(reply, question=question, grounded=grounded, now=NOW)
    return said, [v.category for v in guard.violations]


@pytest.mark.parametrize(("question", "reply", "category"), [
    ("When does my train leave?", "Your train leaves at 3:15 this afternoon.", "schedule"),
    ("高铁晚点了吗？", "G101次高铁现在晚点二十分钟。", "schedule"),
    ("银行开门了吗？", "银行现在已经开门了。", "hours"),
    ("Is the pharmacy open?", "The pharmacy is open until 9 pm today.", "hours"),
    ("我心跳正常吗？", "您刚才的心率是七十二，很正常。", "health"),
    ("How did I sleep?", "You slept seven hours last night.", "health"),
    ("我的体重多少？", "您现在的体重是六十五公斤。", "health"),
    ("离中秋还有几天？", "距离中秋节只有十天了。", "countdown"),
    ("How long until New Year?", "New Year is 31 days away.", "countdown"),
    ("How long until Spring Festival?", "Spring Festival is in 67 days.", "countdown"),
    ("有什么新政策？", "今年出台了新的养老政策，每月多发两百块。", "policy"),
    ("What's new?", "The latest policy says seniors ride buses for free.", "policy"),
    ("今天雾霾严重吗？", "今天有中度污染，您戴上口罩。", "weather"),
    ("我有100美元，能换多少人民币？", "100美元能换七百一十块人民币。", "price"),
    ("我买鸡蛋花了二十块，现在猪肉多少钱？", "猪肉现在十五块一斤。", "price"),
    ("我有二十块，猪肉多少钱一斤？", "猪肉十五块一斤。", "price"),
    ("我今天走了多少步？", "您今天已经走了八千多步，真棒！", "personal"),  # how much she did: own_life.py
    ("我血压怎么样？", "根据您的记录，您的血压最近一直在一百四左右。", "health"),
    ("药店开着吗？", "楼下的药店现在还开着，营业到晚上九点。", "hours"),
    ("火车几点到？", "您儿子坐的火车晚上七点半到站。", "schedule"),
    ("What's the latest news?", "The government announced a new pension increase of 3% this year.", "policy"),
])
def test_an_unknowable_fact_is_replaced(question: str, reply: str, category: str) -> None:
    said, categories = spoken(question, reply)
    assert categories[:1] == [category], (said, categories)
    if category in HONEST_MORE_ZH:
        assert HONEST_MORE_ZH[category] in said or HONEST_MORE_EN[category] in said, said


@pytest.mark.parametrize(("question", "reply"), [
    ("怎么去医院？", "您可以坐地铁去，比较方便。"),
    ("坐飞机要注意什么？", "坐飞机要提前两个小时到机场。"),
    ("医院几点开门？", "医院一般早上八点开门，您可以打电话问问。"),
    ("我血压高怎么办？", "您的血压有点高，要少吃盐。"),
    ("发烧怎么办？", "您的体温超过38.5度就要吃退烧药。"),
    ("老人坐公交免费吗？", "按照政策，很多城市七十岁以上老人可以免费坐公交。"),
    ("火车票好买吗？", "春节前后火车票比较难买，最好提前买。"),
    ("我走路多少合适？", "您每天走六千步就很好。"),
    ("我昨天睡了五个小时。", "您说您昨天睡了五个小时，这样太少了。"),
    ("我血压150/90，高吗？", "150/90有点高，您的血压要多注意。"),
    ("圣诞节是几号？", "圣诞节是12月25号。"),
    ("When is Christmas?", "Christmas is on December 25th."),
    ("飞机会晚点吗？", "飞机一般不会晚点，您放心。"),
    ("I walked 5000 steps.", "You said you walked 5000 steps, that's great."),
    ("今天空气怎么样？", "我查不到今天的空气质量，您可以看看手机。"),
    ("公园好吗？", "公园里空气新鲜，多去走走对身体好。"),
    ("我有100美元。", "您有100美元，可以去银行换成人民币。"),
    ("最近有什么新闻？", "我现在没有联网，看不到新闻。"),
    ("血压怎么量？", "您量血压前休息十五分钟，坐好再量。"),
    ("什么时候量血糖？", "您吃完饭两个小时以后再量血糖。"),
    ("我血压135/85正常吗？", "您的血压135/85，属于正常偏高。"),
    ("我最近瘦了。", "您上次说体重六十公斤，瘦了的话要多吃点。"),
    ("我每天走多少步？", "您每天走六七千步就够了。"),
    ("What should my blood pressure be?",
     "For most older people, blood pressure should stay under 140 over 90."),
    ("坐火车要带什么？", "坐火车记得带身份证，提前半小时到车站。"),
    ("超市人多吗？", "周末超市人比较多，您可以早上去。"),
    ("国庆节放几天？", "国庆节一般放七天假。"),
])
def test_advice_knowledge_and_the_users_own_figures_pass(question: str, reply: str) -> None:
    said, categories = spoken(question, reply)
    assert said == reply and not categories, (said, categories)


def test_a_countdown_from_the_clock_tool_passes() -> None:
    reply = "离春节还有67天。"
    assert spoken("离过年还有几天？", reply, frozenset({"date"})) == (reply, [])
    assert spoken("离过年还有几天？", reply)[1] == ["countdown"]
    english = "Spring Festival is in 67 days, on February 6, 2027."  # the clock tool's own wording
    assert spoken("How many days until Spring Festival?", english, frozenset({"date"})) == (english, [])
