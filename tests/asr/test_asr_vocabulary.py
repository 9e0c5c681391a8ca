"""The user's own words (assistant/asr/vocabulary.py): which terms, how they are shown, and that the
prompt never survives in a transcript. Pure logic; the Whisper side is in test_asr_whisper_words.py."""

from __future__ import annotations

from assistant.asr.filter import ZH_PROMPT
from assistant.asr.vocabulary import (
    MAX_HINT_CHARS,
    for_language,
    hint_text,
    medicine_names,
    strip_prompt,
    user_terms,
)


def test_medicine_names_from_reminder_texts() -> None:
    texts = ["吃降压药", "每天早上吃硝苯地平", "晚上睡前吃二甲双胍片", "饭后服用阿司匹林肠溶片和钙片",
             "去公园散步", "给女儿打电话", "量血压"]
    assert medicine_names(texts) == ["降压药", "硝苯地平", "二甲双胍片", "阿司匹林肠溶片", "钙片"]


def test_user_terms_merge_dedupe_and_cap() -> None:
    terms = user_terms(["小明", "闺女", " 王 秀英 ", "小明", "x" * 40], city="石家庄", reminders=["吃降压药"])
    assert terms == ("小明", "闺女", "王 秀英", "石家庄", "降压药")
    many = user_terms([f"名字{i:02d}" for i in range(60)])
    assert len("、".join(many)) <= MAX_HINT_CHARS and len(many) <= 24
    assert user_terms() == ()


def test_english_decodes_get_latin_words_only() -> None:
    terms = ("小明", "Aspirin", "石家庄", "Xiaoming")
    assert for_language(terms, "en") == ("Aspirin", "Xiaoming")
    assert for_language(terms, "zh") == terms


def test_hint_text() -> None:
    assert hint_text(["小明", "降压药"]) == "小明、降压药。"
    assert hint_text(["Xiaoming", "aspirin"]) == "Xiaoming, aspirin."
    assert hint_text([]) == ""


def test_strip_prompt_removes_leaks_and_keeps_speech() -> None:
    terms = ("小明", "闺女", "降压药", "石家庄")
    assert strip_prompt(ZH_PROMPT, terms) == ""
    assert strip_prompt("以下是普通话的句子", terms) == ""
    assert strip_prompt("小明、闺女、降压药。", terms) == ""
    assert strip_prompt("小明 闺女 降压药 石家庄", terms) == ""
    assert strip_prompt("以下是普通话的句子，一加一等于几？", terms) == "一加一等于几？"
    assert strip_prompt("给小明打个电话", terms) == "给小明打个电话"
    assert strip_prompt("小明和闺女明天来看我", terms) == "小明和闺女明天来看我"
    assert strip_prompt("降压药什么时候吃？", terms) == "降压药什么时候吃？"
    assert strip_prompt("今天天气怎么样", ()) == "今天天气怎么样"
