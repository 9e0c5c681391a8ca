"""Live news, prices, draws and results are answered honestly in code, not guessed (pure logic)."""

from __future__ import annotations

import re

import pytest

from assistant.pipeline.unknowable import fixed_answer, honest_reply, topic_of


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("今天有什么新闻？", "news"),
        ("最近国内有什么热点新闻", "news"),
        ("现在的股市是涨还是跌？", "market"),
        ("腾讯的股价今天多少？", "market"),
        ("这几天油价涨了吗", "market"),
        ("下一期大乐透开什么号码？", "lottery"),
        ("昨天的篮球比赛谁赢了？", "sports"),
        ("现在鸡蛋多少钱一斤？", "price"),
        ("What is the latest news?", "news"),
        ("Who won the game yesterday?", "sports"),
        ("What's the price of gold today?", "market"),
        ("最近国家有什么大事", "news"),
        ("最近流感严重吗", "news"),
        ("现在一克黄金多少钱", "market"),
        ("一百块钱能换多少美元", "market"),
        ("昨晚中国队踢赢了吗", "sports"),
        ("美国总统现在是谁", "office"),
        ("谁是现在的国家主席", "office"),
        ("明天会不会停电", "local"),
        ("菜市场几点关门", "local"),
        ("今天空气怎么样", "air"),
        ("外面空气好不好", "air"),
        ("What is the air quality today?", "air"),
        ("现在煮肉多少钱一斤？", "price"),  # 猪肉 misheard: what anything sells for by weight now
        ("昨天晚上的足球比赛水英文。", "sports"),  # 谁赢 in other characters and tones
        ("Who won the game last night?", "sports"),
        ("周末去上海的高铁票还有吗", "tickets"),  # whether any are left: only the seller knows
        ("儿童医院的专家号还有没有", "tickets"),
        ("Are there any train tickets left?", "tickets"),
        ("我网购的东西啥时候到", "parcel"),
        ("闺女寄的包裹到了没", "parcel"),
        ("Where is my parcel?", "parcel"),
        ("今年退休工资上调了没有", "pension"),  # this year's rise: only the social-security office knows
        ("退休金这个月到账了没", "pension"),
        ("When will my pension go up this year?", "pension"),
        ("出台了什么新规定没有，最近", "news"),
        ("这边的房价现在多少一平", "price"),
    ],
)
def test_live_questions_get_an_honest_answer(question: str, topic: str) -> None:
    assert topic_of(question) == topic
    reply = honest_reply(question, "en" if question.isascii() else "zh")
    assert reply is not None and not any(ch.isdigit() for ch in reply)


@pytest.mark.parametrize(
    "question",
    ["股票是什么意思？", "怎么看新闻？", "彩票中奖率高吗？", "我儿子最近有什么消息吗？", "你好",
     "血压多少算正常？", "三斤苹果一共多少钱，一斤五块", "基金定投好不好？", "今天天气怎么样？",
     "How do I read the news?", "What is a stock?", "今年黄金周放几天", "流感有什么症状",
     "最近要不要打流感疫苗", "美元是什么", "现在几点了", "你是谁", "我孙子是谁", "长城在哪里",
     "小明的电话号码是多少", "北京是什么时候成为首都的", "什么时候立春", "多呼吸新鲜空气好吗",
     "空气净化器怎么用", "股票怎么样",
     "一斤白菜两块五，三斤多少钱？", "火车票怎么买", "快递怎么寄", "养老金是怎么算的", "政策是什么意思",
     "焦点访谈之前的新闻联播是几点开始", "春晚一般几点开始", "中央台天气预报几点播",  # fixed times
     "银行一般周末也营业吗？", "Do banks usually close on Sundays?",  # what usually holds
     "孙子几点放学？", "几点放假？"],  # school, not a programme ("今天的电视节目我查不到", stop 24)
)
def test_questions_about_the_topic_in_general_go_to_the_llm(question: str) -> None:
    assert topic_of(question) is None


