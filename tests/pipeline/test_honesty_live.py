"""The fourth probe's kinds of claim (assistant/pipeline/honesty_live.py), each with the near misses
that must still pass: a hedge, generic knowledge, what the user said, a national hotline, a comparison."""

from __future__ import annotations

from datetime import datetime

import pytest
from guard_stream import through_guard

from assistant.pipeline.honesty import HonestyGuard
from assistant.pipeline.honesty_live import event_claim, live_violation, period_ok, rate_claim

NOW = datetime(2026, 12, 1, 14, 30)  # a Tuesday afternoon


@pytest.mark.parametrize(("clause", "question", "category"), [
    ("居委会的电话是0571-88886666。", "居委会电话多少", "contact"),
    ("You can reach them at 555-0199.", "whats the number of the clinic", "contact"),
    ("药店在建设路56号。", "药店在哪", "contact"),
    ("下周三社区会举办健康讲座。", "社区有啥活动", "event"),
    ("They won two to nil yesterday.", "how did the game go", "event"),
    ("现在房贷利率是百分之三点一。", "房贷利息多少", "rate"),
    ("明天西北风三到四级。", "明天风大步大", "forecast"),
    ("明天出门记得带把伞。", "明天天汽", "forecast"),
    ("明天有中鱼。", "明天会下鱼吗", "forecast"),
])
def test_an_invented_claim_is_found(clause: str, question: str, category: str) -> None:
    assert live_violation(clause, "", question, frozenset()) == category


@pytest.mark.parametrize(("clause", "question"), [
    ("不舒服就拨打120。", "胸口疼"),
    ("社保的事可以打12333问问。", "社保怎么查"),
    ("您女儿的电话是13812345678。", "我女儿电话多少"),
    ("我查不到药店的电话，您可以问问家人。", "药店电话多少"),
    ("医院一般早上八点开门。", "医院几点开门"),
    ("春晚一般在除夕晚上八点开播。", "春晚几点开始"),
    ("血糖大于十一要去医院。", "血糖多高要去医院"),
    ("下雨天出门记得带伞。", "下雨天要注意啥"),
    ("明天社区开会，我到时候提醒您。", "明天社区开会提醒我"),
    ("好的，明天早上八点提醒您去公园集合。", "明天八点提醒我去公园"),
    ("银行存款利率一般每年都会调整。", "利息会变吗"),
    ("在过马路时要看清红绿灯。", "出门要注意啥"),
    ("您今天讲话很清楚。", "我说话清楚吗"),
])
def test_knowledge_hedges_and_the_users_own_words_pass(clause: str, question: str) -> None:
    assert live_violation(clause, "", question, frozenset()) is None


def test_a_grounded_forecast_is_not_replaced() -> None:
    assert live_violation("明天出门记得带伞。", "", "明天下雨吗", frozenset({"weather"})) is None


@pytest.mark.parametrize(("clause", "ok"), [
    ("现在是下午。", True), ("已经是晚上了。", False), ("现在是上午。", False), ("下午好！", True),
    ("It's afternoon now.", True), ("It's evening now.", False), ("晚上睡前泡泡脚。", True),
    ("Take it now, and again in the evening.", True), ("Yes, it's morning now.", False),
])
def test_the_period_of_the_day_is_checked_against_the_clock(clause: str, ok: bool) -> None:
    assert period_ok(clause, NOW) is ok


def test_a_wrong_weekday_is_replaced_even_when_the_clock_tool_was_read() -> None:
    guard = HonestyGuard(grounded=frozenset({"date", "time"}), now=NOW, question="今天星期几")
    assert guard.push("今天是星期三。") == ["今天是12月1日，星期二。"]
    right = HonestyGuard(grounded=frozenset({"date", "time"}), now=NOW, question="今天星期几")
    assert right.push("今天是星期二。") == ["今天是星期二。"]


def test_a_sum_on_the_rate_the_user_gave_is_no_rate_claim() -> None:
    assert not rate_claim("利息是2000元的百分之二，即40元。", "2000块钱存一年，年利率百分之二，利息有多少？")
    assert rate_claim("现在一年定期的利率是百分之一点五。", "存一年定期利息多少？")


_TUESDAY_AFTERNOON = datetime(2026, 12, 1, 14, 50)


@pytest.mark.parametrize(("question", "reply", "blocked"), [
    ("现在是上午，还是下午？", "上午。", True),  # a bare period, asked which: checked against the clock
    ("现在是上午，还是下午？", "下午。", False),
    ("今天能力士及越集合。", "今天能力士将在2026年4月集合。", True),  # a date the garble had not
    ("昨天晚上的独球比赛时已轮。", "昨天晚上的独球比赛轮了。", True),  # a result said as a fact
    ("我孙子昨天比赛赢了", "您孙子昨天比赛赢了，真棒！", False),  # the user's own news
    ("明天每元的会比是多少？", "明天每元的会比今天少一点。", True),  # a value by a coming day
    ("明天会更好吗", "明天会比今天更好的。", False),
    ("中秋节是几月？", "中秋节在农历八月十五。", False),
])
def test_replies_to_misheard_or_odd_questions(question: str, reply: str, blocked: bool) -> None:
    said, guard = through_guard(reply, question=question, now=_TUESDAY_AFTERNOON)
    assert bool(guard.violations) is blocked, said


@pytest.mark.parametrize("clause", ["北京奥运会是2008年举办的。", "北京奥运会2008年8月8日开幕。",
                                    "巴黎奥运会2024年举行。"])
def test_an_event_in_a_year_long_past_is_history_not_news(clause: str) -> None:
    assert not event_claim(clause, "", "北京奥运会是哪一年？", this_year=2026)


@pytest.mark.parametrize("clause", ["运动会2025年5月3日开幕。", "今天能力士将在2026年4月集合。",
                                    "2008年的奥运会昨天又开幕了。"])
def test_an_event_dated_this_year_or_last_or_on_a_day_is_still_a_claim(clause: str) -> None:
    assert event_claim(clause, "", "运动会什么时候开？", this_year=2026)
