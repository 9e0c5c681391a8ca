"""Safe advice, in code, for a household hazard asked of that is not (yet) an emergency. Pure logic.

Asked on the shipped 1.5B model (2026-12-01), "插座冒火花了怎么办" got the advice to wrap the wires
with tape oneself. So a question about a hazard at home is answered here, by topic
(:mod:`.home_safety_answers`):

* ``electric``: a socket, plug, switch, wire or appliance that sparks, gets hot, smells burnt, buzzes,
  is frayed or bare, tingles ("麻手"), or has water on it; a breaker that keeps tripping ("老跳闸"),
  leaking current ("漏电"). Don't touch it, switch off at the 电闸 if safe, no repair with tape: the
  building office (物业) or an electrician, and the family; smoke, fire or a shock is 119/120.
* ``gas_smell`` / ``gas_stove``: a faint smell of gas (English only: in Chinese any 煤气味 is an
  emergency, below), a stove or a gas water heater that won't light or whose flame goes out, a stove
  that keeps clicking. No flame, no switches, close the valve, open windows, call the gas company.
* ``heater``, ``charcoal``, ``ebike``, ``stove_on``: an electric blanket or heater left on to sleep or
  drying clothes, charcoal burnt in a room, an e-bike battery charged indoors or overnight, a pot left
  on the fire.
* ``water``: a burst or leaking pipe, water all over the floor, a tap that won't close: the main valve,
  no touching wet sockets, the breaker, the building office or a plumber, and the family.
* ``slippery``, ``climb``, ``falls``: a slippery bathroom or floor, climbing on a chair or stool to reach
  up, a fear of falling ("起夜怕摔跤").

Told as over ("原来是阀门没拧紧，已经关好了") or as a fall that happened ("在卫生间滑了一下"), it is
left alone.

The line: a hazard happening to someone now (着火了, 煤气泄漏, 闻到煤气味, someone 触电, dizzy from gas)
is an emergency, found before this by :func:`assistant.care.emergency.detect_emergency` (the session
asks it first; nothing here changes it), and each answer here still names 119/120 for smoke, fire, a
shock or dizziness. A thing named without a sign of danger is an ordinary question left to the rest
of the turn: wiring a socket, the electricity or gas bill, turning on the heating, cooking, the TV.
"""

from __future__ import annotations

import re

from assistant.pipeline.home_safety_answers import EN, GROUP, ZH

_GAP = r"[^。？！?!]{0,14}"  # within one sentence

# electricity: a thing that carries current, and a sign of danger on it. Warmth, a hum or a loose fit count
# only on the wiring itself (a socket, a plug, a wire): an air conditioner, a kettle or a hair dryer is
# meant to be warm or to hum, and "空调开着屋里有点热" is about the room.
_WIRING_WORDS = (r"插座|插头|插排|排插|插线板|接线板|开关|电线|电源线|线路|电闸|电表|灯头|灯座|充电器"
                 r"|(?<![毛针天光航路在])线")
_WIRING = rf"(?:{_WIRING_WORDS})"
_POWER = (rf"(?:{_WIRING_WORDS}|灯|电器|电饭锅|电水壶|烧水壶|洗衣机|冰箱|吹风机|电风扇|空调|微波炉"
          r"|电磁炉|电视|热水器)")
_SIGN = (r"(?:冒[^。，？！?!]{0,3}[火烟]|打火|火花|火星|闪火|闪了一下|一直闪|老闪|一闪一闪|忽明忽暗"
         r"|烧焦|焦味|糊味|胶皮味|烧糊|[烧熏]黑|破了|破皮"
         r"|露出?(?:铜|线|来)|裸露|麻手|麻了一下"
         r"|(?:摸|碰|用着)[^。，？！?!]{0,3}麻"
         r"|电(?:了)?(?:我|手)|有电"
         r"|胶布|胶带|(?<![一天两三几])跳(?:闸|了|个不停|好几)|一天跳)")
