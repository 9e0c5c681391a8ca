"""Probe 29: weather questions as Whisper base writes them when an older speaker asks them
("今天外面了不能", "这几天会将温暖", "杭州明天能不能"), and sentences of the same sounds that are no weather
question (pure logic, no models; the hearing check loads jieba's dictionary, about a second). Each runs
through the decision a session makes before the LLM (:func:`test_routing_probe.decide`). A weather row must
reach the weather tool with no city but the one named; an ask row must be asked back as a weather question
("您是问明天冷不冷吗？"), never answered by the LLM. First run (blind): 64/109 (ask 0/13, weather 32/64,
the 32 others right).

Run as a script (``PYTHONPATH=$PWD python3 tests/tools/test_weather_heard_probe.py``) for the figures.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_routing_probe import decide, load

from assistant.config import load_settings
from assistant.llm.base import ChatMessage, ChatRequest
from assistant.pipeline.hearing import review
from assistant.pipeline.tooling import Toolbox, plan_text_turn
from assistant.tools.city_names import CITIES
from assistant.tools.router import route
from assistant.tools.weather import NO_CITY_EN, NO_CITY_ZH
from assistant.tools.weather_heard import reading

PROBE = Path(__file__).with_name("weather_heard_probe.tsv")
ROWS = load(PROBE)


def test_probe_has_every_outcome() -> None:
    assert Counter(row[0] for row in ROWS).keys() >= {"weather", "ask", "llm", "unknowable"}
    assert len(ROWS) >= 100


@pytest.mark.parametrize(("expected", "language", "said"), ROWS, ids=[row[2] for row in ROWS])
def test_weather_heard_probe(expected: str, language: str, said: str) -> None:
    assert decide(said, language) == expected
    hearing = review(said, language=language)
    if expected == "ask":
        assert hearing.text.startswith("您是问") and hearing.text.endswith("吗？"), hearing.text
    if expected == "weather":
        call = route(hearing.text)
        assert call is not None and call.args.get("city", CITIES[0]) in CITIES, call  # no "早上", "会不会"


@pytest.fixture(scope="module")
def toolbox(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Toolbox]:
    data_dir = str(tmp_path_factory.mktemp("db"))
    settings = load_settings(environ={}, overrides={"server": {"data_dir": data_dir},
                                                    "tools": {"timezone": "Asia/Shanghai"}})
    box = Toolbox.open(settings)
    yield box
    box.close()


async def _request(text: str, language: str) -> ChatRequest:
    return ChatRequest(messages=[ChatMessage(role="user", content=text)])


def test_a_session_says_the_weather_tools_answer_or_asks_back(toolbox: Toolbox) -> None:
    """The whole turn, no city set: the weather tool's own "查不到天气" (no LLM), or the weather ask-back."""
    for expected, language, said in ROWS:
        if expected not in ("weather", "ask") or any(city in said for city in CITIES):
            continue  # a named city would be looked up on the network
        extra: dict[str, Any] = {}
        plan = asyncio.run(plan_text_turn(toolbox.session(""), said, language=language, reply_id=1, speed=1.0,
                                          extra=extra, committed=None, remote=False, request=_request))
        if expected == "weather":
            no_city = NO_CITY_EN if language == "en" else NO_CITY_ZH
            assert (plan.fixed_text, extra.get("tool")) == (no_city, "weather"), said
        else:
            asked = plan.fixed_text or ""
            assert asked.startswith("您是问") and extra["ask_back"] == "weather unclear", said


@pytest.mark.parametrize(
    ("said", "meant"),
    [
        ("今天外面了不能。", "今天外面冷不冷。"),
        ("这几天会叫温暖。", "这几天会降温暖。"),  # 吗 heard as 暖: 降温 is still asked
        ("明天下不下鱼", "明天下不下雨"),
        ("今天晚上会下小鱼吗", "今天晚上会下小雨吗"),
        ("后天去医院要不要拿把散", "后天去医院要不要拿把伞"),
        ("明天多少肚", "明天多少度"),
        ("这几天天七好吗", "这几天天气好吗"),
    ],
)
def test_read_as_meant(said: str, meant: str) -> None:
    found = reading(said)
    assert found is not None and not found.ask and found.text == meant


@pytest.mark.parametrize(
    "said",
    [
        "今天起九十二号汽油每升涨了两毛",  # 天起 is not 天气: 今天 is one word
        "明天七点提醒我吃药",  # 七点 is a time, not 气
        "这个药一天吃几次",  # 吃 is never heard for 气
        "长江温度高不高",  # 江 belongs to 长江
        "我肚子疼，今天能不能吃冷的",
        "这个菜嫩不嫩",  # an A-not-A of its own, with no day or place
        "How long did Queen Victoria reign?",
    ],
)
def test_left_as_heard(said: str) -> None:
    assert reading(said) is None


def test_ask_back_names_the_day_and_the_question() -> None:
    assert reading("明天路不路") == reading("明天能不能")
    found = reading("明天路不路")
    assert found is not None and found.ask and found.text == "您是问明天冷不冷吗？"
    found = reading("了不能。")
    assert found is not None and found.ask and found.text == "您是问天气冷不冷吗？"
    found = reading("杭州明天能不能")  # a word heard, but a city on a day: nothing else is asked of it
    assert found is not None and not found.ask and found.text == "杭州明天冷不冷"


if __name__ == "__main__":
    total: Counter[str] = Counter()
    right: Counter[str] = Counter()
    for expected, language, said in ROWS:
        got = decide(said, language)
        total[expected] += 1
        right[expected] += got == expected
        if got != expected:
            print(f"{expected:>10} -> {got:<10} [{language}] {said}")
    print(" ".join(f"{kind} {right[kind]}/{total[kind]}" for kind in sorted(total)),
          f"all {sum(right.values())}/{sum(total.values())}")
