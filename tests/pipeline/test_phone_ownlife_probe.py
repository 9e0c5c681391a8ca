"""Probe 11 of discovery 10 (phone_ownlife_probe.tsv), written before assistant/pipeline/unknowable_phone.py
and the own_life topics "ate" and "put" (pure logic). Each row runs as a session takes it: the answers in
code (:mod:`assistant.pipeline.safe_answers`), a question about the assistant (:mod:`.selfhelp`), a tool,
the honest "can't know" (:mod:`.unknowable`), then "I don't know" on her own life (:mod:`.own_life`). A
phone how-to must reach unknowable's "phone" topic, a fact of her own day own_life, an ordinary question
none of them. The probe is a development set now: every row must stay right; its first run is in the
file's header."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from probe_rows import tsv_rows

from assistant.pipeline import doctor_signs, safe_answers, selfhelp, unknowable
from assistant.pipeline.own_life import own_life
from assistant.tools.router import route

PROBE = Path(__file__).with_name("phone_ownlife_probe.tsv")
KINDS = {"phone", "own", "-"}


def decide(text: str, language: str) -> str:
    """"phone", "own", "-" when none of them answers, or the earlier step that took it."""
    if (safe := safe_answers.answer(text, language, reminders=True)) is not None:
        return f"safe:{safe[0]}"
    if selfhelp.reply(text, language) is not None:
        return "selfhelp"
    if (call := route(text)) is not None:
        return f"tool:{call.name}"
    if (topic := unknowable.topic_of(text)) is not None:
        return "phone" if topic == "phone" else f"unknowable:{topic}"
    return "own" if own_life(text, language, "") is not None else "-"


def test_the_probe_has_every_kind_in_both_languages() -> None:
    rows = tsv_rows(PROBE)
    assert len(rows) >= 40 and set(Counter(expected for expected, *_ in rows)) == KINDS
    assert {language for _, language, _ in rows} == {"zh", "en"}


def test_every_row_is_answered_as_expected() -> None:
    wrong = [(expected, got, text) for expected, language, text in tsv_rows(PROBE)
             if (got := decide(text, language)) != expected]
    assert wrong == []


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_phone_answer_names_no_step_and_says_who_can_show_her(language: str) -> None:
    said = unknowable.honest_reply("手机上的字太小了，怎么调大一点？" if language == "zh"
                                   else "How do I turn on the flashlight on my phone?", language)
    assert said is not None
    assert any(w in said for w in ("家里人", "family")) and any(w in said for w in ("看不到", "can't see"))
    assert not any(w in said for w in ("设置", "点击", "Settings", "tap"))


@pytest.mark.parametrize("text", ["手机没电了，充电器插上不亮是怎么回事？", "手机掉水里了怎么办？",
                                  "手机上老有人打电话说我中奖了，怎么回事？", "这个手机怎么样，好用吗？",
                                  "为什么手机用久了会发烫？", "手机号码是几位数？", "手机被偷了怎么报警？",
                                  "手机丢了怎么找回来？", "怎么用手机打120？",
                                  "How do I call an ambulance on my phone?"])
def test_what_is_wrong_with_a_phone_whether_it_is_good_or_help_called_is_not_the_steps(text: str) -> None:
    assert unknowable.topic_of(text) != "phone"


@pytest.mark.parametrize(("text", "topic"), [
    ("我昨天晚上吃的什么？", "ate"), ("我中午喝的啥来着", "ate"), ("What did I eat for breakfast?", "ate"),
    ("我的降压药放在哪儿了？", "put"), ("我把存折搁哪了", "put"), ("Where are my keys?", "put"),
])
def test_what_she_ate_and_where_she_put_things_are_her_own_life(text: str, topic: str) -> None:
    language = "en" if text.isascii() else "zh"
    found = own_life(text, language, "")
    assert found is not None and found[0] == topic


@pytest.mark.parametrize("text", ["我晚饭吃点什么比较好？", "我吃了什么会拉肚子", "我把花放在哪里比较好？",
                                  "我的药应该放哪儿保存？", "降压药放在什么地方保存好？"])
def test_advice_on_what_to_eat_or_where_to_keep_things_is_for_the_llm(text: str) -> None:
    assert own_life(text, "zh", "") is None


def test_what_she_told_before_lets_the_llm_answer_from_it() -> None:
    assert own_life("我的老花镜放哪儿了？", "zh", "我把老花镜放在电视柜上了") is None
    assert own_life("我昨天晚上吃的什么？", "zh", "我昨天晚上吃了饺子") is None


@pytest.mark.parametrize("text", ["我上次去医院是哪天？", "我最后一次给儿子打电话是几号？",
                                  "When did I last see the doctor?"])
def test_when_she_last_did_something_is_not_todays_date(text: str) -> None:
    assert route(text) is None
    assert own_life(text, "en" if text.isascii() else "zh", "") is not None


def test_the_date_and_the_weather_are_still_asked() -> None:
    assert route("上个星期三是几号？") is not None and route("今天是几号？") is not None
    assert route("老花镜多少度的合适？") is None and route("泡酒用多少度的白酒好？") is None
    assert route("北京今天多少度？") is not None


def test_deleting_photos_on_her_phone_is_no_privacy_request() -> None:
    assert selfhelp.topic("手机里的照片太多了，怎么删掉一些？") is None
    assert selfhelp.topic("我说的话怎么删除？") == "hide" and selfhelp.topic("怎么删掉聊天记录") == "hide"
    assert unknowable.topic_of("手机里的照片太多了，怎么删掉一些？") == "phone"


@pytest.mark.parametrize("text", ["老年人一天喝多少水合适？", "一天喝几杯水比较好？"])
def test_how_much_water_to_drink_is_no_sign_of_thirst(text: str) -> None:
    assert doctor_signs.advice(text, "zh") is None


def test_drinking_a_lot_is_still_a_sign() -> None:
    assert doctor_signs.advice("我最近一天喝十几杯水还是渴", "zh") is not None
