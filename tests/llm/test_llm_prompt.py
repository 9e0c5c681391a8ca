"""The prompt, the conversation history budget, token/cost estimates and the backend presets."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from assistant.config import load_settings
from assistant.errors import ConfigError
from assistant.llm.base import ChatMessage, ChatModel, ChatRequest, Usage
from assistant.llm.openai import OpenAIChatModel
from assistant.llm.presets import PRESETS, build_chat_chain, resolve_endpoint
from assistant.llm.prompt import INTERRUPTED_MARK, SYSTEM_PROMPT_ZH, History, build_request, format_now_zh
from assistant.llm.usage import estimate_cost_yuan, estimate_tokens, price_for


@pytest.mark.parametrize(("now", "spoken"), [
    (datetime(2026, 11, 28, 15, 20), "现在是2026年11月28日 星期六 下午3点20分"),
    (datetime(2026, 11, 30, 9, 0), "现在是2026年11月30日 星期一 上午9点整"),
    (datetime(2026, 11, 30, 8, 10), "现在是2026年11月30日 星期一 早上8点10分"),  # as the clock tool says it
    (datetime(2026, 1, 1, 12, 5), "现在是2026年1月1日 星期四 中午12点5分"),
    (datetime(2026, 1, 1, 0, 30), "现在是2026年1月1日 星期四 凌晨0点30分"),
    (datetime(2026, 1, 1, 20, 45), "现在是2026年1月1日 星期四 晚上8点45分"),
])
def test_the_clock_reads_well_aloud(now: datetime, spoken: str) -> None:
    assert format_now_zh(now) == spoken


def test_each_prompt_starts_with_the_previous_one() -> None:
    """The clock line is recorded, so turn n+1's prompt extends turn n's: llama.cpp reuses it all."""
    history = History(budget_tokens=1000)
    history.add_user("你好")
    history.add_assistant("您好！")
    history.add_user("现在几点了？")
    first = build_request(history, now=datetime(2026, 11, 28, 15, 20), max_tokens=99)
    assert [m.role for m in first.messages] == ["system", "user", "assistant", "system", "user"]
    assert first.messages[0].content == SYSTEM_PROMPT_ZH and first.max_tokens == 99
    assert "下午3点20分" in first.messages[3].content

    history.add_assistant("现在是下午三点二十分。")
    history.add_user("谢谢")
    second = build_request(history, now=datetime(2026, 11, 28, 15, 25))
    assert list(second.messages[:5]) == list(first.messages)
    assert second.messages[5].content == "现在是下午三点二十分。"
    assert "3点25分" in second.messages[-2].content and second.messages[-1].content == "谢谢"
    assert build_request(history, now=datetime(2026, 11, 28, 15, 31)).messages[-2].content.endswith("31分。")
    assert len(history.messages) == 7  # asking again for the same turn replaced its clock line


def test_the_question_may_be_appended_after_building() -> None:
    """The pipeline's way: build, append the question, record question and answer afterwards."""
    history = History(budget_tokens=1000)
    first = build_request(history, now=datetime(2026, 11, 28, 9, 0))
    sent = [*first.messages, ChatMessage(role="user", content="早上好")]
    history.add_user("早上好")
    history.add_assistant("您早！")
    second = build_request(history, now=datetime(2026, 11, 28, 9, 6))
    assert list(second.messages[:3]) == sent
    assert [m.role for m in second.messages] == ["system", "system", "user", "assistant", "system"]


