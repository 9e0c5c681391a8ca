"""How to do a thing on her own phone or in one of its apps, or on a public machine she stands at (a
hospital's kiosk, a cash or ticket machine: "machine"): a topic of :mod:`.unknowable`, answered there in
code.

Asked (discovery 9 and 10, 2026-12-01/02), the shipped 1.5B model makes the steps up: "怎么把手机字调大
一点？" → "调整手机的音量", "手机上的字太小了，怎么调大一点？" → "点击屏幕右上角的'放大'按钮", "健康码怎么
打开？" → "找到'健康码'应用". The buttons and menus differ from phone to phone and from one app version to
the next, and the assistant cannot see her screen, so no answer in code names a step either: it says so,
and who can show her on her own phone (the family, a phone shop or the carrier's service hall).

A question is one of these when it names her phone, an app or a phone feature *and* asks how to do
something with it ("手电筒在手机上怎么开", "支付宝怎么扫码付钱", "How do I make the text bigger on my
phone?"). What is wrong with it ("充电器插上不亮是怎么回事"), what to do after a mishap ("手机掉水里了怎么
办"), whether a phone is good or safe ("手机放枕头边有辐射吗") and fraud go to the LLM or to their own rules.
Pure logic.
"""

from __future__ import annotations

import re

# Her phone, an app on it, or a feature of the phone.
_THING = re.compile(r"手机|微信|支付宝|抖音|快手|健康码|二维码|扫码|小程序|应用|软件|app|屏幕|铃声|来电"
                    r"|手电筒|相册|无线网|wifi|wi-fi|蓝牙|键盘|输入法|短信|视频通话|语音消息|孙子发的|孙女发的",
                    re.I)
_HOW = re.compile(r"怎么(?!回事|了|办|样(?!才))|咋(?!回事|了|办)|如何|怎样|在哪儿?(?:看|找|点|打开|设置|调)"
                  r"|哪里(?:看|找|点|打开|设置|调)|步骤")
# Not the steps: why or whether, a phone to buy, fraud (:mod:`.scam`), her own number, a phone lost or
# stolen, or help called on it (the police, 120: the LLM and the emergency answers say who to call).
_NOT_STEPS = re.compile(r"为什么|是什么|好不好|好还是|哪个好|辐射|伤眼|对眼睛|发明|多少钱|贵不贵|几位"
                        r"|骗|诈骗|号码是多少|电话是多少|丢|偷|报警|挂失|120|110|119|急救|救护车"
                        # how to get a grandchild off the phone ("孙子老玩手机，我怎么管"): a person, no steps
                        r"|怎么(?:管|劝|说(?:他|她|服)|教育|让(?:他|她))|劝(?:他|她)")
_EN_THING = re.compile(r"\b(?:phone|mobile|cellphone|smartphone|app|wechat|alipay|whatsapp|screen|ringtone"
                       r"|ringer|flashlight|torch|wi-?fi|bluetooth|keyboard|text messages?)\b", re.I)
_EN_HOW = re.compile(r"\bhow (?:do|can|would|should) (?:i|you)\b|\bhow to\b|\bwhere do i (?:find|tap|turn)\b",
                     re.I)
_EN_NOT_STEPS = re.compile(r"\bwhy\b|\bis it (?:bad|safe|good)\b|\bradiation\b|\bscam\b|\bwhich phone\b"
                           r"|\bbuy\b|\blost\b|\bstolen\b|\bpolice\b|\bambulance\b|\bemergency\b|\b1[12][09]\b",
                           re.I)

# A public machine she stands at ("医院的自助机怎么挂号？" got made-up buttons in discovery 12): a hospital's
# kiosk, a cash, ticket or payment machine; its screens differ by hospital and bank as a phone's do.
_MACHINE = re.compile(r"自助机|自助的机器|自助终端|挂号机|取款机|提款机|柜员机|存取款机|售票机|取票机|缴费机"
                      r"|自助(?:挂号|缴费|取票|售票|打印)|ATM", re.I)
_MACHINE_HOW = re.compile(rf"{_HOW.pattern}|先按|按哪|怎么用|咋用")
_MACHINE_NOT = re.compile(r"吞|哪个快|快还是|是什么|什么意思|要带|带什么|在哪(?!儿?(?:按|点))|坏了|多少钱")
_EN_MACHINE = re.compile(r"\b(?:ATM|cash machine|cashpoint|self-service (?:machine|kiosk)|kiosk"
                         r"|ticket machine|(?:payment|check-in) machine"
                         r"|machine at the (?:hospital|bank|station))\b", re.I)
