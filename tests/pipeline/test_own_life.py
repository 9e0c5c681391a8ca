"""Questions about the user's own life (assistant/pipeline/own_life.py): answered "I don't know" in code
when the conversation holds nothing on them, left to the LLM when she has spoken of them."""

from __future__ import annotations

import asyncio

import pytest

from assistant.llm.base import ChatMessage, ChatRequest
from assistant.pipeline.own_life import own_life
from assistant.pipeline.tooling import plan_text_turn

# each asked of the shipped 1.5B on 2026-12-01, which made the answer up ("他今年10岁了", "你叫张三" …)
ASKED = [
    ("我的眼镜在哪里？", "put"), ("我的钥匙呢？", "put"),  # the 1.5B: "眼镜在眼镜架上。" (stop 24)
    ("我孙子今年几岁了？", "kin"), ("你还记得我叫什么吗？", "name"), ("我刚才吃药了没有？", "did"),
    ("我什么时候生日？", "birthday"), ("我今年多大了？", "age"), ("我家的猫叫什么？", "kin"),
    ("我闺女在哪上班？", "kin"), ("我上次去医院是什么时候？", "last_time"),
    ("今天有人给我打电话吗？", "calls"),
    ("我的体检报告怎么样？", "report"), ("我家离医院远吗？", "address"), ("How old am I?", "age"),
    ("What's my name?", "name"), ("Did I take my pills today?", "did"), ("What's my address?", "address"),
    ("What's my grandson's name?", "kin"),
    # a family member's day or hour (the clock had answered today's date, 2026-12-02)
    ("我闺女哪天回来", "kin_day"), ("我孙子几号放假？", "kin_day"), ("我老伴生日是几月几号", "kin_day"),
    ("我儿子什么时候来看我", "kin_day"),
    # whether they come on a day, whether a grandchild passed (yes or no, as if known)
    ("我女儿今天来吗？", "kin_day"), ("我儿子周末会回来看我吗", "kin_day"),
    ("Is my son coming today?", "kin_day"), ("Will my daughter visit tomorrow?", "kin_day"),
    ("我孙子考上大学了吗？", "school"),
    # the children, unnamed; how much she had or did (stop 23)
    ("孩子们过年回来吗？", "kin_day"), ("儿女们什么时候回来看我？", "kin_day"),
    ("孩子们周末回来看我吗？", "kin_day"),
    ("我今天喝了多少水？", "how_much"), ("我昨天睡了几个小时？", "how_much"),
    ("我今天走了多少步？", "how_much"),
    ("How long did I sleep last night?", "how_much"),
    ("儿子这周末回家吗？", "kin_day"), ("闺女今天来吗", "kin_day"), ("我昨晚睡够了吗？", "slept"),
    ("我昨天睡得好不好", "slept"), ("Did I sleep well last night?", "slept"),
    ("俺孙子期末考试及格了吗？", "school"), ("我今天走够一万步了吗？", "how_much"),
    ("我昨晚睡够八个钟头了吗？", "slept"),
]
# knowledge, her own news, questions about the assistant, the clock
NOT_OWN_LIFE = [
    "我的手机在哪买的？",
    "高血压吃什么药？", "我今天吃了三个饺子", "孙子几岁能上小学？", "我吃药了，下一顿什么时候吃？",
    "我想给孙子买个礼物，买什么好？", "你叫什么名字？", "我儿子叫小明，今年十岁了",
    "我今年七十五了，还能跑步吗？",
    "我血压高能吃鸡蛋吗？", "今天几号？", "How old is the Great Wall?", "我的降压药吃完了怎么办？",
    "我家在北京，今天冷吗？", "我闺女说下周三回来，下周三是几号", "我女儿今天来，做什么菜好？",
    "Is my son's school open today?",
    "孩子什么时候断奶？", "小孩子多大可以吃盐？", "孩子一般几点放学回来", "我每天应该喝多少水？",
    "我喝了多少酒会醉",
    "How many hours should I sleep?", "我睡得不好怎么办", "儿子什么时候结婚好", "晚上睡不着觉怎么办？",
]


@pytest.mark.parametrize(("question", "topic"), ASKED)
def test_her_own_life_unknown_is_said_plainly(question: str, topic: str) -> None:
    found = own_life(question, "en" if question.isascii() else "zh", told="")
    assert found is not None and found[0] == topic
    plain = ("don't know", "can't see", "no record") if question.isascii() else ("不知道", "看不到", "记录")
    assert any(words in found[1] for words in plain), found


@pytest.mark.parametrize("question", NOT_OWN_LIFE)
def test_other_questions_are_left_alone(question: str) -> None:
    assert own_life(question, "en" if question.isascii() else "zh", told="") is None


def test_what_she_told_earlier_goes_to_the_llm() -> None:
    assert own_life("我孙子今年几岁了？", "zh", told="我孙子小宇上三年级了") is None
    assert own_life("我刚才吃药了没有？", "zh", told="我刚吃完药") is None
    assert own_life("What's my grandson's name?", "en", told="My grandson Jack is ten.") is None
    assert own_life("我今天喝了多少水？", "zh", told="我今天喝了五杯水") is None


def _plan(question: str, history: list[ChatMessage]) -> tuple[object, dict[str, object]]:
    async def request(text: str, language: str) -> ChatRequest:
        return ChatRequest(messages=[ChatMessage(role="system", content="系统提示：比如孙子"), *history,
                                     ChatMessage(role="user", content=text)])

    extra: dict[str, object] = {}
    plan = asyncio.run(plan_text_turn(None, question, language="zh", reply_id=1, speed=1.0, extra=extra,
                                      committed=None, remote=False, request=request))
    return plan, extra


def test_a_session_answers_in_code_only_when_nothing_was_said_of_it() -> None:
    plan, extra = _plan("我孙子今年几岁了？", [])
    assert extra["own_life"] == "kin" and "不知道" in plan.fixed_text  # type: ignore[attr-defined]
    plan, extra = _plan("我孙子今年几岁了？", [ChatMessage(role="user", content="我孙子小宇今年上三年级。"),
                                          ChatMessage(role="assistant", content="真不错。")])
    assert "own_life" not in extra and plan.request is not None  # type: ignore[attr-defined]


@pytest.mark.parametrize("question", ["我闺女哪天回来", "我生日是几号", "我孙子几号放假？", "我闺女几点回来"])
def test_a_family_day_is_not_todays_date(question: str) -> None:
    from assistant.tools.router import route

    assert route(question) is None  # not the clock's today: own_life says it is not known
    plan, extra = _plan(question, [])
    assert extra["own_life"] in ("kin_day", "birthday") and "不知道" in plan.fixed_text  # type: ignore[attr-defined]
    assert route("我闺女说下周三回来，下周三是几号") is not None and route("我想知道今天几号") is not None
