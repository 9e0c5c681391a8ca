"""The knowledge base of common facts: every fact loads, questions find the fact they are about and
others find none, and the LLM request carries the fact after the user's words only. Pure logic."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from assistant.errors import ConfigError
from assistant.knowledge.facts import MAX_FACTS, find_facts, load_facts, with_facts
from assistant.llm.base import ChatMessage
from assistant.llm.prompt import History
from assistant.pipeline.engines import EngineOptions, Engines
from assistant.pipeline.prefill import prefill_request

# (question as heard, the fact it is about): several wordings per topic, Chinese and English
FOUND = [
    # a blind probe (stop 24): the 1.5B told a bite only to see a doctor, a burn only to wash it
    ("我被狗咬了一口，出血了。", "animal-bite"), ("被猫抓了一下要打针吗？", "animal-bite"),
    ("My dog bit me.", "animal-bite"), ("I burnt my hand on the stove.", "burn"),
    ("水到多少度结冰", "freezing-point"),
    ("水在几度会冻成冰啊", "freezing-point"),
    ("水的冰点是多少", "freezing-point"),
    ("At what temperature does water freeze?", "freezing-point"),
    ("水烧开是多少度", "boiling-point"),
    ("开水有多少度", "boiling-point"),
    ("长城最早哪个朝代开始修", "great-wall"),
    ("万里长城是谁修的", "great-wall"),
    ("长城有多长", "great-wall"),
    ("Who built the Great Wall?", "great-wall"),
    ("一年有几个节气", "solar-terms-count"),
    ("节气一共有多少个", "solar-terms-count"),
    ("How many solar terms are there in a year?", "solar-terms-count"),
    ("二十四节气都有哪些", "solar-terms-names"),
    ("老年人一天吃多少盐", "salt"),
    ("每天吃盐最多几克", "salt"),
    ("How much salt should I eat a day?", "salt"),
    ("人身上有多少块骨头", "bones"),
    ("人一共有几块骨头", "bones"),
    ("How many bones does an adult have?", "bones"),
    ("月亮绕着什么转", "moon-orbit"),
    ("月球是围着地球转的吗", "moon-orbit"),
    ("What does the moon go around?", "moon-orbit"),
    ("地球绕着什么转", "earth-orbit"),
    ("正常心率是多少", "heart-rate"),
    ("心跳一分钟跳几下算正常", "heart-rate"),
    ("人的正常体温是多少度", "body-temperature"),
    ("多少度算发烧", "body-temperature"),
    ("血压多少算正常", "blood-pressure"),
    ("高血压的标准是多少", "blood-pressure"),
    ("What is a normal blood pressure?", "blood-pressure"),
    ("空腹血糖正常是多少", "blood-sugar"),
    ("一天应该喝多少水", "water-daily"),
    ("每天要喝几杯水", "water-daily"),
    ("一天吃多少油合适", "oil"),
    ("中国的首都是哪里", "capital"),
    ("What is the capital of China?", "capital"),
    ("中国有几个省", "provinces"),
    ("全国一共有多少个省份", "provinces"),
    ("中国最长的河是哪条", "longest-river"),
    ("长江有多长", "longest-river"),
    ("世界上最高的山是哪座", "everest"),
    ("珠穆朗玛峰有多高", "everest"),
    ("端午节是哪天", "dragon-boat"),
    ("端午节吃什么", "dragon-boat"),
    ("中秋节是农历几月几号", "mid-autumn"),
    ("重阳节是哪天", "double-ninth"),
    ("腊八是哪一天", "laba"),
    ("元宵节是什么时候", "lantern-festival"),
    ("七夕是农历哪天", "qixi"),
    ("小年是哪天", "little-new-year"),
    ("When is the Mid-Autumn Festival?", "mid-autumn"),
    ("十二生肖的顺序是什么", "zodiac-order"),
    ("一公斤是几斤", "jin-kilo"),
    ("一亩地是多少平方米", "mu"),
    ("一里路是多少米", "li"),
    ("一尺是多少厘米", "chi-cun"),
    ("急救电话是多少", "emergency-numbers"),
    ("着火了打什么电话，火警电话是多少", "emergency-numbers"),
    ("What number do I call for an ambulance?", "emergency-numbers"),
    ("一个星期有几天", "week-days"),
    ("一年有几个月", "year-months"),
    ("一年有多少天", "year-days"),
    ("How many days are in a week?", "week-days"),
    ("一小时有多少分钟", "hour-minutes"),
    ("劳动节是几号", "labour-day"),
    ("国庆节是哪一天", "national-day"),
    ("When is Teachers' Day?", "teachers-day"),
    ("血氧多少算正常", "blood-oxygen"),
    ("四大名著是哪几本", "four-novels"),
    ("七十岁叫古稀吗", "age-names"),
    ("结婚五十年叫什么婚，是金婚吗", "wedding-anniversaries"),
]

# questions no fact of the file is about, or that ask for something done: recipes, weather, reminders,
# chit-chat, the user's own readings, a song
NOTHING = [
    "我家狗会咬人吗？", "狗咬狗一嘴毛是什么意思", "calories burnt walking",
    "骨头汤怎么炖才好喝", "红烧肉怎么做", "粽子怎么包", "今天多少度", "明天天气怎么样",
    "明天会不会结冰，天气冷不冷", "提醒我明天早上八点吃药", "提醒我端午节给孙子打电话",
    "每天晚上九点提醒我喝水", "你好呀", "你叫什么名字", "我今天有点累", "我想我孙子了",
    "我的电话号码是13812011010", "给我唱一首歌", "帮我打电话给女儿", "端午节快乐", "我每天早上锻炼身体",
    "我睡觉前要吃药吗", "两加两等于几", "我体重一百二十斤", "鸡蛋多少钱一斤", "现在几点了", "今天是什么节气",
    "今年中秋节是几号", "国庆节放几天假", "What's the weather like tomorrow?",
    "Remind me to take my pills at eight",
    "How are you today?", "Tell me a story", "I miss my grandson", "长城宽带怎么交费", "故宫门票多少钱",
    "我去过好几个地方", "Call my daughter please", "Play me some music",
]


@pytest.mark.parametrize(("question", "fact_id"), FOUND)
def test_a_question_finds_the_fact_it_is_about(question: str, fact_id: str) -> None:
    found = [fact.id for fact in find_facts(question)]
    assert found[:1] == [fact_id], (question, found)


@pytest.mark.parametrize("question", NOTHING)
def test_other_questions_find_no_fact(question: str) -> None:
    assert find_facts(question) == [], question
    assert with_facts(question, "zh") == question


def test_every_fact_loads_and_is_well_formed() -> None:
    facts = load_facts()
    assert 120 <= len(facts) <= 200
    for fact in facts:
        assert fact.keys and all(word == word.strip() and word for word in fact.keys), fact.id
        assert fact.zh.endswith("。") and len(fact.zh) <= 120, fact.id  # one short spoken sentence
        assert fact.en.endswith("."), fact.id
        assert not (set(fact.keys) | set(fact.with_)) & set(fact.not_), fact.id
        assert any("\u4e00" <= ch <= "\u9fff" for ch in "".join(fact.keys)), fact.id  # named in Chinese
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in fact.en), fact.id
    for year in ("2024", "2025", "2026", "二零二五", "二零二六", "今年"):  # nothing of this year
        assert not any(year in fact.zh or year in fact.en for fact in facts), year


def test_each_fact_is_found_by_its_own_words() -> None:
    """Every fact can be found: its first key with its first 'with' word (when it has them)."""
    facts = load_facts()
    for fact in facts:
        question = fact.keys[0] + (fact.with_[0] if fact.with_ else "")
        assert fact.id in [found.id for found in find_facts(question, facts)], (fact.id, question)


def test_at_most_two_facts_and_the_one_named_best_first() -> None:
    found = find_facts("一年有几个节气，都有哪些名字，十二生肖有哪些")
    assert len(found) == MAX_FACTS


@pytest.mark.parametrize(("question", "told", "not_told"), [
    ("一年有几个月？", "十二个月", "星期"), ("一个星期有几天？", "七天", "十二个月"),
    ("劳动节是几号？", "五月一日", "国庆"), ("国庆节是哪天？", "十月一日", "劳动节")])
def test_a_question_about_one_unit_or_holiday_carries_only_its_answer(question: str, told: str,
                                                                      not_told: str) -> None:
    """Facts are one answer each: the words the LLM must read before it answers (about 60 prompt tokens a
    second on 2 cores) are the question's own, not a list of neighbours."""
    asked = with_facts(question, "zh")
    assert told in asked and not_told not in asked.removeprefix(question), asked


