"""Answers read off a photo's text (assistant.vision.reading, through prompt.direct_answer): no model."""

from __future__ import annotations

import pytest

from assistant.vision.base import PhotoDescription
from assistant.vision.prompt import direct_answer
from assistant.vision.reading import field_lines, is_scam_message, language_of

BILL = ("电费通知", "户号：5102003381", "本月应缴：212.40元", "请于1月10日前缴纳", "供电营业厅")
SMS = ("【农业银行】您的银行卡已被锁定，", "请登录 abc-safe.top 解除限制")


def answer(lines: tuple[str, ...], question: str, notes: tuple[str, ...] = ()) -> str:
    said = direct_answer(PhotoDescription(text_lines=lines, notes=notes), question)
    assert said is not None
    return said


def test_how_much_and_when_are_the_printed_lines() -> None:
    assert answer(BILL, "这个要交多少钱？") == "上面写着：本月应缴：212.40元。"
    assert answer(BILL, "哪天之前交？") == "上面写着：请于1月10日前缴纳。"
    assert answer(BILL, "交多少，什么时候交") == "上面写着：本月应缴：212.40元，请于1月10日前缴纳。"
    assert field_lines(BILL, "这是谁家的？") is None


def test_a_date_that_is_not_printed_is_not_guessed() -> None:
    said = answer(("酸奶", "净含量：200克", "冷藏保存"), "什么时候过期？")
    assert "没看到" in said and not any(ch.isdigit() for ch in said)


def test_blurred_lines_are_quoted_with_a_caution() -> None:
    said = answer(("保质期至2027年1月", "冷藏"), "保质期到什么时候", notes=("照片有点模糊",))
    assert said.startswith("上面写着：保质期至2027年1月。") and "核对" in said


@pytest.mark.parametrize("question", ["帮我念一下", "这药一天吃几次", "多少钱？", "什么时候过期"])
def test_no_text_found_says_it_cannot_read(question: str) -> None:
    assert "看不清" in answer((), question)
    assert "照片很暗" in answer((), question, notes=("照片很暗",))


def test_what_is_this_without_text_still_names_the_object() -> None:
    assert answer((), "这是什么？") != answer((), "帮我念一下")


def test_a_lure_message_from_a_bank_is_a_likely_scam() -> None:
    for question in ("帮我念一下", "这是真的吗？", "要不要点？"):
        said = answer(SMS, question)
        assert said.startswith("这很可能是诈骗短信") and "abc-safe.top" in said
    assert "scam" in answer(SMS, "Is this real?")
    assert is_scam_message(("【中国电信】恭喜获得话费大奖，回复领取",))


def test_ordinary_and_warning_messages_are_not_scams() -> None:
    assert not is_scam_message(("【建设银行】您尾号6688的账户1月2日消费120.00元",))
    assert not is_scam_message(("【反诈提醒】银行不会让您点击链接验证身份",))
    assert not is_scam_message(BILL)
    assert not is_scam_message(("布洛芬缓释胶囊", "用法用量：口服，一次1粒，一日2次"))


def test_a_dose_line_without_a_per_day_count() -> None:
    assert "每晚睡前服用，一次1片" in answer(("瑞舒伐他汀钙片", "每晚睡前服用，一次1片"), "什么时候吃？")


def test_a_name_before_its_size_on_a_prescription() -> None:
    said = answer(("处方笺", "瑞舒伐他汀钙片 10mg×7片", "用法：每日1次，每次1片"), "这是什么药？")
    assert said.startswith("这是瑞舒伐他汀钙片。用法用量是：每日1次，每次1片。")


def test_english_questions_get_english_answers() -> None:
    assert language_of("When does it expire?") == "en" and language_of("这个OK吗") == "zh"
    label = ("Paracetamol 500 mg", "Take 2 tablets every 6 hours", "Exp 05/2027")
    assert answer(label, "How often do I take these?") == (
        "It says: Take 2 tablets every 6 hours. Please follow the leaflet or your doctor.")
    assert answer(label, "When does it expire?") == "It says: Exp 05/2027."
    assert "can't read" in answer((), "Can you read this for me?")


def test_a_prescription_is_read_whole() -> None:
    slip = ("处方笺", "姓名：刘淑珍  年龄：80岁", "二甲双胍片 0.5g", "用法：每日2次，每次1片")
    assert answer(slip, "念一下") == ("上面写着：处方笺，姓名：刘淑珍  年龄：80岁，二甲双胍片 0.5g，"
                                  "用法：每日2次，每次1片。")
    assert answer(slip, "这个药怎么吃？").startswith("这是二甲双胍片。用法用量是：每日2次，每次1片。")
