"""Readings of a city name Whisper misheard, tried when the geocoder finds nothing (pure logic)."""

from __future__ import annotations

import pytest

from assistant.tools.city_names import readings


@pytest.mark.parametrize(("heard", "city"), [("伤海", "上海"), ("杭洲", "杭州"), ("北京晶天", "北京"),
                                             ("成督明天", "成都"), ("南经", "南京")])
def test_a_known_city_in_other_characters_or_with_a_word_stuck_to_it(heard: str, city: str) -> None:
    assert readings(heard)[0] == city


@pytest.mark.parametrize("heard", ["上海", "不存在市", "London", "行中"])
def test_no_reading_for_a_known_name_or_one_that_sounds_like_no_city(heard: str) -> None:
    assert readings(heard) == []
