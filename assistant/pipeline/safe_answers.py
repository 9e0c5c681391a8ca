"""Questions whose safe answer is written in code, never left to a small LLM.

The shipped 1.5B model told her to pay a "prize fee" first, to wrap a sparking socket in tape, to
take two doses after a missed one, and that mortgaging the house for her old age was a good choice.
These kinds of question are answered from rules instead, each in its own module; the first that
answers wins:

    a question whether to stop her medicine for a remedy (:mod:`.remedies`, "replace")
    → fraud told of (:mod:`.scam`) → a money or legal decision or a procedure after a death
    (:mod:`.money_safety`) → a danger outdoors (:mod:`.outdoor_safety`) → a household hazard
    (:mod:`.home_safety`)
    → a food that may make her ill (:mod:`.food_safety`)
    → a remedy said to cure, or a costly health product (:mod:`.remedies`)
    → what she may eat or drink with a chronic condition (:mod:`.condition_diet`)
    → a medicine dose (:mod:`.dose_safety`) → a reading she measured (:mod:`.readings`)
    → her medicine taken on a journey (:mod:`.travel_medicine`)
    → a sign that needs a doctor soon (:mod:`.doctor_signs`)

An emergency happening now never gets here: the session answers it first (``care.emergency``).
"""

from __future__ import annotations

from assistant.pipeline import (
    condition_diet,
    doctor_signs,
    dose_safety,
    food_safety,
    home_safety,
    money_safety,
    outdoor_safety,
    readings,
    remedies,
    scam,
    travel_medicine,
)


def answer(text: str, language: str, *, reminders: bool, number: str = "120") -> tuple[str, str, str] | None:
    """``(what, kind, reply)`` for ``text`` in ``language``: ``what`` names the module that answered (the
    turn's metrics key), ``kind`` the rule; None when no rule answers. ``reminders``: the reminder tool
    is on (a dose answer may offer it); ``number``: the emergency number to say."""
    cure = remedies.advice(text, language)
    if cure is not None and cure[0] == "replace":  # stopping her medicine is the worse harm than a sale
        return ("remedy", *cure)
    if warned := scam.warning(text, language):  # "电话说我中奖了，要先交手续费"
        return ("scam", *warned)
    if decided := money_safety.advice(text, language):  # "把房子抵押了去养老划算吗": the 1.5B said 不错的选择
        return ("money_safety", *decided)
    if outside := outdoor_safety.advice(text, language):  # "河面结冰了，能上去走走吗": the 1.5B said 当然可以
        return ("outdoor_safety", *outside)
    if hazard := home_safety.advice(text, language):  # "插座冒火花了怎么办"
        return ("home_safety", *hazard)
    if food := food_safety.advice(text, language):  # "发霉的花生洗洗还能吃吗": the 1.5B said yes
        return ("food_safety", *food)
    if cure is not None:  # "醋泡黑豆能降血糖吗": the 1.5B said yes
        return ("remedy", *cure)
    if diet := condition_diet.advice(text, language):  # "我血糖有点高，能吃西瓜吗": 1.5B "relieves sugar"
        return ("condition_diet", *diet)
    if dosed := dose_safety.advice(text, language, reminders=reminders):  # "漏了一顿，下顿吃两片吗"
        return ("dose_safety", *dosed)
    if measured := readings.advice(text, language, number):  # "血糖才三点一": never the 1.5B's verdict
        return ("reading", *measured)
    if carried := travel_medicine.advice(text, language):  # "坐飞机能带降压药吗": the 1.5B said no
        return ("travel_medicine", *carried)
    if sign := doctor_signs.advice(text, language):  # "大便有点黑": the 1.5B said 消化不良
        return ("doctor_signs", *sign)
    return None
