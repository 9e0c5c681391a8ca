"""The honesty guard (pure logic): invented facts are replaced, grounded ones and generic knowledge pass."""

from __future__ import annotations

import functools
from datetime import datetime

import pytest

from assistant.pipeline.honesty import HonestyGuard, find_violation, join_clauses
from assistant.tts.clauses import ClauseSplitter

NOW = datetime(2026, 11, 30, 13, 57)  # a Monday, 1:57 pm


def guarded(text: str, *, question: str = "",
            grounded: frozenset[str] = frozenset()) -> tuple[str, HonestyGuard]:
    """Run ``text`` through the clause splitter and the guard, as a streamed reply is."""
    guard = HonestyGuard(grounded=grounded, now=NOW, question=question)
    splitter = ClauseSplitter()
    out: list[str] = []
    for ch in text:  # one character a delta, like a token stream
        for clause in splitter.push(ch):
            out.extend(guard.push(clause))
    for clause in splitter.flush():
        out.extend(guard.push(clause))
    out.extend(guard.flush())
    return functools.reduce(join_clauses, out, ""), guard


@pytest.mark.parametrize("reply", [
    "今天天气晴朗，温度在15度左右，适合出门散步。",
    "今天天气不错，22摄氏度左右。",
    "今天外面阳光明媚，很暖和。",
    "明天有小雨，记得带伞。",
    "外面冷。",
    "外面不太冷，穿件外套就行。",
    "天气晴朗，气温十五度，适合出门。",  # no anchor in the reply, but the question asked about today
])
def test_invented_weather_is_replaced(reply: str) -> None:
    spoken, guard = guarded(reply, question="今天天气怎么样？")
    assert "查不到" in spoken, spoken
    assert not any(word in spoken for word in ("晴", "度", "暖和", "小雨", "冷")), spoken
    assert [v.category for v in guard.violations][:1] == ["weather"]


def test_real_forecast_passes() -> None:
    reply = "今天天气晴朗，最高气温十五度，适合出门散步。"
    spoken, guard = guarded(reply, question="今天天气怎么样？", grounded=frozenset({"weather"}))
    assert spoken == reply
    assert not guard.violations


@pytest.mark.parametrize("reply", [
    "下雨天路滑，出门要小心。",
    "体温超过三十七度三就算发烧了。",
    "冬天要注意保暖，多穿衣服。",
    "我不知道今天会不会下雨，您可以看看手机上的天气预报。",
    "您那里今天下雨了吗？",
    "北京是中国的首都。",
    "今天是小雪节气。",
    "三级医院的专家号比较难挂。",
])
def test_generic_knowledge_hedges_and_questions_pass(reply: str) -> None:
    spoken, guard = guarded(reply, question="随便聊聊")
    assert spoken == reply, (spoken, guard.violations)


def test_weather_opening_is_held_until_the_claim() -> None:
    guard = HonestyGuard(now=NOW, question="今天天气怎么样？")
    assert guard.push("今天的天气，") == []  # held: the claim may come next
    assert guard.push("晴转多云。") == ["我查不到实时的天气，您可以看看手机或电视上的天气预报。"]
    assert guard.push("记得按时吃饭。") == ["记得按时吃饭。"]


def test_rest_of_a_violating_sentence_is_dropped_and_the_apology_not_repeated() -> None:
    spoken, guard = guarded("今天晴天，最高二十度，最低十度。明天也是晴天。您注意身体。",
                            question="天气怎么样")
    assert spoken == "我查不到实时的天气，您可以看看手机或电视上的天气预报。您注意身体。", spoken
    assert len(guard.violations) == 2


def test_english_weather_both_ways() -> None:
    spoken, _ = guarded("It's sunny today, with a high of 20 degrees.", question="What's the weather like?")
    assert "sunny" not in spoken and "live weather" in spoken, spoken
    real = "It's sunny today, with a high of 20 degrees."
    spoken, _ = guarded(real, question="What's the weather like?", grounded=frozenset({"weather"}))
    assert spoken == real
    spoken, _ = guarded("Rainy days can make your knees ache.", question="Why do my knees hurt?")
    assert spoken == "Rainy days can make your knees ache."


