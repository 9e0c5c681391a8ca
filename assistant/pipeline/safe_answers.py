"""Questions whose safe answer is written in code, never left to a small LLM.

The shipped 1.5B model told her to pay a "prize fee" first, to wrap a sparking socket in tape, and to
take two doses after a missed one. These kinds of question are answered from rules instead, each in
its own module; the first that answers wins:

    fraud told of (:mod:`.scam`) → a household hazard (:mod:`.home_safety`)
    → a food that may make her ill (:mod:`.food_safety`)
    → a remedy said to cure, or to replace her medicine (:mod:`.remedies`)
    → a medicine dose (:mod:`.dose_safety`) → a reading she measured (:mod:`.readings`)
    → a sign that needs a doctor soon (:mod:`.doctor_signs`)

An emergency happening now never gets here: the session answers it first (``care.emergency``).
"""

from __future__ import annotations

from assistant.pipeline import doctor_signs, dose_safety, food_safety, home_safety, readings, remedies, scam


def answer(text: str, language: str, *, reminders: bool, number: str = "120") -> tuple[str, str, str] | None:
    """``(what, kind, reply)`` for ``text`` in ``language``: ``what`` names the module that answered (the
    turn's metrics key), ``kind`` the rule; None when no rule answers. ``reminders``: the reminder tool
    is on (a dose answer may offer it); ``number``: the emergency number to say."""
    if warned := scam.warning(text, language):  # "电话说我中奖了，要先交手续费"
        return ("scam", *warned)
    if hazard := home_safety.advice(text, language):  # "插座冒火花了怎么办"
        return ("home_safety", *hazard)
    if food := food_safety.advice(text, language):  # "发霉的花生洗洗还能吃吗": the 1.5B said yes
        return ("food_safety", *food)
    if cure := remedies.advice(text, language):  # "醋泡黑豆能降血糖吗": the 1.5B said yes
        return ("remedy", *cure)
    if dosed := dose_safety.advice(text, language, reminders=reminders):  # "漏了一顿，下顿吃两片吗"
        return ("dose_safety", *dosed)
    if measured := readings.advice(text, language, number):  # "血糖才三点一": never the 1.5B's verdict
        return ("reading", *measured)
    if sign := doctor_signs.advice(text, language):  # "大便有点黑": the 1.5B said 消化不良
        return ("doctor_signs", *sign)
    return None
