"""Pure parts of a phone call: the silence policy, caller numbers, profiles, the allowlist."""

from __future__ import annotations

from pathlib import Path

from assistant.config import load_settings
from assistant.server.call_policy import (
    CallerProfile,
    SilencePolicy,
    caller_allowed,
    greeting_for,
    load_profiles,
    normalise_number,
)


def run(policy: SilencePolicy, timeline: list[tuple[float, bool]]) -> list[tuple[float, str]]:
    return [(t, action) for t, idle in timeline if (action := policy.tick(t, idle)) is not None]


def test_silence_prompts_once_then_says_goodbye() -> None:
    policy = SilencePolicy(prompt_s=20, hangup_s=15)
    # idle from 0; prompt at 20; the prompt plays until 23 (not idle); idle again until goodbye at 38
    timeline = [(t / 2, not 20 < t / 2 < 23) for t in range(0, 100)]
    assert run(policy, timeline) == [(20.0, "prompt"), (38.0, "goodbye")]


def test_speaking_starts_the_silence_over() -> None:
    policy = SilencePolicy(prompt_s=20, hangup_s=15)
    assert run(policy, [(0, True), (19, True), (19.5, False), (20, True), (39, True)]) == []
    assert policy.tick(40.0, True) == "prompt"
    policy.activity()  # the caller answered "在的"
    assert run(policy, [(41, True), (55, True), (60, True)]) == []
    assert policy.tick(61.0, True) == "prompt"


def test_numbers_are_normalised() -> None:
    assert normalise_number(" +86 138-0000.0000 ") == "+8613800000000"
    assert normalise_number("(415) 555-0100") == "4155550100"


def test_allowlist(tmp_path: Path) -> None:
    anyone = load_settings(environ={})
    assert caller_allowed(anyone, "+8613800000000") and caller_allowed(anyone, "")
    only = load_settings(environ={"ASSISTANT_PHONE__ALLOWED_CALLERS": "+86 138 0000 0000,+14155550100"})
    assert caller_allowed(only, "+8613800000000")
    assert caller_allowed(only, "+1 415 555 0100")
    assert not caller_allowed(only, "+8613900000000")
    assert not caller_allowed(only, "")


def test_profiles_file(tmp_path: Path) -> None:
    path = tmp_path / "callers.toml"
    path.write_text('["+86 138 0000 0000"]\nname = "王阿姨"\nlanguage = "zh"\n\n'
                    '["+14155550100"]\nname = "Bob"\nlanguage = "en"\n\n'
                    '["+1999"]\nlanguage = "klingon"\n', encoding="utf-8")
    profiles = load_profiles(path)
    assert profiles["+8613800000000"] == CallerProfile(name="王阿姨", language="zh")
    assert profiles["+14155550100"] == CallerProfile(name="Bob", language="en")
    assert profiles["+1999"].language == "zh"
    path.write_text("this is [not toml", encoding="utf-8")
    assert load_profiles(path) == {}
    assert load_profiles(tmp_path / "missing.toml") == {}


def test_known_callers_are_greeted_by_name() -> None:
    greeting = "您好，我是您的助手，请说。"
    assert greeting_for(greeting, CallerProfile(name="王阿姨")) == "王阿姨您好，我是您的助手，请说。"
    assert greeting_for("喂，请说。", CallerProfile(name="李叔叔")) == "李叔叔您好，喂，请说。"
    assert greeting_for(greeting, CallerProfile()) == greeting
    assert greeting_for("", CallerProfile(name="王阿姨")) == ""