_EN_MACHINE_NOT = re.compile(r"\bwhat is\b|\bwhat's an?\b|\b(?:kept|ate) my card\b|\bswallow\w*\b", re.I)

# Her card kept by a cash machine ("银行卡被取款机吞了怎么办" got "用磁条信息试试取钱" in discovery 13): the
# bank's own number, never one stuck on the machine or a stranger's help (a known fraud).
_KEPT = re.compile(r"吞|吃卡|(?:没|不)(?:吐|退)(?:卡|出来)|(?:吐|退)不出(?:卡|来)")
_EN_KEPT = re.compile(r"\b(?:kept|ate|swallowed|took|won't give back) my (?:bank )?card\b", re.I)
# Steps on her television or its set-top box ("怎么把电视调到中央三台" got a made-up menu in discovery 13).
_TV = re.compile(r"电视|遥控器|机顶盒|换台|调台|频道")
_TV_DO = re.compile(r"调到|换到|转到|找到|换台|调台|打开|设置|回看|点播|投屏|调(?:大|小|亮|暗)")
_EN_TV = re.compile(r"\b(?:tv|television|remote|set-?top box)\b.*\b(?:channel|change|switch|find|set up"
                    r"|turn on)\b|\b(?:channel|change|switch|find)\b.*\b(?:tv|television|remote)\b", re.I)

REPLY_ZH = {
    "card_kept": "卡被机器吞了先别着急，也别走远。打银行卡背面印的客服电话，或者银行的官方电话，说清楚是哪台"
                 "机器；机器上贴的电话、旁边主动来帮忙的陌生人都别信，常有骗子。上班时间带上身份证去这家银行的"
                 "柜台，就能把卡取回来。",
    "tv_steps": "每家的电视、机顶盒和遥控器不太一样，我又看不到，说错了反而让您着急。"
                "最好请家里人在您的电视上一步一步教一遍，您拿笔记下来；也可以打有线电视或者机顶盒的客服电话问问。",
    "phone": "每个手机的按法不太一样，我又看不到您的屏幕，说错了反而让您着急。最好请家里人或孙辈在您的手机上"
             "一步一步教一遍，您拿笔记下来；也可以拿到手机店或营业厅，请工作人员帮您弄好。",
    "machine": "各家医院、银行的机器不太一样，我又看不到屏幕，说错了反而耽误事。机器旁边一般有工作人员或者"
               "志愿者，请他们帮您按一遍；不想用机器，去窗口、柜台办也一样。",
}
REPLY_EN = {
    "card_kept": "Don't worry, and stay close. Call the number on the back of your card or the bank's "
                 "official line and say which machine it was. Don't trust a number stuck on the machine or a "
                 "stranger offering help: a known trick. The branch gives the card back, with your ID.",
    "tv_steps": "Every TV, set-top box and remote is a little different and I can't see yours, so I might "
                "send you the wrong way. Ask your family to show you once on your own TV and write it down, "
                "or call the cable or set-top box helpline.",
    "phone": "Every phone is a little different and I can't see your screen, so I might send you the wrong "
             "way. Ask your family to show you once on your own phone, step by step, and write it down; a "
             "phone shop can set it up for you too.",
    "machine": "Every hospital's and bank's machine is a little different and I can't see the screen, so I "
               "might send you the wrong way. Ask the staff or a volunteer beside it to go through it with "
               "you, or use the counter instead.",
}


def phone_topic(text: str) -> str | None:
    """"phone" when ``text`` asks how to do something on her phone or in an app, "machine" on a public
    machine (a hospital's kiosk, a cash or ticket machine), "tv_steps" on her television or its box,
    "card_kept" when a cash machine kept her card, else None."""
    en = text.isascii()
    if _EN_KEPT.search(text) if en else (_MACHINE.search(text) and _KEPT.search(text)):
        return "card_kept"
    if en and _EN_MACHINE.search(text):
        return "machine" if _EN_HOW.search(text) and not _EN_MACHINE_NOT.search(text) else None
    if not en and _MACHINE.search(text):
        return "machine" if _MACHINE_HOW.search(text) and not _MACHINE_NOT.search(text) else None
    if en:
        tv = bool(_EN_TV.search(text) and _EN_HOW.search(text))
        found = bool(_EN_THING.search(text) and _EN_HOW.search(text) and not _EN_NOT_STEPS.search(text))
    else:
        steps = bool(_HOW.search(text) and not _NOT_STEPS.search(text))
        tv = steps and bool(_TV.search(text) and _TV_DO.search(text))
        found = steps and bool(_THING.search(text))
    return "tv_steps" if tv else "phone" if found else None