def test_dates_and_times_must_match_the_clock() -> None:
    ok = ["今天是11月30日，星期一。", "现在是下午1点57分。", "现在是下午两点。", "明天是星期二。",
          "现在是2026年11月30日 星期一 下午1点57分。"]
    for reply in ok:
        assert guarded(reply, question="今天几号，现在几点？")[0] == reply, reply
    spoken, guard = guarded("今天是星期三。", question="今天星期几？")
    assert spoken == "今天是11月30日，星期一。", spoken
    assert guard.violations[0].category == "date"
    spoken, guard = guarded("现在是上午十点。", question="现在几点了？")
    assert spoken == "现在是下午1点57分。", spoken
    spoken, _ = guarded("今天是12月5号。", question="今天几号")
    assert "11月30日" in spoken
    # another day's date, or a time of some other event, is not a claim about now
    assert guarded("下周三是12月9号。", question="下周三是几号？")[0] == "下周三是12月9号。"
    assert guarded("您可以晚上八点吃药。", question="什么时候吃药？")[0] == "您可以晚上八点吃药。"
    # a good hour for something, asked with 几点, is advice, not the clock (it was replaced by the time now)
    for question, reply in (("晚上几点睡好？", "晚上十点前睡比较好。"),
                            ("早上几点锻炼合适？", "早上七八点锻炼合适。"),
                            ("What time should I go to bed?", "Around 10 pm is good.")):
        assert guarded(reply, question=question)[0] == reply, (question, reply)
    for question in ("几点了，我该吃药了吧", "请问几点？", "What time is it?"):  # the time now, still checked
        assert "1点57分" in guarded("现在是上午十点。", question=question)[0] or "1:57" in guarded(
            "It's 10 am now.", question=question)[0], question


def test_english_dates() -> None:
    spoken, _ = guarded("Today is Friday.", question="What day is it?")
    assert spoken == "Today is Monday, November 30.", spoken
    right = "Today is Monday, November 30."
    assert guarded(right, question="What day is it?")[0] == right


def test_lunar_date_needs_the_clock_tool() -> None:
    spoken, guard = guarded("今天是农历十月十一。", question="今天农历几号？")
    assert "查不准" in spoken and guard.violations[0].category == "lunar"
    real = "今天是农历十月十一。"
    assert guarded(real, question="今天农历几号？", grounded=frozenset({"date"}))[0] == real


def test_prices_and_news() -> None:
    assert find_violation("今天的金价是每克六百元。") is not None
    assert find_violation("白菜两块钱一斤。") is not None
    assert find_violation("大盘今天涨了。") is not None
    assert find_violation("三百五十块打八折是二百八十块。") is None
    assert find_violation("今天的新闻说要降温。") is not None
    assert find_violation("双色球开奖号码是三、八、十二。") is not None
    assert find_violation("多看新闻对大脑有好处。") is None
    assert find_violation("今天的金价是每克六百元。", grounded=frozenset({"price"})) is None
    assert find_violation("The gold price rose to 2000 dollars today.", language="en") is not None


def test_a_sum_of_money_for_a_question_that_gave_no_number_is_made_up() -> None:
    # "明天美元的汇率是多少", misheard so that no topic word is left: the amount can come from no sum
    spoken, _ = guarded("明天每元的会里是10元。", question="明天每元的会里是多少？")
    assert spoken.startswith("现在的价格我查不到") and "10" not in spoken
    assert find_violation("您的养老金是三千元。", question="我的养老金是多少") is not None
    assert find_violation("It costs about 5 dollars.", question="How much is a coffee?", language="en")
    # the question gave the numbers: a sum, not a price
    assert find_violation("一共七块五。", question="一斤白菜两块五，三斤多少钱？") is None
    assert find_violation("小狗有四条腿。", question="小狗有几条腿？") is None
    # 块 that counts things, not money (the guard took the bones for a price, stop 15)
    assert find_violation("人身上有二百零六块骨头。", question="人身上有多少块骨头？") is None
    assert find_violation("一个蛋糕切成八块蛋糕。", question="一个蛋糕能切几块？") is None
    assert find_violation("一斤苹果八块。", question="苹果多少钱一斤？") is not None


