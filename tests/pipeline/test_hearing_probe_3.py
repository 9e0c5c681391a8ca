"""The third hearing probe (hearing_probe_3.tsv): 80 replies to questions as heard, written blind: 40
that treat a garbled phrase as a real thing ("大含一般在每年1月20日前后", "马酱一般要四个人一起打") and 40
sound ones about real rare words and names ("硝苯地平一般一天吃一到两次", "祝小宇考试顺利"), 7 English.

Each row runs as the reply path runs it: ``hearing.review`` on the question (a Whisper transcript at
avg_logprob -0.2 and -0.5), then, unless it asks back, the reply streamed through the honesty guard with
the question review hands on and the misheard bits it found (``Hearing.garbled``). The reply is the one
to the words *as heard*, also where review reads a homophone as meant: the guard must catch it even when
that reading is wrong.

Thresholds (first run in brackets; the file's header has the details):
- the 40 sound rows: none asked back or changed by review, none blocked by the guard [2 blocked].
- the 40 garbled-entity rows: at least 33 asked back or blocked [2 blocked]. Of the seven left, review
  reads one as meant ("黄没戏" as 黄梅戏); six would be spoken: a near sound-alike ("西南瓜" for 西兰花: g
  for h), two characters in merged sounds ("村连" for 春联: two-character spans are too often names to be
  read with merged sounds), a numeral with a noun, which is a count ("八贯" for 拔罐, as "七床" is never
  起床), and three that sound like names ("马酱", "黄里": a surname first, as 马强 and 黄丽; "月具": 越剧 is
  no domain word, as 王月菊 is a name).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from guard_stream import through_guard

from assistant.asr.base import Transcript
from assistant.pipeline.hearing import review
from assistant.pipeline.soundalikes import sound_alikes

PROBE = Path(__file__).with_name("hearing_probe_3.tsv")


def probe_rows() -> list[tuple[str, str, str]]:
    rows = []
    for line in PROBE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            expected, question, reply = line.split("\t")
            rows.append((expected, question, reply))
    return rows


def run_turn(question: str, reply: str, logprob: float) -> str:
    """"ask" (review asks back), "block" (the guard replaced the reply), "read" (the reply passed and the
    question was read as other words) or "pass"."""
    language = "en" if question.isascii() else "zh"
    heard = Transcript(text=question, language=language, audio_s=2.0, avg_logprob=logprob,
                       no_speech_prob=0.02)
    hearing = review(question, language=language, transcript=heard)
    if hearing.ask:
        return "ask"
    _, guard = through_guard(reply, question=hearing.text, garbled=hearing.garbled)
    return "block" if guard.violations else "read" if hearing.text != question else "pass"


def test_the_probe_is_read_whole() -> None:
    rows = probe_rows()
    assert [expected for expected, *_ in rows].count("block") == 40
    assert [expected for expected, *_ in rows].count("pass") == 40
    assert sum(question.isascii() for _, question, _ in rows) == 7


@pytest.mark.parametrize("logprob", [-0.2, -0.5])
def test_the_probe_meets_its_thresholds(logprob: float) -> None:
    sound_touched, spoken = [], []
    for expected, question, reply in probe_rows():
        got = run_turn(question, reply, logprob)
        if expected == "pass" and got != "pass":
            sound_touched.append((question, got))
        if expected == "block" and got not in ("ask", "block"):
            spoken.append(reply)
    assert sound_touched == []
    assert len(spoken) <= 7, spoken


@pytest.mark.parametrize(
    ("question", "reply"),
    [("今天能力士及越集后", "能力士考试通常在每年的4月或5月举行。"),  # the eval's invented fact
     ("大寒是几号啊", "大含一般在每年1月20日前后。"),  # not in the question: the guard has no reason
     ("苏小就新完放在哪里好", "苏小就新完要放在随手拿得到的地方。"),
     ("医生让我拔罐，一包卡能报销吗", "一包卡可以报销一部分。"),
     ("力东那天要吃什么", "力东要吃饺子，北方的习俗。")],
)
def test_a_reply_that_repeats_a_sound_alike_of_the_question_is_asked_back(question: str, reply: str) -> None:
    hearing = review(question, language="zh")
    _, guard = through_guard(reply, question=hearing.text, garbled=hearing.garbled)
    assert bool(guard.violations) == (reply[:2] in question)


@pytest.mark.parametrize(
    "text",
    ["我孙子小宇考上大学了", "我外甥叫李冬", "老钟明天来看我", "朵朵会叫奶奶了", "戴上帽子和手套出门",
     "马强明天来看我", "黄丽明天来看我", "我女儿王月菊明天来", "李霞说她不来了", "春莲说她明天来",
     "七床的病人醒了吗", "我想去医院看看", "笑死我了", "记着提醒我吃药", "睡前喝杯牛奶好不好",
     "甲钴胺是治什么的", "瑞舒伐他汀晚上吃吗", "夫妻肺片辣不辣", "麻将要四个人打", "针灸能治腰疼吗"],
)
def test_sound_words_names_counts_and_verbs_are_no_sound_alikes(text: str) -> None:
    """Look-alikes of the rules: names (马强 sounds like 麻将, 黄丽 like 黄历, 李霞 like 立夏, 小宇 like
    小雨), a doubled character, a verb with its complement ("戴上" sounds like 带伞 in merged sounds,
    "记着" like 记者), a count ("七床"), a word cut short ("去|医院" is not 曲艺), rare characters and
    A-not-A. Review reads them as they are and finds nothing misheard."""
    assert sound_alikes(text) == frozenset()
    assert review(text, language="zh").garbled == frozenset()
    assert review(text, language="zh").text == text


@pytest.mark.parametrize(
    ("text", "alike"),
    [("大含是几号啊", "大含"), ("狗起泡水喝有什么好处", "狗起"), ("一包卡丢了去哪补", "一包卡"),
     ("劳连正在哪里办", "劳连正"), ("将押要什么时候吃最好", "将押要"), ("明天天汽怎么样", "天汽")],
)
def test_spans_that_sound_exactly_like_a_word_they_are_not_are_sound_alikes(text: str, alike: str) -> None:
    """Words of the domain list and the 节气 (大寒, 枸杞, 医保卡, 老年证), also ending inside a word
    ("狗|起泡") or in a function character ("将押|要"), or a common word of jieba's dictionary."""
    assert alike in sound_alikes(text)
