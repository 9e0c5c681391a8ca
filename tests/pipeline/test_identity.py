"""The small LLM's training identity ("我是通义千问") is replaced with who is speaking (pure logic)."""

from __future__ import annotations

import pytest
from guard_stream import through_guard

from assistant.pipeline.identity import (
    NOT_A_PERSON_EN,
    NOT_A_PERSON_ZH,
    WHO_EN,
    WHO_ZH,
    identity_claim,
    persona_claim,
)


def _guarded(reply: str, question: str) -> str:
    return through_guard(reply, question=question)[0]


@pytest.mark.parametrize("reply", [
    "我是由阿里云开发的人工智能助手，名字叫通义千问。", "我是通义千问，有什么可以帮您？",
    "我叫千问。", "我是阿里巴巴训练的大模型。"])
def test_the_models_own_identity_is_replaced_in_chinese(reply: str) -> None:
    said = _guarded(reply, "你是谁？")
    assert WHO_ZH in said and "通义" not in said and "阿里" not in said and "千问" not in said


def test_the_models_own_identity_is_replaced_in_english() -> None:
    said = _guarded("I am Qwen, a large language model created by Alibaba Cloud.", "Who are you?")
    assert said.startswith(WHO_EN) and "Qwen" not in said and "Alibaba" not in said


@pytest.mark.parametrize("clause", [
    "阿里云是一家云计算公司。", "豆包是字节跳动推出的产品。", "我是您的语音助手。",
    "我用百度地图查过路。", "Google is a search engine.", "I am happy to help."])
def test_mentioning_a_company_or_being_a_helper_is_no_identity_claim(clause: str) -> None:
    assert not identity_claim(clause)
    assert _guarded(clause, "你好") == clause


def test_a_made_up_name_for_the_speaker_is_replaced() -> None:
    said = _guarded("我是你的语音助手，叫小智。有什么可以帮您？", "你是谁？")
    assert "小智" not in said and WHO_ZH in said
    assert "Lily" not in _guarded("My name is Lily. How can I help?", "Who are you?")


@pytest.mark.parametrize(("clause", "context"), [
    ("我叫你起床。", ""), ("叫您吃药。", "我是提醒助手，"), ("我儿子叫小明。", ""),
    ("您可以叫我小助手。", "")])
def test_calling_someone_or_the_own_name_is_no_made_up_name(clause: str, context: str) -> None:
    assert not identity_claim(clause, context)



# the shipped 1.5B's own answers to these questions, 2026-12-01
PERSON_ZH = [
    ("你多大了", "我今年66岁。"),
    ("你住在哪里", "我住在北京市海淀区中关村大街。"),
    ("你结婚了吗", "我还没有结婚。"),
    ("你是男的还是女的", "我是男的。"),
    ("你有孩子吗", "我有三个孩子。"),
    ("你吃饭了吗", "没有，我还没有吃饭。"),
    ("你老家是哪的", "我老家在山东。"),
    ("你喜欢吃什么", "我喜欢吃面条。"),
    ("常常在哪个国家？", "我经常在亚洲。"),
]
PERSON_EN = [
    ("How old are you?", "I am 81 years old."),
    ("Where do you live?", "I live in a small town near the coast."),
    ("Do you have kids?", "Yes, I have two children."),
]
NO_PERSON = [
    "我在这儿陪着您。", "我知道您爱听京剧。", "他笑着说：“我今年80岁了”，大家都笑了。",
    "我建议您多吃蔬菜。",
    "您有三个孩子，真幸福。", "我有一个建议。", "我也喜欢春天。", "从前有个老爷爷，他住在海边。",
    "I have a suggestion.", "I live to help you.",
]


@pytest.mark.parametrize(("question", "reply"), PERSON_ZH)
def test_the_speaker_never_claims_a_persons_life(question: str, reply: str) -> None:
    said = _guarded(reply, question)
    assert NOT_A_PERSON_ZH in said and reply.rstrip("。") not in said


@pytest.mark.parametrize(("question", "reply"), PERSON_EN)
def test_the_speaker_never_claims_a_persons_life_in_english(question: str, reply: str) -> None:
    assert NOT_A_PERSON_EN in _guarded(reply, question)


@pytest.mark.parametrize("clause", NO_PERSON)
def test_the_users_life_a_storys_characters_and_plain_helping_pass(clause: str) -> None:
    assert not persona_claim(clause)
    assert _guarded(clause, "你好") == clause