def test_questions_minutes_apart_share_one_clock_line() -> None:
    """A clock line less than five minutes old stands for the next turns (its ~25 tokens are not processed
    again each turn); a later turn, a new day or a switch of language gets a new one."""
    history = History(budget_tokens=1000)
    history.add_user("你好")
    build_request(history, now=datetime(2026, 11, 28, 23, 50))
    for minute, question in ((51, "今天星期几？"), (54, "明天呢？")):
        history.add_assistant("您好！")
        history.add_user(question)
        request = build_request(history, now=datetime(2026, 11, 28, 23, minute))
        clocks = [m.content for m in request.messages[1:] if m.role == "system"]
        assert clocks == ["现在是2026年11月28日 星期六 晚上11点50分。"]
        assert request.messages[-1].content == question and request.messages[-2].role == "assistant"
    history.add_assistant("明天是星期日。")
    history.add_user("What time is it?")
    english = build_request(history, now=datetime(2026, 11, 28, 23, 56), language="en")
    assert english.messages[-2].role == "system" and "English" in english.messages[-2].content
    history.add_assistant("It's 11:56 p.m.")
    history.add_user("Thanks")
    thanks = build_request(history, now=datetime(2026, 11, 28, 23, 57), language="en")
    assert thanks.messages[-2].role == "assistant"
    history.add_assistant("You're welcome.")
    history.add_user("现在几点？")
    after_midnight = build_request(history, now=datetime(2026, 11, 29, 0, 1))
    assert after_midnight.messages[-2].content == "现在是2026年11月29日 星期日 凌晨0点1分。"
    history.add_assistant("现在是凌晨零点一分。")
    history.add_user("谢谢")
    assert build_request(history, now=datetime(2026, 11, 29, 0, 6)).messages[-2].content.endswith("0点6分。")
    aware = datetime(2026, 11, 29, 0, 7, tzinfo=timezone(timedelta(hours=8)))  # after a naive one: new
    assert build_request(history, now=aware).messages[-2].content.endswith("0点7分。")


def test_a_trimmed_away_clock_line_is_stamped_again() -> None:
    history = History(budget_tokens=100, count_tokens=len, low_water=0.6)
    history.add_user("你好")
    build_request(history, now=datetime(2026, 11, 28, 9, 0))
    seen = []
    for i in range(4):
        history.add_assistant("嗯" * 20)
        history.add_user(f"问题{i}")
        request = build_request(history, now=datetime(2026, 11, 28, 9, 1))
        seen.append([m.content.split(" ")[-1] for m in request.messages[1:] if m.role == "system"])
    assert seen == [["上午9点整。"], ["上午9点整。"], ["上午9点1分。"], ["上午9点1分。"]]


def test_a_cut_off_answer_keeps_what_was_heard() -> None:
    history = History(budget_tokens=1000)
    history.add_user("讲个故事")
    history.add_assistant("从前有座山，山里有座庙，庙里有个老和尚。")
    history.cut_last_answer("从前有座山")
    assert history.messages[-1] == ChatMessage(role="assistant", content="从前有座山" + INTERRUPTED_MARK)
    assert len(history.messages) == 2


def test_an_answer_nobody_heard_is_not_recorded() -> None:
    history = History(budget_tokens=1000)
    history.add_user("这是什么？")
    history.add_assistant("我看这很可能是意式浓缩咖啡。")
    history.cut_last_answer("")
    history.add_user("再说一遍")
    history.add_assistant("", interrupted=True)
    assert [(m.role, m.content) for m in history.messages] == [("user", "这是什么？"), ("user", "再说一遍")]


def test_english_turns_get_an_english_hint() -> None:
    history = History(budget_tokens=100)
    history.add_user("What time is it?")
    request = build_request(history, now=datetime(2026, 11, 28, 15, 20), language="en")
    assert "English" in request.messages[-2].content


def test_the_system_prompt_sets_the_rules() -> None:
    for rule in ("简短", "不要使用任何格式符号", "简体中文", "不要编造", "不知道", "日期和时间"):
        assert rule in SYSTEM_PROMPT_ZH


def test_history_drops_the_oldest_turns_first() -> None:
    history = History(budget_tokens=120, count_tokens=len, low_water=0.5)
    for i in range(10):
        history.add_user(f"问题{i}" + "啊" * 20)
        history.add_assistant(f"回答{i}" + "嗯" * 20)
    assert history.tokens <= 120
    contents = [m.content for m in history.messages]
    assert contents[-1].startswith("回答9") and contents[-2].startswith("问题9")
    assert contents[0].startswith("问题")  # whole turns: never a dangling answer first
    assert not any(c.startswith("问题0") for c in contents)


def test_history_keeps_a_too_long_newest_turn() -> None:
    history = History(budget_tokens=10, count_tokens=len)
    history.add_user("短")
    history.add_assistant("好")
    history.add_user("这是一句非常非常长的话" * 3)
    assert [m.content for m in history.messages] == ["这是一句非常非常长的话" * 3]


