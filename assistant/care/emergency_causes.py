"""Emergencies named by their cause, each with its own first aid (read by :mod:`assistant.care.emergency`).

The kinds: an electric shock (``shock``: "触电了", "被电着了", "手粘在电线上"), someone in the water
(``drowning``: "掉河里了", "落水了", "fell into the pond"), carbon monoxide from a stove or a gas leak
with symptoms (``gas``: "烧着煤炉，头疼恶心"), heat stroke (``heat``: "中暑了", "晒晕过去了"), cold
(``cold``: "冻了一宿，手脚没知觉"), a severe allergic reaction (``allergy``: "吃了虾喉咙肿了"),
something dangerous swallowed (``swallowed``: "把纽扣电池吞下去了") and a food that poisons (``food``:
"吃了采的野蘑菇，现在肚子疼得厉害，还吐了", "老伴吃了毒蘑菇").

Each kind has *signals* that state it alone (:data:`CAUSE_SIGNALS`, checked before the other kinds'),
signs told over two clauses (:data:`CAUSE_SPLIT`: the topic anywhere in the sentence, the sign in the
clause), and a *topic* (:data:`CAUSE_TOPICS`) that names the cause of an emergency found by a plainer
kind: "掉河里了…没气了" is someone drowned, not only someone who fainted, and is told so. The caller
drops a signal in a negated, hypothetical, past or hearsay clause; :func:`cause_excused` drops the
simile ("像触电一样"), a game, and things or animals in the water ("手机掉水里了"). Pure logic.
"""

from __future__ import annotations

import re

_WATER = r"(河|水|池塘|水塘|塘|湖|江|井|海|水库|水缸|鱼塘|粪坑|河沟|水沟|泳池|游泳池|冰窟窿)"
_SWALLOWED = (r"(纽扣电池|电池|磁铁|磁珠|硬币|钢镚|别针|曲别针|回形针|缝衣针|针|钉子|图钉|刀片|碎玻璃|玻璃"
              r"|干燥剂|假牙|戒指|耳环|纽扣|扣子|弹珠|玻璃球|鱼钩)")
# foods that poison: wild or poisonous mushrooms, sprouted potatoes, pufferfish, beans not cooked through
_BAD_FOOD = (r"(野|毒|山上|山里|林子里|采的|捡的|摘的|不认识的)[^，。？！]{0,4}(蘑菇|菌子?)|菌子"
             r"|发芽的?土豆|土豆发芽|河豚"
             r"|(没|不)(煮|炒|烧|做)熟的?(豆角|四季豆|扁豆|芸豆|豆浆)"
             r"|(豆角|四季豆|扁豆|芸豆|豆浆)[^，。？！]{0,4}(没|不)(煮|炒|烧|做)熟"
             r"|\b(wild|poisonous|foraged) mushrooms?\b|\btoadstools?\b|\bpufferfish\b")
_ELECTRIC_THING = (r"(heater|socket|outlet|plug|wire|cable|kettle|lamp|fence|appliance|toaster|iron|machine"
                   r"|fridge|switch|cord|light|power line|mains)")

# kind -> signal patterns that state the emergency alone, happening now.
CAUSE_SIGNALS: dict[str, tuple[str, ...]] = {
    "food": (r"(吃|误食|尝)了?[^，。？！]{0,6}毒蘑菇", r"\b(ate|eaten) (a |some )?poisonous mushrooms?\b"),
    "shock": (
        r"触(了)?电(了|晕|倒)|(被|让|叫)电(给)?(打|击|电|着|到|住|倒|伤|晕)(了|着|住|倒|过去)?",
        r"电(打|击)(着|到|倒|伤)(了)?(?!游戏)",
        r"\b(electrocuted|electric shock)\b",
        rf"\b(got|had|took|get|getting) an? (\w+ )?(electric )?shock (from|off) (the|a|an|my) "
        rf"(\w+ )?{_ELECTRIC_THING}",
    ),
    "drowning": (
        rf"(掉|落|跌|摔|滑|栽|翻)(进|到|在|下)?(了)?{_WATER}(里|中|里头|里面)",
        r"溺水|落水了|淹(着|住)了|(被)?水(给)?淹(着|了)(?!庄稼|地|田|房)",
        r"\b(fell|fallen|slipped|went|gone|tumbled) (in|into) (the|a) "
        r"(water|river|pond|lake|sea|canal|pool|well|creek|stream|reservoir)\b",
        r"\bdrown(ing|ed)?\b(?! in (work|paperwork|debt|bills|sorrows?))",
        r"\bpulled (him|her|them) out of the (water|river|pond|lake|sea|pool)\b",
    ),
    "gas": (r"(?<![防怕])(煤气|一氧化碳|燃气)中毒(了)?", r"\bcarbon monoxide (poisoning|alarm)\b"),
    "heat": (
        r"(?<![不没防怕别])中暑(了|倒|晕)|热射病|(热|晒)(晕|昏)(倒|过去)(了)?",
        r"\b(heat ?stroke|heat exhaustion|sunstroke)\b",
    ),
    "cold": (r"冻(僵|晕|昏)过去了|失温了|低体温症|\bhypotherm\w*\b",),
    "allergy": (
        r"过敏性休克|严重过敏|过敏(得)?(很|特别)?(厉害|严重)",
        r"\banaphyla\w*\b|\b(bad|severe) allergic reaction\b",
        r"\b(throat|tongue) is (swelling|closing) up\b|\bthroat is closing\b",
    ),
    "swallowed": (
        rf"把.{{0,8}}{_SWALLOWED}(给)?(吞|咽|吃)(下去|进去|到肚子里)",
        rf"(吞|咽|误吞)(下|进)?(去)?了.{{0,6}}{_SWALLOWED}",
        rf"{_SWALLOWED}.{{0,2}}(吞|咽)(下去|进去)了",
        r"\bswallowed (a|an|the|some|my|his|her) (\w+ )?"
        r"(button battery|battery|batteries|magnets?|coins?|pins?|needles?|nails?|blades?|glass|dentures)\b",
    ),
}
CAUSE_RES = {kind: re.compile("|".join(pats), re.I) for kind, pats in CAUSE_SIGNALS.items()}