_WIRING_SIGN = r"(?:烫(?!衣|头)|发热|有点热|嗡嗡|滋滋|滋啦|吱吱|噼啪|发黑|老化|松动|松了|松松|接触不良)"
_WET = (r"(?:漏水|渗水|进水|滴水|往下滴|积水|泡水|都是水|有水|湿手|手湿|湿的|湿了|淋湿|打湿|受潮|溅"
        r"|洒了?水|泼了?水)")
_NEAR = r"[^。，？！?!]{0,6}"  # within one clause, close by
_ELECTRIC = re.compile(rf"{_POWER}{_GAP}{_SIGN}|{_SIGN}{_GAP}{_POWER}"
                       rf"|{_WIRING}{_NEAR}{_WIRING_SIGN}|{_WIRING_SIGN}{_NEAR}{_WIRING}"
                       rf"|灯{_NEAR}(?:滋啦|滋滋|噼啪)"  # a lamp that crackles
                       rf"|{_POWER}{_GAP}{_WET}|{_WET}{_GAP}{_POWER}"
                       r"|跳闸|保险丝(?:烧|断)|漏电(?!保护)|被[^。？！?!]{0,6}电(?:了|到|着)(?:一下|我|手)")

# gas: a stove or a gas water heater that won't light or goes out; a smell of gas (told as faint)
_GAS_THING = r"(?:燃气灶|煤气灶|灶台|灶|燃气|煤气|天然气|(?<!电)热水器|炉灶)"
_GAS_STOVE = re.compile(rf"{_GAS_THING}{_GAP}(?:打不着|点不着|点不上|打不燃|不着火|打不上火|灭(?!火器)|熄"
                        r"|咔咔|哒哒|啪啪|一直响|火苗|黄火|红火|回火)")
_GAS_SMELL = re.compile(rf"(?:{_GAS_THING}{_GAP}(?:味|漏))|(?:味{_GAP}{_GAS_THING})")

# heat and fire: a heater left on to sleep, charcoal in a room, an e-bike charged inside, a pot on the fire
_HEATING = r"(?:电热毯|电褥子|取暖器|电暖器|电暖气|小太阳|暖风机|烤火器|电火炉|油汀|暖手宝)"
_HEATER = re.compile(rf"{_HEATING}[^。？！?!]{{0,16}}(?:一晚|整晚|一夜|通宵|睡觉|开着睡|过夜|衣服|床边|被子"
                     rf"|安全|危险|着火)|(?:睡觉|过夜|一晚上|整晚|整夜)[^。？！?!]{{0,10}}{_HEATING}[^。？！?!]{{0,4}}开着")
_CHARCOAL = re.compile(r"(?:炭盆|火盆|烧炭|炭火|煤炉|煤球|蜂窝煤|木炭|生[着了个]?炉子|烧炉子|炉火)")
_ROOM = r"(?:屋|房间|室内|家里|客厅|卧室|门窗|取暖|暖和|睡)"
_EBIKE = re.compile(r"(?:电动车|电瓶车|电瓶|电动自行车|电池|代步车)[^。？！?!]{0,16}充")
_INDOORS = re.compile(r"屋|家里|回家|进家|电梯|上楼|室内|客厅|卧室|楼道|过夜|一晚|整夜|一夜|通宵|房间")
_STOVE_ON = re.compile(r"忘(?:了)?关(?:火|煤气|燃气|天然气|灶)|没关(?:火|煤气|燃气|天然气)"
                       r"|(?:火|煤气|燃气)没关"
                       r"|火还(?:开|着)|锅还在"
                       r"|(?:出门|出去|出来|下楼|遛弯|买菜|走了|睡着)[^。？！?!]{0,12}(?:灶|炉子)上[^。？！?!]{0,4}"
                       r"(?:炖|煮|烧)着|(?:灶|炉子?|锅)上[^。？！?!]{0,12}(?:没关|忘了?关)"
                       r"|(?:灶|炉子|火)上[^。？！?!]{0,10}(?:去睡|睡着|出门|出去|下楼|走开)")

