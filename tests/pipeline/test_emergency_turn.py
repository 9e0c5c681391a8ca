"""An emergency turn (assistant.pipeline.emergency): the fixed answer, and the family's alert."""

from __future__ import annotations

from assistant.care.emergency import EmergencyAdvice, EmergencyReport
from assistant.pipeline.emergency import emergency_plan
from assistant.pipeline.turn import Turn


async def _plan(text: str) -> tuple[str | None, list[EmergencyReport]]:
    alerts: list[EmergencyReport] = []

    async def on_alert(report: EmergencyReport) -> None:
        alerts.append(report)

    turn = Turn(reply_id=3, audio_s=0.0, speculative=False, source="text")
    plan = await emergency_plan(turn, text, language="zh", speed=1.0, advice=EmergencyAdvice(),
                                user_id="7", session_id="s1", on_alert=on_alert)
    return (None if plan is None else plan.fixed_text), alerts


async def test_a_relayed_wish_to_die_gets_the_helper_advice_and_the_family_is_alerted() -> None:
    reply, alerts = await _plan("老伴说不想活了，一个人坐在阳台边上")
    assert reply is not None and "陪着他" in reply and "一二零" in reply and "家人" in reply, reply
    assert [a.emergency.kind for a in alerts] == ["crisis"] and alerts[0].emergency.relayed
    assert alerts[0].emergency.text == "老伴说不想活了，一个人坐在阳台边上"


async def test_own_words_get_the_crisis_answer_to_the_user() -> None:
    reply, alerts = await _plan("我不想活了")
    assert reply is not None and "陪着您" in reply and len(alerts) == 1 and not alerts[0].emergency.relayed


async def test_no_emergency_no_plan_and_no_alert() -> None:
    assert await _plan("我妈说她想去跳广场舞") == (None, [])


async def test_a_dangerous_reading_alerts_the_family_and_says_what_to_do_first() -> None:
    reply, alerts = await _plan("我血糖才二点八，心慌出汗")
    assert reply is not None and "糖" in reply and "一二零" in reply and "我正在通知您的家人" in reply, reply
    assert [(a.emergency.kind, a.emergency.phrase) for a in alerts] == [("illness", "glucose.danger")]
    reply, alerts = await _plan("血氧饱和度八十七")
    assert reply is not None and "一二零" in reply and [a.emergency.kind for a in alerts] == ["illness"]


async def test_a_reading_that_is_only_high_alerts_nobody() -> None:
    assert await _plan("我血压一百五，九十") == (None, [])
    assert await _plan("空腹血糖七点二") == (None, [])