def test_interrupted_answers_and_photos_are_recorded() -> None:
    history = History(budget_tokens=500)
    history.add_photo_context("文字：阿莫西林胶囊，每次两粒")
    history.add_user("这个药怎么吃？")
    history.add_assistant("这是阿莫西林，每次", interrupted=True)
    history.add_user("一天几次？")
    messages = history.messages
    assert messages[0].role == "system" and "阿莫西林胶囊" in messages[0].content
    assert messages[2].content == "这是阿莫西林，每次" + INTERRUPTED_MARK
    request = build_request(history, now=datetime(2026, 11, 28, 8, 0))
    assert [m.role for m in request.messages] == ["system", "system", "user", "assistant", "system", "user"]


def test_token_estimates_and_costs() -> None:
    assert estimate_tokens("") == 0
    assert 5 <= estimate_tokens("北京是中华人民共和国的首都。") <= 12  # Qwen's tokenizer: 7
    assert 12 <= estimate_tokens("The quick brown fox jumps over the lazy dog, and then ran off.") <= 22
    usage = Usage(prompt_tokens=1_000_000, completion_tokens=1_000_000, provider="deepseek",
                  model="deepseek-chat")
    assert estimate_cost_yuan(usage) == pytest.approx(5.0)
    assert estimate_cost_yuan(usage, {"deepseek/*": (1.0, 1.0)}) == pytest.approx(2.0)
    assert price_for("embedded", "qwen2.5-coder-1.5b") == (0.0, 0.0)
    assert price_for("ark", "unknown-model") is None
    for preset in PRESETS.values():
        assert price_for(preset.name, preset.model) is not None


def test_presets_resolve_with_keys_from_the_environment() -> None:
    env = {"ARK_API_KEY": "ark-key", "OPENAI_API_KEY": "oa-key"}
    ark = resolve_endpoint("ark", environ=env)
    assert ark is not None and ark.base_url == "https://ark.cn-beijing.volces.com/api/v3"
    assert ark.api_key == "ark-key" and ark.model.startswith("doubao-seed")
    assert "ark-key" not in repr(ark)
    assert resolve_endpoint("ark", vision=True, environ=env).model.startswith("doubao")  # type: ignore[union-attr]
    assert resolve_endpoint("dashscope", environ=env) is None  # no key: skipped
    assert resolve_endpoint("dashscope:qwen-turbo", environ={"DASHSCOPE_API_KEY": "x"}).model == "qwen-turbo"  # type: ignore[union-attr]
    local = resolve_endpoint("ollama", environ={})
    assert local is not None and local.api_key is None and local.base_url.endswith(":11434/v1")
    custom = resolve_endpoint("openai", base_url="http://10.0.0.5:9000/v1", model="my-model", environ={})
    assert custom is not None and (custom.base_url, custom.model, custom.api_key) == ("http://10.0.0.5:9000/v1",
                                                                                     "my-model", None)
    with pytest.raises(ConfigError, match="unknown backend"):
        resolve_endpoint("nosuch", environ={})
    with pytest.raises(ConfigError, match="vision"):
        resolve_endpoint("deepseek", vision=True, environ={"DEEPSEEK_API_KEY": "k"})


class _Embedded:
    name = "embedded"

    def stream(self, request: ChatRequest, usage: Usage) -> object:
        raise NotImplementedError


def test_the_chain_follows_the_settings() -> None:
    settings = load_settings(environ={
        "ASSISTANT_LLM__BACKENDS": "deepseek,dashscope,ark,embedded",
        "ASSISTANT_LLM__MODEL": "deepseek-reasoner",
        "ASSISTANT_LLM__FIRST_TOKEN_TIMEOUT_S": "2.5",
    })
    embedded: ChatModel = _Embedded()  # type: ignore[assignment]
    chain = build_chat_chain(settings.llm, embedded=embedded,
                             environ={"DEEPSEEK_API_KEY": "d-key", "ARK_API_KEY": "a-key"})
    remotes = [m for m in chain.models if isinstance(m, OpenAIChatModel)]
    assert [m.name for m in chain.models] == ["deepseek", "ark", "embedded"]  # dashscope: no key
    assert remotes[0].model == "deepseek-reasoner"  # the override applies to the first remote only
    assert remotes[1].model == PRESETS["ark"].model
    assert all(m.first_token_timeout_s == 2.5 for m in remotes)
    assert "d-key" not in repr(chain) and "a-key" not in repr(chain)

    only_local = build_chat_chain(load_settings(environ={}).llm, embedded=embedded, environ={})
    assert [m.name for m in only_local.models] == ["embedded"]
    with pytest.raises(ConfigError):
        build_chat_chain(settings.llm, embedded=None, environ={})