# falls: a slippery floor, climbing on furniture
_SLIPPERY = re.compile(r"(?:卫生间|厕所|浴室|洗澡间|洗手间|地板|地砖|瓷砖|地上|地面|浴缸|台阶|楼梯)"
                       r"[^。？！?!]{0,10}(?:滑(?!了一|倒|一跤|下去|到)|怕摔|容易摔)")
# a slippery road or yard outside is no matter of the home's floor (the rest of the turn answers it)
_OUTSIDE = re.compile(r"外面|外头|路上|马路|街上|下雨|下雪|结冰|出门|院子")
_INSIDE = re.compile(r"卫生间|厕所|浴室|洗澡|洗手间|家里|屋里|地板|瓷砖|台阶|楼梯|门口")
# a burst or leaking pipe, a flooded room, a tap that won't close ("我家水管爆了，到处是水")
_WATER = re.compile(r"水管[^。，？！?!]{0,4}(?:爆|裂|破|漏|断|坏|喷|崩)|(?:爆|裂|漏)了?的?水管"
                    r"|家里(?:进水|发水|淹了|被淹)|(?:屋里|家里|满地|到处)(?:都)?是水|水漫|漫水"
                    r"|水龙头[^。，？！?!]{0,4}(?:关不上|关不住|拧不上|一直(?:流|喷))")
# a burning smell at home, its source not told ("我家里有股烧焦的味道" got "可能是燃气泄漏")
# (food that tastes burnt is no hazard)
_BURNING = re.compile(r"^(?!.*(?:菜|饭|汤|粥|肉|吃|喝|咖啡|茶|面包|饼))"
                      r".*(?:(?:烧焦|焦糊|糊|焦|胶皮|塑料)(?:的)?(?:味|气味|味道)"
                      r"|(?:闻到|一股|有股)[^。，？！?!]{0,4}(?:烟味|烧焦|焦味|糊味))")
_FALLS = re.compile(r"(?:怕|防|容易|老是|总)摔|摔跤怎么办")
_CLIMB = re.compile(r"(?:站|踩|爬|蹬|登)[^。，？！?!]{0,3}(?:凳|椅|梯子|桌子|柜子|窗台)"
                    r"|(?:凳|椅|梯子|桌子)[^。，？！?!]{0,4}(?:站|踩|爬|蹬|登)上")

_ZH_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("stove_on", _STOVE_ON), ("gas_stove", _GAS_STOVE), ("electric", _ELECTRIC), ("heater", _HEATER),
    ("gas_smell", _GAS_SMELL), ("water", _WATER), ("slippery", _SLIPPERY), ("climb", _CLIMB),
    ("falls", _FALLS), ("burning", _BURNING),
)
# told as over and done with ("原来是阀门没拧紧，已经关好了"): nothing to advise
_ZH_DONE = re.compile(r"已经(?:关|修|好|换|没)|关好了|没事了|原来是")

_EN_POWER = (r"\b(?:outlets?|sockets?|plugs?|switch(?:es)?|wires?|wiring|cords?|cables?|breakers?|fuses?"
             r"|appliances?|chargers?|light fixtures?|extension leads?|power strips?)\b")
_EN_SIGN = (r"\b(?:spark\w*|hot|burn\w*|scorch\w*|smok\w*|melt\w*|buzz\w*|hum\w*|fray\w*|exposed|bare"
            r"|crackl\w*|trip\w*|shock\w*|tingl\w*|wet|water|leak\w*|tape)\b")