@pytest.mark.parametrize(("heard", "topic"), [
    ("毛牌的骨架现在是多少？", "market"),  # 股价, as Whisper wrote it: the same syllables and tones
    ("最近有什么大新文吗？", "news"),
    ("今天的新文说了什么", "news"),
])
def test_a_topic_word_heard_in_other_characters_is_still_the_topic(heard: str, topic: str) -> None:
    assert topic_of(heard) == topic


@pytest.mark.parametrize("said", ["人的骨架有多少块骨头？", "鱼的骨架怎么去掉", "他是新来的", "最近睡得不好"])
def test_sound_alikes_without_a_time_anchor_or_the_syllables_are_no_topic(said: str) -> None:
    assert topic_of(said) is None


@pytest.mark.parametrize("heard", ["昨天晚上的独球比赛时已轮。", "今天晚上有比赛吗", "前天那场球赛怎么样"])
def test_a_match_on_a_given_day_is_live_whatever_is_asked_of_it(heard: str) -> None:
    assert topic_of(heard) == "sports"


@pytest.mark.parametrize("said", [
    "我今天参加了象棋比赛，赢了", "我昨天去看了孙子的比赛", "孙女今天比赛得了第一"])
def test_the_users_own_match_is_their_news_not_a_live_result(said: str) -> None:
    assert topic_of(said) is None


@pytest.mark.parametrize(("question", "said"), [
    ("焦点访谈之前的新闻联播是几点开始", "晚上七点"), ("今晚新闻联播啥时候播", "晚上七点"),
    ("中央台天气预报几点播", "七点半"), ("春晚一般几点开始", "除夕晚上八点"),
])
def test_a_programme_with_a_fixed_time_gets_that_time_not_a_cannot_know(question: str, said: str) -> None:
    reply = honest_reply(question, "zh")
    assert reply is not None and said in reply and "查不到" not in reply
    assert fixed_answer(question, "zh") == reply


@pytest.mark.parametrize(("question", "language"), [
    ("太阳从西边出来那天是几号？", "zh"), ("猴年马月是哪天", "zh"), ("等铁树开花那天是几月几号", "zh"),
    ("下辈子什么时候到", "zh"), ("When pigs fly, what date will that be?", "en"),
])
def test_a_day_that_never_comes_has_no_date(question: str, language: str) -> None:
    reply = fixed_answer(question, language)
    assert reply is not None and not re.search(r"\d|[一二三四五六七八九十]+[月号日]", reply)
    assert ("never" in reply) if language == "en" else ("没有这一天" in reply)


@pytest.mark.parametrize("said", ["下辈子我还嫁给你", "前世今生是什么意思", "猴年马月这个说法是怎么来的",
                                  "铁树开花是什么意思"])
def test_the_idioms_alone_ask_for_no_date(said: str) -> None:
    assert fixed_answer(said, "zh") is None


def test_what_is_on_today_is_still_unknowable() -> None:
    assert topic_of("今晚中央一台放什么电视剧") == "tv"
    assert fixed_answer("今晚中央一台放什么电视剧", "zh") is None
    assert topic_of("今天新闻联播说了什么") == "news"


@pytest.mark.parametrize("said", ["老伴坐的航班落地了没有", "闺女坐的高铁到站了吗",
                                  "Is my daughter's flight delayed?"])
def test_flights_and_trains_on_their_way_are_not_made_up(said: str) -> None:
    assert topic_of(said) == "travel"
    assert topic_of("飞机为什么会晚点") is None  # how delays happen is general knowledge
    assert topic_of("坐飞机会不会晕机") is None
    assert topic_of("我女儿的航班今天晚点了一个小时") is None  # told, not asked


@pytest.mark.parametrize(("question", "topic"), [
    ("火车站怎么走？", "route"),  # the 1.5B said "火车站位于市中心" (blind probe, stop 25)
    ("医院怎么走", "route"),
    ("这周六公园门票要钱吗？", "benefit"),  # was asked back
])
def test_the_way_to_a_local_place_and_its_fee_are_local_facts(question: str, topic: str) -> None:
    assert topic_of(question) == topic


@pytest.mark.parametrize("question", ["长城怎么走？", "饺子怎么包？"])
def test_the_way_to_a_famous_place_or_a_dish_is_not_local(question: str) -> None:
    assert topic_of(question) is None
