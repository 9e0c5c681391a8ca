"""Misheard questions: when to ask back, when to read a homophone as the word meant (pure logic)."""

from __future__ import annotations

import pytest

from assistant.asr.base import Transcript
from assistant.llm.prompt import SYSTEM_PROMPT_ZH
from assistant.pipeline import hearing, homophones
from assistant.pipeline.hearing import review, with_operators

CLOCK = "现在是2026年11月30日 星期一 下午1点57分"


def heard(text: str, *, logprob: float = -0.3, unsure: str = "") -> Transcript:
    return Transcript(text=text, language="zh", audio_s=2.0, avg_logprob=logprob, unsure=unsure)


def test_the_prompt_says_the_words_may_be_misheard() -> None:
    assert "同音字" in SYSTEM_PROMPT_ZH


@pytest.mark.parametrize(
    "text",
    ["今天星期几？", "你好", "谢谢", "好的", "再见", "给我讲个笑话吧。", "糖尿病人可以吃水果吗？",
     "我孙子明天来看我。", "那个电视怎么开？", "这个药饭前吃还是饭后吃？", "三百五十块打八折是多少？",
     "一加一等于几？", "十二乘以十二等于多少？", "怎么用微信给孙女发视频？", "感冒了喝点姜汤有用吗？",
     "今天是星期几？", "今天农历是多少？", "张大爷家的狗又跑出来了。", "一斤等于多少克？",
     "一天等于多少小时？", "2的平方等于几？",
     "What time is it?", "Tell me a joke.", "What is that?", "What is two plus two?", "yes"],
)
def test_ordinary_questions_are_answered_as_they_are(text: str) -> None:
    result = review(text, language="en" if text.isascii() else "zh", transcript=heard(text), clock_line=CLOCK)
    assert result == hearing.Hearing(ask=False, text=text, garbled=result.garbled)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("那个那个，就是那个东西。", "fragment"),
        ("我想问一下那个。", "fragment"),
        ("嗯，这个这个……", "fragment"),
        ("Um, that thing, you know.", "fragment"),
        ("以下以等于几？", "sum without numbers"),  # 一加一, heard with Whisper's prompt in it
        ("什么加什么等于多少", "sum without numbers"),
        ("以下一等于几。", "sum without numbers"),  # one number and no operation: the rest was misheard
        ("What is plus equals?", "sum without numbers"),
        ("以下是普通话的句子。", "echo"),
        ("现在是2026年11月30日星期一下午1点57分", "echo"),
        ("下午1点57分星期一", "echo"),  # mostly the clock line the LLM was given
    ],
)
def test_nonsense_and_fragments_are_asked_back(text: str, reason: str) -> None:
    result = review(text, language="en" if text.isascii() else "zh", transcript=heard(text), clock_line=CLOCK)
    assert result.ask and result.reason == reason
    assert text not in result.text and len(result.text) <= 60  # one short sentence, no echo
    assert result.text.endswith(("？", "?", "。", "."))


@pytest.mark.parametrize("text", ["今天起月集后。", "将压押往了七一次，怎么办？", "其爱成以时爱的一多少。"])
def test_an_unsure_garbled_decode_is_asked_back_not_answered(text: str) -> None:
    result = review(text, language="zh", transcript=heard(text, logprob=-0.7), clock_line=CLOCK)
    assert result == hearing.Hearing(ask=True, text=hearing.ASK_AGAIN_ZH, reason="asr unsure")


@pytest.mark.parametrize("text", ["今天起月集后。", "将压押往了七一次，怎么办？"])
def test_a_sure_decode_that_asks_for_no_value_is_answered(text: str) -> None:
    assert not review(text, language="zh", transcript=heard(text, logprob=-0.3)).ask  # Whisper was sure


@pytest.mark.parametrize("text", ["其爱成以时爱的一多少。", "明天每元的回离是多少？",
                                  "下一期双次球开什么后马？"])
def test_a_garbled_question_for_a_value_is_asked_back_however_sure_the_decode(text: str) -> None:
    result = review(text, language="zh", transcript=heard(text, logprob=-0.2), clock_line=CLOCK)
    assert result == hearing.Hearing(ask=True, text=hearing.ASK_AGAIN_ZH, reason="garbled value question")


@pytest.mark.parametrize(
    "text",
    ["我孙子今年几岁了？", "从北京到上海有多少公里？", "空腹血糖多少算正常？", "七百五打九折是多少钱？",
     "中秋节是几月几号？", "一亩地是多少平方米？", "饺子要煮几分钟？", "麻将一共有多少张牌？",
     "老年人一天走多少步合适？", "心跳一分钟多少下正常？", "故宫有多少间房子？", "长江有多长？"],
)
def test_sound_questions_for_a_value_are_answered(text: str) -> None:
    assert not review(text, language="zh", transcript=heard(text, logprob=-0.2), clock_line=CLOCK).ask


@pytest.mark.parametrize(
    "text",
    ["你好", "谢谢你。", "今年是哪一年？", "帮我把月亮放进冰箱里。", "天上的鱼为什么会唱歌？",
     "我头晕，手脚发麻。"],
)
def test_an_unsure_decode_of_sound_words_is_answered(text: str) -> None:
    assert not review(text, language="zh", transcript=heard(text, logprob=-1.1)).ask