# kind -> (topic, sign): the topic anywhere in the sentence, the sign in a clause of it.
CAUSE_SPLIT: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "food": (  # a food that poisons, eaten, and what it does now
        re.compile(rf"(吃|喝|尝|ate|eaten|had)[^。？！]{{0,12}}(?:{_BAD_FOOD})|(?:{_BAD_FOOD})[^。？！]{{0,8}}(吃|喝|尝)",
                   re.I),
        re.compile(r"肚子(疼|痛)|腹痛|(吐|拉)(了|得|个不停)|上吐下泻|一直(吐|拉)|拉肚子|腹泻|恶心|想吐|头晕|头昏"
                   r"|看东西(花|模糊|重影)|眼(睛)?花|出冷汗|抽筋|手脚发麻|心慌|迷迷糊糊"
                   r"|\b(vomit\w*|throwing up|diarrh\w*|stomach (ache|pain|cramps)|dizzy|nause\w*)\b", re.I),
    ),
    "shock": (  # "碰着电线了，手还粘在上头": a hand held by the current
        re.compile(r"电线|插座|插头|电闸|电门|电器|漏电|电线杆|高压线|电源"),
        re.compile(r"(粘|黏|吸|贴|抓)(在|住)(了)?(上头|上面|上边|电线|插座|那儿)|(甩|松|放)不开"
                   r"|(躺|倒|趴)(着|在地上?)(一动)?不动"),
    ),
    "gas": (  # carbon monoxide: a stove or a heater burning indoors, and its symptoms
        re.compile(r"煤炉|炉子|炭火|炭盆|火盆|烧炭|蜂窝煤|煤球|热水器|煤气味|燃气味|煤气(漏|泄)|天然气(漏|泄|味)"
                   r"|\b(stove|coal|charcoal|fumes|gas heater|boiler|smell gas)\b", re.I),
        re.compile(r"(?<!有点)(?<!有些)头(都|也|好|很|特别)*(疼|痛|晕|昏)|恶心|想吐|(晕|昏)(倒|过去)"
                   r"|迷迷糊糊|叫不醒|浑身(没劲|发软)|\b(headache|dizzy|nauseous|sick|drowsy)\b", re.I),
    ),
    "cold": (  # a night out in the cold, or limbs frozen past feeling
        re.compile(r"冻(了|得|僵|坏|伤|晕|着)|(冷|寒)得|雪地|冰天雪地"
                   r"|\b(freezing|frozen|snow|out in the cold)\b", re.I),
        re.compile(r"没(有)?(知觉|感觉)了?|动不了|叫不醒|迷迷糊糊|说不出话"
                   r"|\bcan'?t feel (my|his|her) (hands|feet|legs|fingers|toes)\b", re.I),
    ),
    "allergy": (  # swelling or breathlessness after a food, a sting or a drug
        re.compile(r"过敏|(吃|喝)(了)?.{0,6}(以后|之后|后|完)|(吃|喝)(了)?.{0,4}(虾|蟹|海鲜|花生|芒果|贝|蚕豆)|蜂(蜇|蛰|叮)|被(蜜蜂|马蜂|黄蜂|虫子)|打(了)?针|输液|青霉素"
                   r"|\b(allerg\w*|bee|wasp|sting|peanuts?|shellfish|penicillin|after eating)\b", re.I),
        re.compile(r"(喉咙|嗓子|舌头)(都|也|一下子|突然|一下)*肿(了|起来|得)"
                   r"|(嘴唇|嘴|脸|眼皮)(都|也)?(一下子|突然|一下|全|都)(都|也)?肿(了|起来|得)"
                   r"|(喉咙|嗓子)(都|也|突然|一下子)*(发紧|发堵|紧得|堵得)|(嘴唇|脸|眼皮)(都|也)肿起来了"
                   r"|\b(throat|tongue|lips|face) (is |are )?(swelling|swollen|puffing up)\b", re.I),
    ),
}

