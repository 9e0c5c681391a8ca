"""What she may eat or drink with a chronic condition she names: answered in code, never by the LLM.

Asked "我血糖有点高，能吃西瓜吗？", the shipped 1.5B model said watermelon helps relieve sugar; asked
"痛风能喝啤酒吗" or "胆固醇高，鸡蛋黄还能吃吗" it answers as it likes. A question is one of these when it
names a condition (high blood sugar or diabetes, also as Whisper mishears it: 卸糖, 血唐; high blood
pressure; gout or high uric acid; high cholesterol or blood fat; kidney disease; a bad stomach), a food
or drink, and asks whether she may have it or how much. The answer (:mod:`.condition_diet_answers`) is
the mainstream dietary advice for that condition and that kind of food, and ends with her doctor.

Left to others: a recipe ("糖尿病人吃的杂粮馒头怎么蒸": the LLM's), a food said to lower or cure it
("吃苦瓜能降血糖吗": :mod:`.remedies`), a medicine ("降压药能和柚子一起吃吗": :mod:`.dose_safety`), low
blood sugar or a reading she measured (:mod:`.readings`), a question with no food ("高血压平时要注意些什么",
the LLM's, whose answer the care tail sends to a doctor). An emergency never gets here. Pure logic.
"""

from __future__ import annotations

import re

from assistant.pipeline.condition_diet_answers import (
    CORE_EN,
    CORE_ZH,
    DEFAULT_EN,
    DEFAULT_ZH,
    GENERIC_EN,
    GENERIC_ZH,
    LINE_EN,
    LINE_ZH,
    OPENER_EN,
    OPENER_ZH,
    TAIL_EN,
    TAIL_ZH,
)

