from __future__ import annotations

import pytest

from assistant.asr.filter import SimplifiedConverter, compact, hallucination_reason


@pytest.mark.parametrize("text", ["字幕by索兰娅", "请不吝点赞 订阅 转发 打赏支持明镜与点点栏目",
                                  "中文字幕志愿者", "Subtitles by the Amara.org community"])
def test_credits_are_always_dropped(text: str) -> None:
    assert hallucination_reason(text, audio_s=5.0, level=0.1) is not None


@pytest.mark.parametrize("text", ["谢谢观看！", "谢谢收看", "Thanks for watching!", "我们下期再见。"])
def test_outros_are_dropped_on_short_or_quiet_audio(text: str) -> None:
    assert hallucination_reason(text, audio_s=0.8, level=0.1) is not None
    assert hallucination_reason(text, audio_s=3.0, level=0.003) is not None
    assert hallucination_reason(text, audio_s=3.0, level=0.1, no_speech_prob=0.7) is not None
    assert hallucination_reason(text, audio_s=3.0, level=0.1, no_speech_prob=0.1) is None


@pytest.mark.parametrize("text",
                         ["谢谢", "谢谢你，我看完了", "Thank you", "我想看字幕", "", "今天天气怎么样？"])
def test_real_speech_is_kept(text: str) -> None:
    assert hallucination_reason(text, audio_s=0.8, level=0.001) is None


def test_punctuation_only_is_no_words() -> None:
    assert hallucination_reason("。。。", audio_s=2.0, level=0.1) == "no words"


def test_hint_words_alone_are_dropped_only_where_whisper_doubts_there_was_speech() -> None:
    hints = ("王秀英", "小明", "闺女", "人民医院")
    assert hallucination_reason("小明、", audio_s=2.0, level=0.02, no_speech_prob=0.9, hints=hints)
    assert hallucination_reason("小明，闺女。", audio_s=2.0, level=0.02, no_speech_prob=0.9, hints=hints)
    assert hallucination_reason("小明。", audio_s=1.0, level=0.1, no_speech_prob=0.05, hints=hints) is None
    assert hallucination_reason("小明来了", audio_s=2.0, level=0.02, no_speech_prob=0.9, hints=hints) is None
    assert hallucination_reason("小明", audio_s=2.0, level=0.02, no_speech_prob=0.9) is None  # no hints given


def test_helpers() -> None:
    assert compact("Hello, 世界！ ") == "hello世界"
    assert SimplifiedConverter()("這個電話號碼") == "这个电话号码"


def test_repetition_loops_are_recognised() -> None:
    from assistant.asr.filter import is_repetition_loop

    assert is_repetition_loop("Please remind me at 8 o'clock. Please remind me at 8 o'clock")
    assert is_repetition_loop("中国的首都是哪个城市？中国的首都是哪个城市？中国的首都")
    assert not is_repetition_loop("好的好的")
    assert not is_repetition_loop("谢谢谢谢谢谢")
    assert not is_repetition_loop("中国的首都是哪个城市？")
    assert not is_repetition_loop("我想问问，我想问问你今天几号")
    assert not is_repetition_loop("")


def test_a_loop_is_cut_to_its_first_copy() -> None:
    from assistant.asr.filter import first_copy

    assert first_copy("How many days are there in a week? How many days are there in a week? How many") \
        == "How many days are there in a week?"
    assert first_copy("明天要下雨吗？明天要下雨吗？明天要下雨吗？明天要") == "明天要下雨吗？"
    assert first_copy("请问几点了请问几点了请问几") == "请问几点了"
    assert first_copy("好的好的") == "好的好的"
    assert first_copy("中国的首都是哪个城市？") == "中国的首都是哪个城市？"