def test_a_sum_that_custom_sets_is_knowledge_but_a_market_beside_it_is_not() -> None:
    # a gift's, a tip's or a coin's amount: the same whatever day it is asked (issue 15)
    assert find_violation("一般给孩子两百到五百块。", question="压岁钱给多少合适？") is None
    assert find_violation("一般几百块。", context="满月红包各地不一样，",
                          question="外孙满月送多少钱？") is None
    assert find_violation("有一角、五角和一元三种。", question="硬币有哪几种？") is None
    assert find_violation("Most people tip fifteen to twenty percent, about 10 dollars.",
                          question="How much should I tip?", language="en") is None
    # a market price or a rate stays a claim, a gift word beside it or not
    assert find_violation("现在一美元换七块一毛。", question="压岁钱换成美元是多少？") is not None
    assert find_violation("今天猪肉十六块一斤。", question="包压岁钱饺子的猪肉多少钱？") is not None
    assert find_violation("您的养老金是三千元。", question="我的养老金是多少") is not None


def test_clock_is_read_from_the_request() -> None:
    from assistant.llm.base import ChatMessage, ChatRequest
    from assistant.llm.prompt import clock_message
    from assistant.pipeline.honesty_request import clock_of

    for when in (NOW, datetime(2026, 1, 2, 0, 5), datetime(2026, 1, 2, 12, 0), datetime(2026, 1, 2, 21, 30)):
        request = ChatRequest(messages=[ChatMessage(role="system", content="你好"), clock_message(when),
                                        ChatMessage(role="user", content="几点了")])
        assert clock_of(request) == when


@pytest.mark.parametrize(("question", "reply"), [
    ("我喘不上气", "现在保持呼吸道通畅，马上打一二零。"),  # not the roads
    ("我感冒了", "您现在鼻子很堵，多喝点热水。"),
    ("我今天下棋赢了", "您今天下棋赢了，真厉害！"),  # not a match result
    ("明天几点起床", "明天早上七点起床挺合适的。"),  # the time of something, not the time now
    ("What's good for a cold?", "Rest, drink warm water, and see a doctor if the fever is high."),
    ("Can I take my blood pressure pill with cold medicine?", "Some cold medicines raise blood pressure."),
    ("夏天热不热？", "夏天一般比较热，要多喝水防中暑。"),  # a season, not this day
])
def test_words_that_look_like_live_facts_pass(question: str, reply: str) -> None:
    spoken, guard = guarded(reply, question=question)
    assert spoken == reply, (spoken, guard.violations)


@pytest.mark.parametrize(("question", "reply", "category"), [
    ("北京堵车吗", "现在二环堵得厉害，建议晚点出门。", "traffic"),
    ("昨晚比赛怎么样", "昨晚国足二比一战胜了对手。", "news"),
    ("What's the exchange rate?", "One US dollar is worth 7.2 yuan today.", "price"),
    ("What time is it?", "It's about 10:15 in the morning.", "time"),
])
def test_new_kinds_of_invented_facts_are_replaced(question: str, reply: str, category: str) -> None:
    spoken, guard = guarded(reply, question=question)
    assert spoken != reply
    assert [v.category for v in guard.violations][:1] == [category]


@pytest.mark.parametrize(("reply", "question"), [
    ("是的，杭州明天路不冷。", "杭州明天路不冷。"),  # "杭州明天冷不冷" misheard, echoed back as a yes
    ("是的，最近几天会叫温暖。", "这几天会叫温暖。"),  # "这几天会降温吗"
])
def test_a_misheard_weather_question_echoed_back_is_a_weather_claim(reply: str, question: str) -> None:
    found = find_violation(reply, question=question)
    assert found is not None and found.category == "weather", found


@pytest.mark.parametrize(("reply", "question"), [
    ("明天的庙会很热闹。", "明天的庙会热闹吗？"),
    ("今天的汤不热了，热一下再喝。", "今天的汤热不热？"),
    ("他这个人挺冷静的。", "他今天冷静吗？"),
    ("今天屋里不冷，暖气挺足。", "今天屋里冷不冷？"),
])
def test_warmth_of_a_thing_or_a_mood_is_no_weather(reply: str, question: str) -> None:
    assert find_violation(reply, question=question) is None