# how a condition is said to be high or bad: "血糖高", "血压有点高", "尿酸偏高" (not "会让血糖高吗")
_HIGH = r"(?:有点儿?|有些|偏|太|很|比较|挺|一直|老是|也|都)?(?:高|不好|不太好|不稳)"
_NOT_CAUSED = r"(?<![让使会致起])"
_CONDITIONS_ZH: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("sugar", re.compile(rf"糖尿病?|糖友|高血糖|{_NOT_CAUSED}(?:[血卸谢泄]糖|血[唐堂塘]){_HIGH}")),
    ("pressure", re.compile(rf"高血压|{_NOT_CAUSED}血压{_HIGH}")),
    # 痛风 heard as 通风 ("通风能喝啤酒吗"), not an open window
    ("gout", re.compile(rf"痛风|高尿酸|{_NOT_CAUSED}尿酸{_HIGH}"
                        r"|(?<![开窗门])通风(?=的人|病人|患者|能|可以|还能|吃|喝)")),
    ("lipids", re.compile(rf"高血脂|高脂血|高胆固醇|血稠|血液粘稠|血黏"
                          rf"|{_NOT_CAUSED}(?:血脂|胆固醇)(?:{_HIGH}|稠)")),
    ("kidney", re.compile(r"肾(?:不好|不太好|病|炎|衰|脏病|脏不好"
                          r"|功能[^，。？！,]{0,3}(?:不好|不全|差|低|减退))|尿毒症|透析")),
    ("stomach", re.compile(r"胃(?:不好|不太好|病|炎|溃疡|弱|寒)|老胃病|十二指肠溃疡|反酸|烧心")),
)
_CONDITIONS_EN: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("sugar", re.compile(r"diabet\w*|\bhigh blood sugar"
                         r"|\bblood sugar\b[^.?!,]{0,15}\b(?:high|up|raised)\b", re.I)),
    ("pressure", re.compile(r"\bhigh blood pressure|hypertension"
                            r"|\bblood pressure\b[^.?!,]{0,15}\b(?:high|up)\b", re.I)),
    ("gout", re.compile(r"\bgout\b|\buric acid\b", re.I)),
    ("lipids", re.compile(r"cholesterol|\bblood (?:fats?|lipids?)\b|\btriglycerides?\b", re.I)),
    ("kidney", re.compile(r"\bkidney (?:disease|problems?|trouble|failure|issues?)\b|\bbad kidneys?\b"
                          r"|\bkidneys? (?:are|is) (?:bad|weak|failing|not good)\b|\bdialysis\b|\brenal\b",
                          re.I)),
    ("stomach", re.compile(r"\b(?:bad|weak|sensitive|delicate) stomach\b"
                           r"|\bstomach (?:problems?|trouble|ulcers?)\b"
                           r"|\bgastritis\b|\bulcers?\b|\bacid reflux\b", re.I)),
)
# kinds of food, in the order that settles two found at the same place ("葡萄酒" is alcohol, "咸鸭蛋" salty)
_FOODS_ZH: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("alcohol", re.compile(r"葡萄酒|酒|白干|二锅头")),
    ("salty", re.compile(r"咸|腌|酱菜|榨菜|泡菜|腊肉|腊肠|香肠|火腿|盐|酱油|豆瓣酱"
                         r"|豆腐乳|腐乳|皮蛋|松花蛋|卤")),
    ("sweets", re.compile(r"糖|甜|点心|糕|月饼|饼干|蜂蜜|巧克力|冰淇淋|冰激凌"
                          r"|汤圆|元宵|粽子|饮料|可乐|果汁|奶茶")),
    ("broth", re.compile(r"骨头汤|肉汤|老火汤|浓汤|高汤|鸡汤|鱼汤|火锅|汤")),
    ("organ", re.compile(r"内脏|下水|猪肝|鸡肝|鸭肝|腰子|猪腰|肥肠|大肠|猪肚|毛肚"
                         r"|鸡杂|鸭杂|脑花|猪脑|肝")),
    ("fatty", re.compile(r"肥肉|红烧肉|五花肉|扣肉|东坡肉|猪油|荤油|油炸|炸|油条|油饼"
                         r"|肉皮|猪蹄|猪脚|肘子|油腻|奶油|烧烤")),
    ("seafood", re.compile(r"海鲜|虾|蟹|贝|蛤|蚝|蛏|鱿鱼|带鱼|沙丁鱼|鱼|海带|紫菜|海参|鲍鱼")),
    ("nuts", re.compile(r"坚果|花生|瓜子|核桃|杏仁|栗子|开心果|腰果|松子|芝麻")),
    ("staple", re.compile(r"粥|稀饭|米饭|白饭|干饭|面条|挂面|方便面|面食|馒头|包子|饺子|馄饨"
                          r"|红薯|地瓜|白薯|山芋|土豆|马铃薯|南瓜|玉米|米粉|粉条|面包|杂粮"
                          r"|燕麦|小米|糯米|主食|芋头|山药|烙饼|大饼|花卷")),
    ("fruit", re.compile(r"水果|西瓜|香蕉|葡萄|苹果|梨|桃|橘子|桔子|橙子|荔枝|龙眼|桂圆"
                         r"|柿子|哈密瓜|甜瓜|香瓜|芒果|菠萝|草莓|樱桃|猕猴桃|枣|甘蔗|榴莲"
                         r"|火龙果|李子|杏|石榴|山楂|蓝莓|柚子|木瓜|杨梅|枇杷")),
    ("soy", re.compile(r"豆腐|豆浆|豆制品|豆干|豆皮|黄豆|黑豆|绿豆|红豆|豆芽|腐竹")),
    ("eggs", re.compile(r"鸡蛋|鸭蛋|鹅蛋|蛋黄|蛋清|(?<![咸皮])蛋(?!糕|挞|白质)")),
    ("meat", re.compile(r"牛排|肉|鸡|鸭|鹅")),
    ("spicy", re.compile(r"辣|花椒|胡椒|芥末|咖喱|生冷|冷饮|冰的|凉的|生蒜|大蒜")),
    ("tea", re.compile(r"茶|咖啡")),
    ("milk", re.compile(r"牛奶|奶粉|酸奶|羊奶|奶")),
    ("vegetable", re.compile(r"蔬菜|青菜|菠菜|芹菜|苦瓜|黄瓜|西红柿|番茄|蘑菇|香菇|木耳|白菜"
                             r"|萝卜|韭菜|茄子|豆角|四季豆|西兰花|菜花|生菜|冬瓜|丝瓜|藕|笋|洋葱")),
)
_FOODS_EN: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("alcohol", re.compile(r"alcohol|\bbeers?\b|\bwines?\b|liquor|\bspirits\b|baijiu|whiske?y", re.I)),
    ("salty", re.compile(r"pickle[sd]?|\bsalt(?:y|ed)?\b|bacon|\bham\b|sausages?|soy sauce|\bcured\b"
                         r"|preserved", re.I)),
    ("sweets", re.compile(r"\bsweets\b|\bsweet (?:things|food|stuff)|\bcakes?\b|cookies?|biscuits?"
                          r"|honey|chocolates?|cand(?:y|ies)|\bsugar\b|desserts?|ice cream|pastr(?:y|ies)"
                          r"|mooncakes?|soft drinks?|\bsoda\b|\bcola\b|juice", re.I)),
    ("broth", re.compile(r"\bbroth|bone soup|\bstock\b|hot ?pot|\bsoups?\b", re.I)),
    ("organ", re.compile(r"\borgan meats?|offal|\bliver\b|tripe|giblets", re.I)),
    ("fatty", re.compile(r"fatty|pork belly|\blard\b|fried|\bfry\b|butter|\bcream\b|greasy|\bfat\b", re.I)),
    ("seafood", re.compile(r"seafood|shrimps?|prawns?|\bcrabs?\b|shellfish|oysters?|clams?|mussels?"
                           r"|\bfish\b|sardines?|squid", re.I)),
    ("nuts", re.compile(r"\bnuts?\b|peanuts?|walnuts?|almonds?|\bseeds\b", re.I)),
    ("staple", re.compile(r"\brice\b|porridge|congee|noodles?|bread|(?:sweet )?potato(?:es)?|\boats?\b"
                          r"|oatmeal|pasta|dumplings?|\bcorn\b|pumpkin|\bbuns?\b", re.I)),
    ("fruit", re.compile(r"\bfruits?\b|bananas?|watermelons?|grapes?|apples?|oranges?|mangoe?s?"
                         r"|\bdates\b|pears?|peach(?:es)?|melons?|strawberr(?:y|ies)|cherr(?:y|ies)"
                         r"|lychees?|persimmons?|pineapples?|kiwis?|plums?", re.I)),
    ("soy", re.compile(r"\btofu\b|soy ?milk|\bsoy(?:a|beans?)?\b|bean curd|\bbeans?\b", re.I)),
    ("eggs", re.compile(r"\beggs?\b|yolks?", re.I)),
    ("meat", re.compile(r"\bmeat\b|\bpork\b|\bbeef\b|\bmutton\b|\blamb\b|\bchicken\b|\bduck\b|steak", re.I)),
    ("spicy", re.compile(r"spicy|chil(?:l)?i(?:es)?|hot peppers?|\bpepper\b|curry", re.I)),
    ("tea", re.compile(r"\btea\b|coffee", re.I)),
    ("milk", re.compile(r"\bmilk\b|yog(?:h)?urt", re.I)),
    ("vegetable", re.compile(r"vegetables?|\bgreens\b|spinach|mushrooms?|tomato(?:es)?|bitter melon"
                             r"|celery", re.I)),
)
_DRINKS = {"alcohol", "tea", "milk"}
# a condition's own words, wherever they are said, are no food ("血糖" is no 糖, "blood sugar" no sugar)
_CONDITION_WORDS = re.compile(r"[血卸谢泄]糖|血[唐堂塘]|糖尿病?|无糖|血压|血脂|尿酸|胆固醇|通风"
                              r"|\bblood (?:sugar|pressure|fats?)|\bsugar[- ]free|\bsugar levels?", re.I)
