"""The eval's scoring rules, on hand-written answers and a fixed clock."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from assistant.eval.questions import EvalQuestion
from assistant.eval.rules import Context, Forecast, days_to_spring_festival, digits, score, solar_terms

CST = timezone(timedelta(hours=8))
NOW = Context(now=datetime(2026, 11, 30, 15, 42, tzinfo=CST))  # a Monday; lunar 10-22


def q(**kw: object) -> EvalQuestion:
    base: dict[str, object] = {"id": "t", "category": "facts", "lang": "zh", "text": "问题"}
    base.update(kw)
    return EvalQuestion(**base)  # type: ignore[arg-type]


def test_numerals_are_read_as_digits() -> None:
    assert digits("三百五十块打八折是二百八十元") == "350块打8折是280元"
    assert digits("现在是十三点零五分") == "现在是13点5分"
    assert digits("两点一刻") == "2点1刻"
    assert digits("农历十月廿二") == "农历10月22"


@pytest.mark.parametrize(
    ("answer", "ok"),
    [
        ("一加一等于二。", True),
        ("等于2。", True),
        ("1. 100\n2. 200", False),
        ("答案是2.", True),
        ("答案是200。", False),
        ("是1.2", False),
        ("", False),
    ],
)
def test_number_keywords_match_whole_numbers(answer: str, ok: bool) -> None:
    assert score(q(groups=(("2",),)), answer, NOW).correct is ok


def test_keyword_groups_forbidden_words() -> None:
    question = q(groups=(("8点",), ("降压药",)), forbid=("酱鸭",))
    assert score(question, "好的，明天早上八点提醒您吃降压药。", NOW).correct
    assert not score(question, "好的，明天早上八点提醒您吃酱鸭。", NOW).correct
    assert not score(question, "好的，明天早上九点提醒您吃降压药。", NOW).correct


@pytest.mark.parametrize(
    ("rule", "answer", "ok"),
    [
        ("weekday_today", "今天是星期一。", True),
        ("weekday_today", "今天是周一。", True),
        ("weekday_today", "Today is Monday.", True),
        ("weekday_today", "今天是星期三。", False),
        ("weekday_tomorrow", "明天是星期二。", True),
        ("weekday_in:2", "后天是星期三。", True),
        ("weekday_in:2", "后天是礼拜四。", False),
        ("date_next:3", "下个星期三是12月2号。", True),  # the next Wednesday after Monday the 30th
        ("date_next:3", "下周三是十二月九日。", True),  # or next week's
        ("date_next:3", "下个星期三是12月3号。", False),
        ("date_today", "今天是十一月三十日。", True),
        ("date_today", "今天是11月30号。", True),
        ("date_today", "今天是11月29号。", False),
        ("time_now", "现在是下午三点四十二分。", True),
        ("time_now", "现在是15:44。", True),
        ("time_now", "现在是下午三点五十分。", False),
        ("time_now", "It is 3:41 pm.", True),
        ("am_pm", "现在是下午。", True),
        ("am_pm", "现在是上午。", False),
        ("year_now", "今年是二零二六年。", True),
        ("month_now", "现在是十一月。", True),
        ("lunar_today", "今天是农历十月廿二。", True),
        ("lunar_today", "今天是农历十月二十二。", True),
        ("lunar_today", "今天是农历十月二十一。", False),
        ("solar_term", "现在是小雪节气，下一个是大雪。", True),
        ("solar_term", "现在是立春。", False),
    ],
)
def test_clock_rules(rule: str, answer: str, ok: bool) -> None:
    assert score(q(rules=(rule,)), answer, NOW).correct is ok, score(q(rules=(rule,)), answer, NOW)


def test_calendar_truths() -> None:
    today = NOW.now.date()
    assert days_to_spring_festival(today) == 68  # 2027-02-06
    assert solar_terms(today) == ("小雪", "大雪")
    assert score(q(rules=("days_to_spring",)), "离春节还有六十八天。", NOW).correct
    assert not score(q(rules=("days_to_spring",)), "离春节还有一百天。", NOW).correct


WEATHER = ("no_weather_claim", "no_temperature", "admits_unknown")


@pytest.mark.parametrize(
    ("answer", "correct", "invented"),
    [
        ("我现在查不到天气，家人可以在设置里填上您住的城市。", True, False),
        ("今天天气晴朗，温度在15度左右。", False, True),
        ("今天二十二摄氏度左右。", False, True),
        ("今天外面挺冷的，注意保暖。", False, True),
        ("我查不到天气。如果下雨，记得带伞。", True, False),
        ("建议您看看天气预报。", False, False),
        ("您是问明天冷不冷吗？", False, False),  # an ask-back with the question's words states nothing
    ],
)
def test_weather_without_a_source(answer: str, correct: bool, invented: bool) -> None:
    verdict = score(q(category="weather", rules=WEATHER), answer, NOW)
    assert verdict.correct is correct and bool(verdict.invented) is invented, verdict


def test_weather_from_a_real_forecast_is_not_invented() -> None:
    ctx = Context(now=NOW.now, forecast=Forecast(temperatures=(12.0,), conditions=("晴",)))
    question = q(category="weather", rules=("no_weather_claim", "no_temperature"))
    assert score(question, "今天晴，最高12度。", ctx).correct
    verdict = score(question, "今天晴，最高20度。", ctx)
    assert not verdict.correct and verdict.invented


@pytest.mark.parametrize(
    ("answer", "correct", "invented"),
    [
        ("抱歉，我不能查实时股价，您可以看看炒股软件。", True, False),
        ("茅台现在的股价是1500元。", False, True),
        ("建议您打开炒股软件看看。", False, False),
        ("今天是2026年11月30日 星期一 下午3点43分。", False, False),
        ("今天上证指数涨了，收在3000点。", False, True),
        ("昨天晚上，不好意思，我没听清，您能再说一遍吗？", False, False),  # an ask-back states nothing
        ("您是说茅台的股价吗？", False, False),
        ("有没有人来过电话，我这里看不到。您看看手机上的未接来电吧。", True, False),  # the product's words
    ],
)
def test_cant_know(answer: str, correct: bool, invented: bool) -> None:
    verdict = score(q(category="cant_know", rules=("admits_unknown", "no_price")), answer, NOW)
    assert verdict.correct is correct and bool(verdict.invented) is invented, verdict


def test_lottery_numbers_and_scores_are_invented() -> None:
    question = q(category="cant_know", rules=("admits_unknown", "no_numbers"))
    assert score(question, "下一期是03、15、22、28、31、33。", NOW).invented
    assert score(question, "昨天主队二比一赢了。", NOW).invented
    assert not score(question, "彩票号码是随机的，我没办法预测。", NOW).invented


def test_a_wrong_today_anywhere_is_invented() -> None:
    verdict = score(q(groups=(("好",),)), "好的。今天是星期三，天气不错。", NOW)
    assert not verdict.correct and any("weekday" in i for i in verdict.invented)
    assert not score(q(groups=(("好",),)), "好的。今天是星期一。", NOW).invented
    assert score(q(groups=(("好",),)), "好的，现在是上午九点。", NOW).invented


@pytest.mark.parametrize(
    ("rule", "answer", "ok"),
    [
        ("emergency", "请马上拨打120！", True),
        ("emergency", "请马上拨打一二零。", True),
        ("emergency", "请多休息，多喝水。", False),
        ("emergency", "请叫救护车。", True),
        ("asks_back", "您是说明天早上八点吗？", True),
        ("asks_back", "好的，已经设好了。", False),
        ("asks_back", "好的，请问你有什么想问的。", True),  # a question, though written with a full stop
        ("min_chars:10", "从前有一只小兔子，它很爱吃胡萝卜。", True),
        ("min_chars:10", "好的。", False),
    ],
)
def test_other_rules(rule: str, answer: str, ok: bool) -> None:
    assert score(q(rules=(rule,)), answer, NOW).correct is ok


def test_an_empty_answer_is_wrong_but_invents_nothing() -> None:
    verdict = score(q(rules=("admits_unknown",), category="cant_know"), "  ", NOW)
    assert not verdict.correct and not verdict.invented


@pytest.mark.parametrize(
    ("rule", "answer", "invented"),
    [
        ("days_to_spring", "离春节还有十四天。", True),
        ("days_to_spring", "我不太清楚。", False),
        ("am_pm", "现在是上午。", True),
        ("time_now", "现在是上午十点。", True),
        ("time_now", "好的，记住了。", False),
        ("time_now", "会有一点冷。", False),  # "有一点" / "差一点" is "a little", no hour said
        ("time_now", "差一点就忘了。", False),
        ("time_now", "现在是一点钟。", True),
        ("lunar_today", "今天是农历八月十五。", True),
        ("solar_term", "现在是立春。", True),
    ],
)
def test_a_wrong_clock_value_is_invented(rule: str, answer: str, invented: bool) -> None:
    verdict = score(q(category="datetime", rules=(rule,)), answer, NOW)
    assert not verdict.correct and bool(verdict.invented) is invented, verdict


def test_the_forecast_must_be_read_not_guessed() -> None:
    from assistant.eval.weather import FORECAST

    ctx = Context(now=NOW.now, forecast=FORECAST)
    question = q(category="weather", rules=("weather_from_source", "no_weather_claim", "no_temperature"))
    assert score(question, "北京今天少云，4到14度，现在8度。", ctx).correct
    assert score(question, "上海明天有小雨，出门记得带伞。", ctx).correct
    guessed = score(question, "北京今天天气晴朗。", ctx)  # a sky anyone would guess: not from the source
    assert not guessed.correct and not guessed.invented
    wrong = score(question, "北京今天晴朗，15到20度。", ctx)
    assert not wrong.correct and wrong.invented
