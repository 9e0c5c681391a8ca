"""Folk remedies, supplements and health products said to cure: the honest answer is written here.

Asked "醋泡黑豆能降血糖吗？", the shipped 1.5B model said "醋泡黑豆可以降血糖" (discovery 9,
2026-12-01), and "我想买那个三千块的灵芝孢子粉，对身体好吗？" got "对身体有益" — an elder may stop her
medicine or spend her savings on it. A question is one of these when a food, a drink, a folk recipe
(偏方, 泡酒, 生吃), a supplement or a health product is asked to treat, cure, lower or unclog an illness or
a reading ("cure"), to stand in for her prescribed medicine ("replace"), or is a costly product she thinks
of buying ("product"). The answer: no food or product has been shown to cure it, it never replaces the
medicine, she stops or cuts none on her own, the doctor decides; a dear product that promises much is a
warning sign, talk it over with the family.
Healthy eating ("高血压的人饮食要注意什么"), a recipe, exercise or less salt, the medicine itself
(dose_safety's) go on as before. Pure logic.
"""

from __future__ import annotations

import re

# Her prescribed medicine, by kind or name (the pharmacy and a medicinal wine are not it).
_MED = re.compile(r"[降压糖脂血中西]*药(?![店房酒膳材]|剂师)|他汀|二甲双胍|阿司匹林|胰岛素|华法林|氯吡格雷"
                  r"|[\u4e00-\u9fff]{1,2}地平|[\u4e00-\u9fff]{1,2}沙坦|[\u4e00-\u9fff]{1,2}普利")
# An illness or a reading that a remedy is said to mend, or to hold down.
_HELD = r"(?:控制住|稳住|压下来|压住|降住)"
_ILL = (r"(?:病|癌|瘤|炎|症|血栓|斑块|结节|增生|息肉|风湿|失眠|痛风|三高|血压|血糖|血脂|胆固醇|尿酸"
        r"|老寒腿|中风|脑梗|心梗|疼|痛)")
_CURE = re.compile(
    rf"(?:治|医好|医治|抗(?!炎)|防|杀|克|消(?!炎))(?:好|愈|住|掉)?[^，。？！、吗呢]{{0,5}}?{_ILL}"
    r"|降(?:血压|压|血糖|糖|血脂|脂|胆固醇|尿酸|三高)(?![药要片])"
    rf"|把[^，。？！]{{0,6}}?{_ILL}[^，。？！]{{0,3}}(?:降下来|降下去|降低|降了|治好|治住|去掉|消掉|{_HELD})"
    rf"|{_ILL}[^，。？！]{{0,4}}(?:断根|除根|根治|治好|治愈|降下来|能降|会降|{_HELD})"
    rf"|(?:控制|稳住|稳定|调节)(?:住)?(?:血压|血糖|血脂)"
    r"|(?:软化|疏通|打通|通|清|洗|净化)(?:一下)?血管|血管[^，。？！]{0,3}(?:通了|软了|干净)"
    r"|(?:溶|化|清|消|通)(?:掉)?(?:血栓|斑块)|百病|包治|治病")
# Her medicine stopped, cut or swapped for something else ("◆": her medicine, masked).
_REPLACE = re.compile(r"停|断药|不(?:用|必|需要)(?:再)?吃|不(?:再)?吃(?:了|◆)|别吃了"
                      r"|代替|替代|顶替|取代|换成|换掉|当药"
                      r"|改(?:吃|喝|用|成)|(?:少|不用?)(?:打|用)|少吃(?:点|些)"
                      r"|比[^，。？！]{0,8}(?:管用|好使|强|灵)|减半|减量|少吃[一二两半点]|还(?:用|要|需要|得)"
                      r"[^，。？！]{0,4}吃")
# A health product, a folk recipe or drink (not an everyday food, fine in normal meals).
_PRODUCT = re.compile(r"保健品|营养品|补品|口服液|胶囊|孢子粉|灵芝|虫草|蜂王浆|蜂胶|鱼油|酵素"
                      r"|量子|磁疗|理疗|辅酶|降[压糖脂]茶|酒"
                      r"|益生菌|维生素|蛋白粉|胶原蛋白|护膝|护腰|远红外|红外线"
                      r"|治疗仪|按摩[椅器仪]|床垫|项链|手环|手链|鞋垫|水杯|富氢|氢水|负离子|纳豆激酶|保健"
                      r"|燕窝|阿胶|海参|人参|三七|神药|偏方|土方|秘方|方子|泡酒|酒泡|药酒|生吃|艾灸|拔罐|刮痧")
