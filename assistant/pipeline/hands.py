"""A request that the assistant do a physical thing, answered honestly in code ("帮我倒杯水").

The assistant is a voice on a phone: it has no hands and works none of the home's lights, TV or
appliances. The shipped 1.5B model played along: asked to put the moon in the fridge it said to put a
cup of water in the fridge and the moon in the cup; asked to fetch, pour, switch on or cook it answered
as if it had done it. So a request of that kind gets a short, warm, true answer here, with a gentle
safety line where fitting (getting up slowly to fetch a thing; the family or a neighbour to help).

A request is said to the assistant: its clause starts with the request ("(你)(能不能)帮我/给我/替我
(去)…", "把X放进Y", or the verb itself, "扶我起来", "关灯"), never with a subject of its own ("我把钥匙放进
抽屉了", "女儿帮我洗好了": a telling). How-questions, reminders, and switching off a reminder, a sound or
the playback are left to the rules that handle them (:mod:`.selfhelp`, the tools, the LLM). Reading,
sums, lookups, stories and songs use verbs not listed here. A device set to a level, said object first
or with a number ("把空调调到二十六度", "热水器帮我开一下", "Turn the heating up"; the 1.5B said "好的，
我已经将空调调到了26度"), is a switch too, even the TV's sound; not when asked how or what is best.
Pure logic: :func:`kind` is the decision, :func:`answer` adds the words.
"""

from __future__ import annotations

import re

__all__ = ["KINDS", "answer", "kind"]

# The start of a request said to the assistant: who is asked, how politely, and for whom.
_ASK = (r"^(?:小助手|助手)?(?:你|您)?(?:能不能|能|可以|可不可以|快|赶紧|马上|请|麻烦你?|去|来)*"
        r"(?:帮我|给我|替我|帮帮我|帮忙)?(?:去|来|出去)?(?:给我)?")
_THING = r"(?:把|将)[^，,。！？]{1,12}?"  # "把这箱水": the thing moved or worked
_PLACE = (r"(?:(?:去|到|从)?(?:厨房|客厅|卧室|屋里|房间|楼下|楼上|外面|阳台|冰箱|柜子|桌上|床头|门口)"
          r"(?:里|上|那儿|那边)?)?")  # "替我去厨房端碗粥": where the thing is
# Lights, appliances, doors and windows: what is switched, opened or shut in a home.
_HOME = (r"(?:灯|电视|空调|窗|门|煤气|燃气|灶|火|热水器|风扇|电扇|暖气|取暖器|电暖|电饭煲|电饭锅|洗衣机|冰箱"
         r"|收音机|水龙头|电热毯|窗帘|开关|电源|插头|微波炉|烤箱|油烟机|热水壶|水壶|加湿器|电热水)")
# Said to the assistant: asked by name or for her ("你帮…", "你把…", "请…", "帮我…"; not the suggestion
# "您可以打开电视看看"), or a bare order ending in a request word ("把空调打开吧"), or a bare switch alone
# ("快开空调"); never "端午节…", "拿不准", "洗衣机".
_ASKED = re.compile(r"^(?:小助手|助手)?(?:(?:你|您)(?:能不能|能|可以|可不可以|快|赶紧)?"
                    r"(?=帮|给我|替我|把|将|去|来|扶)|请|麻烦|帮我|给我|替我|帮帮我|帮忙|扶我|能不能帮|快(?:帮|给|去|把|扶))"
                    rf"|(?:吧|一下|呗)[呀啊哈]?$|^快?(?:开|关|打开|关掉|关上)(?:一下)?{_HOME}[吧呀啊]?$")