_EN_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("stove_on", re.compile(r"\b(?:left|forgot)\b.{0,30}\b(?:stove|pot|oven|burner|hob)\b", re.I)),
    ("gas_stove", re.compile(r"\b(?:gas|stove|cooker|boiler|water heater|burner|hob|pilot)\b.{0,30}"
                             r"\b(?:(?:won'?t|not|doesn'?t) (?:light|ignite)|keeps? clicking"
                             r"|goes out|going out|went out|yellow flame)\b", re.I)),
    ("electric", re.compile(rf"{_EN_POWER}.{{0,40}}{_EN_SIGN}|{_EN_SIGN}.{{0,40}}{_EN_POWER}", re.I)),
    ("heater", re.compile(r"\b(?:electric blanket|heated blanket|heater|space heater)\b.{0,30}"
                          r"\b(?:all night|overnight|sleep\w*|asleep|bed|clothes)\b", re.I)),
    ("gas_smell", re.compile(r"\bsmell\w*\b.{0,20}\bgas\b|\bgas\b.{0,20}\bsmell\w*\b", re.I)),
    ("charcoal", re.compile(r"\b(?:charcoal|coal|brazier|barbecue|bbq|grill)\b.{0,40}"
                            r"\b(?:indoors|inside|room|bedroom|closed|warm)\b", re.I)),
    ("ebike", re.compile(r"\b(?:e-?bikes?|electric (?:bike|scooter)s?|scooter|battery)\b.{0,40}\bcharg\w*"
                         r"|\bcharg\w*\b.{0,40}\b(?:e-?bikes?|electric (?:bike|scooter)s?)\b", re.I)),
    ("water", re.compile(r"\bpipes?\b.{0,20}\b(?:burst|broke|broken|leak\w*|split)\b"
                         r"|\bwater (?:everywhere|all over)\b"
                         r"|\bflood\w*\b.{0,20}\b(?:kitchen|bathroom|floor|house|flat|home)\b"
                         r"|\btap (?:won't|will not|doesn't|does not) (?:turn off|stop|close)\b", re.I)),
    ("slippery", re.compile(r"\b(?:bathroom|floor|tiles?|shower|tub|stairs)\b.{0,30}\bslip\w*", re.I)),
    ("burning", re.compile(r"\b(?:burning|scorch\w*|smoky) smell\b|\bsmell\w* (?:of )?(?:burning|smoke)\b"
                           r"|\bsmells? like (?:something )?(?:is )?burn\w*", re.I)),
    ("climb", re.compile(r"\b(?:climb|stand|step)\w*\b.{0,8}\bon\b.{0,8}\b(?:chair|stool|table|ladder)\b",
                         re.I)),
)
_EN_INDOORS = re.compile(r"\b(?:indoors|inside|living room|bedroom|hallway|overnight|all night|flat|home)\b",
                         re.I)


def _zh_topic(said: str) -> str | None:
    if _ZH_DONE.search(said):
        return None
    found = next((name for name, pattern in _ZH_RULES if pattern.search(said)), None)
    if found == "slippery" and _OUTSIDE.search(said) and not _INSIDE.search(said):
        return None
    if found:
        return found
    if _CHARCOAL.search(said) and re.search(_ROOM, said):
        return "charcoal"
    if _EBIKE.search(said) and _INDOORS.search(said):
        return "ebike"
    return None


def _en_topic(said: str) -> str | None:
    for name, pattern in _EN_RULES:
        if pattern.search(said) and (name != "ebike" or _EN_INDOORS.search(said)):
            return name
    return None


def topic(text: str) -> str | None:
    """The household hazard the words ask of ("electric", "gas_stove", "heater", "climb", …), or None."""
    said = text.strip()
    if not said:
        return None
    return _zh_topic(said) if re.search(r"[\u4e00-\u9fff]", said) else _en_topic(said)


def advice(text: str, language: str) -> tuple[str, str] | None:
    """``(topic, spoken answer)`` in ``language`` for a household hazard asked of; None for other words.
    The group of a topic ("electric", "gas", "heat", "fall") is ``GROUP[topic]``."""
    found = topic(text)
    if found is None:
        return None
    return found, (EN if language == "en" else ZH)[found]


__all__ = ["GROUP", "advice", "topic"]