# Eating or drinking something that is not her medicine ("吃了◆" is the medicine, masked; "少吃一样",
# "还要吃" are more or less of it).
_TAKEN = re.compile(r"(?<![少不多接要用得◆])(?:吃|喝|泡|煮|榨|炖|嚼|涂|敷|戴|贴)"
                    r"(?!(?:了|点|些|上|着)?(?:◆|[吗呢吧啊的，。？！]|$))"
                    r"|[\u4e00-\u9fff](?:汁|茶|粉|油|汤|醋|酒|籽|须|膏|丸|片)")
# A thing said to do it, first in its clause ("秋葵能不能降血糖"): not a person, an illness, a question
# word or the asking itself ("能不能把◆换成…").
_SUBJECT = re.compile(r"(?:^|[，。？！])(?:听说|据说|都说|人家说|有人说)?(?:这个|那个|这|那)?"
                      r"([\u4e00-\u9fff]{1,6}?)(?:真的|是不是|到底|真|就|也)?(?:能|可以)")
_NO_SUBJECT = re.compile(rf"[我你他她它咱谁人能不可要会想]|医生|大夫|什么|怎么|哪|{_ILL}")
# Exercise, less salt, weight, sleep, a doctor's care: these do help, and are no remedy to warn of.
_NOT_REMEDY = re.compile(r"散步|走路|运动|锻炼|太极|跳舞|爬山|游泳|减肥|瘦|少吃|少盐|低盐|吃淡"
                         r"|戒烟|戒酒|少喝酒|睡好|早睡|控制饮食|管住嘴|心情"
                         r"|针灸|推拿|手术|康复|输液|打针|疫苗|化疗|放疗|透析|支架")
# A dear product, or the wish to buy one.
_PRICE = re.compile(r"[\d一二两三四五六七八九十百千万几]+多?(?:块|元|万)"
                    r"|一(?:盒|瓶|疗程|个疗程|套|台|罐)[^，。？！]{0,3}[\d一二两三四五六七八九十百千万]+"
                    r"|想买|要不要买|该不该买|值得买|值不值|买来|买不买|打算买|准备买|推销")

_EN_MED = (r"(?:pills?|medicines?|medications?|tablets?|drugs?|metformin|statins?|aspirin|insulin|warfarin"
           r"|prescriptions?)")
_EN_ILL = (r"(?:blood pressure|hypertension|blood sugar|diabetes|cholesterol|cancer|tumou?rs?|arthritis|gout"
           r"|rheumatism|arteries|blood clots?|clots?|insomnia|heart disease|stroke|illness|disease)")
_EN_CURE = re.compile(rf"\b(?:cures?|cured|treats?|heals?|reverses?|lowers?|lowering|reduces?"
                      rf"|brings? down|unclogs?|clears?|dissolves?|fights?|kills?|gets? rid of|fix(?:es)?)\b"
                      rf".{{0,25}}\b{_EN_ILL}"
                      rf"|\b{_EN_ILL}\b.{{0,12}}\bcured\b", re.I)
_EN_REPLACE = re.compile(rf"\b(?:stop|quit|skip|replace|replacement|instead of|swap|substitute|come off"
                         rf"|give up|cut down|cut back|halve|no longer need|do without)\b"
                         rf".{{0,30}}\b{_EN_MED}\b"
                         rf"|\b{_EN_MED}\b.{{0,30}}\b(?:replacement|substitute|instead)\b", re.I)
_EN_PRODUCT = re.compile(r"\b(?:supplements?|capsules?|powder|spore|reishi|lingzhi|ganoderma|royal jelly"
                         r"|propolis|enzymes?|fish oil|quantum|magnetic|magnets?|bracelet|necklace|mattress"
                         r"|device|gadget"
                         r"|ginseng|cordyceps|folk remed\w*|remed(?:y|ies)|wine|raw)\b", re.I)
_EN_TAKEN = re.compile(r"\b(?:eat\w*|drink\w*|juice|tea|vinegar|garlic|ginger|onions?|cinnamon|turmeric|honey"
                       r"|beans?|seeds?|herbs?|herbal|oil|celery|bitter melon|okra|food)\b", re.I)
_EN_LIFESTYLE = re.compile(r"\b(?:walk\w*|exercis\w*|salt|weight|sleep\w*|smoking|swim\w*|yoga|tai chi)\b",
                           re.I)