# Asks whether she may have it, or how much ("能吃几颗", "一顿吃多少合适", "要紧不").
_ASKS_ZH = re.compile(r"能吃|能喝|可以吃|可以喝|可不可以|能不能|还能|吃得|喝得|行不行|行吗|成吗"
                      r"|要紧|碍事|没事吧|能[^，。？！]{0,5}(?:吗|不|么)|吃不|喝不|多少"
                      r"|几[个块颗片口碗杯两根瓣]|忌口|能碰|碰得|好不好|可以吗|合适吗|适合"
                      r"|该不该|要不要|得少吃|能多吃|多不多|太多|好还是|还是[^，。？！]{0,6}好|哪[个种样]好")
_ASKS_EN = re.compile(r"\bcan (?:i|he|she|we|they|you|people|diabetics)\b[^.?!]{0,20}\b(?:eat|have|drink)\b"
                      r"|\b(?:is|are) (?:it|\w+) (?:ok|okay|safe|alright|fine|bad|good)\b|\bshould i\b"
                      r"|\bhow (?:much|many)\b|\bmay i\b|\ballowed\b|\bokay\?|\bok\?", re.I)
# A recipe (the LLM's), a medicine (dose_safety's), a food said to lower or cure it (remedies'), low blood
# sugar or a reading she measured (readings'), a sign felt now ("心慌手抖，能吃块糖吗" may be low sugar, when
# sugar is what helps): never this module's.
_NOW_FELT_ZH = (r"|心慌|发慌|手抖|发抖|哆嗦|冷汗|出汗|虚汗|头晕|眼花|发晕|没劲|没力气"
                r"|难受|不舒服|恶心|想吐|吐了|疼|(?<!痛)痛(?!风)")
