"""The loop guard: loops of a 1-3 character unit, told apart from real repeats in speech."""

from __future__ import annotations

import pytest

from assistant.asr.loops import Run, decode_problem, longest_run, short_loop, without_loop


@pytest.mark.parametrize(("text", "unit"), [
    ("请请请请", "请"),  # what the user saw for "请帮我查一下明天的天气。"
    ("请请请请请请请请请请请请", "请"),  # the raw decode behind it
    ("请，请，请，请", "请"),
    ("请请请请请请我插一下明天的天", "请"),  # the loop first, then the sentence
    ("帮我查一下明天的天天天天天", "天"),  # the sentence, then the loop
    ("你好你好你好", "你好"),
    ("明天明天明天明天", "明天"),
    ("帮我看看吃饭了吃饭了吃饭了", "吃饭了"),
    ("no no no no no", "no"),
])
def test_short_loops_are_found(text: str, unit: str) -> None:
    run = short_loop(text)
    assert run is not None and run.unit == unit, run


@pytest.mark.parametrize("text", [
    "谢谢", "谢谢你", "谢谢谢谢你", "谢谢，谢谢你！", "好好休息", "好的好的", "哈哈哈", "哈哈哈，你真逗",
    "对对对对，就是这个", "天天锻炼身体", "明天的天气", "爸爸妈妈都好", "慢慢走", "嗯嗯嗯",
    "我想问问，我想问问你今天几号", "请帮我查一下明天的天气。", "帮我算一下100000乘以2", "1000元",
    "Thank you, thank you.", "",
])
def test_real_repeats_are_not_loops(text: str) -> None:
    assert short_loop(text) is None


def test_longest_run_skips_digits_and_doubled_units() -> None:
    assert longest_run("请请请请", 2) is None  # "请请" twice is "请" four times
    assert longest_run("100000", 1) is None
    assert longest_run("ab请请请c", 1) == Run(unit="请", start=2, repeats=3)


def test_what_is_left_of_a_loop() -> None:
    run = short_loop("请请请请请请请请")
    assert run is not None and without_loop("请请请请请请请请", run) == "请请"
    run = short_loop("请，请，请，请")
    assert run is not None and without_loop("请，请，请，请", run) == "请，请"
    run = short_loop("你好你好你好")
    assert run is not None and without_loop("你好你好你好", run) == "你好"
    text = "请请请请请请我插一下明天的天"
    run = short_loop(text)
    assert run is not None and without_loop(text, run) == "请请我插一下明天的天"


def problem(text: str, *, logprob: float = -0.3, ratio: float = 0.8, capped: bool = False) -> str | None:
    return decode_problem(text, avg_logprob=logprob, compression_ratio=ratio, capped=capped)


def test_decode_problems() -> None:
    assert problem("请帮我查一下明天的天气。") is None
    assert problem("请请请请请请请请") == "loop of '请' x8"
    assert problem("明天要下雨吗？明天要下雨吗？明天要") == "phrase loop"
    assert problem("今天几号", capped=True) == "stopped at the token cap"
    assert problem("今天几号", ratio=2.6) == "compression ratio 2.60"
    assert problem("今天几号", logprob=-1.2) == "log-prob -1.20"
    # one character alone from a clip far too long for it (AMD EPYC, 0.5 s window: "请帮我查一下明天的天气")
    assert decode_problem("请，请，请", avg_logprob=-0.67, compression_ratio=0.8, capped=False,
                          audio_s=2.5) == "'请' alone for 2.5 s"
    for text, seconds in (("哈哈哈", 1.9), ("好。", 1.3)):
        assert decode_problem(text, avg_logprob=-0.3, compression_ratio=0.8, capped=False,
                              audio_s=seconds) is None


def test_a_wordless_second_opinion_never_replaces_words_heard_as_speech() -> None:
    from assistant.asr.filter import compact
    from assistant.asr.vocabulary import strip_prompt
    from assistant.asr.whisper import Decoded, kept

    def has_words(text: str) -> bool:
        return bool(compact(strip_prompt(text)))

    first = Decoded(text="你好", avg_logprob=-1.0, no_speech_prob=0.13)  # unsure: low log-probability
    for nothing in ("", "以下是普通话的句子，使用简体中文。", "。"):
        assert kept(first, Decoded(text=nothing, avg_logprob=-0.3), has_words=has_words) is first
    # where Whisper doubts there was speech at all, the empty second opinion stands (noise is not answered)
    doubtful = Decoded(text="遇到", avg_logprob=-1.6, no_speech_prob=0.7)
    empty = Decoded(text="", avg_logprob=-0.3)
    assert kept(doubtful, empty, has_words=has_words) is empty
    # a second opinion with words is weighed as before
    better = Decoded(text="你好。", avg_logprob=-0.4)
    assert kept(first, better, has_words=has_words) is better