_EN_PRICE = re.compile(r"\b(?:buy|buying|worth|costs?|\d+ ?(?:yuan|kuai|dollars|pounds))\b|[$¥£]\d", re.I)


def _zh_kind(said: str) -> str | None:
    """The kind of remedy question in Chinese words, or None."""
    masked = _MED.sub("◆", said)
    product = _PRODUCT.search(masked) is not None
    named = any(not _NO_SUBJECT.search(found) for found in _SUBJECT.findall(masked))
    if not (product or named or _TAKEN.search(masked)):
        return None
    if "◆" in masked:  # her medicine named: only its swap for the remedy is asked here
        return "replace" if _REPLACE.search(masked) else None
    if _NOT_REMEDY.search(masked) or re.search(r"什么|哪些|哪种|哪样", masked):
        return None  # exercise, a doctor's care, or what to eat in general ("吃什么能降血压"): the LLM's
    if product and _PRICE.search(masked):
        return "product"
    return "cure" if _CURE.search(masked) else None


def _en_kind(said: str) -> str | None:
    """The kind of remedy question in English words, or None."""
    product = _EN_PRODUCT.search(said) is not None
    if not (product or _EN_TAKEN.search(said)) or _EN_LIFESTYLE.search(said):
        return None
    if not product and re.search(r"\bwhat (?:should|can|do|could) i (?:eat|drink|have)\b"
                                 r"|\b(?:what|which) foods?\b", said, re.I):
        return None  # what to eat in general ("What should I eat to lower my cholesterol?"): the LLM's
    if _EN_REPLACE.search(said):
        return "replace"
    if re.search(rf"\b{_EN_MED}\b", said, re.I):
        return None
    if product and _EN_PRICE.search(said):
        return "product"
    return "cure" if _EN_CURE.search(said) else None


def remedy_question(text: str) -> tuple[str, bool] | None:
    """``(kind, product)`` when ``text`` asks whether a remedy cures ("cure"), may replace her medicine
    ("replace") or is worth its price ("product"); ``product``: a health product or folk recipe is named, not
    an everyday food. None otherwise."""
    said = text.strip()
    if not said:
        return None
    if re.search(r"[\u4e00-\u9fff]", said):
        kind = _zh_kind(said)
        return None if kind is None else (kind, _PRODUCT.search(_MED.sub("◆", said)) is not None)
    kind = _en_kind(said)
    return None if kind is None else (kind, _EN_PRODUCT.search(said) is not None)


_REPLY_ZH = {
    "food": "单靠吃这个治不了病，也代替不了药。当平常饭菜吃点没关系，"
            "医生开的药照常吃，别自己停，拿不准就问问医生。",
    "cure": "偏方、保健品说能治病，都没有被证明过，有的还伤身体。"
            "医生开的药照常吃，别自己停；想试什么，先问问医生，也跟家里人商量商量。",
    "replace": "千万别自己停药、减药。吃的、喝的、保健品都代替不了医生开的药，停了病可能加重。"
               "想调药，先问问医生。",
    "product": "花大价钱买保健品要当心，说得越神越可能是坑，没有哪样被证明能治病。"
               "先别急着买，跟家里人商量商量，也问问医生；医生开的药照常吃。",
}
_REPLY_EN = {
    "food": "No single food can treat that illness or take the place of your medicine. It's fine as part "
            "of normal meals, but keep taking your medicine as prescribed, and ask your doctor if unsure.",
    "cure": "Folk remedies and health products that claim to cure illness have not been shown to work, and "
            "some can do harm. Keep taking your prescribed medicine, and ask your doctor and your family "
            "first.",
    "replace": "Please don't stop or cut your medicine on your own. No food, drink or supplement can replace "
               "it, and stopping may make you worse. Ask your doctor before changing anything.",
    "product": "Be careful with expensive health products: the bigger the promise, the likelier a trap, and "
               "none has been shown to cure illness. Talk it over with your family and your doctor before "
               "buying.",
}


def advice(text: str, language: str) -> tuple[str, str] | None:
    """``(kind, reply)`` for a question whether a remedy cures, replaces the medicine or is worth buying, in
    ``language``; None when ``text`` asks none."""
    found = remedy_question(text)
    if found is None:
        return None
    kind, product = found
    replies = _REPLY_EN if language == "en" else _REPLY_ZH
    return kind, replies["food" if kind == "cure" and not product else kind]
