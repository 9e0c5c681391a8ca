"""Pure text handling for speech: number normalisation, clause splitting, Markdown cleaning."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.tts.clauses import ClauseSplitter, clean_for_speech
from assistant.tts.normalize import int_zh, normalize_en, normalize_zh


@pytest.mark.parametrize(("digits", "reading"), [
    ("0", "零"), ("7", "七"), ("10", "十"), ("15", "十五"), ("20", "二十"), ("101", "一百零一"),
    ("110", "一百一十"), ("120", "一百二十"), ("1020", "一千零二十"), ("2000", "两千"),
    ("10086", "一万零八十六"),
    ("100000", "十万"), ("305000", "三十万五千"), ("100010000", "一亿零一万"),
])
def test_int_zh(digits: str, reading: str) -> None:
    assert int_zh(digits) == reading


@pytest.mark.parametrize(("text", "spoken"), [
    ("2026年", "二零二六年"),
    ("3.5", "三点五"),
    ("120", "一百二十"),
    ("涨了12.5%，占50％", "涨了百分之十二点五，占百分之五十"),
    ("早上8:30和下午2:05，14:00", "早上八点三十分和下午两点零五分，十四点"),
    ("2026-05-01", "二零二六年五月一日"),
    ("气温-3℃到5°C", "气温零下三摄氏度到五摄氏度"),
    ("血压130/80mmHg，血糖6.1mmol/L", "血压一百三十，八十毫米汞柱，血糖六点一毫摩尔每升"),
    ("体重65kg", "体重六十五公斤"),
    ("请打120，电话13812345678", "请打幺二零，电话幺三八幺二三四五六七八"),
    ("第2个，买2个苹果，2点钟", "第二个，买两个苹果，两点钟"),
    ("3-5天", "三到五天"),
    ("1,000,000人", "一百万人"),
    ("¥100和$5", "一百元和五美元"),
    ("一共1/3", "一共三分之一"),
    ("10年前", "十年前"),
    ("我做了CT和B超，OK", "我做了西提和比超，欧开"),
    ("5G网络", "五吉网络"),
    ("他说I have 2 cats", "他说I have 2 cats"),
    ("没有数字", "没有数字"),
])
def test_normalize_zh(text: str, spoken: str) -> None:
    assert normalize_zh(text) == spoken


def test_normalize_zh_is_idempotent() -> None:
    once = normalize_zh("2026年5月1日8:30，血压130/80mmHg，涨了3.5%")
    assert normalize_zh(once) == once


def test_normalize_en() -> None:
    assert normalize_en("Mr. Smith paid ¥5, about 3.5 dollars，at 37.5°C。") == (
        "Mister Smith paid 5 yuan, about 3 point 5 dollars, at 37 point 5 degrees Celsius.")


def stream(text: str, step: int = 1, **options: Any) -> list[tuple[int | str, str]]:
    """Feed ``text`` in deltas of ``step`` characters; return (characters fed, clause) pairs."""
    splitter = ClauseSplitter(**options)
    out: list[tuple[int | str, str]] = []
    for i in range(0, len(text), step):
        out += [(min(i + step, len(text)), c) for c in splitter.push(text[i:i + step])]
    return out + [("flush", c) for c in splitter.flush()]


def test_first_clause_comes_at_the_first_comma() -> None:
    assert stream("好的，今天天气很好，温度是3.5度，适合散步。您要注意保暖！") == [
        (3, "好的，"), (10, "今天天气很好，"), (18, "温度是3.5度，"), (23, "适合散步。"),
        (30, "您要注意保暖！")]


def test_short_pieces_merge() -> None:
    assert stream("嗯，我想想。") == [(6, "嗯，我想想。")]
    # After the first clause, a comma cuts only a clause of min_chars or more.
    assert stream("您好！我是，您的助手，很高兴为您服务。") == [
        (3, "您好！"), (11, "我是，您的助手，"), (19, "很高兴为您服务。")]


def test_decimals_thousands_and_abbreviations_do_not_split() -> None:
    assert [c for _, c in stream("Mr. Smith paid 1,000 dollars, e.g. for example.com. Done!")] == [
        "Mr. Smith paid 1,000 dollars,", "e.g. for example.com.", "Done!"]
    # "3." waits for the next delta to see whether a decimal follows.
    splitter = ClauseSplitter()
    assert splitter.push("价格是3.") == []
    assert splitter.push("5元。") == ["价格是3.5元。"]


def test_markdown_lists_and_emoji_are_cleaned() -> None:
    text = "## 建议\n1. **多喝水**，每天8杯。\n2. 早睡早起 😊\n- 少吃盐\n> 引用 [链接](http://x.cn)"
    assert [c for _, c in stream(text, step=3)] == ["建议", "多喝水，每天8杯。", "早睡早起", "少吃盐",
                                                    "引用 链接"]


def test_long_text_without_marks_is_cut() -> None:
    clauses = [c for _, c in stream("一二三四五六七八九十" * 8, max_chars=40)]
    assert len(clauses) == 2 and all(len(c) <= 41 for c in clauses)


def test_a_long_first_sentence_is_cut_at_a_phrase_break() -> None:
    # The first clause starts to play before the model has finished the sentence.
    assert stream("今天出门应该穿一件轻薄的外套和一条长裤。天冷了多穿点衣服。") == [
        (16, "今天出门应该穿一件轻薄的外套"), (20, "和一条长裤。"), (29, "天冷了多穿点衣服。")]
    assert [c for _, c in stream("A healthy breakfast for an old man is oatmeal with fruit and "
                                 "milk.", step=3)] \
        == ["A healthy breakfast for an old man", "is oatmeal with fruit and milk."]
    # Never inside a word (首都, 温和), never in a short sentence, and only in the first clause.
    assert [c for _, c in stream("北京是中国的首都也是一座古城。")] == ["北京是中国的首都", "也是一座古城。"]
    assert [c for _, c in stream("这里的天气很温和。")] == ["这里的天气很温和。"]
    assert [c for _, c in stream("The capital of France is Paris.")] == ["The capital of France is Paris."]
    assert [c for _, c in stream("好的。今天出门应该穿一件轻薄的外套和一条长裤。")] == [
        "好的。", "今天出门应该穿一件轻薄的外套和一条长裤。"]
    assert [c for _, c in stream("今天出门应该穿一件轻薄的外套和一条长裤。", first_phrase_break=False)] == [
        "今天出门应该穿一件轻薄的外套和一条长裤。"]


WATER = "（参考常识：按中国居民膳食指南，成年人每天喝水一千五到一千七百毫升，大约七八杯，少量多次地喝。）"


def test_a_long_first_sentence_is_cut_before_an_amount_of_the_fact() -> None:
    # As soon as two characters agree with an amount of the fact ("一千"), before the model has written it all
    assert stream("每天应该喝一千五到一千七百毫升的水。", known=WATER) == [
        (7, "每天应该喝"), (18, "一千五到一千七百毫升的水。")]
    burn = "轻微烫伤要马上用流动的凉水冲十五到二十分钟"
    assert [c for _, c in stream("要用凉水冲十五到二十分钟。", known=burn)] == [
        "要用凉水冲", "十五到二十分钟。"]
    heart = "成年人安静时正常心率是每分钟六十到一百次。"
    assert [c for _, c in stream("正常心率是每分钟60到100次。", known=heart)] == [
        "正常心率是每分钟", "60到100次。"]
    assert [c for _, c in stream("正常心率是每分钟50到90次。", known=heart)] == ["正常心率是每分钟50到90次。"]
    assert [c for _, c in stream("成年人每天大约喝七八杯水。", known=WATER)] == [
        "成年人每天大约喝", "七八杯水。"]
    # the same sentence without the fact, or with an amount the fact does not hold, is not cut there
    assert [c for _, c in stream("每天应该喝一千五到一千七百毫升的水。")] == [
        "每天应该喝一千五到一千七百毫升的水。"]
    assert [c for _, c in stream("每天应该喝两千毫升的水。", known=WATER)] == ["每天应该喝两千毫升的水。"]


@pytest.mark.parametrize(("text", "known"), [
    ("一年有二十四个节气。", "一年有二十四个节气"),  # too short before the amount
    ("我们星期一去医院看病。", "星期一去"), ("这件事情不一定会发生。", "一定会"),
    ("最近这两天天气很冷。", "两天"),
    ("大寒一般在每年1月20日前后。", "每年1月20日前后"),  # a date is judged whole
    ("猪肉一般卖到十五块钱一斤。", "十五块钱一斤"),  # so is a price
])
def test_no_cut_before_a_numeral_of_a_word_a_date_or_a_price(text: str, known: str) -> None:
    assert [c for _, c in stream(text, known=known)] == [text]


def test_flush_resets_for_the_next_reply() -> None:
    splitter = ClauseSplitter()
    assert splitter.push("第一个回答") == []
    assert splitter.flush() == ["第一个回答"]
    assert splitter.push("好的，") == ["好的，"]


def test_clean_for_speech() -> None:
    assert clean_for_speech("请看[这里](http://x.com)和 https://baidu.com 😀 **重点** "
                            "`code`") == "请看这里和 重点 code"
    assert clean_for_speech("- 第一\n- 第二") == "第一 第二"
    assert clean_for_speech("3 - 2", line_start=False) == "3 - 2"