_SKY = r"(?:月亮|太阳|星星|月球|天上的)"
_ZH = (
    ("sky", (rf"{_ASK}(?:把|将)?.{{0,3}}{_SKY}.{{0,3}}(?:放|装|塞|拿|搬|摘)",
             rf"{_ASK}(?:摘|拿|抓|够|搬|取).{{0,3}}{_SKY}")),
    ("switch", (
        rf"{_ASK}(?:把|将)[^，,。]{{0,8}}?{_HOME}.{{0,3}}?(?:打开|关|开|调|插|拔|锁)",
        rf"{_ASK}(?:{_THING})?(?:打开|关掉|关上|开开|关|开)(?:一下|下)?(?:这个|那个)?(?:[^，,。]{{0,4}})?{_HOME}",
    )),
    ("buy", (rf"{_ASK}(?:去|出去|跑一趟).{{0,4}}买", r"^(?:你|您)?(?:去|出去)?(?:帮我|给我|替我)买")),
    ("chores", (
        rf"{_ASK}(?:{_THING})?(?:做饭|做菜|煮|烧水|烧饭|炒|削|切|剥|热一下|热热|熬|蒸|沏|泡(?:杯|壶|碗)|冲(?:杯|碗)"
        r"|做(?:个|顿|碗|点|一顿)(?:饭|菜|吃的|汤|粥|面))",
        rf"{_ASK}(?:{_THING})?(?:扫|拖|擦|洗|晾|叠|收拾|整理|铺|喂|遛|浇|挂(?:起来|上|好|到|在))",
    )),
    ("fetch", (
        rf"{_ASK}{_PLACE}(?:{_THING})?(?:拿|倒|端|递|搬|抬|提|扛|捡|取|送|收(?:进来|起来|回来|好)"
        r"|放(?:进|到|在|回)|装(?:进|到|在))",
        r"^(?:你|您)?(?:快|请|来)?扶(?:我|一下我|我一下)",
    )),
)
_EN_ASK = r"^(?:hey |ok |okay )?(?:(?:can|could|will|would) you |please |go and |go )*(?:please )?"
_EN_HOME = (r"(?:lights?|lamp|tv|television|telly|heater|heating|air ?con|aircon|air conditioning|fan"
            r"|stove|gas|oven|kettle|radio|washing machine|tap|fridge|microwave|rice cooker|door|window"
            r"|curtains?|cooker)")
_EN_SKY = r"\b(?:the moon|the sun|the stars?|a star)\b"
_EN = (
    ("sky", (rf"{_EN_ASK}(?:put|bring|get|fetch|pick|grab)\b.{{0,20}}{_EN_SKY}",)),
    ("switch", (rf"{_EN_ASK}(?:turn|switch|shut|put) (?:on|off|out)\b.{{0,20}}\b{_EN_HOME}\b",
                rf"{_EN_ASK}(?:turn|switch|shut) (?:the |my |that )?.{{0,15}}\b{_EN_HOME}\b"
                r".{0,5}\b(?:on|off)\b",
                rf"{_EN_ASK}(?:open|close|shut|lock) (?:the |my |that )?.{{0,15}}\b{_EN_HOME}\b")),
    ("buy", (rf"{_EN_ASK}(?:go to the (?:shop|store|market) and )?buy\b",)),
    ("chores", (rf"{_EN_ASK}(?:make|cook|fix|boil|heat up|warm up) (?:me |us )?(?:some |a |an |the |my )?"
                r"(?:cup of )?(?:tea|coffee|dinner|lunch|breakfast|soup|food|something to eat|noodles|rice"
                r"|porridge|sandwich|meal|eggs?|water|milk)\b",
                rf"{_EN_ASK}(?:clean|sweep|mop|wash|tidy|fold|hang|iron|feed|walk|water|do)\b (?:up )?"
                r"(?:the |my |some )?(?:floor|dishes|clothes|laundry|room|house|kitchen|table|bed|cat|dog"
                r"|plants?|flowers|washing|bathroom)")),
    ("fetch", (rf"{_EN_ASK}(?:pour|bring|fetch|hand|pass|carry|grab) (?:me|us|it|that|this|the|my|a|some)\b",
               rf"{_EN_ASK}(?:put|move|take) (?:(?:out|away|down) )?(?:the|my|this|that|these|those|some) "
               r".{1,30}\b(?:in|into|on|onto|back|away|to|out|down)\b",
               rf"{_EN_ASK}(?:help me (?:up|get up|stand up)|pick (?:up )?(?:the|my|it|that)\b)")),
)
# Not such a request: a how or why, a reminder, or the playback, a sound or a reminder switched off.
_NOT = re.compile(r"怎么|咋|如何|怎样|为什么|为啥|教我|告诉我|提醒|闹钟|声音|音量|播放|音乐|通知|记一下|记住"
                  r"|多久|几分钟|多少|多长|行不行|是不是|哪天|什么时候"
                  r"|\b(?:how|why|remind|reminder|alarm|sound|volume|music|story|song)\b")
# A device set to a level, said object first or with a number ("把空调调到二十六度", "热水器帮我开一下",
# "电视声音调小一点", "Turn the heating up"): a switch, even where the sound or volume is the TV's; not
# asked how or what is best ("空调开多少度最省电").
_SET_ZH = re.compile(rf"^(?:小助手|助手)?(?:你|您)?(?:帮我|给我|替我)?(?:把|将)?(?:这个|那个|家里的?)?{_HOME}"
                     r"的?(?:温度|声音|音量|风|火)?(?:帮我|给我|替我)?(?:调|开|关|拧)"
                     r"(?:到|成|高|低|大|小|一下|下|上|了|最)")
