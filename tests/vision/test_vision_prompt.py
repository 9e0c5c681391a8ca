"""Prompt building, intent detection and deterministic answers (no model needed)."""

from __future__ import annotations

from assistant.vision.base import PhotoDescription
from assistant.vision.prompt import (
    Intent,
    build_request,
    describe_labels,
    detect_intent,
    direct_answer,
    is_medicine_text,
)

MEDICINE = PhotoDescription(
    text_lines=("布洛芬缓释胶囊", "用法用量：口服，一次1粒，一日2次", "规格：0.3克×20粒",
                "国药准字H10900089"),
    labels=(("药瓶", 0.2), ("纸箱", 0.1)),
)
SIGN = PhotoDescription(text_lines=("社区卫生服务中心", "周一至周五 8:00-17:00"), labels=(("路牌", 0.5),))
NO_TEXT = PhotoDescription(labels=(("西兰花", 0.91), ("花椰菜", 0.05)))


def test_intents() -> None:
    assert detect_intent("帮我念一下", SIGN) is Intent.READ
    assert detect_intent("上面写的什么？", SIGN) is Intent.READ
    assert detect_intent("这个短信说啥？", SIGN) is Intent.READ
    assert detect_intent("上面说什么时候去？", SIGN) is Intent.GENERAL
    assert detect_intent("这个药怎么吃？", MEDICINE) is Intent.MEDICINE
    assert detect_intent("这是什么？", MEDICINE) is Intent.MEDICINE  # a medicine box: dosage first
    assert detect_intent("这是什么？", NO_TEXT) is Intent.IDENTIFY
    assert detect_intent("", NO_TEXT) is Intent.IDENTIFY
    assert detect_intent("能放冰箱吗", NO_TEXT) is Intent.GENERAL


def test_medicine_text_needs_more_than_common_words() -> None:
    assert is_medicine_text(MEDICINE.text_lines)
    assert is_medicine_text(["阿莫西林胶囊", "0.25g"])
    assert not is_medicine_text(["一次性筷子", "图片仅供参考"])
    assert not is_medicine_text(SIGN.text_lines)


def test_short_text_is_read_verbatim() -> None:
    assert direct_answer(SIGN, "帮我念一下") == "上面写着：社区卫生服务中心，周一至周五 8:00-17:00。"


def test_long_text_goes_to_the_llm() -> None:
    long = PhotoDescription(text_lines=tuple(f"第{i}行通知内容比较长需要总结一下" for i in range(12)))
    assert direct_answer(long, "念给我听") is None


def test_read_request_without_text_asks_for_a_retake() -> None:
    answer = direct_answer(NO_TEXT, "上面写的什么")
    assert answer is not None and "没看到" in answer and "再拍" in answer


def test_medicine_dosage_is_spoken_verbatim() -> None:
    for question in ("这药怎么吃？", "这是什么？", "念一下"):
        assert direct_answer(MEDICINE, question) == (
            "这是布洛芬缓释胶囊。用法用量是：口服，一次1粒，一日2次。具体请按说明书或遵医嘱。")


def test_dosage_on_the_line_after_its_heading() -> None:
    box = PhotoDescription(text_lines=("维生素C片", "【用法用量】", "口服。成人一次1-2片，一日3次。"))
    assert direct_answer(box, "怎么吃") == ("这是维生素C片。用法用量是：口服。成人一次1-2片，一日3次。"
                                          "具体请按说明书或遵医嘱。")


def test_a_dose_line_without_a_heading_is_read_verbatim() -> None:
    box = PhotoDescription(text_lines=("阿莫西林胶囊", "0.25克 × 24粒", "口服 一次两粒 一日三次"))
    assert direct_answer(box, "这是什么？") == ("这是阿莫西林胶囊。用法用量是：口服 一次两粒 一日三次。"
                                             "具体请按说明书或遵医嘱。")
    assert direct_answer(PhotoDescription(text_lines=("维生素C片", "每日3次，每次1片")), "怎么吃") == (
        "这是维生素C片。用法用量是：每日3次，每次1片。具体请按说明书或遵医嘱。")
    no_dose = PhotoDescription(text_lines=("阿莫西林胶囊", "0.25克 × 24粒", "国药准字H13023964"))
    said = direct_answer(no_dose, "这药怎么吃？")  # no dose guessed (the LLM would fill one in)
    assert said is not None and "阿莫西林胶囊" in said and "没看到用法用量" in said
    assert not any(ch.isdigit() for ch in said)


def test_identify_without_text_is_answered_from_the_labels() -> None:
    assert direct_answer(NO_TEXT, "这是什么？") == "我看这很可能是西兰花。"
    assert direct_answer(NO_TEXT, "") == "我看这很可能是西兰花。"
    middle = direct_answer(PhotoDescription(labels=(("香蕉", 0.45), ("柠檬", 0.2))), "这是什么")
    assert middle is not None and "大概是香蕉" in middle and "柠檬" in middle and "不太确定" in middle
    unsure = direct_answer(PhotoDescription(labels=(("茶壶", 0.2), ("水壶", 0.18)), notes=("照片很暗",)),
                           "这是啥")
    assert unsure is not None and "看不太准" in unsure and "照片很暗" in unsure and "再拍一张" in unsure
    noise = direct_answer(PhotoDescription(labels=(("巨石", 0.01),)), "这是什么？")
    assert noise is not None and "没认出来" in noise and "巨石" not in noise


def test_identify_with_text_or_other_questions_goes_to_the_llm() -> None:
    assert direct_answer(SIGN, "这是什么？") is None
    assert direct_answer(NO_TEXT, "这个怎么做好吃？") is None


def test_label_honesty() -> None:
    assert "很可能是西兰花" in describe_labels(NO_TEXT)
    unsure = describe_labels(PhotoDescription(labels=(("茶壶", 0.22), ("水壶", 0.18), ("花瓶", 0.1))))
    assert "不确定" in unsure and "茶壶" in unsure and "水壶" in unsure and "很可能" not in unsure
    middle = describe_labels(PhotoDescription(labels=(("香蕉", 0.45), ("柠檬", 0.2))))
    assert "大概是香蕉" in middle and "把握一般" in middle
    noise = describe_labels(PhotoDescription(labels=(("巨石", 0.01), ("山谷", 0.01))))
    assert "没有认出" in noise and "巨石" not in noise


def test_request_carries_text_labels_question_and_task() -> None:
    request = build_request(PhotoDescription(text_lines=("保质期至2025年10月",), labels=(("牛奶桶", 0.2),),
                                             notes=("照片有点模糊",)), "这个还能喝吗", max_tokens=120)
    system, user = request.messages
    assert system.role == "system" and "不要编造" in system.content
    assert "保质期至2025年10月" in user.content and "这个还能喝吗" in user.content
    assert "不确定" in user.content and "照片有点模糊" in user.content
    assert request.max_tokens == 120
    assert "英语" not in user.content
    english = build_request(PhotoDescription(text_lines=("Aspirin 81 mg",)), "What is this?").messages[1]
    assert "用简短的英语口语回答" in english.content


def test_prompt_text_is_capped() -> None:
    huge = PhotoDescription(text_lines=tuple("很长的一行说明文字" * 5 for _ in range(40)))
    user = build_request(huge, "念一下").messages[1].content
    assert len(user) < 700 and "后面还有" in user
