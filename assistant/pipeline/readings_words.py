"""What is said back for a home reading (:mod:`assistant.pipeline.readings`): the reading, whether it is
in the usual range, what to do. Never a diagnosis, never a dose. Pure data.

``{n}`` is the emergency number, spoken (一二零 / 120). A danger answer says to call it and to tell
the family: the family alert itself is only sent by the emergency path (:mod:`assistant.care.emergency`).
"""

from __future__ import annotations

# (kind, level) -> the usual range, said after a reading out of it
RANGE_ZH = {
    "bp": "一般要在一百四、九十以下",
    "glucose": "空腹一般在三点九到六点一之间",
    "glucose.after": "饭后两小时一般低于七点八",
    "temperature": "一般在三十七度三以下",
    "pulse": "安静的时候一般每分钟六十到一百下",
    "oxygen": "一般在九十五以上",
    "bp.low": "高压一般在九十以上",
    "temperature.low": "一般在三十六到三十七度之间",
}
RANGE_EN = {
    "bp": "it's usually below 140 over 90",
    "glucose": "fasting it's usually between 3.9 and 6.1",
    "glucose.after": "two hours after a meal it's usually below 7.8",
    "temperature": "it's usually below 37.3 degrees",
    "pulse": "at rest it's usually 60 to 100 beats a minute",
    "oxygen": "it's usually 95 or more",
    "bp.low": "the upper number is usually 90 or more",
    "temperature.low": "it's usually 36 to 37 degrees",
    "glucose.mgdl": "fasting it's usually between 70 and 110",
    "glucose.after.mgdl": "two hours after a meal it's usually below 140",
}

FIRST_ZH = {
    "ok": "您说的{said}，在通常的范围里。",
    "high": "您说的{said}，比通常的高一些，{range}。",
    "very_high": "您说的{said}，比通常的高了不少，{range}。",
    "low": "您说的{said}，比通常的低，{range}。",
    "danger": "您说的{said}，这很危险。",
}
FIRST_EN = {
    "ok": "You said your {said}; that's in the usual range.",
    "high": "You said your {said}; that's higher than usual, {range}.",
    "very_high": "You said your {said}; that's well above the usual, {range}.",
    "low": "You said your {said}; that's lower than usual, {range}.",
    "danger": "You said your {said}; that's dangerous.",
}