def test_a_homophone_read_as_meant_is_not_a_stray() -> None:
    result = review("高血亚的人能吃什么？", language="zh", transcript=heard("x", logprob=-0.8))
    assert not result.ask and result.text == "高血压的人能吃什么？"


def test_only_the_log_probability_and_the_words_decide() -> None:
    # faster-whisper's compression ratio is over its threshold on sound short sentences
    odd = heard("x", logprob=-0.1, unsure="compression ratio 3.35")
    assert not review("今年是哪一年？", language="zh", transcript=odd).ask


def test_typed_text_is_not_judged_by_a_recogniser_that_did_not_hear_it() -> None:
    assert not review("以下是普通话的句子。", language="zh").ask  # typed: no prompt to echo
    assert review("以下以等于几？", language="zh").ask  # but a sum without numbers is one anywhere


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("高血亚的人能吃什么？", "高血压的人能吃什么？"),
        ("平尸要注意什么？", "平时要注意什么？"),
        ("箭短地说一下今天星期几。", "简短地说一下今天星期几。"),
        ("我早上起来投晕。", "我早上起来头晕。"),
        ("糖尿冰人能吃西瓜吗？", "糖尿病人能吃西瓜吗？"),
    ],
)
def test_a_homophone_is_read_as_the_word_meant(text: str, meant: str) -> None:
    result = review(text, language="zh", transcript=heard(text), clock_line=CLOCK)
    assert (result.ask, result.text, result.reason, result.heard) == (False, meant, "homophone", text)


@pytest.mark.parametrize(("text", "meant"), [
    ("六成八等于几", "六乘八等于几"),  # 乘 heard as 成, 加 as 家, 减 as 见, 除 as 出: the same toneless sound
    ("二十家十五是多少", "二十加十五是多少"),
    ("一百见四十等于多少", "一百减四十等于多少"),
    ("九十出三是多少", "九十除三是多少"),
])
def test_an_operation_heard_between_two_numerals_is_read_as_meant(text: str, meant: str) -> None:
    result = review(text, language="zh")
    assert (result.ask, result.text, result.reason) == (False, meant, "homophone")


@pytest.mark.parametrize("text", ["七成五的人同意", "初三初五是几号", "三加五成几等于多少", "一百二十万"])
def test_no_operation_is_read_where_none_is_missing(text: str) -> None:
    assert with_operators(text) == text


def test_real_words_are_never_corrected_into_domain_words() -> None:
    # 一生 sounds like 医生, 体型 like 提醒, 新闻 is a word: none is changed
    for text in ("他这一生很辛苦。", "我的体型有点胖。", "今天有什么新闻？", "他是我的老朋友。"):
        assert homophones.find_corrections(text) == []


def test_corrections_do_not_overlap_and_apply_in_place() -> None:
    text = "高血亚和糖尿冰"
    found = homophones.find_corrections(text)
    assert [(c.heard, c.word) for c in found] == [("高血亚", "高血压"), ("糖尿冰", "糖尿病")]
    assert homophones.apply(text, found) == "高血压和糖尿病"


def test_unsure_words_that_ask_the_clock_or_the_weather_are_still_answered_by_the_tool() -> None:
    from assistant.pipeline.tooling import reads_only

    assert reads_only("今天是即月即号星期几。") and reads_only("明天天气怎么样")
    assert not reads_only("100厨以40多省。")  # a sum of misheard numbers would be a wrong fact
    assert not reads_only("明天早上八点提醒我吃药")  # a reminder stores the words


def test_an_answer_that_repeats_a_misheard_phrase_is_replaced_by_an_ask_back() -> None:
    from assistant.pipeline.honesty import HonestyGuard

    question = "琪狼花是什么颜色的？"  # 西兰花, misheard
    garbled = review(question, language="zh").garbled
    assert garbled == {"琪狼", "狼花"}
    guard = HonestyGuard(question=question, garbled=garbled)
    said = guard.push("琪狼花是白色的，") + guard.push("很好吃。") + guard.flush()
    assert said == [hearing.ASK_AGAIN_ZH]
    sound_question = "西兰花是什么颜色的？"
    sound = HonestyGuard(question=sound_question, garbled=review(sound_question, language="zh").garbled)
    assert sound.push("西兰花是绿色的。") == ["西兰花是绿色的。"]


@pytest.mark.parametrize(
    "text",
    ["我孙女叫王小丫。", "帮我把月亮放进冰箱里。", "推荐一首好听的老歌吧。", "我头晕，手脚发麻。",
     "教我一句过年的吉祥话。", "高血压的人平时饮食要注意什么？", "怎么用微信给孙女发视频？",
     "支付宝怎么扫码？", "一加一等于几？", "三百五十块打八折是多少？"],
)
def test_sound_questions_have_nothing_misheard(text: str) -> None:
    assert review(text, language="zh").garbled == frozenset()


def test_a_number_with_two_decimal_points_is_asked_back_but_a_dotted_date_is_not() -> None:
    asked = review("177.370.7是多少？", language="zh")  # 一百减去三十七, heard on the phone
    assert asked.ask and asked.reason == "sum without numbers"
    for sound in ("2026.12.1是星期几", "1.5加2.5等于多少", "3.5斤是多少克"):
        assert not review(sound, language="zh").ask, sound
