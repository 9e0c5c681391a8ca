"""Ranking Whisper's beam again by fluency (assistant/asr/rescore.py).

The beams below are real: Whisper base (beam 5, the shipped prompt) on the project's voice reading
eval questions, with CTranslate2's scores (mean token log-probability)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.asr.filter import ZH_PROMPT
from assistant.asr.rescore import RescoringWhisper, best_index, copies_prompt, fluency

# (the word that was said, the beam as Whisper ranked it: the first hypothesis misheard that word)
BEAMS = [
    ("复查", [("后天下午三点半提醒我去医院副查", -0.271), ("后天下午三点半提醒我去医院复查", -0.282),
            ("后天下午三点半提醒我去医院副查。", -0.285), ("后天下五三点半提醒我去医院副查", -0.299)]),
    ("高血压", [("高鲜压的也能吃什么?", -0.416), ("高血涅的也能吃什么?", -0.445),
                    ("高血涯的也能吃什么?", -0.47), ("高血压的也能吃什么?", -0.476)]),
    ("吉祥话", [("教我一句过年的极想话。", -0.305), ("教我一句过年的吉祥话。", -0.316),
                     ("教我依据过年的极想话。", -0.368), ("教我依据过年的极想化。", -0.374)]),
    ("血管", [("鱼油是不是能通卸管?", -0.497), ("鱼油是不是能通血管?", -0.535),
                    ("鱼油是不是能通现管?", -0.567), ("鱼油是不是能通卸管。", -0.666)]),
]


@pytest.mark.parametrize(("word", "beam"), BEAMS, ids=[word for word, _ in BEAMS])
def test_the_sentence_of_words_is_chosen_over_homophones(word: str, beam: list[tuple[str, float]]) -> None:
    texts, scores = [t for t, _ in beam], [s for _, s in beam]
    assert word not in texts[0]
    assert word in texts[best_index(texts, scores)]


def test_a_sound_first_hypothesis_is_kept() -> None:
    beam = [("一年有几个月。", -0.168), ("1年有几个月。", -0.379), ("一年有几个月?", -0.437),
            ("一年有几个月啊", -0.577)]
    assert best_index([t for t, _ in beam], [s for _, s in beam]) == 0


def test_a_copy_of_the_prompt_is_never_chosen() -> None:
    beam = [("以下以等于几。", -0.661), ("以下是普通话的句子。", -0.30),
            ("以下是普通话的句子，使用简体中文。", -0.2)]
    texts, scores = [t for t, _ in beam], [s for _, s in beam]
    assert best_index(texts, scores, prompt=ZH_PROMPT) == 0
    assert copies_prompt("以下是普通话的句子。", ZH_PROMPT)
    assert not copies_prompt("一加一等于几", ZH_PROMPT)


def test_beams_without_chinese_keep_whisper_order() -> None:
    english = ["What's the weather like today?", "What is the weather like today?"]
    assert best_index(english, [-0.3, -0.2]) == 0
    assert best_index(["350", "三百五"], [-0.3, -0.4]) == 0  # nothing to judge in the first
    assert best_index(["三百五十块", "350"], [-0.3, -0.1]) == 0  # nor in the second: never chosen


def test_fluency_counts_words_and_numbers_not_punctuation() -> None:
    words, garble = fluency("吃了降压药可以喝酒吗"), fluency("吃了酱鸭鸭可以喝酒吗")
    assert words is not None and garble is not None and words > garble
    assert fluency("一百减去三十七是多少？") == fluency("100减去37是多少")  # numbers count alike
    assert fluency("一加一等于几") > fluency("一家一等于几")  # type: ignore[operator]  # a sum is no garble
    assert fluency("hello 123") is None


def test_a_spoken_sum_keeps_its_place_before_a_word_that_sounds_like_it() -> None:
    beam = [("一加一等于几。", -0.456), ("一家一等于几。", -0.618), ("以下以等于几。", -0.661),
            ("以下是普通话的句子。", -0.699), ("一加一等于几", -0.894)]
    assert best_index([t for t, _ in beam], [s for _, s in beam], prompt=ZH_PROMPT) == 0


class _Beam:
    """A CTranslate2 model's answer to ``generate`` (the real one is exercised by the Whisper tests)."""

    def __init__(self) -> None:
        self.calls: list[dict[str, object]] = []

    def generate(self, *_args: object, **kwargs: object) -> list[SimpleNamespace]:
        self.calls.append(kwargs)
        ids = [[1, 2, 99], [3, 4, 99]]
        return [SimpleNamespace(sequences_ids=ids, sequences=[["a"], ["b"]], scores=[-0.27, -0.28],
                                no_speech_prob=0.01)]

    is_multilingual = True


def test_the_wrapper_asks_for_every_hypothesis_and_puts_the_chosen_first() -> None:
    texts = {(1, 2): "后天去医院副查", (3, 4): "后天去医院复查"}
    model = _Beam()
    wrapped = RescoringWhisper(model, lambda ids: texts[tuple(ids)], eot=99, prompt=ZH_PROMPT)
    [result] = wrapped.generate("features", [[0]], beam_size=5, return_scores=True)
    assert model.calls[-1]["num_hypotheses"] == 5
    assert result.sequences_ids[0] == [3, 4, 99] and result.scores[0] == pytest.approx(-0.28)
    assert result.no_speech_prob == pytest.approx(0.01)
    assert wrapped.is_multilingual  # everything else passes through
    wrapped.generate("features", [[0]], beam_size=1, num_hypotheses=2, sampling_temperature=0.2)
    assert model.calls[-1]["num_hypotheses"] == 2  # sampling is left alone