# kind.level -> what to do (one or two short sentences)
DO_ZH = {
    "bp.ok": "平时照常按时量，有降压药就按医生说的吃。",
    "bp.high": "先坐下歇五分钟，再量一次；降压药按医生开的吃，不要自己多吃。"
               "一直这么高的话，告诉家人，找医生看看。",
    "bp.very_high": "先坐下歇五分钟再量一次，降压药不要自己多吃，今天就告诉家人、找医生；"
                    "要是头疼、胸口疼、看不清或者手脚发麻，马上打{n}。",
    "bp.low": "先坐下或者躺下歇一歇，起身慢一点，过几分钟再量一次，告诉家人、问问医生；"
              "要是要晕倒，马上打{n}。",
    "bp.danger": "请马上打{n}急救电话，先坐着别动，也赶快告诉家人。",
    "glucose.ok": "照常吃饭，有降糖药就按医生说的吃。",
    "glucose.high": "降糖药按医生开的吃，不要自己多吃；过几天再量量，一直偏高的话，告诉家人，问问医生。",
    "glucose.danger_low": "请马上吃几块糖、喝点甜水或者吃块饼干，坐下歇着，十五分钟后再量一次。"
                          "要是还没好转，或者发晕、说不清话，马上打{n}，也告诉家人。",
    "glucose.danger": "请多喝点白开水，今天就告诉家人、联系医生，降糖药不要自己多吃；"
                      "要是犯困、恶心呕吐或者人发糊涂，马上打{n}。",
    "temperature.ok": "没有发烧。要是还觉得不舒服，告诉家人。",
    "temperature.high": "多喝温水，歇一歇，过一会儿再量；告诉家人，一直不退的话去看医生，"
                        "退烧药不要自己多吃。",
    "temperature.very_high": "请告诉家人，今天就去看医生；要是人发糊涂、喘不上气或者叫不醒，马上打{n}。",
    "temperature.low": "请穿暖和、盖好被子，喝点热水，过一会儿再量；"
                       "告诉家人，要是人发糊涂或者一直发冷，打{n}。",
    "temperature.danger": "请马上打{n}急救电话，也赶快告诉家人。",
    "pulse.ok": "照常就好，要是觉得不舒服，告诉家人。",
    "pulse.high": "先坐下歇五分钟再量一次，一直这么快的话告诉家人、找医生；"
                  "要是胸口疼、喘不上气或者要晕倒，马上打{n}。",
    "pulse.low": "先坐下歇一歇再量一次，一直这么慢的话告诉家人、问问医生；要是头晕要倒、胸口疼，马上打{n}。",
    "pulse.danger": "请马上打{n}急救电话，先坐着或者躺着别动，也赶快告诉家人。",
    "oxygen.ok": "照常就好，要是觉得不舒服，告诉家人。",
    "oxygen.low": "先坐直歇一歇，手暖和了再量一次，量的时候手指别动；"
                  "还是低的话告诉家人、找医生，要是喘不上气，马上打{n}。",
    "oxygen.danger": "请马上打{n}急救电话，坐直别动，也赶快告诉家人。",
}
DO_EN = {
    "bp.ok": "Keep measuring as usual, and take any medicine the way your doctor said.",
    "bp.high": "Sit and rest for five minutes, then measure again; take your medicine only as prescribed, "
               "never extra. If it stays this high, tell your family and ask your doctor.",
    "bp.very_high": "Sit and rest for five minutes and measure again, take no extra medicine, and tell your "
                    "family and your doctor today. If you have a headache, chest pain, blurred vision or "
                    "numbness, call {n} right away.",
    "bp.low": "Sit or lie down, get up slowly, and measure again in a few minutes; tell your family and ask "
              "your doctor. If you feel faint, call {n} right away.",
    "bp.danger": "Call {n} right now, stay seated, and tell your family at once.",
    "glucose.ok": "Eat as usual, and take any medicine the way your doctor said.",
    "glucose.high": "Take your medicine only as prescribed, never extra, and measure again in a few days; "
                    "if it stays high, tell your family and ask your doctor.",
    "glucose.danger_low": "Eat or drink something sugary right now, like sweets or juice, sit down, and "
                          "measure again in fifteen minutes. If you don't feel better or feel faint, "
                          "call {n} and tell your family.",
    "glucose.danger": "Drink some water, take no extra medicine, and tell your family and your doctor "
                      "today. If you feel drowsy, sick or confused, call {n} right away.",
    "temperature.ok": "That's no fever. If you still feel unwell, tell your family.",
    "temperature.high": "Drink warm water, rest, and measure again in a while; tell your family, and see a "
                        "doctor if it doesn't go down. Take no extra fever medicine.",
    "temperature.very_high": "Tell your family and see a doctor today. If you feel confused or can't "
                             "breathe well, call {n} right away.",
    "temperature.low": "Wrap up warm, have a hot drink, and measure again in a while; tell your family, and "
                       "call {n} if you feel confused or keep shivering.",
    "temperature.danger": "Call {n} right now, and tell your family at once.",
    "pulse.ok": "Carry on as usual; if you feel unwell, tell your family.",
    "pulse.high": "Sit and rest for five minutes and measure again; if it stays this fast, tell your family "
                  "and your doctor. If you have chest pain, can't breathe or feel faint, call {n}.",
    "pulse.low": "Sit and rest and measure again; if it stays this slow, tell your family and ask your "
                 "doctor. If you feel faint or have chest pain, call {n}.",
    "pulse.danger": "Call {n} right now, sit or lie still, and tell your family at once.",
    "oxygen.ok": "Carry on as usual; if you feel unwell, tell your family.",
    "oxygen.low": "Sit up, rest, warm your hands and measure again keeping the finger still; if it's still "
                  "low, tell your family and your doctor, and call {n} if you can't breathe.",
    "oxygen.danger": "Call {n} right now, sit up and stay still, and tell your family at once.",
}
