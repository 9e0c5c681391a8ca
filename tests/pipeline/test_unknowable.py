"""Live news, prices, draws and results are answered honestly in code, not guessed (pure logic)."""

from __future__ import annotations

import pytest

from assistant.pipeline.unknowable import honest_reply, topic_of


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
     "How do I read the news on my phone?", "What is a stock?"],
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
