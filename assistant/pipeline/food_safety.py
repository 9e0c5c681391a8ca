"""Food that can make her ill however it is cooked: the safe answer is written here, never the LLM's.

Asked "发芽的土豆还能吃吗？", "山上采的野蘑菇能炒着吃吗？" or "发霉的花生洗洗还能吃吗？", the shipped
1.5B model says yes often enough (discovery 9, 2026-12-01) — and an elder who throws nothing away acts
on it. A question is one of these when it names such a food *and* asks whether it may be eaten, or how
long it keeps or cooks ("剩菜放冰箱能放几天", "扁豆要炒多久才没毒"); a recipe ("土豆丝怎么炒好吃")
goes to the LLM. Someone already ill after eating is the emergency path's, before this is asked.
Pure logic.
"""

from __future__ import annotations

import re

_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("mushroom", re.compile(r"(?:野|采|摘|捡|山上|山里|路边|公园|树林|林子|地里|草地)[^，。？]{0,8}"
                            r"(?:蘑菇|菌子|菌|蘑)|野生菌|野菌|野蘑菇"
                            r"|\b(?:wild|picked|foraged)\b.{0,30}\bmushrooms?\b", re.I)),
    ("mould", re.compile(r"发霉|霉了|霉味|霉点|长霉|长毛|长了[^，。？]{0,4}毛|\bmou?ldy?\b", re.I)),
    ("sprouted", re.compile(r"(?:土豆|马铃薯|洋芋|山药蛋)[^，。？]{0,8}"
                            r"(?:芽|发绿|发青|变绿|绿了|青了|绿皮|皮绿)"
                            r"|(?:发芽|长芽|出芽|发绿|发青)的?(?:土豆|马铃薯|洋芋)"
                            r"|\bpotato(?:es)?\b.{0,30}\b(?:sprout\w*|green)\b", re.I)),
    ("beans", re.compile(r"(?:四季豆|豆角|扁豆|芸豆|刀豆|菜豆)[^，。？]{0,8}"
                         r"(?:生|熟|夹生|多久|毒)"
                         r"|豆浆[^，。？]{0,8}(?:熟|冒泡|生|开了)"
                         r"|\b(?:green |runner |kidney )?beans?\b.{0,30}"
                         r"\b(?:undercooked|raw|not (?:fully |properly )?cooked)\b", re.I)),
    ("leftover", re.compile(r"隔夜|隔天|剩菜|剩饭|剩米饭|剩的|剩下的|昨天的菜|昨晚的菜"
                            r"|放了(?:一|两|三|四|五|几|好几|[0-9])天|一天一夜"
                            r"|\bleftovers?\b|\blast night's\b", re.I)),
    ("expired", re.compile(r"过期|过了保质期|保质期|放了(?:一|两|三|几|好几|[0-9]+)个(?:多)?月"
                           r"|\bpast (?:its|the) (?:date|best|sell)|\bexpired\b|\bout of date\b", re.I)),
)
# Asks whether it may be eaten, or how long it keeps or cooks.
_ASKS = re.compile(r"能吃|能不能吃|还能|能喝|能不能喝|能炒|能炖|能煮|能不能[炒炖煮蒸]|可以吃|吃得|能用|"
                   r"要紧|有毒|没毒|有没有毒|安全|行不行|行吗|能行|熟了吧|就算熟|算熟|多久|几天|"
                   r"要不要扔|扔不扔|吃不|喝不|能[^，。？]{0,2}吗|会怎么?样|怎么办|"
                   r"\b(?:can i|is it (?:safe|okay|ok|alright)|are they (?:safe|okay|ok)|safe to|okay to"
                   r"|ok to|still (?:good|eat|drink)|how long)\b", re.I)
# Food or eating is named: "会员过期了还能用吗" and "衣服发霉了还能穿吗" are not about food.
_FOOD = re.compile(r"吃|喝|炒|炖|煮|蒸|熟|毒|菜|饭|汤|肉|奶|蛋|面|米|豆|花生|玉米|馒头|饼|罐头"
                   r"|土豆|马铃薯|洋芋|山药蛋|蘑菇|菌|食"
                   r"|\b(?:eat|drink|cook|food|milk|bread|rice|yog(?:h)?urt|meat|beans?|potato(?:es)?|mushrooms?"
                   r"|leftovers?)\b", re.I)
