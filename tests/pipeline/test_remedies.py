"""A remedy said to cure, to replace her medicine, or a dear health product (assistant/pipeline/remedies.py):
answered honestly in code, never the 1.5B's "醋泡黑豆可以降血糖"."""

from __future__ import annotations

import asyncio

import pytest

from assistant.llm.base import ChatMessage, ChatRequest
from assistant.pipeline import remedies, safe_answers
from assistant.pipeline.tooling import plan_text_turn


def language_of(text: str) -> str:
    return "en" if text.isascii() else "zh"


# discovery 9's questions (the 1.5B said yes) and others of each kind, with words the answer must say
ANSWERED = [
    ("醋泡黑豆能降血糖吗？", "cure", ("代替不了药", "别自己停", "医生")),
    ("有人说吃大蒜能治癌症，是真的吗？", "cure", ("治不了病", "平常饭菜")),
    ("我邻居说有个偏方治关节炎特别灵，用白酒泡蛇，能喝吗？", "cure", ("没有被证明", "家里人")),
    ("我想买那个三千块的灵芝孢子粉，对身体好吗？", "product", ("别急着买", "家里人", "医生")),
    ("每天喝醋泡黑豆，降压药能不能减半？", "replace", ("别自己停药", "代替不了", "医生")),
    ("Does soaking black beans in vinegar lower blood sugar?", "cure", ("medicine", "doctor")),
    ("Can I replace my metformin with bitter melon tea?", "replace", ("don't stop", "doctor")),
    ("I want to buy the 3000 yuan reishi spore powder, is it good for me?", "product", ("family", "buying")),
]


@pytest.mark.parametrize(("text", "kind", "words"), ANSWERED)
def test_the_answer_is_honest_and_keeps_the_medicine(text: str, kind: str, words: tuple[str, ...]) -> None:
    found = remedies.advice(text, language_of(text))
    assert found is not None and found[0] == kind, found
    assert all(word in found[1] for word in words), found[1]
    assert "可以降" not in found[1] and "有益" not in found[1]


def test_a_product_or_folk_recipe_is_not_called_an_everyday_food() -> None:
    for text in ("白酒泡人参喝能治风湿吗？", "蜂胶能治糖尿病吗？", "喝酒能软化血管吗？",
                 "Can ginseng wine unclog my arteries?"):
        found = remedies.advice(text, language_of(text))
        assert found is not None and "平常饭菜" not in found[1] and "normal meals" not in found[1]


@pytest.mark.parametrize("text", [
    "高血压的人饮食要注意什么？", "芹菜怎么做好吃？", "糖尿病能治好吗？", "散步能降血压吗？",
    "少吃盐能降血压吗？", "吃什么能降血压？", "哪些食物能降血脂", "降压药和鱼油能一起吃吗",
    "针灸能治腰疼吗？", "医生说我血脂高，让我少吃肥肉。", "这个药是治什么病的？", "降压药吃了头晕怎么办？",
    "消炎药吃完了，还要吃感冒药", "医生开的药太多了，我想少吃一样", "感冒了要不要吃消炎药",
    "Does walking help lower blood sugar?", "When should I take my blood pressure pills?"])
def test_near_misses_are_left_alone(text: str) -> None:
    """Healthy eating, exercise, a doctor's care and her medicine itself: not a remedy question."""
    assert remedies.advice(text, language_of(text)) is None


@pytest.mark.parametrize("text", ["降压药能不能停？", "能不能把降压药换成便宜点的",
                                  "Can I stop taking my pills?"])
def test_her_medicine_alone_is_still_a_dose_question(text: str) -> None:
    found = safe_answers.answer(text, language_of(text), reminders=True)
    assert found is not None and found[0] == "dose_safety", found


def test_a_session_answers_in_code_and_records_the_kind() -> None:
    async def request(text: str, language: str) -> ChatRequest:
        return ChatRequest(messages=[ChatMessage(role="user", content=text)])

    extra: dict[str, object] = {}
    plan = asyncio.run(plan_text_turn(None, "醋泡黑豆能降血糖吗？", language="zh", reply_id=1, speed=1.0,
                                      extra=extra, committed=None, remote=False, request=request))
    assert extra["remedy"] == "cure" and "代替不了药" in (plan.fixed_text or "")


@pytest.mark.parametrize("text", [
    "听说那个保健品能治高血压，我能不能把降压药停了吃它？",
    "上门推销的说这个保健品能治糖尿病，吃了就不用打胰岛素了，我能停吗？",
])
def test_stopping_her_medicine_is_answered_before_a_sale_is_called_a_fraud(text: str) -> None:
    answered = safe_answers.answer(text, "zh", reminders=True)
    assert answered is not None and answered[:2] == ("remedy", "replace")
    assert "别自己停药" in answered[2]


def test_a_cure_sold_at_the_door_is_still_a_fraud_warning() -> None:
    text = "上门推销的人说这个保健品能治好糖尿病，一盒三千，要不要买？"
    answered = safe_answers.answer(text, "zh", reminders=True)
    assert answered is not None and answered[0] == "scam"
