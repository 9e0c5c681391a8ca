"""The semantic end of turn (assistant/pipeline/endpoint.py): sentences in, verdicts out.

The sentences are the kind a speculative transcript holds at a pause: Whisper's output for the
speech so far, sometimes with a full stop it put at the cut."""

from __future__ import annotations

import pytest

from assistant.errors import ConfigError
from assistant.pipeline.endpoint import TurnWaits, Verdict, hold_pause, judge, wait_ms
from assistant.pipeline.turn import Turn

UNFINISHED = [
    # a bare time or place
    "明天早上八点", "明天早上8点。", "明天早上8点，", "下午三点", "后天", "每天晚上九点半", "下周一上午十点",
    "5月3号", "今天晚上", "我明天早上八点", "提醒我下午三点", "在北京", "从医院", "到我女儿家",
    # trailing conjunctions and fillers
    "我今天去了公园然后", "还有", "我想买点菜还有", "就是", "我那个", "因为", "我头有点疼所以", "那个",
    "你帮我看看这个", "吃完饭以后", "我想问你，嗯", "呃",
    # a verb or preposition with nothing after it
    "提醒我", "你能不能告诉我", "我想问一下", "帮我查一下", "请问", "我要", "我想", "给我女儿打电话告诉她",
    "你给", "麻烦你", "我打算", "我觉得", "把", "我今天去公元寮延后。",
    # an opening clause with no main clause
    "因为我血压高", "如果明天下雨", "要是我忘了吃药", "虽然我年纪大了",
    # a topic with nothing said of it yet
    "我要买的东西", "我昨天吃的药", "我想说的事", "我女儿要买的菜",
    # trailing comma
    "我的血压，", "今天天气不错,",
    # someone or something named, or a wish, with nothing said of it yet
    "老李她", "我要跟儿子", "我想给孙女买", "我打算", "我可不可以", "你有没有", "这种病", "那盒药",
    "到医院门口", "医生说", "我想了解", "我想请你", "我孙女儿在", "那个什么",
    # a filler sound after the fragment holds the floor the same way
    "我要买的东西哦。", "明天早上八点啊", "因为我血压高啊", "我昨天吃的药呀，",
    # English
    "What color", "How much", "And she", "My doctor, he", "Could you please", "I'd like to know",
    "Remind me tomorrow at eight", "Tomorrow morning at eight", "and", "I want to", "Can you tell me about",
    "What about the", "If it rains tomorrow", "I was wondering", "Um", "remind me", "Tell me,", "What",
]

FINISHED = [
    "一天有多少个小时", "一天有多少个小时？", "一天有多少个小时。", "今天星期几", "现在几点了", "现在几点",
    "一加一等于几", "你叫什么名字", "高血压能吃鸡蛋吗", "北京明天会下雨吗", "你会唱歌吗", "为什么天是蓝的",
    "怎么煮饺子", "你在哪", "这是什么", "明天天气怎么样", "我可以喝点酒吗？", "你觉得呢", "我们走吧",
    "降压药饭前吃还是饭后吃？", "你是谁", "一斤等于多少克", "我今年多大了", "我孙子叫什么", "嗯，今天几号",
    "那明天呢", "高血压的人能不能吃咸菜", "将压药饭前吃还是饭后吃。", "冬至是哪一天", "北京离上海有多远",
    "你去过北京没有", "明天去不去", "这个菜好吃不", "药吃了没", "降压药饭前吃还是饭后",
    "这个用英语怎么说", "咋回事",
    "What time is it?", "What time is it", "How many days are in a week", "Is it going to rain tomorrow",
    "Can you sing a song?", "who are you", "Why is the sky blue?",
]

UNSURE = [
    "", "你好", "谢谢", "讲个笑话", "提醒我明天早上八点吃降压药", "我今天有点头疼", "再说一遍", "好的",
    "是", "对", "嗯", "我不想去", "我也是", "我知道了", "今天天气真好", "我女儿明天回来", "不要",
    "对不起", "在的", "去年摔了一跤", "给王奶奶的手机配对", "请检查一下", "今天是11月30日，星期一。", "没用",
    "我想和你聊聊", "我不想吃", "小明他来了", "这个药好苦", "我去银行办事", "你知道吗",
    "以后再说", "我有点不舒服", "我老伴不在", "我想请你吃饭", "好啊", "是啊", "我吃了啊", "你好呀",
    "Hello", "Thank you", "Tell me a joke", "I feel tired today", "Good morning", "yes", "What happened",
]


@pytest.mark.parametrize("text", UNFINISHED)
def test_plainly_unfinished_fragments_wait_longer(text: str) -> None:
    assert judge(text) is Verdict.UNFINISHED


@pytest.mark.parametrize("text", FINISHED)
def test_finished_questions_are_answered_sooner(text: str) -> None:
    assert judge(text) is Verdict.FINISHED


@pytest.mark.parametrize("text", UNSURE)
def test_other_sentences_keep_the_ordinary_wait(text: str) -> None:
    assert judge(text) is Verdict.UNSURE


def test_the_wait_follows_the_verdict() -> None:
    waits = TurnWaits(finished_ms=400, default_ms=700, unfinished_ms=1800)
    assert wait_ms("一天有多少个小时", waits) == 400
    assert wait_ms("谢谢你", waits) == 700
    assert wait_ms("明天早上八点", waits) == 1800


def test_the_later_clause_decides() -> None:
    assert judge("明天早上八点，提醒我吃降压药") is Verdict.UNSURE
    assert judge("我想问一下，今天星期几") is Verdict.FINISHED
    assert judge("今天星期几，还有") is Verdict.UNFINISHED


class Recorder:
    """A PauseHolder that records what the session asked of the VAD stream."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def end_after(self, pause_at_ms: int, silence_ms: int) -> None:
        self.calls.append((pause_at_ms, silence_ms))


def test_hold_pause_sets_the_wait_of_a_speculative_turn() -> None:
    waits = TurnWaits(finished_ms=400, default_ms=700, unfinished_ms=1800)
    vad = Recorder()
    turn = Turn(1, 1.5, speculative=True, source="voice", pause_at_ms=2310)
    hold_pause(vad, turn, "一天有多少个小时", waits)
    hold_pause(vad, turn, "明天早上八点", waits)
    hold_pause(vad, turn, "", waits)  # nothing heard: waiting costs nothing
    assert vad.calls == [(2310, 400), (2310, 1800), (2310, 1800)]
    hold_pause(vad, turn, None, waits)  # the LLM failed after the transcript was judged: no change
    failed = Turn(3, 1.5, speculative=True, source="voice", pause_at_ms=4000)
    hold_pause(vad, failed, None, waits)  # the ASR failed: the ordinary wait
    assert vad.calls == [(2310, 400), (2310, 1800), (2310, 1800), (4000, 700)]
    assert failed.metrics.extra["endpoint"] == "unsure"
    hold_pause(vad, turn, "一天有多少个小时", None)  # semantic end of turn off
    hold_pause(vad, Turn(2, 1.5, speculative=False, source="voice", pause_at_ms=100), "好", waits)
    assert len(vad.calls) == 4


def test_waits_must_rise() -> None:
    with pytest.raises(ConfigError, match="must rise"):
        TurnWaits(finished_ms=800, default_ms=700, unfinished_ms=1800)
    with pytest.raises(ConfigError, match="must rise"):
        TurnWaits(finished_ms=400, default_ms=700, unfinished_ms=600)