_NOT_HERE_ZH = re.compile(r"怎么[做炒炸炖蒸煮腌烧包]|做法|咋做|好吃|药|胰岛素|降[血压糖脂尿]" + _NOW_FELT_ZH +
                          r"|降糖|降压|降脂|治|偏方|低血糖|血糖[^，。？！]{0,2}低"
                          r"|(?:血[糖压脂]|尿酸|胆固醇)(?:才|只有|是|到了?|测[了的]?是?|量[了的]?是?|有)?"
                          r"(?:[0-9]|[两三四五六七八九十百]|一[百二三四五六七八九十点])")
_NOT_HERE_EN = re.compile(r"\bhow (?:do|to|can|should) i (?:make|cook|bake)|\brecipes?\b|\bmedicines?\b"
                          r"|medications?|\bpills?\b|tablets?|insulin|metformin|\bdrugs?\b|\blower"
                          r"|\breduce|\bcure|\bbring (?:it|\w+) down|\blow blood sugar|\bhypo|\d"
                          r"|\bshak(?:y|ing)|trembl|sweat|dizzy|faint|unwell|\bsick\b|\bpain|\bhurts?\b"
                          r"|nause", re.I)
_CLAUSE = re.compile(r"[^，。？！；,.?!;]+")
_DOCTOR = re.compile(r"医生|doctor", re.I)


def _first(found: tuple[tuple[str, re.Pattern[str]], ...], text: str) -> list[tuple[int, int, str, str]]:
    """``(start, order, kind, words)`` of each kind found in ``text``, the earliest first."""
    hits = [(match.start(), order, kind, match.group()) for order, (kind, pattern) in enumerate(found)
            if (match := pattern.search(text))]
    return sorted(hits)


def _foods(text: str, en: bool) -> list[tuple[str, str]]:
    """``(kind, words)`` of each food named in ``text``: those of a clause that asks first
    ("医生让我少吃甜的，那水果能吃吗" asks of fruit), then as said; a word in a longer one is none ("鸡蛋"
    is no 鸡, "葡萄酒" no 葡萄)."""
    hits = sorted((match.start(), order, match.end(), kind, match.group())
                  for order, (kind, pattern) in enumerate(_FOODS_EN if en else _FOODS_ZH)
                  for match in pattern.finditer(text))
    kept: list[tuple[int, int, str, str]] = []
    for start, _, end, kind, words in hits:
        if not kept or start >= kept[-1][1]:
            kept.append((start, end, kind, words))
    asking = [(clause.start(), clause.end()) for clause in _CLAUSE.finditer(text)
              if (_ASKS_EN if en else _ASKS_ZH).search(clause.group())]
    kept.sort(key=lambda hit: not any(start <= hit[0] < end for start, end in asking))  # stable: as said
    return [(kind, words) for _, _, kind, words in kept]


def question(text: str, language: str) -> tuple[str, str, str] | None:
    """``(condition, food kind, food words)`` when ``text`` asks what she may eat or drink with a condition
    she names, else None: the food asked of first, and of two conditions the one with advice for it."""
    en = language == "en"
    if len(text) > 120 or (_NOT_HERE_EN if en else _NOT_HERE_ZH).search(text):
        return None
    if not (_ASKS_EN if en else _ASKS_ZH).search(text):
        return None
    conditions = _first(_CONDITIONS_EN if en else _CONDITIONS_ZH, text)
    foods = _foods(_CONDITION_WORDS.sub(lambda found: " " * len(found.group()), text), en)
    if not conditions or not foods:
        return None
    food, words = foods[0]
    condition = next((kind for _, _, kind, _ in conditions if (kind, food) in LINE_ZH), conditions[0][2])
    return condition, food, words


def advice(text: str, language: str) -> tuple[str, str] | None:
    """``(condition, reply)`` when ``text`` asks what she may eat or drink with a chronic condition
    ("sugar", "pressure", "gout", "lipids", "kidney", "stomach"), else None."""
    if (asked := question(text, language)) is None:
        return None
    condition, food, words = asked
    if language == "en":
        line = LINE_EN.get((condition, food)) or DEFAULT_EN.get(
            food, GENERIC_EN.format(food=words.lower())) + CORE_EN[condition]
        reply = OPENER_EN[condition] + line
    else:
        line = LINE_ZH.get((condition, food)) or DEFAULT_ZH.get(
            food, GENERIC_ZH.format(food=words, verb="喝" if food in _DRINKS else "吃")) + CORE_ZH[condition]
        reply = OPENER_ZH[condition] + line
    if not _DOCTOR.search(reply):
        reply += TAIL_EN if language == "en" else TAIL_ZH
    return condition, reply