# A recipe or a taste: the LLM's ("土豆丝怎么炒好吃", "剩米饭能做什么好吃的"); a medicine is dose_safety's
# ("过期的药还能吃吗").
_NOT_HERE = re.compile(r"怎么[做炒炸炖蒸煮]|好吃|做什么|做啥|药|\bhow (?:do i|to) (?:make|cook)\b"
                       r"|\bwhat can i (?:cook|make)\b|\b(?:medicines?|pills?|tablets?|drugs?)\b", re.I)

_REPLY_ZH = {
    "mushroom": "野蘑菇千万别吃。有毒的和没毒的长得很像，专家都难分清，炒熟煮透也去不掉毒。"
                "想吃蘑菇就买菜市场、超市卖的。要是已经吃了，觉得恶心、肚子疼，马上去医院。",
    "mould": "发霉的东西别吃了。花生、玉米、大米发霉会长黄曲霉毒素，洗、晒、煮都去不掉；"
             "掰掉发霉的那块也不行，霉早长到里面了，整个扔掉吧。",
    "sprouted": "发芽或者皮发绿的土豆有毒，煮熟了毒也去不掉。芽多、发绿的整个扔掉；"
                "只冒一两个小芽的，要把芽眼连周围一大块挖掉、削掉皮，吃着发苦发麻就别吃了。",
    "beans": "四季豆、豆角、扁豆一定要炒熟焖透，颜色变暗、没有生豆味才行，没熟的吃了会恶心呕吐。"
             "豆浆冒泡是假开，要再小火煮五到十分钟。",
    "leftover": "剩菜要晾凉了盖好放冰箱，吃之前烧开热透，最好一两天内吃完。在外面放了一夜的、"
                "放了三天以上的、闻着味不对的，就别吃了；凉拌菜和海鲜最好别隔夜。",
    "expired": "过了保质期的就别吃了，尤其是牛奶、酸奶、熟食和罐头，罐头鼓起来的一定扔掉。"
               "舍不得也别冒险，吃坏了肚子更伤身。",
}
_REPLY_EN = {
    "mushroom": "Please don't eat wild mushrooms. Poisonous ones look like safe ones, and cooking does not "
                "remove the poison. Buy mushrooms from the market. If you ate some and feel sick, go to a "
                "hospital now.",
    "mould": "Please throw mouldy food away. Mould on nuts, grain or bread goes deeper than you can see, "
             "and washing, drying or cooking does not remove its poison.",
    "sprouted": "Sprouted or green potatoes are poisonous, and cooking does not help. Throw away ones with "
                "many sprouts or green skin; for one or two small sprouts, cut them out deeply and peel it.",
    "beans": "Green beans must be cooked right through, until they darken and lose the raw taste; "
             "undercooked ones make you sick. Soy milk must simmer five to ten minutes after it foams.",
    "leftover": "Cool leftovers, cover them, keep them in the fridge, heat them through, and eat them within "
                "a day or two. Throw away food left out overnight, kept over three days, or smelling off.",
    "expired": "Please don't eat food past its date, especially milk, yogurt, cooked meat and tins; a "
               "bulging tin must go in the bin. It isn't worth an upset stomach.",
}


def advice(text: str, language: str) -> tuple[str, str] | None:
    """``(kind, reply)`` when ``text`` asks whether a risky food may be eaten ("mushroom", "mould",
    "sprouted", "beans", "leftover", "expired"), else None."""
    if len(text) > 120 or _NOT_HERE.search(text) or not (_ASKS.search(text) and _FOOD.search(text)):
        return None
    for kind, pattern in _KINDS:
        if pattern.search(text):
            return kind, (_REPLY_EN if language == "en" else _REPLY_ZH)[kind]
    return None
