"""Comfort for a stated feeling (assistant/pipeline/feelings.py): which words are one, and that the
turn is answered in code, never by the LLM."""

from __future__ import annotations

import asyncio

import pytest

from assistant.llm.base import ChatRequest
from assistant.pipeline.feelings import comfort, feeling
from assistant.pipeline.tooling import plan_text_turn

STATED = [
    ("lonely", "我今天有点孤单。"),
    ("lonely", "一个人在家，冷冷清清的。"),
    ("lonely", "孩子们都忙，没人跟我说话"),
    ("lonely", "我好寂寞啊"),
    ("lonely", "屋里就我一个人，怪孤独的"),
    ("lonely", "I feel a bit lonely today."),
    ("lonely", "Nobody talks to me anymore."),
    ("miss", "我想我儿子了"),
    ("miss", "好想我孙女啊"),
    ("miss", "闺女好久没回来了，我想她"),
    ("miss", "I miss my daughter."),
    ("bored", "一个人在家好无聊啊"),
    ("bored", "闲得发慌，没事干"),
    ("bored", "成天待在家里，闷得慌"),
    ("bored", "I'm so bored."),
    ("sad", "今天心情不太好"),
    ("sad", "最近心里老是空落落的"),
    ("sad", "心里憋屈得很"),
    ("sad", "我觉得自己老了，没用了"),
    ("sad", "I feel sad today."),
    ("sleep", "晚上睡不着，老想事"),
    ("sleep", "这几天老是失眠"),
    ("sleep", "I can't sleep at night."),
    ("grief", "老伴走了以后，家里冷冷清清的"),
    ("grief", "老头子走了一年了，我还是老想他"),
    ("grief", "My wife passed away last year and I miss her."),
    ("afraid", "晚上一个人在家，有点害怕"),
    ("afraid", "打雷了我好害怕"),
    ("afraid", "I am scared to be alone at night"),
    # Wordings met after the feelings probe (the rules of test_feelings_probe.py were read by then).
    ("sad", "俺这心里头空唠唠的"),
    ("sad", "心里发愁"),
    ("sleep", "一到晚上就瞪着眼睛到天亮"),
    ("miss", "孩子们都在外地，过年也见不着"),
    ("miss", "晚上睡不着的时候我就想老伴"),
    ("bored", "我一个人吃饭，怪没劲的"),
    ("lonely", "屋里静得吓人"),
    ("grief", "我老头子前年走的"),
    ("grief", "孩子他爸走得早"),
    ("miss", "My son never calls."),
]

# Questions, requests, someone else's feeling, a feeling denied, pain in the body, a thing that is dull,
# and words of suicide (the emergency check answers those before this).
NOT_A_FEELING = [
    "我怕冷", "我害怕打针", "I am afraid of the cold", "这电影挺吓人的",
    "孤单怎么办？",
    "老人孤单怎么办",
    "我妈一个人在家很孤单，我该怎么办",
    "睡不着吃什么药好",
    "有什么办法能睡个好觉吗？",
    "我想我儿子了，帮我给他留个言",
    "今天心情不错",
    "我不孤单，有老伴陪着",
    "我儿子明天回来",
    "无聊的时候可以做什么？",
    "这个电视剧真无聊",
    "讲个故事吧",
    "我想吃饺子",
    "他最近心情不好",
    "我闺女说她心情不好",
    "I'm not lonely at all.",
    "What can I do when I feel lonely?",
    "我不想活了，活着没意思",
    "我心口疼，难受得很",
    "我头疼，难受",
    "我睡不着，胸口闷得慌",
    "想我儿子打个电话给他",
    "我想问一下明天天气",
    "你会不会觉得无聊",
    "你是不是也挺孤单的",
    "无聊的时候我就去跳广场舞",
    "我家猫最近老不高兴",
    "我失眠好了，现在能睡了",
    "我腿没劲",
    "老头子早上走的，说去钓鱼",
    "我老伴儿走了，上闺女家去了",
    "I am bored with this TV show.",
]


@pytest.mark.parametrize(("kind", "said"), STATED)
def test_a_stated_feeling_is_recognised(kind: str, said: str) -> None:
    assert feeling(said) == kind


@pytest.mark.parametrize("said", NOT_A_FEELING)
def test_other_words_are_left_to_the_tools_and_the_llm(said: str) -> None:
    assert feeling(said) is None


@pytest.mark.parametrize("kind", ["grief", "miss", "sleep", "lonely", "bored", "sad"])
def test_every_reply_stays_with_her_and_points_to_family(kind: str) -> None:
    said = next(s for k, s in STATED if k == kind and not s.isascii())
    english = next(s for k, s in STATED if k == kind and s.isascii())
    found = comfort(said, "zh")
    assert found is not None and found[0] == kind
    assert any(w in found[1] for w in ("家里人", "孩子们", "他们")) or kind == "bored", found[1]
    assert any(w in found[1] for w in ("我听着", "陪着您", "陪您", "跟我说")) or kind == "sleep", found[1]
    assert len(found[1]) <= 70  # spoken: two or three short sentences
    found_en = comfort(english, "en")
    assert found_en is not None and found_en[0] == kind
    assert any(w in found_en[1] for w in ("family", "call")) or kind == "bored", found_en


def test_the_turn_is_answered_in_code_without_the_llm() -> None:
    async def no_llm(text: str, language: str) -> ChatRequest:
        raise AssertionError("the LLM must not be asked")

    extra: dict[str, object] = {}
    plan = asyncio.run(plan_text_turn(None, "我想我孙女了", language="zh", reply_id=1, speed=1.0, extra=extra,
                                      committed=None, remote=False, request=no_llm))
    assert plan.fixed_text and "打个电话" in plan.fixed_text
    assert extra["feeling"] == "miss"


@pytest.mark.parametrize(("said", "language"), [
    ("老太婆走了，就剩我一个了", "zh"), ("我老婆前年过世了", "zh"), ("我老伴走了三年了", "zh"),
    ("我想我老伴了", "zh"), ("想老头子了", "zh"), ("I miss my wife.", "en"),
    ("I lost my husband in May.", "en"),
])
def test_a_mate_is_not_named_he_or_she_nor_called_up(said: str, language: str) -> None:
    """A widower's wife is not 他; a mate she misses may be away or gone: no "give them a call"."""
    found = comfort(said, language)
    assert found is not None and found[0] in ("grief", "miss"), found
    assert "他" not in found[1].replace("他们", "") and "她" not in found[1], found[1]
    assert "给他们打个电话" not in found[1] and "give them a call" not in found[1], found[1]
    assert "老伴" in found[1] or language == "en", found[1]