# kind -> (topic, a sign also needed or None, the plainer kinds it names the cause of):
# "掉河里了，捞上来没气了" is a drowning, "煤气味好大，我头晕想吐" carbon monoxide, not only a gas leak.
CAUSE_TOPICS: dict[str, tuple[re.Pattern[str], re.Pattern[str] | None, frozenset[str]]] = {
    "shock": (re.compile(r"触电|(被|让|叫)电(?=[了着到住倒伤晕打击给])|漏电|\b(electric|electrocut\w*)\b"
                         r"|(摸|碰|抓|拉|踩)(了|着|到)?(那个|一下)?(插座|插头|电线|电门|电闸|高压线|电源)",
                         re.I),
              None, frozenset({"help", "fall", "faint", "breath", "illness", "chest"})),
    "drowning": (re.compile(rf"(掉|落|跌|摔|滑|栽|翻)(进|到|在|下)?(了)?{_WATER}(里|中)|溺水|落水|呛水"
                            r"|\b(fell|fallen|slipped|went) (in|into) the (water|river|pond|lake|sea|pool)\b"
                            r"|\bdrown\w*", re.I),
                 None, frozenset({"help", "faint", "breath"})),
    "gas": (CAUSE_SPLIT["gas"][0], CAUSE_SPLIT["gas"][1],
            frozenset({"help", "fall", "faint", "illness", "fire"})),
    "heat": (re.compile(r"中暑|(热|晒)(晕|昏|倒)|大太阳|太阳底下|高温|大热天|三伏"
                        r"|\b(heat|sun|heatwave)\b", re.I),
             None, frozenset({"help", "faint", "illness"})),
    "cold": (CAUSE_SPLIT["cold"][0], None, frozenset({"help", "faint", "illness"})),
    "food": (CAUSE_SPLIT["food"][0], None, frozenset({"help", "faint", "illness"})),
    "allergy": (re.compile(r"过敏|蜂(蜇|蛰|叮)|(喉咙|嗓子|舌头)(都|也|一下子|突然)*肿"
                           r"|\b(allerg\w*|sting)\b", re.I),
                None, frozenset({"help", "breath", "faint"})),
}

_SIMILE = re.compile(r"像|好像|一样|似的|一般|般|感觉|\b(like|feeling)\b", re.I)
_GAME = re.compile(r"游戏|电影|\b(game|news|surprise)\b", re.I)
# Things and animals in the water, and fields under a flood, are no drowning person.
_THING_IN_WATER = re.compile(r"手机|钥匙|钱包|鞋|帽|球|桶|盆|衣服|东西|戒指|眼镜|假牙|钱|狗|猫|鸡|鸭|鹅|鱼竿"
                             r"|庄稼|地里|田|车|房|院子|菜"
                             r"|\b(phone|keys|wallet|ring|glasses|dog|cat|ball|hat|shoe|car)\b", re.I)


def cause_split(clause: str, sentence: str) -> tuple[str, str] | None:
    """(kind, words) of a cause whose sign is in ``clause`` and its topic elsewhere in ``sentence``."""
    for kind, (topic, sign) in CAUSE_SPLIT.items():
        found, about = sign.search(clause), topic.search(sentence)
        if found is not None and about is not None:
            return kind, f"{about.group(0)}…{found.group(0)}"
    return None


def cause_excused(kind: str, clause: str, sentence: str) -> bool:
    """Whether the context explains a cause signal away: a simile or a game for a shock, a thing or
    an animal in the water."""
    if kind == "shock":
        return bool(_SIMILE.search(clause) or _GAME.search(sentence))
    if kind == "drowning":
        return bool(_THING_IN_WATER.search(clause))
    return False


def name_cause(kind: str, sentences: list[str]) -> str | None:
    """The cause kind that ``sentences`` name for an emergency of ``kind``, or None."""
    for cause, (topic, needs, plainer) in CAUSE_TOPICS.items():
        if kind not in plainer or (needs is not None and not any(needs.search(s) for s in sentences)):
            continue
        if any(topic.search(s) and not cause_excused(cause, s, s) for s in sentences):
            return cause
    return None
