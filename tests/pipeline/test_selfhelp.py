"""Answers about the assistant itself (pipeline/selfhelp.py) are true of this product: each names
only what the code does, and what it quotes works when said (pure logic)."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from assistant.care.emergency import EmergencyAdvice
from assistant.llm.base import ChatRequest
from assistant.pipeline import intents, selfhelp
from assistant.pipeline.selfhelp import Setup, answer
from assistant.pipeline.tooling import plan_text_turn
from assistant.tools.router import route

WEB_STRINGS = (Path(__file__).resolve().parents[2] / "clients/web/i18n.js").read_text(encoding="utf-8")
_QUOTED = re.compile(r"[“\"]([^”\"]+)[”\"]")


def _quoted(text: str) -> list[str]:
    return _QUOTED.findall(text)


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_topic_has_an_answer_in_both_languages(language: str) -> None:
    for name in selfhelp.TOPICS:
        said = answer(name, language)
        assert said and len(said) < (120 if language == "zh" else 330), (name, said)
        if language == "en":
            assert said.isascii(), said  # the English voice cannot read Chinese characters


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_privacy_phrase_the_answers_teach_hides_a_turn(language: str) -> None:
    for name in ("hide", "family_sees"):
        phrases = [p for p in _quoted(answer(name, language)) if intents.wants_privacy(p)]
        assert phrases, (name, language)
        assert all(intents.only_privacy(p) for p in phrases)  # said alone: hides the turn before too


def test_the_hide_answer_says_what_the_family_still_sees() -> None:
    zh, en = answer("hide", "zh"), answer("hide", "en")
    assert "只知道那时候说过话" in zh and "看不到说了什么" in zh and "刚才那句" in zh
    assert "急事" in zh and "告诉家人" in zh  # an emergency still alerts the family
    assert "something was said then, not what" in en and "emergency" in en and "one before" in en


def test_the_family_sees_answer_names_what_the_family_view_shows() -> None:
    zh = answer("family_sees", "zh")
    for shown in ("聊天记录", "照片", "小结", "提醒"):
        assert shown in zh
    assert "记下来" in answer("listening", "zh") and "家里人能看到" in answer("listening", "zh")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_repeat_phrase_taught_is_a_repeat_request(language: str) -> None:
    phrases = _quoted(answer("howto_repeat", language))
    assert phrases and all(intents.wants_repeat(p) for p in phrases)


@pytest.mark.parametrize("text", [
    "闹钟怎么设置", "提醒我下午三点给儿子打电话", "我儿子能帮我交电费吗", "这个药要钱吗",
    "我不想让儿子知道我血压高，怎么瞒着他", "怎么给儿子打视频电话", "外卖怎么点",
    "医院一般早上八点开门，您可以打电话问问。", "明天天气预报怎么说",
    "要是有的话，就给孩子们看看", "Remind me to call my son at five", "Tell my daughter I said hello"])
def test_questions_about_other_things_are_not_taken(text: str) -> None:
    """A phone's alarm, a reminder or call for later, the son doing an errand, a price, a fact kept from
    the family, a weather request, a conditional 的话: not questions about the assistant."""
    assert selfhelp.topic(text) is None


def test_asking_how_to_repeat_is_no_repeat_request() -> None:
    assert not intents.wants_repeat("没听清的话，怎么让你再说一遍")
    assert intents.wants_repeat("没听清，再说一遍") and intents.wants_repeat("你刚才说啥？再说一遍")


@pytest.mark.parametrize(("name", "tool"), [("howto_reminder", "reminders"), ("howto_weather", "weather")])
@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_examples_taught_reach_their_tool(name: str, tool: str, language: str) -> None:
    examples = _quoted(answer(name, language))
    assert examples
    for example in examples:
        call = route(example)
        assert call is not None and call.name == tool, example
        assert selfhelp.topic(example) is None, example


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_buttons_named_are_the_apps_own(language: str) -> None:
    for name in ("howto_photo", "listening", "interrupt"):
        buttons = [q for q in _quoted(answer(name, language)) if not q.endswith(("？", "?", "一下", "me"))]
        assert buttons, name
        for button in buttons:
            assert f'"{button}"' in WEB_STRINGS, button


def test_no_answer_offers_what_the_assistant_cannot_do() -> None:
    claims = re.compile(r"我(可以|能|会)(帮您)?(打电话|点外卖|叫车|买|付)|I can (call|order|buy|pay)")
    for name in selfhelp.TOPICS:
        for language in ("zh", "en"):
            assert not claims.search(answer(name, language)), (name, language)
    assert "打不了电话" in answer("call", "zh") and "做不了" in answer("errand", "zh")
    assert "不是真人" in answer("human", "zh") and "not a real person" in answer("human", "en")


def test_the_call_answer_follows_the_emergency_set_up() -> None:
    plain = answer("call", "zh")
    assert "告诉您的家人" in plain and "电话是" not in plain
    offered = answer("call", "zh", Setup(offer_call=True, family_phone="13800000000"))
    assert "要不要马上给家里人打电话" in offered
    number = answer("call", "zh", Setup(family_phone="13800000000"))
    assert "一三八零零零零零零零零" in number
    assert "1 3 8 0" in answer("call", "en", Setup(family_phone="13800000000"))
    setup = Setup.of(tools=True, advice=EmergencyAdvice(family_phone="139", offer_call=True))
    assert setup.offer_call and setup.family_phone == "139"


def test_without_the_tools_no_tool_is_offered() -> None:
    off = Setup(tools=False)
    assert "天气" not in answer("abilities", "zh", off) and "提醒" not in answer("abilities", "zh", off)
    assert "weather" not in answer("abilities", "en", off)
    assert "查不了天气" in answer("howto_weather", "zh", off)
    assert "记不了提醒" in answer("howto_reminder", "zh", off)
    assert "查天气" in answer("abilities", "zh") and "提醒您" in answer("abilities", "zh")


@pytest.mark.parametrize("text", [
    "你能看到我跟你说的话吗？别人能看到吗？",  # the 1.5B said "当然可以。" (blind probe, stop 24)
    "我跟你说的话谁能看到？", "谁能看到我们的聊天？", "我说的话别人能听到吗？",
    "Can anyone else see what I say to you?", "Who can see what I tell you?"])
def test_anyone_else_seeing_her_words_gets_what_the_family_sees(text: str) -> None:
    assert selfhelp.topic(text) == "family_sees"


@pytest.mark.parametrize("text", ["别人能看到我的照片吗？", "谁知道我跟你说的是真的？",
                                  "Who can see the moon?"])
def test_others_seeing_something_else_is_no_privacy_question(text: str) -> None:
    assert selfhelp.topic(text) != "family_sees"


@pytest.mark.parametrize(("text", "language", "name"), [
    ("你会干啥？", "zh", "abilities"), ("我说的话我闺女能看到吗", "zh", "family_sees"),
    ("Are you a real person?", "en", "human")])
def test_the_turn_is_answered_in_code_and_the_llm_is_never_asked(text: str, language: str, name: str) -> None:
    asked: list[str] = []

    async def request(question: str, lang: str) -> ChatRequest:
        asked.append(question)
        raise AssertionError("the LLM was asked")

    extra: dict[str, object] = {}
    plan = asyncio.run(plan_text_turn(None, text, language=language, reply_id=1, speed=1.0, extra=extra,
                                      committed=None, remote=False, request=request))
    assert asked == [] and plan.request is None
    assert plan.fixed_text == answer(name, language, Setup(tools=False)) and extra["selfhelp"] == name


@pytest.mark.parametrize("text", ["帮我把药订了送过来", "替我把电费交了", "帮我把菜买回来"])
def test_an_errand_with_the_thing_first_is_one_it_cannot_do(text: str) -> None:
    assert selfhelp.topic(text) == "errand"


@pytest.mark.parametrize("text", ["帮我把吃药提醒订一下", "帮我把这段话念一下", "我闺女帮我把药买回来了"])
def test_a_reminder_or_a_family_errand_with_the_thing_first_is_not(text: str) -> None:
    assert selfhelp.topic(text) != "errand"


@pytest.mark.parametrize("said", ["你是谁？", "你叫什么名字", "请问你是哪位", "Who are you?",
                                  "What's your name?"])
def test_asked_who_it_is_it_says_a_program_helper(said: str) -> None:
    language = "en" if said.isascii() else "zh"
    found = selfhelp.reply(said, language, selfhelp.Setup.of(tools=True, advice=None))
    assert found is not None and found[0] == "who"
    words = ("小助手", "不是真人") if language == "zh" else ("computer program",)
    assert all(word in found[1] for word in words), found
    assert selfhelp.topic("你是谁家的孩子") is None and selfhelp.topic("你是什么意思") is None