def test_a_malformed_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "facts.toml"
    bad.write_text('[[fact]]\nid = "x"\nkeys = ["水"]\nzh = "水。"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="zh and en"):
        load_facts(bad)
    bad.write_text('[[fact]]\nid = "x"\nkeys = ["Water"]\nzh = "水。"\nen = "Water."\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="lower case"):
        load_facts(bad)
    bad.write_text('[[fact]]\nid = "x"\nkeys = []\nzh = "水。"\nen = "Water."\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="keys"):
        load_facts(bad)


def _engines() -> Engines:
    """Only the request building of Engines is used: no model is loaded."""
    return Engines(options=EngineOptions(), vad=None, asr=None, llm=None, tts=None,  # type: ignore[arg-type]
                   photos=None, output_rate=24000)  # type: ignore[arg-type]


def test_the_request_carries_the_fact_after_the_users_words_and_the_history_does_not() -> None:
    history, now = History(budget_tokens=1000), datetime(2026, 11, 28, 9, 30).astimezone()
    history.add_user("你好")
    history.add_assistant("您好，有什么可以帮您？")
    prefix = prefill_request(history, language="zh", now=now).messages
    request = _engines().chat_request(history, "水到多少度结冰", language="zh", now=now)
    asked = request.messages[-1]
    assert asked.role == "user" and asked.content.startswith("水到多少度结冰\n")
    assert "零摄氏度" in asked.content.removeprefix("水到多少度结冰")  # the fact, after her words
    assert request.messages[:-1] == prefix[:-1]  # the prefilled prefix is unchanged
    assert not any("零摄氏度" in m.content for m in request.messages[:-1])
    history.add_user("水到多少度结冰")  # what the session records
    assert history.messages[-1] == ChatMessage(role="user", content="水到多少度结冰")


def test_the_request_of_an_english_question_carries_the_english_fact() -> None:
    request = _engines().chat_request(History(budget_tokens=1000), "How many bones does an adult have?",
                                      language="en")
    said = "How many bones does an adult have?\n(Known fact: An adult has 206 bones.)"
    assert request.messages[-1].content == said


def test_a_question_about_no_fact_is_sent_as_it_is() -> None:
    request = _engines().chat_request(History(budget_tokens=1000), "红烧肉怎么做", language="zh")
    assert request.messages[-1] == ChatMessage(role="user", content="红烧肉怎么做")


def test_what_was_added_comes_off_again() -> None:
    from assistant.knowledge.facts import with_facts, without_facts

    for question, language in (("水到多少度结冰？", "zh"), ("How many bones does an adult have?", "en"),
                               ("红烧肉怎么做？", "zh")):
        assert without_facts(with_facts(question, language)) == question
