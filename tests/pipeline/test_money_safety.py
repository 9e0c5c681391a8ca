"""A money or legal decision asked of (assistant/pipeline/money_safety.py): a safe answer in code, never the
LLM's. The shipped 1.5B called mortgaging the house for her old age "一个不错的选择" and told a widow to put
her late husband's deposits into her own account first (discovery 9)."""

from __future__ import annotations

import asyncio
import re

import pytest

from assistant.llm.base import ChatMessage, ChatRequest
from assistant.pipeline import safe_answers, scam
from assistant.pipeline.money_safety import advice, topic
from assistant.pipeline.money_safety_answers import KIND_OF, REPLY_EN, REPLY_ZH
from assistant.pipeline.tooling import plan_text_turn

ASKED = [
    ("银行的人推荐我买一个理财产品，年化百分之六，能买吗？", "product"),
    ("把房子抵押了去养老划算吗？", "mortgage"),
    ("老伴走了，他的存款我怎么取出来？", "deposit"), ("遗嘱怎么写才算数？", "will"),
    ("我侄子找我借五万块钱，该不该借？", "lend"), ("我给人做担保要签字，有什么要注意的？", "guarantee"),
    ("我想把房子过户给儿子，要交多少税？", "transfer"), ("理财经理说这个产品年化四个点，能不能买", "product"),
    ("我弟弟又来找我借钱了，借还是不借", "lend"), ("以房养老到底靠不靠谱", "mortgage"),
    ("母亲过世了，她的房子我们几个怎么分", "inherit"), ("Does a handwritten will count?", "will"),
    ("Should I transfer my flat to my daughter now?", "transfer"),
    ("Is it a good idea to put my savings into stocks now?", "product"),
    ("My wife died last month. How do I get her savings out of the bank?", "deposit"),
]
LEFT_ALONE = [
    "存款放银行定期三年利息是多少？", "我的银行卡丢了怎么办？", "我在银行买的理财产品到期了，利息多少怎么查",
    "我儿子在保险公司上班", "老伴走了，我一个人好孤单", "邻居说她吃的那个药管用，我能不能借两片吃",
    "养老保险每个月能领多少", "医保卡怎么用", "我卡里的钱取不出来，急死了", "房子太旧了，下雨漏水",
    "帮我算算五万存三年定期有多少利息", "保险丝老是烧，怎么回事？", "我想借点钱买房，行吗",
    "我儿子炒股赔了，怎么劝他", "Can I borrow 5000 yuan from the bank?",
    "My husband passed away and the house feels empty. Should I move?",
    "My husband passed away last year and I miss him.", "My son will count the money for me.",
    "Can you lend me a hand with this?", "What's the interest rate on savings?", "",
]


@pytest.mark.parametrize(("said", "expected"), ASKED)
def test_a_decision_is_found_by_its_topic(said: str, expected: str) -> None:
    assert topic(said) == expected


@pytest.mark.parametrize("said", LEFT_ALONE)
def test_plain_banking_and_talk_are_left_alone(said: str) -> None:
    assert advice(said, "en" if said.isascii() else "zh") is None


@pytest.mark.parametrize("said", ["股票今天涨了还是跌了？", "基金是涨还是跌？",
                                  "Did the stocks go up or down today?"])
def test_how_the_market_went_is_no_choice_of_hers(said: str) -> None:
    assert topic(said) is None  # a fact of the day: the LLM answers, and the honesty guard judges it
    assert topic("买黄金好还是存定期好？") == "choice"


WORDS_ZH = {"product": ("别当场", "保本", "正规银行柜台", "合同", "家里人"), "lend": ("借条", "家里人"),
            "choice": ("不能替您拿主意", "会跌", "存定期", "正规银行柜台", "家里人"),
            "guarantee": ("可能要您来还", "幺二三四八"), "mortgage": ("抵押", "签字", "家里人"),
            "transfer": ("不归您", "公证处", "幺二三四八"),
            "will": ("亲笔", "签上名", "年月日", "两个", "公证处"),
            "deposit": ("死亡证明", "亲属关系", "银行柜台", "公证"),
            "inherit": ("死亡证明", "公证处", "幺二三四八")}


@pytest.mark.parametrize("name", sorted(KIND_OF))
def test_each_answer_says_what_to_do_in_short_spoken_words(name: str) -> None:
    zh, en = REPLY_ZH[name], REPLY_EN[name]
    assert all(word in zh for word in WORDS_ZH[name]), zh
    assert not re.search(r"[A-Za-z0-9]", zh)  # numbers spoken: 幺二三四八
    assert len(re.findall(r"[。！？]", zh)) <= 3 and len(re.findall(r"[.!?]", en)) <= 3
    assert "可以买" not in zh and "yes" not in en.lower()
    assert ("12348" in en) == ("幺二三四八" in zh)


def test_every_topic_has_its_kind_and_both_languages() -> None:
    assert set(KIND_OF) == set(REPLY_ZH) == set(REPLY_EN)
    assert set(KIND_OF.values()) == {"product", "lend", "house", "will", "estate"}


def test_house_for_an_old_age_pension_offered_by_someone_stays_a_fraud() -> None:
    assert scam.fraud("有人说可以以房养老，把房子抵押给他们，每个月给我一万块钱") == "house"
    assert scam.fraud("听说以房养老挺好的，我要不要办？") is None
    found = safe_answers.answer("听说以房养老挺好的，我要不要办？", "zh", reminders=False)
    assert found is not None and found[:2] == ("money_safety", "house") and "骗" in found[2]


def test_a_session_answers_in_code() -> None:
    async def request(text: str, language: str) -> ChatRequest:
        return ChatRequest(messages=[ChatMessage(role="user", content=text)])

    extra: dict[str, object] = {}
    plan = asyncio.run(plan_text_turn(None, "把房子抵押了去养老划算吗？", language="zh", reply_id=1,
                                      speed=1.0, extra=extra, committed=None, remote=False, request=request))
    assert extra["money_safety"] == "house" and "别急着签字" in plan.fixed_text  # type: ignore[operator]