_SET_EN = re.compile(rf"{_EN_ASK}(?:turn|set|put) (?:(?:up|down) )?(?:the |my |that )?"
                     r"(?:lights?|tv|television|telly|heater|heating|air ?con\w*|air conditioning|fan|radio"
                     r"|oven|cooker|stove)\b(?: volume| sound| temperature)?(?: a bit| a little)?"
                     r"(?:$|\W+(?:up|down|higher|lower|to \d+))")
_SET_NOT = re.compile(r"怎么|咋|如何|为什么|为啥|多少|几度|吗|呢|是不是|会不会|行不行|好不好|合适|省电|费电"
                      r"|？|(?<=[\u4e00-\u9fff])\?|\b(?:how|why|what|which|should)\b")
_ZH_RULES = tuple((name, tuple(re.compile(p) for p in patterns)) for name, patterns in _ZH)
_EN_RULES = tuple((name, tuple(re.compile(p) for p in patterns)) for name, patterns in _EN)
_CLAUSE_CUT = re.compile(r"[，,。.！!？?；;\n]+")
# Opening the front door for someone: a safety line as well (who is it?), never just "I can't".
_DOOR_OPEN = re.compile(r"开(?:一下|下)?(?:大)?门|(?<![柜箱车橱])门[^，,。]{0,3}(?:打开|开开|开一下|开)"
                        r"|\b(?:open|answer|get) the (?:front )?door\b")
KINDS = (*(name for name, _ in _ZH), "door")

_ZH_SAID = {
    "sky": "那可放不进去呀，天上的东西咱们够不着。我也没有手，只能陪您说说话。",
    "switch": "这个我做不了，我只是手机里的声音，开关不了家里的灯、电视和电器。"
              "您起身去弄的时候慢一点，小心脚下。",
    "door": "我开不了门。开门前先隔着门问清楚是谁；不认识的人、说来查这查那的，"
            "先别开，给家里人或者物业打个电话问问。",
    "buy": "我出不了门，也买不了东西。您可以请家里人或者邻居帮忙带一下。",
    "chores": "这个我帮不上手，我只是手机里的声音，做不了家务。"
              "别太累着，可以请家里人或者邻居搭把手。",
    "fetch": "我没有手，拿不了东西，也搬不动呀。"
             "您慢点起身、小心别摔着，够不着或者拿不动就请家里人或邻居帮一把。",
}
_EN_SAID = {
    "sky": "That won't fit, I'm afraid: nobody can reach the sky! "
           "And I have no hands; I can only talk with you.",
    "switch": "I can't do that: I'm only a voice on your phone and can't work the lights, TV or appliances. "
              "If you get up to do it, take it slowly and mind your step.",
    "door": "I can't open the door: I'm only a voice on your phone. Before you open it, ask who it is "
            "through the door; if you don't know them, keep it shut and call your family or the building "
            "office first.",
    "buy": "I can't go out or buy things. Perhaps your family or a neighbour could pick it up for you.",
    "chores": "I can't help with that: I'm only a voice on your phone and can't do housework. "
              "Don't tire yourself; your family or a neighbour may lend a hand.",
    "fetch": "I have no hands, so I can't fetch or carry things. Get up slowly and mind you don't fall; "
             "if it's out of reach or heavy, ask your family or a neighbour to help.",
}


def kind(text: str) -> str | None:
    """The kind of physical request (one of :data:`KINDS`) when ``text`` asks the assistant to do a
    physical thing, else None."""
    lowered = text.lower().strip()
    clauses = [c.strip() for c in _CLAUSE_CUT.split(lowered) if c.strip()]
    level = _SET_EN if text.isascii() else _SET_ZH
    if not _SET_NOT.search(lowered) and any(level.search(c) for c in clauses):
        return "switch"
    if _NOT.search(lowered):
        return None
    if not text.isascii():
        clauses = [c for c in clauses if _ASKED.search(c)]
    rules = _EN_RULES if text.isascii() else _ZH_RULES
    return next((name for name, patterns in rules
                 if any(p.search(c) for p in patterns for c in clauses)), None)


def answer(text: str, language: str) -> tuple[str, str] | None:
    """(kind, reply) when ``text`` asks the assistant to do a physical thing, else None."""
    found = kind(text)
    if found is None:
        return None
    if found == "switch" and _DOOR_OPEN.search(text.lower()):
        found = "door"  # "帮我开一下门，有人敲门": who is it?
    return found, (_EN_SAID if language == "en" else _ZH_SAID)[found]
