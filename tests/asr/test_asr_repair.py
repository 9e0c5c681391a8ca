"""Transcript repair against the user's words (assistant/asr/repair.py): pure logic, real pypinyin."""

from __future__ import annotations

import pytest

from assistant.asr.repair import repair

TERMS = ("王秀英", "小明", "闺女", "儿媳", "石家庄", "裕华区", "硝苯地平", "二甲双胍", "阿托伐他汀", "降压药")


@pytest.mark.parametrize(("heard", "meant"), [
    ("小本地平一天吃几片。", "硝苯地平一天吃几片。"),
    ("鱼华区有什么好吃的？", "裕华区有什么好吃的？"),
    ("而媳妇明天来看我。", "儿媳妇明天来看我。"),
    ("二甲双胶吃完料去买。", "二甲双胍吃完料去买。"),
    ("阿托伐他替门和家压药一起吃买。", "阿托伐他汀门和降压药一起吃买。"),
    ("我叫王修英", "我叫王秀英"),
    ("十家庄明天天气怎么样？", "石家庄明天天气怎么样？"),
    ("小名的电话后马是多少？", "小明的电话后马是多少？"),
])
def test_homophones_of_the_users_words_are_fixed(heard: str, meant: str) -> None:
    assert repair(heard, TERMS) == meant


@pytest.mark.parametrize("text", [
    "我要回家装修房子",  # hui jia zhuang: not 石家庄
    "今天天气怎么样？", "帮我告诉郭女伙很好。", "石家庄到北京要多久", "给小明打个电话。",
    "Hello, Xiaoming.", "",
])
def test_other_text_is_left_alone(text: str) -> None:
    assert repair(text, TERMS) == text


def test_no_terms_no_change() -> None:
    assert repair("小本地平", ()) == "小本地平"
